"""The registry: every treaty casus knows, loaded and cross-checked as one collection.

The embedded default is the folder of YAML files shipped in ``casus/registry/treaties``;
callers may pass their own files or folders instead (or as well). Checks that span files live
here: duplicate ids, ``supersedes`` and ``ended.by`` pointing at treaties that exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

from casus._yaml import is_yaml_name, read_yaml_with_lines
from casus.errors import DataError, PathError, Problem, UnknownNameError
from casus.model.geography import Contiguity
from casus.model.load import checked_treaty
from casus.model.treaty import Treaty

EMBEDDED = Path(str(files("casus") / "registry" / "treaties"))


@dataclass(frozen=True)
class Registry:
    """An immutable, validated set of treaties keyed by id."""

    treaties: dict[str, Treaty]
    files: dict[str, Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    #: Direct contiguity of states (:class:`casus.model.geography.Contiguity`), when the
    #: user supplied it: location conditions read by contiguity use it.
    contiguity: Contiguity | None = None

    def __iter__(self) -> Iterator[Treaty]:
        return iter(self.treaties.values())

    def __len__(self) -> int:
        return len(self.treaties)

    def get(self, treaty_id: str) -> Treaty:
        """The treaty with this id, or an error suggesting close ids and names."""
        if treaty_id in self.treaties:
            return self.treaties[treaty_id]
        folded = treaty_id.casefold()
        for t in self:
            if folded in (n.casefold() for n in t.short_names):
                return t
        names = {t.id: t.id for t in self} | {n.casefold(): t.id for t in self
                                                for n in t.short_names}
        close = difflib.get_close_matches(folded, list(names), n=5, cutoff=0.5)
        raise UnknownNameError("treaty", treaty_id, list(dict.fromkeys(names[c] for c in close)))

    def in_force_on(self, on: date) -> list[Treaty]:
        """Treaties in force on a date (an unknown date counts as possibly in force)."""
        return [t for t in self if t.in_force_on(on) is not False]

    def select(self, in_force_on: date | None = None, party: str | None = None) -> list[Treaty]:
        """Treaties in force on a date and/or with a party (a state code), oldest first.

        With both, the party must have been bound on that date; with ``party`` alone, ever.
        """
        found = self.in_force_on(in_force_on) if in_force_on else list(self)
        if party is not None:
            found = [t for t in found if party in (t.members_on(in_force_on) if in_force_on
                                                   else t.parties)]
        return sorted(found, key=lambda t: (t.signed.known or date.min, t.id))

    def superseded_by(self, treaty_id: str) -> list[Treaty]:
        """Treaties that declare they replace ``treaty_id``."""
        return [t for t in self if treaty_id in t.supersedes]


def _treaty_files(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        try:
            if p.is_dir():
                found += sorted(f for f in p.iterdir() if is_yaml_name(f)
                                and not f.name.startswith("."))
            elif p.exists() or p.is_symlink():
                found.append(p)  # read (or refused, with the reason) by the safe reader
            else:
                problems.append(Problem(str(p), "no such file or folder"))
        except OSError as e:
            problems.append(Problem(str(p), f"cannot read: {e.strerror or e}"))
    if problems:
        raise PathError(problems)
    return found


def load_registry(paths: Iterable[str | Path] | None = None) -> Registry:
    """Load and cross-check treaty files (default: the embedded registry).

    Every problem in every file is collected and raised together as one :class:`DataError`;
    nothing is returned unless everything is valid.
    """
    if paths is None:
        return _embedded()
    return _load(tuple(_treaty_files(paths)))


@cache
def _embedded() -> Registry:
    return _load(tuple(_treaty_files([EMBEDDED])))


def _load(paths: tuple[Path, ...]) -> Registry:
    registry, problems = _collect(paths)
    _raise(problems)
    return registry


def _collect(paths: tuple[Path, ...], *, places: frozenset[Path] = frozenset(),
             known_place: Callable[[str], bool] | None = None,
             context: dict[str, tuple[Path, list[tuple[str, str]]]] | None = None,
             ) -> tuple[Registry, list[Problem]]:
    """Load what is valid and list every problem (per file, then across files).

    The files in ``places`` also have their place ids looked up in the gazetteer. ``context``
    maps the ids of other treaties (not loaded) to their file and the ids they refer to, for
    the cross-file checks.
    """
    context = context or {}
    problems: list[Problem] = []
    unreadable: list[Problem] = []  # paths that could not be read as files (PathError): first
    warnings: list[Problem] = []
    treaties: dict[str, Treaty] = {}
    where: dict[str, Path] = {}
    for path in paths:
        try:
            t, warned = checked_treaty(path, places=known_place if path in places else None)
        except PathError as e:
            unreadable += e.problems
            continue
        except DataError as e:
            problems += e.problems
            continue
        if t.id in treaties or t.id in context:
            other = where[t.id] if t.id in treaties else context[t.id][0]
            problems.append(Problem(str(path), f"duplicate id {t.id!r} (also in {other})",
                                    None, "id"))
            continue
        warnings += warned
        treaties[t.id] = t
        where[t.id] = path
    known = set(treaties) | set(context)
    for t in treaties.values():
        for fld, ref in _references(t):
            if ref not in known:
                hint = difflib.get_close_matches(ref, sorted(known), n=3)
                problems.append(Problem(str(where[t.id]), f"refers to unknown treaty {ref!r}"
                                        + (f" (did you mean {', '.join(hint)}?)" if hint else ""),
                                        None, fld))
    edges = _successions({tid: _references(t) for tid, t in treaties.items()}
                         | {tid: refs for tid, (_, refs) in context.items()})
    for cycle in _cycles(edges):
        mine = [tid for tid in cycle if tid in where]
        if mine:
            problems.append(Problem(str(where[mine[0]]), "supersession cycle: "
                                    + " -> ".join([*cycle, cycle[0]]), None, "supersedes"))
    return Registry(treaties=treaties, files=where, warnings=warnings), unreadable + problems


def _raise(problems: list[Problem]) -> None:
    """One error for every problem: a :class:`PathError` (exit 2) when each is about a path that
    could not be read as a file, else a :class:`DataError`."""
    if problems:
        unreadable = all(p.message.startswith(("cannot read", "not a regular file",
                                               "no such file")) for p in problems)
        raise (PathError if unreadable else DataError)(problems)


def _successions(refs: dict[str, list[tuple[str, str]]]) -> dict[str, list[str]]:
    """Newer treaty -> the treaties it replaced (``supersedes`` points back, ``ended.by``
    forward: A supersedes B and B ended by A are one edge, A -> B)."""
    edges: dict[str, list[str]] = {tid: [] for tid in refs}
    for tid, pairs in refs.items():
        for fld, ref in pairs:
            if fld == "supersedes":
                edges[tid].append(ref)
            else:
                edges.setdefault(ref, []).append(tid)
    return edges


def _references(t: Treaty) -> list[tuple[str, str]]:
    refs = [("supersedes", r) for r in t.supersedes]
    if t.ended and t.ended.by:
        refs.append(("ended.by", t.ended.by))
    return refs


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """``no-supersession-cycle``: each cycle of supersedes/ended.by, found once (linear DFS).

    A treaty naming itself is reported by the per-file rule ``self-supersession``.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in state:
            continue
        path: list[str] = [root]
        stack = [iter(sorted(set(edges.get(root, ()))))]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif nxt == path[-1] or nxt not in edges:
                continue
            elif state.get(nxt) == 1:
                found.append(path[path.index(nxt):])
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(set(edges[nxt]))))
    return found


def _context_refs(files: tuple[Path, ...]) -> dict[str, tuple[Path, list[tuple[str, str]]]]:
    """For treaties not being validated: id -> (file, references), read without validating
    them (a curator validating one file should not wait for all the others). Cached in the
    user's cache folder, keyed by the files' names, sizes and modification times."""
    import hashlib

    from casus._cache import cached_json

    stamp = hashlib.sha256()
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        stamp.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    raw = cached_json(f"treaty-refs-{stamp.hexdigest()[:20]}.json",
                      lambda: _read_refs(files), prefix="treaty-refs-")
    return {tid: (Path(f), [(a, b) for a, b in refs]) for tid, (f, refs) in raw.items()}


def _read_refs(files: tuple[Path, ...]) -> dict[str, list]:
    out: dict[str, list] = {}
    for path in files:
        try:
            data, _ = read_yaml_with_lines(path)
        except DataError:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            continue
        sup = data.get("supersedes")
        refs = [("supersedes", r) for r in (sup if isinstance(sup, list) else [])
                if isinstance(r, str)]
        ended = data.get("ended")
        if isinstance(ended, dict) and isinstance(ended.get("by"), str):
            refs.append(("ended.by", ended["by"]))
        out[data["id"]] = [str(path), refs]
    return out


def validate_paths(paths: Iterable[str | Path], *,
                   known_place: Callable[[str], bool] | None = None) -> Registry:
    """What ``casus validate`` runs: check exactly these files, with cross-file checks.

    References to treaties outside the given files are resolved against the embedded
    registry (read for their ids and references only), so a curator can validate one new file
    that supersedes an existing one; only problems in the given files are reported. With
    ``known_place`` (``casus validate`` passes :func:`casus.gazetteer.has_place`) every place id
    is checked; warnings (a source never cited) are returned on the registry.
    """
    paths = list(paths)
    given = _treaty_files(paths)
    if not given:
        raise DataError([Problem(", ".join(map(str, paths)) or "(no path)",
                                 "no treaty files found (*.yaml or *.yml)")])
    own = {p.stem.casefold() for p in given}  # a given file replaces the embedded one
    mine = {p.resolve() for p in given}
    context = _context_refs(tuple(p for p in _treaty_files([EMBEDDED])
                                  if p.stem.casefold() not in own and p.resolve() not in mine))
    registry, problems = _collect(tuple(given), places=frozenset(given),
                                  known_place=known_place, context=context)
    _raise(problems)
    return registry
