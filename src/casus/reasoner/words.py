"""How the reasoner names things in its sentences: states, dates, treaties, article order."""

from __future__ import annotations

import functools
import re
from datetime import date

from casus.model.states import state_name
from casus.model.treaty import Treaty


@functools.lru_cache(maxsize=1024)
def state_label(code: str) -> str:
    return f"{state_name(code)} ({code})"


def a_or_an(noun: str) -> str:
    """'an armed attack', 'a declaration of war', 'a threat'."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def day(on: date | None) -> str:
    return on.isoformat() if on else "an unknown date"


def treaty_name(t: Treaty) -> str:
    """The short name a reader knows a treaty by."""
    return t.short_names[0] if t.short_names else t.title



_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@functools.lru_cache(maxsize=16384)
def article_key(article: str) -> tuple:
    """Natural order for article labels: 2 < 10, II < X, 42(7) after 42."""
    m = re.match(r"^(\d+)(.*)$", article)
    if m:
        return (int(m.group(1)), m.group(2))
    m = re.match(r"^([IVXLC]+)\b(.*)$", article)
    if m:
        total, prev = 0, 0
        for ch in reversed(m.group(1)):
            v = _ROMAN[ch]
            total, prev = (total - v, prev) if v < prev else (total + v, v)
        return (total, m.group(2))
    return (10**6, article)
