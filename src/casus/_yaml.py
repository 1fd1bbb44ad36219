"""YAML with the line of every value: the one reader treaty files, scenarios, the state aliases
and the gazetteer's data files share — bounded and plain. Kept apart from
:mod:`casus.model.load` so reading a data file does not import the treaty model.

:func:`read_yaml_with_lines` (a file) and :func:`yaml_with_lines` (text) guarantee:

* only a **regular file** is read (a FIFO, a device or a folder is refused before it is
  opened for reading, so nothing blocks);
* at most :data:`MAX_BYTES` (2 MB) are read, checked on the open file before reading;
* the bytes are **UTF-8** (a UTF-8 byte-order mark is allowed); a bad byte is reported with
  its line, and so is every **control character** (other than tab, newline, return);
* **plain YAML only**: anchors, aliases, tags (``!!python/...``, ``!!binary``, ``!custom``) and
  merge keys (``<<``) are refused with their line — casus files need none, and refusing them
  makes an alias bomb (a few hundred bytes that expand to billions of nodes) cost nothing;
* nesting deeper than :data:`MAX_DEPTH` is refused (libyaml's composer recurses in C and
  would crash the interpreter on a file of ten thousand ``[``);
* problems are collected and raised together as one :class:`DataError` (the message shows the
  first 50 and how many more).

Keeping this cheap matters: the embedded registry is loaded on every run. The event-level scan
that finds anchors, aliases, tags and deep nesting runs only when a fast textual pre-scan sees a
character that could start one (most treaty files have none), and otherwise the file is composed
directly by libyaml.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

import yaml

from casus.errors import DataError, PathError, Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "YAML_SUFFIXES", "Path_", "dotted", "is_yaml_name",
           "read_bytes_bounded", "read_yaml_with_lines", "yaml_with_lines"]

#: The largest data file casus reads (the largest treaty file is about 40 kB).
MAX_BYTES = 2 * 1024 * 1024
#: The deepest nesting of mappings and lists a data file may have (treaty files reach 7).
MAX_DEPTH = 64
#: File suffixes read as YAML, compared case-insensitively (``X.YAML`` is YAML too).
YAML_SUFFIXES = (".yaml", ".yml")

Path_ = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoDates(_Loader):  # type: ignore[misc, valid-type]
    """A safe loader that keeps dates as strings (pydantic parses them, with the field name)."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}

_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
# Control characters: C0 (but tab, newline, return), DEL, C1, and the non-characters U+FFFE/FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# libyaml refuses all of them but NEL (U+0085), which it reads, like U+2028/2029, as a line
# break; those three are looked for by hand so the rest need no scan on the happy path.
_LINE_BREAKS = ("\x85", "\u2028", "\u2029")
# An anchor (&a), alias (*a) or tag (!x) starts after a space, a flow indicator or ':'.
_INDICATOR = re.compile(r"[&*!]")
_BEFORE_INDICATOR = frozenset(" \t\r\n[{,:")
# Below this many nesting indicators libyaml's recursive composer is safe without a scan
# (it crashes somewhere past 20,000 levels); the largest treaty file has about 200.
_SAFE_INDICATORS = 2000


def is_yaml_name(path: str | Path) -> bool:
    """Whether a file name says YAML (``.yaml``/``.yml``, any case)."""
    return Path(path).suffix.lower() in YAML_SUFFIXES


def read_bytes_bounded(path: str | Path, limit: int = MAX_BYTES, what: str = "file") -> bytes:
    """The bytes of a regular file no larger than ``limit``; :class:`DataError` otherwise.

    The file is opened non-blocking and checked with ``fstat`` before a byte is read, so a FIFO
    or a device is refused instead of hanging, and an oversized file is refused unread.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise PathError([Problem(name, f"cannot read {what}: {_reason(e)}")]) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = _kind(st.st_mode)
            raise PathError([Problem(name, f"not a regular file ({kind}); give a {what}")])
        if st.st_size > limit:
            raise DataError([Problem(name, f"{what} too large: {st.st_size:,} bytes "
                                     f"(the limit is {limit:,})")])
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise DataError([Problem(name, f"{what} too large: more than {limit:,} bytes")])
        return b"".join(chunks)
    except OSError as e:
        raise PathError([Problem(name, f"cannot read {what}: {_reason(e)}")]) from None
    finally:
        os.close(fd)


def _reason(e: OSError) -> str:
    return e.strerror or type(e).__name__


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a plain file"


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - raw.rfind(b"\n", 0, e.start)
        bad = raw[e.start:e.start + 1].hex()
        hint = (" (this looks like UTF-16; save the file as UTF-8)"
                if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else " (save the file as UTF-8)")
        raise DataError([Problem(name, f"not UTF-8 text: byte 0x{bad} at column "
                                 f"{column}{hint}", line)]) from None
    text = text.removeprefix("\ufeff")
    if any(c in text for c in _LINE_BREAKS):
        _control_characters(text, name)
    return text


def _control_characters(text: str, name: str) -> None:
    """Raise listing every control character with its line (lines end at ``\\n`` only)."""
    problems: list[Problem] = []
    total = 0
    for m in re.finditer(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]",
                         text):
        total += 1
        if len(problems) < 50:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(Problem(name, f"control character U+{ord(m.group()):04X} is not "
                                    "allowed in a data file", line))
    if problems:
        raise DataError(problems, omitted=total - len(problems))


def _needs_scan(text: str) -> bool:
    """Whether the text could hold an anchor, alias, tag or deep nesting (cheap, no parse)."""
    nesting = text.count("[") + text.count("{") + text.count("- ")
    if "? " in text or "-\t" in text or "?\t" in text:
        nesting += text.count("?") + text.count("-\t")
    if nesting > _SAFE_INDICATORS:
        return True
    if "&" not in text and "*" not in text and "!" not in text:
        return False
    return any(m.start() == 0 or text[m.start() - 1] in _BEFORE_INDICATOR
               for m in _INDICATOR.finditer(text))


def _scan_events(text: str, name: str, aliases: bool = False) -> None:
    """Refuse anchors, aliases, tags and deep nesting, each with its line (libyaml events)."""
    problems: list[Problem] = []
    omitted = 0
    depth = 0

    def add(line: int, message: str) -> None:
        nonlocal omitted
        if len(problems) < 50:
            problems.append(Problem(name, message, line))
        else:
            omitted += 1

    try:
        for ev in yaml.parse(text, Loader=_NoDates):
            line = ev.start_mark.line + 1
            if isinstance(ev, yaml.AliasEvent) and not aliases:
                add(line, f"alias '*{ev.anchor}' is not allowed: casus files use no anchors "
                    "or aliases; write the value out")
                continue
            anchor = None if aliases else getattr(ev, "anchor", None)
            if anchor is not None:
                add(line, f"anchor '&{anchor}' is not allowed: casus files use no anchors or "
                    "aliases; write the value out")
            tag = getattr(ev, "tag", None)
            if tag is not None:
                add(line, f"tag {tag!r} is not allowed: casus files are plain YAML (quote "
                    "the value instead)")
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    add(line, f"nesting deeper than {MAX_DEPTH} levels")
                    break
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as e:
        if not problems:
            raise DataError([_syntax(e, name)]) from None
    except yaml.reader.ReaderError:
        _control_characters(text, name)
    if problems:
        raise DataError(problems, omitted=omitted)


def _syntax(e: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    what = " ".join(str(x) for x in (e.context, e.problem) if x) or "bad YAML"
    return Problem(name, f"YAML syntax error: {what}", mark.line + 1 if mark else None)


def read_yaml_with_lines(path: str | Path, *,
                         what: str = "YAML file") -> tuple[object, dict[Path_, int]]:
    """Parse a YAML data file safely; return its data and the 1-based line of every value.

    ``lines`` maps a value's path (``("members", 2, "state")``) to its line; a key's path maps
    to the line of the key. Raises :class:`DataError` (file:line) for anything refused.
    """
    name = str(path)
    text = _decode(read_bytes_bounded(path, what=what), name)
    return yaml_with_lines(text, name)


#: With ``aliases=True``, the most values an aliased document may expand to.
MAX_NODES = 200_000


def yaml_with_lines(text: str, name: str, *,
                    aliases: bool = False) -> tuple[object, dict[Path_, int]]:
    """:func:`read_yaml_with_lines` for text already in memory (``name`` is for messages).

    ``aliases=True`` lets curated data that shares values (the gazetteer's files) use anchors
    and aliases; the expansion is then capped at :data:`MAX_NODES` values, so an alias bomb is
    still refused. Tags and merge keys are refused either way.
    """
    if aliases or _needs_scan(text):
        _scan_events(text, name, aliases)
    try:
        node = yaml.compose(text, Loader=_NoDates)
    except yaml.MarkedYAMLError as e:
        raise DataError([_syntax(e, name)]) from None
    except yaml.reader.ReaderError:
        _control_characters(text, name)
        raise DataError([Problem(name, "unreadable character")]) from None
    except yaml.YAMLError as e:
        raise DataError([Problem(name, f"YAML error: {e}")]) from None
    lines: dict[Path_, int] = {}
    loader = _NoDates("")
    constructors = loader.yaml_constructors
    seen: set[int] = set()
    built = [0]

    def scalar(n: yaml.Node) -> object:
        if n.tag == _STR:
            return n.value
        make = constructors.get(n.tag)
        if make is None:
            raise DataError([Problem(name, f"tag {n.tag!r} is not allowed",
                                     n.start_mark.line + 1)])
        try:
            return make(loader, n)
        except (yaml.YAMLError, ValueError) as e:
            raise DataError([Problem(name, f"bad value: {getattr(e, 'problem', e)}",
                                     n.start_mark.line + 1)]) from None

    def build(n: yaml.Node, at: Path_, depth: int) -> object:
        line = n.start_mark.line + 1
        lines.setdefault(at, line)  # a mapping's value is located at its key's line
        if isinstance(n, yaml.ScalarNode):
            return scalar(n)
        if id(n) in seen and not aliases:  # an alias the pre-scan missed: never expand it
            raise DataError([Problem(name, "aliases are not allowed", line)])
        seen.add(id(n))
        built[0] += len(n.value)
        if built[0] > MAX_NODES:
            raise DataError([Problem(name, f"expands to more than {MAX_NODES:,} values "
                                     "(aliases repeated too often)", line)])
        if depth > MAX_DEPTH:
            raise DataError([Problem(name, f"nesting deeper than {MAX_DEPTH} levels", line)])
        if isinstance(n, yaml.SequenceNode):
            return [build(v, (*at, i), depth + 1) for i, v in enumerate(n.value)]
        out: dict = {}
        for k, v in n.value:
            kline = k.start_mark.line + 1
            if k.tag == _MERGE:
                raise DataError([Problem(name, "merge key '<<' is not allowed: write the "
                                         "fields out", kline, dotted(at) or None)])
            if not isinstance(k, yaml.ScalarNode):
                raise DataError([Problem(name, "a key must be plain text, not a list or "
                                         "mapping", kline, dotted(at) or None)])
            key = scalar(k)
            if key in out:
                raise DataError([Problem(name, f"duplicate key {key!r}", kline,
                                         dotted((*at, key)))])
            lines[(*at, key)] = kline
            out[key] = build(v, (*at, key), depth + 1)
        return out

    data = None if node is None else build(node, (), 0)
    return data, lines


def dotted(loc: Iterable[str | int]) -> str:
    """A value's path as written in messages: ``members[1].state``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
