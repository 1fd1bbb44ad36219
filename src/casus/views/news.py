"""A plain-text summary of an :class:`ArticleReading` a journalist can paste or skim."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from casus.model.states import state_name
from casus.news.model import ArticleReading

_VERB = {"signing": "signed", "ratification": "ratified", "entry_into_force": "entered into force",
         "accession": "acceded to", "withdrawal": "withdrew from", "suspension": "suspended",
         "invocation": "invoked", "consultation_request": "requested consultations under",
         "statement": "made statements on"}
_STANCE = {"condemn": "condemns", "concern": "is concerned", "support": "supports",
           "neutral": "takes note", "no_comment": "declines to comment"}


def _who(code: str) -> str:
    name = state_name(code)
    return code if name == code else f"{name} ({code})"


def _quote(text: str, width: int = 96) -> str:
    short = text if len(text) <= 240 else text[:237] + "…"
    return textwrap.fill(f"“{short}”", width=width, initial_indent="      ",
                         subsequent_indent="       ")


def _section(title: str, items: list, lines_of: Callable[[Any], list[str]]) -> list[str]:
    """A titled list with its count; 'none found' when empty."""
    out = [f"{title} ({len(items)})"]
    for item in items:
        out += lines_of(item)
    return out if items else [*out, "  none found"]


def _event_lines(e: Any) -> list[str]:
    treaty = e.treaty or (f"“{e.treaty_name}” (not in the registry)" if e.treaty_name
                          else "an unidentified treaty")
    when = e.date.isoformat() if e.date else "date not stated"
    parties = ", ".join(_who(p) for p in e.parties) or "parties not named"
    return [f"  • {parties} {_VERB[e.type]} {treaty} — {when} [{e.role}]",
            _quote(e.evidence.text)]


def _claim_lines(c: Any) -> list[str]:
    what = c.treaty or c.treaty_name or "unidentified treaty"
    lines = [f"  • {c.verdict.upper()}: {c.field} of {what}"
             + (f", stated {c.stated}" if c.stated and c.field != "provision" else ""),
             _quote(c.evidence.text),
             textwrap.fill(c.explanation, width=96, initial_indent="      → ",
                           subsequent_indent="        ")]
    if c.registry and c.registry.certainty == "disputed" and c.registry.note:
        note = c.registry.note if len(c.registry.note) <= 300 else c.registry.note[:297] + "…"
        lines.append(textwrap.fill(f"registry note: {note}", width=96,
                                   initial_indent="        ", subsequent_indent="        "))
    if c.registry and c.registry.sources:
        for s in c.registry.sources:
            lines.append(f"        source: {s.get('publisher')} {s.get('url') or s.get('title')}")
    return lines


def render_text(reading: ArticleReading) -> str:
    """Events, reactions and claim checks of one article, as readable text."""
    a = reading.article
    lines = [a.title or "(untitled article)"]
    meta = [x for x in (a.author and f"by {a.author}", a.date and a.date.isoformat(),
                        a.language, a.url) if x]
    if meta:
        lines.append("  " + " · ".join(map(str, meta)))
    lines.append("")
    lines += _section("Treaty events", reading.events, _event_lines)
    lines.append("")
    lines += _section("Reactions", reading.reactions, lambda r: [
        f"  • {_who(r.actor)} {_STANCE[r.stance]}", _quote(r.evidence.text)])
    lines.append("")
    lines += _section("Claims checked against the registry", reading.claims, _claim_lines)
    if reading.warnings:
        lines.append("")
        lines.append("Warnings")
        lines.extend(f"  ! {w}" for w in reading.warnings)
    return "\n".join(lines) + "\n"
