"""The registry: every treaty casus knows, loaded and cross-checked as one collection.

The embedded default is the folder of YAML files shipped in ``casus/registry/treaties``;
callers may pass their own files or folders instead (or as well). Checks that span files live
here: duplicate ids, ``supersedes`` and ``ended.by`` pointing at treaties that exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

from casus.errors import DataError, Problem, UnknownNameError
from casus.model.geography import Contiguity
from casus.model.load import treaty_from_file
from casus.model.treaty import Treaty

EMBEDDED = Path(str(files("casus") / "registry" / "treaties"))


@dataclass(frozen=True)
class Registry:
    """An immutable, validated set of treaties keyed by id."""

    treaties: dict[str, Treaty]
    files: dict[str, Path] = field(default_factory=dict)
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
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
        elif p.exists():
            found.append(p)
        else:
            raise DataError([Problem(str(p), "no such file or folder")])
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
    if problems:
        raise DataError(problems)
    return registry


def _collect(paths: tuple[Path, ...]) -> tuple[Registry, list[Problem]]:
    """Load what is valid and list every problem (per file, then across files)."""
    problems: list[Problem] = []
    treaties: dict[str, Treaty] = {}
    where: dict[str, Path] = {}
    for path in paths:
        try:
            t = treaty_from_file(path)
        except DataError as e:
            problems += e.problems
            continue
        if t.id in treaties:
            problems.append(Problem(str(path), f"duplicate id {t.id!r} (also in {where[t.id]})",
                                    None, "id"))
            continue
        treaties[t.id] = t
        where[t.id] = path
    for t in treaties.values():
        refs = [("supersedes", r) for r in t.supersedes]
        if t.ended and t.ended.by:
            refs.append(("ended.by", t.ended.by))
        for fld, ref in refs:
            if ref not in treaties:
                hint = difflib.get_close_matches(ref, list(treaties), n=3)
                problems.append(Problem(str(where[t.id]), f"refers to unknown treaty {ref!r}"
                                        + (f" (did you mean {', '.join(hint)}?)" if hint else ""),
                                        None, fld))
    return Registry(treaties=treaties, files=where), problems


def validate_paths(paths: Iterable[str | Path]) -> Registry:
    """What ``casus validate`` runs: check exactly these files, with cross-file checks.

    References to treaties outside the given files are resolved against the embedded
    registry, so a curator can validate one new file that supersedes an existing one; only
    problems in the given files are reported.
    """
    given = _treaty_files(paths)
    if not given:
        raise DataError([Problem(", ".join(map(str, paths)), "no treaty files found")])
    own = {p.name for p in given}
    context = [p for p in _treaty_files([EMBEDDED]) if p.name not in own]
    registry, problems = _collect(tuple(given + context))
    mine = {str(p) for p in given}
    problems = [p for p in problems if p.file in mine]
    if problems:
        raise DataError(problems)
    keep = {tid for tid, p in registry.files.items() if str(p) in mine}
    return Registry({k: v for k, v in registry.treaties.items() if k in keep},
                    {k: v for k, v in registry.files.items() if k in keep})
