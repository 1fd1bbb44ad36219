"""Dates typed by people: ``YYYY-MM-DD`` (or ``today``), one parser for every front end."""

from __future__ import annotations

import re
from datetime import date

from casus.errors import InputError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object, *, what: str = "date") -> date:
    """A ``YYYY-MM-DD`` date (or ``today``); anything else is an :class:`InputError` naming
    ``what`` and the value.

    >>> parse_date("2024-12-05")
    datetime.date(2024, 12, 5)
    """
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text.casefold() == "today":
        return date.today()
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError as e:
            raise InputError(f"bad {what} {text!r}: {e}; expected YYYY-MM-DD, e.g. 2024-12-05") \
                from None
    raise InputError(f"bad {what} {text!r}: expected YYYY-MM-DD, e.g. 2024-12-05")
