"""Dates in news text: full dates, day-and-month, weekdays, "yesterday", bare years.

The labelling rule (``labels.yaml``): a date is given only when the text states or clearly
implies a full date. So a weekday ("on Saturday") or a relative day ("yesterday") resolves only
against the article's own date (its metadata, or a dateline: "MINSK, March 5, 2025 (Agency) -"),
to the nearest such day on or before it; a day and month without a year resolves against the
article's date to its latest occurrence in the year before, or a coming one within three months
("will take effect on January 1"); "the same day" takes the date given just before it; a bare
year never becomes a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from casus.news.calendar_names import month_names, weekday_names
from casus.news.lexicon import (
    DAYS_LATER,
    MONTHS_ONLY_WITH_A_YEAR,
    NUMBER_WORDS,
    RELATIVE_DAYS,
    SAME_DAY,
)

MONTHS = month_names()
WEEKDAYS = weekday_names()


def _month_alt(names) -> str:
    return "|".join(sorted((re.escape(m) for m in names), key=len, reverse=True))


_MONTH = rf"(?P<mon>(?:{_month_alt(MONTHS)})\.?)"
# without a year, CLDR abbreviations that are English words ("ago", "set") are no months
_MONTH_PART = rf"(?P<mon>(?:{_month_alt(set(MONTHS) - MONTHS_ONLY_WITH_A_YEAR)})\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_PATTERNS = [
    ("iso", re.compile(
        r"(?<!\d)(?P<year>1[89]\d\d|20\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)")),
    # November 7, 2023 / Nov. 7 2023
    # 19.06.2024 (German, Russian, French numeric dates: day first)
    ("num", re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>1[89]\d\d|20\d\d)"
                       r"(?![\d])")),
    ("mdy", re.compile(rf"(?<!\w){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE)),
    # 7 November 2023 / 7 de noviembre de 2023 / 7. November 2023 / 7 ноября 2023 года
    ("dmy", re.compile(rf"(?<![\w.]){_DAY}\s+(?:de\s+|of\s+)?{_MONTH}\s+(?:de\s+|del\s+)?"
                       rf"{_YEAR}(?!\d)", re.IGNORECASE)),
    # "4 December", "4th of December", "4 de diciembre"
    ("dm", re.compile(rf"(?<![\w.]){_DAY}\s+(?:de\s+|of\s+)?{_MONTH_PART}(?![\w])",
                      re.IGNORECASE)),
    ("md", re.compile(rf"(?<!\w){_MONTH_PART}\s+{_DAY}(?![\d,]*\s*\d{{4}})(?!\w)",
                      re.IGNORECASE)),
]
_WEEKDAY = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(WEEKDAYS, key=len,
                                                                         reverse=True))
                      + r")s?(?!\w)", re.IGNORECASE)
_RELATIVE = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(RELATIVE_DAYS, key=len,
                                                                              reverse=True))
                       + r")(?!\w)", re.IGNORECASE)
_SAME_DAY = [(re.compile(r"(?<!\w)(?:" + p + r")(?!\w)", re.IGNORECASE), shift)
             for p, shift in SAME_DAY.items()]
_DAYS_LATER = re.compile(r"(?<!\w)(?:" + DAYS_LATER + r")(?!\w)", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\d\-/])(1[89]\d\d|20\d\d)(?![\d\-/])")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    kind: str            # full, partial, weekday, relative, same (day), year
    value: date | None   # resolved date, or None when the text does not support one
    year: int | None = None
    shift: int = 0       # "same": days after the date given before ("two days later": 2)


def _month(token: str) -> int | None:
    return MONTHS.get(token.casefold().rstrip("."))


def _make(y: int, m: int | None, d: int) -> date | None:
    if m is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date_text(s: str) -> date | None:
    """The first full date in a short string (a header, a metadata value), or None."""
    for kind, rx in _PATTERNS[:4]:
        m = rx.search(s)
        if m:
            mon = int(m.group("mon")) if kind in ("iso", "num") else _month(m.group("mon"))
            return _make(int(m.group("year")), mon, int(m.group("day")))
    return None


_SLASH = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])")


def find_dates(text: str, article_date: date | None, language: str | None = None,
               month: tuple[int, int] | None = None) -> list[DateMention]:
    """Every date expression in ``text`` with what it resolves to.

    ``09/05/2025`` is day first outside English; in English only when it cannot be month first.
    """
    out: list[DateMention] = []
    taken: set[int] = set()

    def add(dm: DateMention) -> None:
        if any(p in taken for p in range(dm.start, dm.end)):
            return
        taken.update(range(dm.start, dm.end))
        out.append(dm)

    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            mon = int(m.group("mon")) if kind in ("iso", "num") else _month(m.group("mon"))
            day = int(m.group("day"))
            if kind in ("iso", "num", "mdy", "dmy"):
                d = _make(int(m.group("year")), mon, day)
                if d:
                    add(DateMention(m.start(), m.end(), "full", d, d.year))
            else:
                if mon is None or not 1 <= day <= 31:
                    continue
                add(DateMention(m.start(), m.end(), "partial",
                                _infer_year(mon, day, article_date) or _in_month(mon, day, month)))
    for m in _SLASH.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if language == "en" and a <= 12:
            continue  # 05/09/2025 may be May 9 or 5 September
        d = _make(int(m.group("year")), b, a)
        if d:
            add(DateMention(m.start(), m.end(), "full", d, d.year))
    for m in _WEEKDAY.finditer(text):
        wd = WEEKDAYS[m.group(1).casefold()]
        value = None
        if article_date is not None:
            back = (article_date.weekday() - wd) % 7
            value = article_date - timedelta(days=back)
        add(DateMention(m.start(), m.end(), "weekday", value))
    for m in _RELATIVE.finditer(text):
        shift = RELATIVE_DAYS[m.group(1).casefold()]
        value = article_date + timedelta(days=shift) if article_date else None
        add(DateMention(m.start(), m.end(), "relative", value))
    for rx, shift in _SAME_DAY:
        for m in rx.finditer(text):
            add(DateMention(m.start(), m.end(), "same", None, shift=shift))
    for m in _DAYS_LATER.finditer(text):
        n = (m.group("n") or m.group("n2")).casefold()
        add(DateMention(m.start(), m.end(), "same", None,
                        shift=int(n) if n.isdigit() else NUMBER_WORDS[n]))
    for m in _BARE_YEAR.finditer(text):
        add(DateMention(m.start(), m.end(), "year", None, int(m.group(1))))
    out.sort(key=lambda d: d.start)
    return _same_day(_anchor(out, text), text)


_SAME_REACH = 300  # characters back within which "the same day" finds its date


def _same_day(out: list[DateMention], text: str) -> list[DateMention]:
    """"ratified the treaty on February 18, 2025. Belarus ratified it the same day" (or "two days
    later"): the date given last before, in the same sentence or the one before it (at most one
    sentence end between them), plus the days said."""
    res: list[DateMention] = []
    for d in out:
        if d.kind == "same":
            prev = next((p for p in reversed(res) if p.value is not None
                         and d.start - p.end <= _SAME_REACH), None)
            ends = re.findall(r"[.!?](?:\s|$)|\n", text[prev.end: d.start]) if prev else []
            if prev is not None and len(ends) <= 1:
                d = DateMention(d.start, d.end, d.kind, prev.value + timedelta(days=d.shift),
                                shift=d.shift)
        res.append(d)
    return res


# "MINSK, March 5, 2025 (Reuters) -", "Paris, 3 février 2026 –", "Published: March 5, 2025 10:32
# GMT" alone on its line: "published/updated", a place (capitalised words and a comma) or nothing
# before the date on its line, a weekday at most, and after it a time, then an agency, a dash or
# the end of the line
_DATELINE_BEFORE = re.compile(
    r"[ \t]*(?i:(?:published|updated|posted|publié|mis à jour|publicado|actualizado|"
    r"veröffentlicht|aktualisiert|опубликовано|обновлено)(?:[ \t]+on|[ \t]+le|[ \t]+el|[ \t]+am)?"
    r":?[ \t]+)?"
    r"(?:[A-ZÀ-ÞА-ЯЁ][\w'’.\-]*(?:[ \t]+[A-ZÀ-ÞА-ЯЁ][\w'’.\-]*){0,3},[ \t]*)?"
    r"(?:(?i:" + "|".join(re.escape(w) for w in sorted(WEEKDAYS, key=len, reverse=True))
    + r"),?[ \t]+)?")
_DATELINE_AFTER = re.compile(r"(?:,?[ \t]+(?:at[ \t]+|à[ \t]+|um[ \t]+|в[ \t]+)?\d{1,2}[:.h]\d{2}"
                             r"(?:[ \t]*(?:[ap]\.?m\.?|GMT|UTC|CET|CEST|MSK|ET|EST|EDT|IST|JST|"
                             r"KST|Uhr))?)?"
                             r"\.?[ \t]*(?:\(|[-–—|/]|$)", re.MULTILINE | re.IGNORECASE)
_DATELINE_REACH = 400  # characters from the start of the text
_STAMP_REACH = 1000  # a "Published:" stamp may stand below the page's furniture
# "... unterzeichnen Sicherheitsabkommen Stand: 16.02.2024 13:09 Uhr": a page's time stamp after
# a label and a colon, even on the title's line
_STAMP_BEFORE = re.compile(r"(?i)\b(?:stand|updated|last updated|published|posted|aktualisiert|"
                           r"veröffentlicht|mis à jour|publié|actualizado|publicado|обновлено|"
                           r"опубликовано)(?:[ \t]+(?:on|le|el|am))?[ \t]*:[ \t]*$")


def dateline(text: str, dates: list[DateMention]) -> DateMention | None:
    """A dateline opening the article: its date dates the article like metadata would, and is
    no event's date; so is one without a year ("MOGADISHU, Feb 23 (Agency) -", "ANKARA,
    January 25. /TASS/.")."""
    first = None
    for d in dates:
        if d.start > _STAMP_REACH:
            break
        if d.kind not in ("full", "partial") or d.value is None:
            continue
        line = text.rfind("\n", 0, d.start) + 1
        before = text[line: d.start]
        if not _DATELINE_AFTER.match(text, d.end):
            continue
        if _STAMP_BEFORE.search(before):
            # "Published on: September 01, 2016" is the article's date, not a bare date line
            # above it ("Friday, April 19, 2024": the day the page was seen)
            return d
        if first is None and d.start <= _DATELINE_REACH and _DATELINE_BEFORE.fullmatch(before):
            first = d
    return first


# a sentence end, not an abbreviation ("9:00 p.m. November 6", "U. S. officials")
_SENTENCE_END = re.compile(r"(?<!\b\w\.\w)(?<!\b\w)[.!?]\s+[A-ZÀ-ÞА-ЯЁ\"“«]|\n")
_NEAR = 300  # characters within which a full date anchors a weekday or a day and month


def _anchor(out: list[DateMention], text: str) -> list[DateMention]:
    """Without the article's date, the text's own full dates anchor the rest:

    * "on Friday" next to "Dec. 6, 2024" (a Friday) is that day;
    * "signed on January 17, 2025 and became effective today, October 2": a day and month after
      a full date in the same sentence takes its year when that falls within the next year;
    * a day and month after a full date in one of the two sentences before is its nearest such
      day ("signed on June 19, 2024. It entered into force on December 4").
    """
    full = [d for d in out if d.kind == "full"]
    if not full:
        return out
    res = []
    for d in out:
        if d.value is None and d.kind == "weekday":
            key = text[d.start: d.end].casefold()
            wd = WEEKDAYS.get(key, WEEKDAYS.get(key[:-1]))
            near = [f for f in full if abs(f.start - d.start) <= _NEAR and f.value.weekday() == wd]
            if near and wd is not None:
                best = min(near, key=lambda f: abs(f.start - d.start))
                d = DateMention(d.start, d.end, d.kind, best.value)
        elif d.value is None and d.kind == "partial":
            prev = [f for f in full if 0 < d.start - f.end <= 150
                    and not re.search(r"[.!?]\s|\n", text[f.end: d.start])]
            mon, day = _partial_parts(text[d.start: d.end])
            if prev:
                f = prev[-1]
                cand = _make(f.value.year, mon, day) if mon else None
                if cand and timedelta(0) < cand - f.value <= timedelta(days=366):
                    d = DateMention(d.start, d.end, d.kind, cand)
            elif mon:
                # "signed the treaty on June 19, 2024. It entered into force on December 4.": a
                # full date in the two sentences before dates it, to its nearest such day
                before = [f for f in full if 0 < d.start - f.end <= _NEAR
                          and 1 <= len(_SENTENCE_END.findall(text, f.end, d.start)) <= 2]
                if before:
                    f = before[-1]
                    cands = [c for y in (f.value.year - 1, f.value.year, f.value.year + 1)
                             if (c := _make(y, mon, day)) is not None]
                    d = DateMention(d.start, d.end, d.kind,
                                    min(cands, key=lambda c: abs(c - f.value), default=None))
        res.append(d)
    return res


def _partial_parts(s: str) -> tuple[int | None, int]:
    for kind in ("dm", "md"):
        m = dict(_PATTERNS)[kind].fullmatch(s)
        if m:
            return _month(m.group("mon")), int(m.group("day"))
    return None, 0


def _in_month(mon: int, day: int, month: tuple[int, int] | None) -> date | None:
    """Only the article's year and month known (" date 2024-03"): a day and month in that month
    or the two before it."""
    if month is None:
        return None
    y, m = month
    for back in range(3):
        yy, mm = (y, m - back) if m - back >= 1 else (y - 1, m - back + 12)
        if mm == mon:
            return _make(yy, mon, day)
    return None


_PAST = timedelta(days=366)   # a day and month without a year: the latest such day before ...
_COMING = timedelta(days=92)  # ... or one that comes within three months, whichever is nearer


def _infer_year(mon: int, day: int, article_date: date | None) -> date | None:
    """"on December 6" in an article of March 5, 2025 is 2024-12-06; "on January 1" in one of
    December 20 is the coming January 1 (nearer than the one gone by)."""
    if article_date is None:
        return None
    cands = [d for y in (article_date.year - 1, article_date.year, article_date.year + 1)
             if (d := _make(y, mon, day)) is not None
             and -_COMING <= article_date - d <= _PAST]
    return min(cands, key=lambda d: abs(article_date - d), default=None)
