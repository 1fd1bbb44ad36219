"""Month and weekday names in the reader's five languages, from CLDR through ``babel``.

Nothing here is a hand-written calendar: the names are CLDR's, for English, French, Spanish,
German and Russian, in both contexts (``format``: the Russian genitive "7 января";
``stand-alone``: "январь") and both widths (wide "September", abbreviated "Sept." — a trailing
full stop is dropped, the text may write it or not). Regional locales add the forms CLDR keeps
there: ``en_GB`` "Sept", ``es_PE`` "setiembre", ``de_AT`` "Jänner".

Weekdays are the wide names only: CLDR's abbreviations ("Mo", "Di", "mar.") are ordinary words
or month names. The short lists in ``lexicon`` say what CLDR lacks (Russian accusative
weekdays: "в пятницу") and which CLDR forms are months only in a full date because they are
common words ("ago", "set"); each list says why.

Names are keyed casefolded; months map to 1-12, weekdays to 0 (Monday) - 6 like
:meth:`datetime.date.weekday`. Each table is built once per process.

>>> month_names()["января"], month_names()["sept"], month_names()["märz"]
(1, 9, 3)
>>> weekday_names()["samedi"], weekday_names()["пятницу"]
(5, 4)
"""

from __future__ import annotations

from functools import cache

from casus.news import lexicon

LANGUAGES = ("en", "fr", "es", "de", "ru")
LOCALES = ("en", "en_GB", "fr", "es", "es_PE", "de", "de_AT", "ru")


def _key(name: str) -> str:
    return name.casefold().rstrip(".")


@cache
def month_names() -> dict[str, int]:
    """Every CLDR month name of :data:`LOCALES` (casefolded, without a final full stop) -> 1-12."""
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for locale in LOCALES:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, locale).items():
                    out.setdefault(_key(name), number)
    for name, number in lexicon.MONTH_NAMES_ADDED.items():
        out.setdefault(_key(name), number)
    return out


@cache
def weekday_names() -> dict[str, int]:
    """Every CLDR wide weekday name of :data:`LOCALES` (casefolded) -> 0 (Monday) - 6."""
    from babel.dates import get_day_names

    out: dict[str, int] = {}
    for locale in LOCALES:
        for context in ("format", "stand-alone"):
            for number, name in get_day_names("wide", context, locale).items():
                out.setdefault(_key(name), number)
    for name, number in lexicon.WEEKDAY_NAMES_ADDED.items():
        out.setdefault(_key(name), number)
    return out
