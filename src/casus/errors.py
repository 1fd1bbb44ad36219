"""One error vocabulary for every layer.

Library code raises these; the CLI and HTTP shells turn them into a clean message and an exit
code (or one JSON error shape) instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class CasusError(Exception):
    """Base of every error casus reports to a user. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict:
        return {"error": type(self).__name__, "message": self.message}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file: where it is and what is wrong."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f" {self.field}:" if self.field else ""
        return f"{where}:{what} {self.message}"


class DataError(CasusError):
    """Input data (a treaty file, a dataset, a scenario) is malformed or inconsistent.

    Loaders collect every problem they find, then raise once with all of them, so a curator
    fixes a file in one pass. Nothing is partially loaded.
    """

    exit_code = 1
    #: How many problems the message lists; the rest are counted ("... and 12 more").
    SHOWN = 50

    def __init__(self, problems: list[Problem], omitted: int = 0) -> None:
        self.problems = list(problems)
        self.omitted = omitted
        n = len(self.problems) + omitted
        head = f"{n} problem{'s' if n != 1 else ''} found:"
        rest = n - min(n, self.SHOWN)
        lines = [head, *(f"  {p}" for p in self.problems[:self.SHOWN])]
        if rest:
            lines.append(f"  ... and {rest} more")
        super().__init__("\n".join(lines))

    @property
    def count(self) -> int:
        """Every problem found, including those not kept."""
        return len(self.problems) + self.omitted

    def to_dict(self) -> dict:
        return {
            "error": "DataError",
            "message": self.message,
            "count": self.count,
            "problems": [
                {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
                for p in self.problems[:self.SHOWN]
            ],
        }


class WarFormatError(DataError):
    """A war file whose header casus does not recognise, or that lacks a column its format
    needs: the user passed the wrong file, so the CLI exits 2 (a usage error)."""

    exit_code = 2


class PathError(DataError):
    """A file or folder the user named cannot be read as one: missing, not a regular file, no
    permission, a name too long. A bad argument, so the CLI exits 2 (the problems still name
    the path and the reason)."""

    exit_code = 2


class UnknownNameError(CasusError, LookupError):
    """A state, place or treaty the user named does not exist; close matches are offered."""

    exit_code = 2

    def __init__(self, kind: str, value: str, suggestions: list[str] | None = None, *,
                 reason: str | None = None) -> None:
        self.kind = kind
        self.value = value
        self.reason = reason
        self.suggestions = list(suggestions or [])
        text = f"{kind} {value!r} {reason}." if reason else f"unknown {kind} {value!r}."
        if self.suggestions:
            text += " Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(text)

    def to_dict(self) -> dict:
        return {**super().to_dict(), "kind": self.kind, "value": self.value,
                "suggestions": self.suggestions}


class InputError(CasusError, ValueError):
    """A command-line or API argument is malformed (a bad date, a bad coordinate, ...)."""

    exit_code = 2
