"""One call for the CLI: ``casus frames dyad-years --atop DIR --from Y --to Y [--directed]``.

:func:`dyad_year_frame` reads the user's ATOP member-level file and COW state list, builds the
dyad-year skeleton and adds the ATOP columns — peacesciencer's
``create_dyadyears() |> add_atop_alliance()``, from the member-level data. It runs the one-step
:func:`~casus.frames.alliances.dyad_years_with_alliances`, which gives the same frame as
``add_alliances(dyad_years(...))`` without the join.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

import platformdirs
import polars as pl

from casus.errors import InputError
from casus.frames._read import read_members
from casus.frames.alliances import (
    alliance_layout,
    atop_coverage,
    dyad_years_with_alliances,
    expand_layout,
)
from casus.frames.similarity import alliance_similarity
from casus.frames.skeleton import dyad_years, state_years
from casus.history.atop import (
    check_member_codes,
    find_atop_members,
    obligation_spells,
)
from casus.history.cow import read_checked_csv, read_states

__all__ = ["CONTROLS", "STATES_ENV", "add_controls", "dyad_year_frame", "find_atop_members",
           "find_control", "find_states"]

#: The controls ``--with`` names, each with its step and the file names it looks for.
CONTROLS: dict[str, tuple[str, tuple[str, ...]]] = {
    "contiguity": ("add_contiguity", ("cow_contdir.csv", "contdir.csv")),
    "capdist": ("add_capital_distance", ("cow_capitals.csv", "capitals.csv")),
    "majors": ("add_cow_majors", ("cow_majors.csv", "majors2016.csv")),
    "wars": ("add_cow_wars", ("cow_war_inter.csv",)),
}

#: Environment variable naming the COW state-system file when no path is passed.
STATES_ENV = "CASUS_COW_STATES"
_STATE_NAMES = ("states2016.csv", "cow_states.csv", "states.csv")



def find_states(states_path: str | Path | None, atop_dir: str | Path | None = None) -> Path:
    """The COW state-system file: ``states_path``, else ``$CASUS_COW_STATES``, else a
    ``states2016.csv``/``cow_states.csv`` beside the ATOP files, else one in casus' user data
    folder. Raises :class:`InputError` saying where it looked."""
    if states_path is not None:
        return Path(states_path)
    tried = []
    if os.environ.get(STATES_ENV):
        return Path(os.environ[STATES_ENV])
    tried.append(f"${STATES_ENV}")
    folders = []
    if atop_dir is not None:
        base = Path(atop_dir)
        folders.append(base if base.is_dir() else base.parent)
    folders.append(Path(platformdirs.user_data_dir("casus")))
    for folder in folders:
        for name in _STATE_NAMES:
            candidate = folder / name
            tried.append(str(candidate))
            if candidate.is_file():
                return candidate
    raise InputError("no COW state-system file (states2016.csv) given; pass its path "
                     f"(looked at {', '.join(tried)})")


def find_control(name: str, folder: str | Path) -> Path:
    """The file of control ``name`` (a key of :data:`CONTROLS`) in ``folder``."""
    if name not in CONTROLS:
        raise InputError(f"unknown control {name!r}; choose from {', '.join(CONTROLS)}")
    tried = [Path(folder) / n for n in CONTROLS[name][1]]
    for path in tried:
        if path.is_file():
            return path
    raise InputError(f"no {name} file: looked for {', '.join(str(p) for p in tried)} "
                     "(peacesciencer's data objects as CSV; pass the folder with --controls)")


def parse_controls(text: str | None) -> list[str]:
    """``"contiguity,capdist"`` → the names, checked, in peacesciencer's pipeline order."""
    if not text:
        return []
    names = [n.strip() for n in text.split(",") if n.strip()]
    bad = [n for n in names if n not in CONTROLS]
    if bad:
        raise InputError(f"unknown control {bad[0]!r} in --with; choose from "
                         f"{','.join(CONTROLS)}, e.g. --with contiguity,capdist,majors,wars")
    return [n for n in CONTROLS if n in names]


def add_controls(frame: pl.DataFrame, names: list[str], folder: str | Path,
                 states: pl.DataFrame | None = None) -> pl.DataFrame:
    """Run the steps ``names`` (from :data:`CONTROLS`) on ``frame`` with the files found in
    ``folder``, in peacesciencer's order: contiguity, capital distance, majors, wars."""
    from casus.frames import controls

    paths = {n: find_control(n, folder) for n in names}   # every file found before any work
    for name in CONTROLS:
        if name in paths:
            frame = getattr(controls, CONTROLS[name][0])(frame, paths[name], states=states)
    return frame


#: The modules whose code turns the input files into frames: a change to any of them makes
#: every cached frame stale (casus' version number does not move with each change).
_READERS = ("frames/pipeline.py", "frames/_read.py", "frames/alliances.py",
            "frames/skeleton.py", "history/atop.py", "history/cow.py")
#: A larger input is read as it is, not hashed and cached (the ATOP and COW files are < 1 MB).
_MAX_SOURCE_BYTES = 64 * 2**20


@functools.lru_cache(maxsize=64)
def _file_digest(path: str, size: int, mtime_ns: int) -> bytes:
    """SHA-256 of a file's bytes, once per process for a file of that size and time (the
    command keys three cached frames on the same input files and reading code)."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).digest()


def _cached(kind: str, sources: list[Path], read: Callable[[], pl.DataFrame]) -> pl.DataFrame:
    """``read()``, or the frame an earlier run read from files with the same bytes.

    Parsing and checking the CSVs is ~30 ms of the command's start (a cached frame reads in
    ~3 ms). See :func:`_cached_frames` for the key and the store."""
    return _cached_frames(kind, sources, lambda: (read(),))[0]


def _cached_frames(kind: str, sources: list[Path],
                   build: Callable[[], tuple[pl.DataFrame, ...]],
                   params: str = "") -> tuple[pl.DataFrame, ...]:
    """``build()``, or the frames an earlier run built from files with the same bytes and the
    same ``params`` (the arguments, as text, that the frames depend on besides the files).

    The key is the SHA-256 of the sources' bytes, of the building code (:data:`_READERS`),
    of polars' version and of ``params``; the frames are kept as Arrow IPC streams, one after
    the other, in the checksummed cache (:mod:`casus._cache`), one file per kind, so a
    changed, truncated or foreign file is built again from the sources. Only frames that
    passed every check are stored: a bad file raises from ``build()`` on each run.
    """
    import hashlib
    import io

    from casus._cache import cache_dir, read_cache, write_cache

    digest = hashlib.sha256(f"{pl.__version__}\0{params}\0".encode())
    try:
        for source in [*sources, *(Path(__file__).parents[1] / m for m in _READERS)]:
            source = Path(source)
            # only regular files of a sane size: a FIFO or /dev/zero is the reader's to refuse
            if not source.is_file() or source.stat().st_size > _MAX_SOURCE_BYTES:
                return build()
            stat = source.stat()
            digest.update(_file_digest(str(source), stat.st_size, stat.st_mtime_ns))
    except OSError:   # the reader says what is wrong with the file
        return build()
    key = digest.hexdigest()
    path = cache_dir() / f"frames-{kind}.arrow"
    found = read_cache(path, f"frames-{kind}")
    if found is not None and found[0].get("key") == key:
        meta, payload = found
        try:
            sizes = [int(n) for n in meta["sizes"]]
            if sum(sizes) == len(payload):
                ends = [sum(sizes[:i + 1]) for i in range(len(sizes))]
                return tuple(pl.read_ipc(io.BytesIO(payload[e - n:e]))
                             for n, e in zip(sizes, ends, strict=True))
        except (KeyError, TypeError, ValueError, pl.exceptions.PolarsError, OSError):
            pass   # a valid checksum over a bad build or an older layout: build again
    frames = build()
    streams = []
    for frame in frames:
        out = io.BytesIO()
        frame.write_ipc(out)
        streams.append(out.getvalue())
    write_cache(path, f"frames-{kind}", b"".join(streams), key=key,
                sizes=[len(b) for b in streams])
    return frames


def dyad_year_frame(atop_dir: str | Path | None, start: int, end: int, directed: bool = True,
                    states_path: str | Path | None = None, *, similarity: bool = False,
                    weights_path: str | Path | None = None, controls: list[str] = (),
                    controls_dir: str | Path | None = None,
                    same_day: bool = False, convention: str = "classic") -> pl.DataFrame:
    """Dyad-years ``start..end`` of the COW system with the five ATOP provision columns.

    ``atop_dir`` is a folder with the ATOP member-level CSV (or the file); ``states_path`` the
    COW state list (see :func:`find_states` for the default). Columns: ``ccode1, ccode2, year,
    atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul``; directed frames hold
    both (a, b) and (b, a), undirected ones ``ccode1 < ccode2`` with the max over both
    directions. With ``similarity``, the portfolio similarity columns of
    :func:`casus.frames.alliance_similarity` are added (``s_weighted`` too when
    ``weights_path`` names a CSV with ``ccode, year, weight``). Raises :class:`DataError` for a
    bad file (including an ATOP member code that is not in the state list) and
    :class:`InputError` for bad arguments.

    ``controls`` adds the standard controls (names of :data:`CONTROLS`) from the files in
    ``controls_dir`` (default: the state list's folder); ``same_day`` drops the dyad-years
    whose states were never members on the same day (peacesciencer's skeleton). Without
    ``atop_dir`` the frame has no alliance columns. ``convention="fpsim"`` gives the
    similarity columns as peacesciencer's ``add_fpsim()`` scores them (each state's own
    directed portfolio, even in an undirected frame).

    >>> dyad_year_frame("atop-4.01", 1816, 2016, True, "cow_states.csv").height  # doctest: +SKIP
    1912350
    """
    if weights_path is not None and not similarity:
        raise InputError("weights are for the similarity columns: add --similarity")
    if atop_dir is None and similarity:
        raise InputError("the similarity columns need the ATOP files: pass --atop")
    states_file = find_states(states_path, atop_dir)
    states = _cached("states", [states_file], lambda: read_states(states_file))
    folder = controls_dir if controls_dir is not None else states_file.parent
    if controls:
        for name in controls:
            find_control(name, folder)   # a missing file fails before the build
    if atop_dir is None:
        frame = dyad_years(states, start, end, directed, same_day=same_day)
    else:
        members_path = find_atop_members(atop_dir)

        def read_spells() -> pl.DataFrame:
            members = read_members(members_path)
            check_member_codes(members, states["ccode"], file=str(members_path))
            return obligation_spells(members, file=str(members_path))

        # the codes are checked against the state list: both files are the key
        spells = _cached("spells", [members_path, states_file], read_spells)
        # the skeleton's ranges and the allied rows (~5 MB) are half the build: kept too
        ranges, hits = _cached_frames(
            "layout", [members_path, states_file],
            lambda: alliance_layout(states, spells, start, end, directed, same_day=same_day),
            params=f"{start} {end} {directed} {same_day}")
        frame = expand_layout(ranges, hits, atop_coverage(spells), start, end)
    if controls:
        frame = add_controls(frame, list(controls), folder, states)
        atop_cols = [c for c in frame.columns if c.startswith("atop_")]
        frame = frame.select([c for c in frame.columns if c not in atop_cols] + atop_cols)
    if not similarity:
        return frame
    weights = None
    if weights_path is not None:
        weights = read_checked_csv(weights_path, {"ccode": "int", "year": "int",
                                                  "weight": "float"}, what="weights")
    alliances = frame
    if convention == "fpsim" and not directed:
        alliances = dyad_years_with_alliances(states, spells, start, end, True, same_day=same_day)
    return alliance_similarity(frame, alliances, state_years(states, start, end),
                               weights=weights, convention=convention)
