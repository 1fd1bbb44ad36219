"""An :class:`~casus.reasoner.Assessment` as text: the full account, and the short answer to
"must X help Y?"."""

from __future__ import annotations

import textwrap
from itertools import groupby

from casus.compare import clip
from casus.model.states import state_name
from casus.reasoner.scenario import Event
from casus.reasoner.trace import VERDICT_HEADINGS, VERDICT_ORDER, Assessment, Obligation


def _who(code: str) -> str:
    return f"{state_name(code)} ({code})"


def event_headline(event: Event, place: dict | None) -> str:
    """'2024-12-05 — armed attack by Ukraine (UKR) on the territory of Russia (RUS), at Kursk
    Oblast'."""
    attackers = ", ".join(a.display for a in event.attackers)
    kind = event.kind.replace("_", " ")
    what = "the territory" if event.on == "territory" else "the forces"
    line = f"{event.date.isoformat()} — {kind} by {attackers} on {what} of {_who(event.target)}"
    if event.place is not None:
        line += f", at {place['name'] if place else event.place}"
    if event.request is not None:
        line += "; assistance requested" if event.request else "; no assistance requested"
    if event.label:
        line = f"{event.label}\n{line}"
    return line


def _wrap_quote(text: str, indent: str, width: int = 96) -> list[str]:
    return textwrap.wrap(f"“{text.strip()}”", width=width, initial_indent=indent,
                         subsequent_indent=indent + " ")


def render_text(assessment: Assessment, *, quotes: bool = True, markup: bool = False,
                width: int = 96) -> str:
    """A readable account a journalist could quote: a headline per event, grouped by verdict.

    Obligations that share treaty, article, verdict and deciding reasons are listed once with
    all their obligors. ``markup=True`` adds rich console markup (bold headings); ``width``
    wraps the quoted clauses (print the result without re-wrapping, e.g. rich's
    ``soft_wrap=True``).
    """
    b, e = ("[bold]", "[/bold]") if markup else ("", "")
    lines: list[str] = []
    scen = assessment.scenario
    if scen.name:
        lines += [f"{b}{scen.name}{e}", ""]
    for ev in assessment.events:
        obligations = assessment.for_event(ev.index)
        counts = {v: sum(o.verdict == v for o in obligations) for v in VERDICT_ORDER}
        lines.append(f"{b}Event {ev.index + 1}: {event_headline(ev.event, ev.place)}{e}")
        lines.append("  " + ", ".join(f"{n} {VERDICT_HEADINGS[v].lower()}"
                                      for v, n in counts.items()))
        lines += [f"  Note: {n}" for n in ev.notes]
        if not obligations:
            lines.append("  No treaty obligation in the registry applies.")
        ordered = sorted(obligations, key=lambda o: VERDICT_ORDER[o.verdict])
        for verdict, group in groupby(ordered, key=lambda o: o.verdict):
            lines.append("")
            lines.append(f"  {b}{VERDICT_HEADINGS[verdict]}{e}")
            for block in _blocks(list(group)):
                lines += _render_block(block, quotes=quotes and verdict != "not_triggered",
                                       width=width)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _blocks(obligations: list[Obligation]) -> list[list[Obligation]]:
    """Group obligations that read the same except for who owes them."""
    blocks: dict[tuple, list[Obligation]] = {}
    for o in obligations:
        shared = tuple(r.text for r in o.decided_by if not r.per_obligor)
        key = (o.treaty, o.article, o.beneficiary, shared,
               tuple(r.text for r in o.decided_by if r.per_obligor) if o.verdict != "triggered"
               else ())
        blocks.setdefault(key, []).append(o)
    return list(blocks.values())


def _render_block(block: list[Obligation], *, quotes: bool, width: int) -> list[str]:
    o = block[0]
    obligors = [x.obligor for x in block]
    if len(obligors) > 6:
        who = f"{len(obligors)} parties ({', '.join(obligors)})"
    else:
        who = ", ".join(_who(c) for c in obligors)
    head = f"  • {o.treaty_title} — Art. {o.article}"
    if o.heading:
        head += f" ({o.heading})"
    out = [head, f"    {who} → {_who(o.beneficiary)}: {o.kind}, {o.strength}"]
    if quotes:
        out += _wrap_quote(o.quote, "    ", width)
    seen: set[str] = set()
    for r in o.decided_by if o.verdict != "triggered" else o.checks:
        if r.per_obligor and len(block) > 1 and o.verdict == "triggered":
            continue
        if r.text not in seen and r.result != "noted":
            seen.add(r.text)
            out.append(f"    - {r.text}")
    for d in o.decides:
        out.append(f"    ? Decided by: {d}")
    for r in o.reading.noted:
        if r.rule == "precedent":
            out.append(f"    * {r.text}")
    return out


def render_duty(assessment: Assessment, obligor: str, beneficiary: str) -> str:
    """The short answer to "must OBLIGOR help BENEFICIARY?", one line per provision and event.

    Each line gives the verdict and the reason that decided it (for a triggered duty, the
    clause itself), so the seed's question is answered before the full account.
    """
    lines = []
    for ev in assessment.events:
        duties = [o for o in assessment.for_event(ev.index)
                  if o.obligor == obligor and o.beneficiary == beneficiary]
        lines.append(f"On {ev.event.date}, must {state_name(obligor)} help "
                     f"{state_name(beneficiary)}?")
        if not duties:
            lines.append("  No treaty in the registry binds it to.")
        order = {"triggered": 0, "uncertain": 1, "not_triggered": 2}
        for o in sorted(duties, key=lambda o: (order[o.verdict], o.treaty, o.article)):
            what = o.kind if o.kind == o.strength else f"{o.kind}, {o.strength}"
            head = (f"  {o.verdict.replace('_', ' ').upper()}: {o.reading.treaty_title} "
                    f"Art. {o.article} ({what})")
            if o.verdict == "triggered":
                why = f"“{clip(o.quote or '', 50)}”"
            elif o.verdict == "uncertain":
                why = "decided by " + "; ".join(o.decides)
            else:
                why = o.decided_by[0].text if o.decided_by else ""
            lines += [head, f"    {why}"]
        lines.append("")
    return "\n".join(lines)
