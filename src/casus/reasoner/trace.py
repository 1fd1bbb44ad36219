"""The explanation as a tree, and the verdicts built from it.

Every answer the reasoner gives is a :class:`Reason` tree (rule, article cited with its quoted
text, date, inputs, result, children). An :class:`Obligation` is one provision of one treaty
read for one obligor toward one beneficiary; its verdict is computed from the results of its
checks, never set by hand:

* any check ``not_met``   → ``not_triggered`` (the first such check decides);
* else any ``uncertain``  → ``uncertain`` (each uncertain check says what would decide it);
* else                    → ``triggered``.

The CLI, the HTTP API and the web page render this same object (STYLE.md practice 6) through
:mod:`casus.views`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
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
    language: str = "en"


_RESULT_OF = {"triggered": "met", "not_triggered": "not_met", "uncertain": "uncertain"}


@dataclass(slots=True, eq=False)
class Obligation:
    """One provision read for one obligor toward one beneficiary, for one event.

    ``checks`` are the rules applied, in order; ``decided_by`` the ones that decided the
    verdict; :attr:`trace` is the whole explanation as one tree.

    ``beneficiary_role`` is ``"attacked"`` for a pledge owed to the attacked party, or
    ``"attacker"`` for one owed to a party that attacked (an offence or neutrality pledge its
    own war engages); a non-aggression pledge broken by its obligor's attack is owed to the
    attacked party. ``activation`` (:func:`casus.reasoner.war.activation`) says whether a
    triggered obligation is a case of performance in war: ``activated``, ``breached``,
    ``does_not_apply``; None when nothing was triggered. Both appear in :meth:`to_dict` only
    when they say something (``beneficiary_role`` other than ``attacked``, ``activation`` not
    None), so earlier JSON keeps its shape.
    """

    event: int
    obligor: str
    beneficiary: str
    treaty: str
    verdict: Verdict
    checks: tuple[Reason, ...]
    decided_by: tuple[Reason, ...]
    reading: Reading
    beneficiary_role: str = "attacked"
    activation: str | None = None

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
            **({"beneficiary_role": self.beneficiary_role}
               if self.beneficiary_role != "attacked" else {}),
            **({"activation": self.activation} if self.activation is not None else {}),
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


def _deciding_reason(o: Obligation) -> str:
    """The one sentence a table shows: what decided a "no" or an "open"; for a "yes", what the
    article turns on and that the event meets it."""
    if o.verdict == "triggered":
        return next((r.text for r in o.checks if r.rule == "trigger"), "")
    return o.decided_by[0].text if o.decided_by else ""


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

    def select(self, *, verdict: str | None = None, obligor: str | None = None,
               treaty: str | None = None, kind: str | None = None) -> Assessment:
        """The same answer keeping only the obligations that match every filter given."""
        kept = tuple(o for o in self.obligations
                     if (verdict is None or o.verdict == verdict)
                     and (obligor is None or o.obligor == obligor)
                     and (treaty is None or o.treaty == treaty)
                     and (kind is None or o.kind == kind))
        return Assessment(scenario=self.scenario, obligations=kept, events=self.events)

    def to_frame(self, backend: str = "polars") -> Any:
        """One row per obligation (event, date, obligor, beneficiary, treaty, article, kind,
        strength, verdict, text_status, the deciding reason, what would decide an uncertain
        one), as a polars or pandas DataFrame."""
        import polars as pl

        rows = [{"event": o.event, "date": o.reading.date, "obligor": o.obligor,
                 "beneficiary": o.beneficiary, "treaty": o.treaty,
                 "treaty_title": o.treaty_title, "article": o.article, "kind": o.kind,
                 "strength": o.strength, "verdict": o.verdict, "text_status": o.text_status,
                 "reason": _deciding_reason(o),
                 "decides": "; ".join(o.decides)} for o in self.obligations]
        schema = {"event": pl.Int64, "date": pl.Date, **{k: pl.String for k in (
            "obligor", "beneficiary", "treaty", "treaty_title", "article", "kind", "strength",
            "verdict", "text_status", "reason", "decides")}}
        frame = pl.DataFrame(rows, schema=schema)
        return frame.to_pandas() if backend == "pandas" else frame

    def _repr_html_(self) -> str:
        """A table in Jupyter: one row per obligation."""
        return self.to_frame()._repr_html_()

    def to_dict(self) -> dict:
        from casus.reasoner.summary import summarize

        return {
            "scenario": self.scenario.to_dict(),
            "obligations": [o.to_dict() for o in self.obligations],
            "events": [e.to_dict() for e in self.events],
            "summary": [s.to_dict() for s in summarize(self)],
        }
