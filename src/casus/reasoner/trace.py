"""The explanation as a tree, the verdicts built from it, and a text rendering of both.

Every answer the reasoner gives is a :class:`Reason` tree (rule, article cited with its quoted
text, date, inputs, result, children). An :class:`Obligation` is one provision of one treaty
read for one obligor toward one beneficiary; its verdict is computed from the results of its
checks, never set by hand:

* any check ``not_met``   → ``not_triggered`` (the first such check decides);
* else any ``uncertain``  → ``uncertain`` (each uncertain check says what would decide it);
* else                    → ``triggered``.

The CLI, the HTTP API and the web page render this same object (STYLE.md practice 6);
:func:`render_text` is the plain-text rendering a journalist can quote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any, Literal

from casus.model.states import state_name

if TYPE_CHECKING:
    from casus.reasoner.scenario import Event, Scenario

Result = Literal["met", "not_met", "uncertain", "noted"]
Verdict = Literal["triggered", "not_triggered", "uncertain"]

VERDICT_ORDER: dict[str, int] = {"triggered": 0, "uncertain": 1, "not_triggered": 2}
VERDICT_HEADINGS = {"triggered": "TRIGGERED", "uncertain": "UNCERTAIN",
                    "not_triggered": "NOT TRIGGERED"}


@dataclass(frozen=True, slots=True)
class Reason:
    """One node of the explanation: a rule applied to inputs, with its result and its sources.

    ``text`` is a sentence that cites the article; ``decides`` (for ``uncertain``) says what
    fact would settle it; ``exception`` marks a labelled exception to a base rule (a scope
    limit, a suspension, an authoritative interpretation overriding the text's default).
    """

    rule: str
    result: Result
    text: str
    article: str | None = None
    quote: str | None = None
    date: date | None = None
    inputs: Mapping[str, Any] = field(default_factory=dict)
    children: tuple[Reason, ...] = ()
    exception: bool = False
    decides: str | None = None
    sources: tuple[str, ...] = ()
    per_obligor: bool = False

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"rule": self.rule, "result": self.result, "text": self.text}
        if self.article is not None:
            out["article"] = self.article
        if self.quote is not None:
            out["quote"] = self.quote
        if self.date is not None:
            out["date"] = self.date.isoformat()
        if self.inputs:
            out["inputs"] = {k: _jsonable(v) for k, v in self.inputs.items()}
        if self.exception:
            out["exception"] = True
        if self.decides:
            out["decides"] = self.decides
        if self.sources:
            out["sources"] = list(self.sources)
        out["children"] = [c.to_dict() for c in self.children]
        return out


def _jsonable(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, tuple, set, frozenset)):
        items = [_jsonable(x) for x in v]
        return sorted(items, key=str) if isinstance(v, (set, frozenset)) else items
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return v


def combine(checks: tuple[Reason, ...] | list[Reason]) -> tuple[Verdict, tuple[Reason, ...]]:
    """The verdict from a list of checks, and the checks that decided it (three-valued AND)."""
    not_met = tuple(c for c in checks if c.result == "not_met")
    if not_met:
        return "not_triggered", not_met
    uncertain = tuple(c for c in checks if c.result == "uncertain")
    if uncertain:
        return "uncertain", uncertain
    return "triggered", tuple(c for c in checks if c.result == "met")


@dataclass(frozen=True, slots=True)
class Reading:
    """What every obligation under one provision, for one event, shares."""

    treaty_title: str
    article: str
    heading: str | None
    kind: str
    strength: str
    quote: str
    text_status: str
    date: date
    label: str
    noted: tuple[Reason, ...] = ()
    sources: tuple[str, ...] = ()
    not_formalized: tuple[str, ...] = ()


_RESULT_OF = {"triggered": "met", "not_triggered": "not_met", "uncertain": "uncertain"}


@dataclass(slots=True, eq=False)
class Obligation:
    """One provision read for one obligor toward one beneficiary, for one event.

    ``checks`` are the rules applied, in order; ``decided_by`` the ones that decided the
    verdict; :attr:`trace` is the whole explanation as one tree.
    """

    event: int
    obligor: str
    beneficiary: str
    treaty: str
    verdict: Verdict
    checks: tuple[Reason, ...]
    decided_by: tuple[Reason, ...]
    reading: Reading

    treaty_title = property(lambda self: self.reading.treaty_title)
    article = property(lambda self: self.reading.article)
    heading = property(lambda self: self.reading.heading)
    kind = property(lambda self: self.reading.kind)
    strength = property(lambda self: self.reading.strength)
    quote = property(lambda self: self.reading.quote)
    text_status = property(lambda self: self.reading.text_status)

    @property
    def trace(self) -> Reason:
        """The explanation tree: the obligation at the root, each check a child."""
        r = self.reading
        return Reason(
            "obligation", _RESULT_OF[self.verdict],
            f"{state_name(self.obligor)} ({self.obligor}) toward "
            f"{state_name(self.beneficiary)} ({self.beneficiary}) under {r.label}: "
            f"{self.verdict.replace('_', ' ')}",
            article=r.article, quote=r.quote, date=r.date,
            inputs={"obligor": self.obligor, "beneficiary": self.beneficiary,
                    "treaty": self.treaty, "kind": r.kind, "strength": r.strength,
                    "not_formalized": list(r.not_formalized)},
            children=(*self.checks, *r.noted), sources=r.sources)

    @property
    def reasons(self) -> list[str]:
        """Sentences citing the article: those that decided the verdict first, then the rest."""
        texts = [r.text for r in self.decided_by] + [r.text for r in self.checks] + \
            [r.text for r in self.reading.noted]
        return list(dict.fromkeys(texts))

    @property
    def decides(self) -> list[str]:
        """For an uncertain verdict: what would settle it."""
        return [r.decides for r in self.decided_by if r.decides] if self.verdict == "uncertain" \
            else []

    def to_dict(self) -> dict:
        return {
            "obligor": self.obligor,
            "beneficiary": self.beneficiary,
            "treaty": self.treaty,
            "article": self.article,
            "kind": self.kind,
            "strength": self.strength,
            "verdict": self.verdict,
            "reasons": self.reasons,
            "event": self.event,
            "treaty_title": self.treaty_title,
            "heading": self.heading,
            "quote": self.quote,
            "text_status": self.text_status,
            "decided_by": [r.rule for r in self.decided_by],
            "decides": self.decides,
            "trace": self.trace.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class EventAssessment:
    """What the reasoner found for one event: where it happened and notes about the answer."""

    index: int
    event: Event
    place: dict | None
    notes: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"index": self.index, "place": self.place, "notes": list(self.notes)}


@dataclass(frozen=True, slots=True)
class Assessment:
    """The answer to a scenario: every obligation read, in a deterministic order."""

    scenario: Scenario
    obligations: tuple[Obligation, ...]
    events: tuple[EventAssessment, ...]

    def for_event(self, index: int) -> list[Obligation]:
        return [o for o in self.obligations if o.event == index]

    def find(self, treaty: str, article: str | None = None, obligor: str | None = None,
             event: int | None = None) -> list[Obligation]:
        """Obligations matching a treaty id and optionally an article, obligor and event."""
        return [o for o in self.obligations if o.treaty == treaty
                and (article is None or o.article == article)
                and (obligor is None or o.obligor == obligor)
                and (event is None or o.event == event)]

    def to_dict(self) -> dict:
        return {
            "scenario": self.scenario.to_dict(),
            "obligations": [o.to_dict() for o in self.obligations],
            "events": [e.to_dict() for e in self.events],
        }


# --- text rendering ---------------------------------------------------------------------------

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
    import textwrap

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
