"""An :class:`~casus.reasoner.Assessment` as text: the full account, and the short answer to
"must X help Y?"."""

from __future__ import annotations

import textwrap
from itertools import groupby

from casus.model.quoting import shown_text
from casus.model.states import state_name
from casus.model.treaty import article_label
from casus.reasoner.scenario import Event
from casus.reasoner.trace import VERDICT_HEADINGS, VERDICT_ORDER, Assessment, Obligation
from casus.reasoner.words import article_key


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


def _wrap_quote(o: Obligation, indent: str, width: int = 96) -> list[str]:
    shown = shown_text(o.quote, o.text_status, o.reading.language)
    return textwrap.wrap(shown, width=width, initial_indent=indent,
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
    head = f"  • {o.treaty_title} — {article_label(o.article)}"
    if o.heading:
        head += f" ({o.heading})"
    out = [head, f"    {who} → {_who(o.beneficiary)}: {o.kind}, {o.strength}"]
    if quotes:
        out += _wrap_quote(o, "    ", width)
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


def render_duty(assessment: Assessment, obligor: str, beneficiary: str, *,
                width: int = 100) -> str:
    """The short answer to "must OBLIGOR help BENEFICIARY?", per event: each treaty's articles
    with their verdict and the one reason that decided it (for a triggered duty, the clause
    itself, marked as a quote only when it is the treaty's own words)."""
    lines = []
    for ev in assessment.events:
        duties = [o for o in assessment.for_event(ev.index)
                  if o.obligor == obligor and o.beneficiary == beneficiary]
        lines.append(f"On {ev.event.date}, must {state_name(obligor)} help "
                     f"{state_name(beneficiary)}?")
        if not duties:
            lines.append("  No treaty in the registry binds it to.")
        order = {"triggered": 0, "uncertain": 1, "not_triggered": 2}
        shown: dict[tuple, list[Obligation]] = {}
        for o in sorted(duties, key=lambda o: (order[o.verdict], o.treaty, article_key(o.article))):
            why = (shown_text(o.quote or "", o.text_status, o.reading.language)
                   if o.verdict == "triggered" else "decided by " + "; ".join(o.decides)
                   if o.verdict == "uncertain" else o.decided_by[0].text if o.decided_by else "")
            shown.setdefault((o.verdict, o.treaty, why), []).append(o)
        for (verdict, _, why), os in shown.items():
            title = os[0].reading.treaty_title
            if verdict == "not_triggered":  # one line: which articles, and why not
                labels = [article_label(o.article) for o in os]
                arts = ("Art. " + ", ".join(o.article for o in os)
                        if all(x.startswith("Art. ") for x in labels) else ", ".join(labels))
                lines.append(_fit(f"  NOT TRIGGERED: {title} {arts} — {_why_not(os[0])}",
                                  width))
                continue
            arts = ", ".join(f"{article_label(o.article)} ({_what(o.kind, o.strength)})"
                             for o in os)
            lines.append(_fit(f"  {verdict.upper()}: {title} {arts}", width))
            if verdict == "triggered":  # the clause itself, up to three lines
                lines += textwrap.wrap(why, width=width, initial_indent="    ",
                                       subsequent_indent="     ", max_lines=3, placeholder=" …")
            else:
                lines.append(_fit(f"    {why}", width))
        lines.append("")
    return "\n".join(lines)


def _why_not(o: Obligation) -> str:
    """The deciding reason in a few words: for a treaty not in force, the date that decides."""
    r = o.decided_by[0] if o.decided_by else None
    if r is None:
        return ""
    if r.rule == "treaty_in_force":
        start, end = r.inputs.get("in_force"), r.inputs.get("ended")
        if end is not None and o.reading.date >= end:
            return f"no longer in force (ended {end})"
        return f"not yet in force (from {start})"
    return r.text.removeprefix(o.treaty_title).strip()


def _what(kind: str, strength: str) -> str:
    return kind if kind == strength else f"{kind}, {strength}"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _group_lines(who: tuple[str, ...], tail: str, width: int) -> list[str]:
    """One line when the obligors fit beside the treaty; else the treaty (wrapped, at most two
    lines), then the obligors wrapped below it (at most two lines, then a count)."""
    one = _who(who[0]) if len(who) == 1 else ", ".join(who)
    if len(f"    {one} — {tail}") <= width:
        return [f"    {one} — {tail}"]
    wrapped = textwrap.wrap(", ".join(who), width=width - 18)
    if len(wrapped) > 2:
        shown = textwrap.wrap(", ".join(who), width=width - 22)[:2]
        rest = len(who) - sum(len(w.split(", ")) for w in shown)
        wrapped = [*shown[:1], f"{shown[1]} and {rest} more"]
    # the treaty and its articles wrap (two lines at most) rather than lose the pledge's kind
    lines = textwrap.wrap(tail, width=width, initial_indent="    ", subsequent_indent="      ",
                          max_lines=2, placeholder=" …", break_on_hyphens=False)
    if len(who) == 1:
        return [*lines, f"      {one}"]
    for i, w in enumerate(wrapped):
        lines.append(f"      {f'{len(who)} parties: ' if i == 0 else '  '}{w}")
    return lines


def render_short(assessment: Assessment, *, width: int = 100) -> str:
    """The answer a person can read aloud, per event: who must act (one line per treaty
    article and group of obligors), who may and what would decide it, and why the rest need
    not, one phrase each. ``--explain`` gives the full account (:func:`render_text`)."""
    from casus.reasoner.summary import summarize

    lines: list[str] = []
    for ev, s in zip(assessment.events, summarize(assessment), strict=True):
        lines.append(_fit(event_headline(ev.event, ev.place), width))
        for n in ev.notes:  # a note says what the answer rests on: never cut short
            lines += textwrap.wrap(f"Note: {n}", width=width, initial_indent="  ",
                                   subsequent_indent="        ")
        if not any(s.counts.values()) and not ev.notes:
            lines.append("  No treaty obligation in the registry applies.")
        for title, groups in (("MUST ACT", s.must_act), ("MAY ACT", s.may_act)):
            if not groups:
                continue
            lines.append(f"  {title} ({sum(len(g.obligors) for g in groups)}):")
            for g in groups:
                arts = "; ".join(f"{article_label(a)} ({_what(k, s)})" for a, k, s in g.articles)
                lines += _group_lines(g.obligors, f"{g.treaty_title}: {arts}", width)
                for d in g.decides[:1]:
                    lines.append(_fit(f"      decided by: {d}", width))
        if s.counts["not_triggered"]:
            lines.append(f"  NOT TRIGGERED ({s.counts['not_triggered']}):")
            for phrase, titles in s.not_triggered.items():
                names = ", ".join(titles)
                lines.append(_fit(f"    {phrase}: {names}", width))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
