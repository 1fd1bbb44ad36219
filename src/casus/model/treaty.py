"""The treaty model every layer shares: parties over time, dated facts, cited provisions.

One YAML file per treaty (``src/casus/registry/treaties/<id>.yaml``) validates into a
:class:`Treaty`. The shape follows two habits:

* OpenFisca's: every value carries its dates and its sources, and an ending is a dated value,
  never a deletion;
* Catala's: each provision quotes its article beside the structured reading of it (kind, trigger,
  strength, conditions, scope), and what is left out is written down (``not_formalized``).

Unknown or disputed facts are explicit (``date: unknown``, ``certainty: disputed``), never
guesses. The vocabulary of kinds and conditions is that of the ATOP codebook (Leeds et al.),
so ATOP-coded alliances fit the same model.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from functools import cache
from typing import Annotated, Any, ClassVar, Literal

from dateutil.relativedelta import relativedelta
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from casus.model.rules import CORE_RULES, treaty_findings
from casus.model.states import is_state_code, suggest_states

ProvisionKind = Literal[
    "defense",          # come to the aid of a party that is attacked
    "offense",          # join a party in attacking
    "neutrality",       # stay out of a war a party fights
    "non_aggression",   # do not attack the other party
    "non_assistance",   # do not help whoever attacks the other party
    "consultation",     # talk when a party is threatened or attacked
    "cooperation",      # defence cooperation without a duty to act
]
Trigger = Literal["armed_attack", "aggression", "state_of_war", "threat"]
Strength = Literal[
    "automatic",      # "with all means in its possession", no discretion left
    "discretionary",  # "such action as it deems necessary", "act to meet the common danger"
    "consultation",   # only a duty to consult
    "abstention",     # a duty to refrain (neutrality, non-aggression, non-assistance)
]
TextStatus = Literal["verbatim", "translation", "paraphrase", "unconfirmed", "not_public", "coded"]
Certainty = Literal["confirmed", "unconfirmed", "disputed"]
Continent = Literal["AF", "AN", "AS", "EU", "NA", "OC", "SA"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@functools.lru_cache(maxsize=4096)
def article_label(article: str) -> str:
    """'Art. 5', 'Art. IV(1)', 'Art. 42(7)'; an article whose number is not known is named by
    what the file calls it ('consultation (article number not retrieved)')."""
    return f"Art. {article}" if re.match(r"^(\d|[IVXLC]+\b)", article) else article


def treaty_article(treaty: str, article: str) -> str:
    """A treaty's article named after the treaty: 'North Atlantic Treaty Art. 5', and, for an
    article named by what it is rather than a number, 'Montenegro–Serbia alliance of 1912
    (ATOP 1480), defence pledge by Montenegro (ATOP-coded)' (a comma, so the two names do not
    run together)."""
    label = article_label(article)
    return f"{treaty} {label}" if label.startswith("Art. ") else f"{treaty}, {label}"


class _Model(BaseModel):
    # strict: ``true`` is not 1, ``"yes"`` is not true, ``5`` is not the text "5".
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


#: The earliest and latest dates a treaty file may state: the Peace of Westphalia (1648), and
#: ten years from today (a term or a renewal can be dated ahead; nothing further).
EARLIEST = date(1648, 1, 1)


def _latest() -> date:
    return _ten_years_from(date.today())


@cache
def _ten_years_from(today: date) -> date:
    return today.replace(year=today.year + 10, day=28 if today.month == 2 else today.day)


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or blank")
    return value


_URL = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", re.ASCII | re.IGNORECASE)


def _url(value: str) -> str:
    """An http(s) address with a host and no spaces (a regex: urlsplit costs 3 ms a load)."""
    if not _URL.fullmatch(value):
        raise ValueError(f"bad URL {value!r}: write an http(s) address such as "
                         "https://treaties.un.org/...")
    return value


def _not_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, not {str(value).lower()}")
    return value


Text = Annotated[str, AfterValidator(_non_blank)]
"""Text that must say something (a title, a quoted article, a publisher)."""
Url = Annotated[str, AfterValidator(_url)]


def _check_state(code: str) -> str:
    if not is_state_code(code):
        hint = "; ".join(suggest_states(code)) or "an ISO 3166-1 alpha-3 code such as RUS"
        raise ValueError(f"unknown state code {code!r} (expected e.g. {hint})")
    return code


def _iso_date(value: object) -> object:
    """Dates are written YYYY-MM-DD; a bare year or a number is refused, not guessed."""
    if isinstance(value, date) or value == "unknown":
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError as e:
            raise ValueError(f"bad date {value!r}: {e}") from None
        if not EARLIEST <= day <= _latest():
            raise ValueError(f"date {value} is outside {EARLIEST.year}..{_latest().isoformat()} "
                             "(the states system to ten years from today)")
        return day
    raise ValueError(f"bad date {value!r}: write YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
StateCode = Annotated[str, AfterValidator(_check_state)]
"""A casus state code (ISO alpha-3, ``SUN``, ``COW245``), checked against the state index."""


class Source(_Model):
    """Where a fact comes from. Referenced by id from every dated value and provision."""

    url: Url | None = None
    publisher: Text
    title: Text | None = None
    date: IsoDate | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not self.url and not self.title:
            raise ValueError("a source needs a url or a title (e.g. a UNTS volume)")
        return self


class DatedFact(_Model):
    """A date the registry asserts, how sure it is, and who says so."""

    date: Annotated[date | Literal["unknown"], BeforeValidator(_iso_date)]
    certainty: Certainty = "confirmed"
    no_later_than: IsoDate | None = Field(
        default=None, description="for an unknown date: the sources show it had happened by "
        "this day (a treaty invoked, ratified by all, or published as in force)")
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    @property
    def known(self) -> date | None:
        return None if self.date == "unknown" else self.date

    @model_validator(mode="after")
    def _bound_only_for_unknown(self) -> DatedFact:
        if self.no_later_than is not None and self.date != "unknown":
            raise ValueError("no_later_than bounds an unknown date; this date is known")
        return self


class Ending(DatedFact):
    """How and when a treaty stopped binding anyone."""

    how: Literal["superseded", "expired", "terminated", "denounced", "dissolved", "lapsed"]
    by: str | None = Field(default=None, description="id of the treaty that replaced it")


class Duration(_Model):
    """Term, renewal and exit terms, as the treaty states them."""

    term: Text
    renewal: str | None = None
    denunciation: str | None = None
    notice_months: int | None = Field(
        default=None, ge=0, description="a denunciation takes effect this many months after "
        "the depositary receives it (Rio Treaty Art. 25: 24); members' spells that give only "
        "their `notice` date end by this rule")
    article: str | None = None
    sources: list[str] = Field(min_length=1)


class Membership(_Model):
    """One spell of one state being bound by the treaty."""

    state: StateCode
    joined: IsoDate
    left: IsoDate | None = None
    via: Literal["original", "accession", "succession", "rejoined"] = "original"
    left_via: Literal["withdrawal", "denunciation", "dissolution", "succession", "expiry",
                      "termination", "non_renewal"] | None = None
    notice: IsoDate | None = Field(
        default=None, description="the day the depositary received the state's denunciation; "
        "without `left`, the treaty's own notice period (duration.notice_months) dates the "
        "end")
    left_by_notice: bool = Field(
        default=False, description="set by casus: `left` was computed from `notice` and the "
        "treaty's notice period, not read from a source")
    successor_of: StateCode | None = None
    certainty: Certainty = "confirmed"
    disputed_from: IsoDate | None = Field(
        default=None, description="from this day the sources dispute whether the state was "
        "still bound (a denunciation whose effective date is not established)")
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Membership:
        if self.left is not None and self.left < self.joined:
            raise ValueError(f"membership ends ({self.left}) before it begins ({self.joined})")
        if self.disputed_from is not None and not self.covers(self.disputed_from):
            raise ValueError(f"disputed_from ({self.disputed_from}) is outside the spell "
                             f"({self.joined} to {self.left or 'today'})")
        if self.left is not None and self.left_via is None:
            raise ValueError("a membership that ends needs left_via (withdrawal, succession...)")
        return self

    def covers(self, on: date) -> bool:
        return self.joined <= on and (self.left is None or on <= self.left)


class _Period(_Model):
    """A record that holds from ``start`` to ``end`` (inclusive; open when ``end`` is None)."""

    _what: ClassVar[str] = "period"

    @model_validator(mode="after")
    def _ordered(self) -> _Period:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self._what} ends ({self.end}) before it begins ({self.start})")
        return self

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


class Suspension(_Period):
    """A party's obligations or participation put on hold without leaving the treaty.

    ``toward`` empty means toward every party (Armenia freezing its CSTO participation);
    a list means only toward those parties (the US ending its ANZUS obligations to New Zealand).
    """

    _what: ClassVar[str] = "suspension"

    state: StateCode
    toward: list[StateCode] = Field(default_factory=list)
    start: IsoDate
    end: IsoDate | None = None
    effect: Literal["obligations_suspended", "participation_frozen",
                    "participation_suspended"] = Field(
        description="obligations_suspended: the state owes nothing toward `toward`; "
        "participation_frozen: the state itself stepped back without leaving (open whether the "
        "treaty still runs to or from it); participation_suspended: the organisation barred it "
        "from its bodies while it stays a member with its obligations (OAS Democratic Charter "
        "Art. 21), which leaves what it owes and is owed in place")
    note: str | None = None
    sources: list[str] = Field(min_length=1)


class Designation(_Period):
    """A state the parties designated for some articles without its becoming a party: it is
    owed those articles and owes nothing (the Protocol to the Manila Pact designating Cambodia,
    Laos and "the free territory under the jurisdiction of the State of Vietnam" for Art. IV)."""

    _what: ClassVar[str] = "designation"

    state: StateCode
    articles: list[str] = Field(min_length=1, description="the articles it is owed; an "
                                "article's paragraphs are included (IV covers IV(1), IV(2))")
    start: IsoDate
    end: IsoDate | None = Field(default=None, description="the last day it was owed them")
    disputed_from: IsoDate | None = Field(
        default=None, description="from this day the sources dispute whether the designation "
        "still held (the state itself refusing the protection)")
    by: str = Field(description="the instrument that designates it")
    quote: str
    certainty: Certainty = "confirmed"
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    def names(self, article: str) -> bool:
        """Whether the designation reaches this article (IV reaches IV(1) and IV(2))."""
        return any(article == a or article.startswith(a + "(") for a in self.articles)


class Direction(_Model):
    """Who owes the obligation to whom, for asymmetric treaties."""

    obligor: StateCode
    beneficiary: StateCode



class Definition(_Model):
    """A treaty's own definition that settles a question its operative article leaves open,
    quoted from the article that gives it (the AU Pact's Art. 1(c) on who can commit
    aggression)."""

    article: str
    quote: Text
    sources: list[str] = Field(min_length=1)


class Conditions(_Model):
    """Conditions a provision puts on its trigger (ATOP's ``defco*`` family, in words).

    Each field's ``title`` is the phrase a reader sees when the condition is set (``treaty
    show``, ``treaty compare``), so a new condition is shown without touching the renderers.
    """

    attacker: Literal["any", "state"] = Field(
        "any", title="the attacker must be a state",
        description="'state' when the text says 'by any State' or 'from ... states'")
    origin: Literal["any", "external"] = Field(
        "any", title="only an attack from outside the party counts",
        description="'external' when the article's own words say so ('external armed attack', "
        "'external aggression', 'an external danger'): another state's attack, or a non-state "
        "group's directed from abroad, never a domestic rising")
    non_state_defined: Definition | None = Field(
        None, title="the treaty's own definition counts attacks by non-state actors",
        description="the text itself defines the attack it answers to include acts of "
        "non-state actors (AU Pact Art. 1(c)); such an attacker then meets the article")
    adversaries: list[StateCode] = Field(
        default_factory=list, title="only against",
        description="only attacks by these states count (ATOP defcoadv)")
    state_of_war: bool = Field(False, title="the attacked party must be in a state of war",
                               description="the attacked party must be in a state of war")
    non_provocation: bool = Field(False, title="not if the attacked party provoked the attack",
                                  description="not if the attacked party provoked it")
    request: bool = Field(False, title="only at the attacked party's request",
                          description="only at the request of the attacked party")
    joint_finding: bool = Field(
        False, title="only once the parties jointly establish that an armed attack is under way",
        description="the duty arises when the parties 'jointly establish' the attack "
        "(France–Greece 2021, Art. 2): either can withhold the finding, so it is never assumed")
    domestic_process: bool = Field(
        False, title="subject to constitutional processes or domestic law",
        description="acts 'in accordance with constitutional processes' or domestic law")
    un_charter_51: bool = Field(False, title="framed as self-defence under UN Charter Art. 51",
                                description="framed as self-defence under UN Charter 51")
    adversary_unnamed: bool = Field(
        False, title="only against an adversary the text names (not identified in the data)",
        description="only against an adversary the text names but the data do not identify "
        "(ATOP *coadv = 1 with statthr1 = statthr2 = 0): the attacker cannot be checked")

    @model_validator(mode="after")
    def _one_attacker_reading(self) -> Conditions:
        if self.non_state_defined is not None and self.attacker == "state":
            raise ValueError("'attacker: state' contradicts 'non_state_defined' (a definition "
                             "that counts non-state actors)")
        return self



class Area(_Model):
    """One area in which an attack counts, read from the article's own words (``label``).

    Every predicate that is set must hold (they are ANDed); areas of a scope are ORed. The
    predicates are answered by the gazetteer's facts about the attacked place.
    """

    label: Text
    states: list[StateCode] = Field(
        default_factory=list, description="only the territory of these parties")
    places: list[str] = Field(default_factory=list, description="gazetteer place ids")
    continents: list[Continent] = Field(default_factory=list)
    oceans: list[str] = Field(default_factory=list)
    island: bool | None = None
    metropolitan: bool | None = None
    north_of: float | None = Field(default=None, ge=-90, le=90)
    polygon: list[Annotated[list[float], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list, description="a region the text bounds by coordinates (Rio Treaty "
        "Art. 4): vertices [lat, lon] in the text's order, joined by rhumb lines (a meridian "
        "for 'due north/south'); a longitude past ±180 continues across the antimeridian "
        "(170°E after 120°W is written -190)")
    vicinity: Literal["region", "contiguity", "region_or_contiguity"] | None = Field(
        default=None, description="the enemy must be near the party the pledge is owed to: in "
        "its Correlates of War region ('region'), directly contiguous to it on the day "
        "('contiguity'), or either. How ATOP's location conditions (*coloc), which do not name "
        "the place, are read from best evidence")
    basis: Literal["sovereign", "administered"] = Field(
        "sovereign", description="whose territory: recognised sovereign or actual administrator")
    targets: Literal["territory", "forces", "any"] = "territory"
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    sources: list[str] = Field(default_factory=list)



    @model_validator(mode="after")
    def _polygon(self) -> Area:
        if self.polygon and len(self.polygon) < 3:
            raise ValueError("a polygon needs at least three vertices")
        for lat, lon in self.polygon:
            if not (-90 <= lat <= 90 and -360 <= lon <= 360):
                raise ValueError(f"polygon vertex ({lat}, {lon}) is out of range: latitude "
                                 f"-90..90, longitude -360..360")
        return self



class Scope(_Model):
    """Where an attack must happen for the provision to apply."""

    anywhere: bool = False
    areas: list[Area] = Field(default_factory=list)
    unresolved: str | None = Field(
        default=None, description="a limit the text sets that casus cannot evaluate (e.g. "
        "ATOP's defcoloc without the location); the scope verdict is then uncertain")
    set_by: str | None = Field(
        default=None, description="the article that sets this scope when it is not the "
        "provision's own (North Atlantic Treaty Art. 6 for Art. 5), e.g. '6' or '3(3)'")
    targets: Literal["territory", "forces", "any"] = Field(
        default="any", description="what the article's attack must be on as a whole: "
        "'territory' for 'aggression on its territory' or 'against the territories of', so "
        "no area and no unresolved limit can bring an attack on forces at sea within it")
    note: str | None = None

    @model_validator(mode="after")
    def _either(self) -> Scope:
        if self.anywhere == bool(self.areas or self.unresolved):
            raise ValueError("a scope is either 'anywhere: true' or areas (and/or an "
                             "'unresolved' limit), not both and not neither")
        return self


#: Kinds of regime a reservation can be limited to, each a dated list in registry/regimes.yaml.
RegimeKind = Literal["communist"]


class Reservation(_Model):
    """One party's understanding or reservation that narrows its own duty under an article
    (the US understanding to SEATO Art. IV(1): communist aggression only).

    With ``adversaries`` the limit is formalised: only attacks by those states bind the party.
    With ``regime`` it is formalised by dated data: only attacks by a state under that regime
    on the day (``registry/regimes.yaml``); ``beyond: open`` leaves other states' attacks
    uncertain rather than excluded. With ``origin: external`` (the US understanding to
    the 1953 treaty with Korea) only an attack from outside counts. Without any of them, casus
    cannot test the limit, so the party's duty is never more than uncertain.
    """

    by: StateCode
    limit: str = Field(description="the limit in the words of the understanding")
    adversaries: list[StateCode] = Field(default_factory=list)
    regime: RegimeKind | None = Field(
        default=None, description="only attacks by a state under this kind of regime on the "
        "day count, by the dated list in registry/regimes.yaml")
    origin: Literal["external"] | None = Field(
        default=None, description="external: only an attack from outside counts — any other "
        "state's, or a non-state group's directed from abroad; a domestic rising does not")
    beyond: Literal["excluded", "open"] = Field(
        default="excluded", description="what a `regime` limit makes of an attack by a state "
        "outside it: excluded (the party's duty is not engaged: the US SEATO understanding), or "
        "open, where the sources dispute whether the text reaches further (the 1959 agreements' "
        "reference to the Eisenhower Doctrine: uncertain)")
    quote: str
    sources: list[str] = Field(min_length=1)


class Provision(_Model):
    """One article (or paragraph) read as an obligation, quoted beside its reading."""

    article: str
    heading: str | None = None
    kind: ProvisionKind
    trigger: Trigger | None = None
    strength: Strength
    text: Text
    text_status: TextStatus
    language: str = "en"
    directions: list[Direction] = Field(
        default_factory=list, description="empty: every party owes it to every other party")
    conditions: Conditions = Field(default_factory=Conditions)
    scope: Scope
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    amended_by: str | None = None
    reservations: list[Reservation] = Field(default_factory=list)
    not_formalized: list[str] = Field(default_factory=list)
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> Provision:
        if self.kind in ("defense", "offense", "consultation") and self.trigger is None:
            raise ValueError(f"a {self.kind} provision needs a trigger")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to ({self.valid_to}) is before valid_from ({self.valid_from})")
        return self

    @property
    def label(self) -> str:
        return article_label(self.article)

    def valid_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to)


class Interpretation(_Model):
    """An authoritative reading that settles a question the text leaves open.

    e.g. the North Atlantic Council applying Art. 5 to a non-state attack (12 Sep 2001), or a US
    president stating that Art. V of the US–Japan treaty covers the Senkaku Islands.
    """

    article: str
    question: Literal["non_state_attacker", "place_in_scope", "state_of_war"]
    places: list[str] = Field(default_factory=list)
    within: list[Literal["directed_from_abroad", "request"]] = Field(
        default_factory=list, description="the facts the reading rests on: it settles only "
        "attacks that share them (NATO's 2001 reading: an attack directed from abroad; the "
        "CSTO's 2022 reading: unrest said to be stirred from outside, at the government's "
        "request)")
    holds: bool
    date: IsoDate
    by: Text
    quote: Text
    sources: list[str] = Field(min_length=1)


class Precedent(_Model):
    """A time the treaty was invoked, or pointedly not, with what came of it."""

    date: IsoDate
    article: str | None = None
    event: Text
    outcome: Text
    invoked: bool
    by: list[StateCode] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)



class Treaty(_Model):
    """A defence treaty: identity, dates, parties over time and its provisions, all cited."""

    schema_version: Annotated[Literal[1], BeforeValidator(_not_bool)]
    id: str
    title: Text
    short_names: list[str] = Field(default_factory=list)
    depositary: str | None = None
    atop_id: int | None = None
    signed: DatedFact
    in_force: DatedFact
    ended: Ending | None = None
    supersedes: list[str] = Field(default_factory=list)
    duration: Duration | None = None
    members: list[Membership] = Field(min_length=2)
    suspensions: list[Suspension] = Field(default_factory=list)
    designations: list[Designation] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    interpretations: list[Interpretation] = Field(default_factory=list)
    precedents: list[Precedent] = Field(default_factory=list)
    summary: Text
    not_formalized: list[str] = Field(default_factory=list)
    sources: dict[str, Source] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _end_by_notice(cls, data: Any) -> Any:
        """A denunciation takes effect as the treaty's own terms say: a spell that records only
        the notice ends on the last day before the notice period runs out."""
        if not isinstance(data, dict):
            return data
        months = (data.get("duration") or {}).get("notice_months") \
            if isinstance(data.get("duration"), dict) else None
        members = data.get("members")
        if not months or not isinstance(members, list):
            return data
        filled = []
        for m in members:
            if isinstance(m, dict) and m.get("notice") and not m.get("left"):
                notice = _iso_date(m["notice"])
                if isinstance(notice, date):
                    m = {**m, "left": notice + relativedelta(months=months) - timedelta(days=1),
                         "left_by_notice": True, "left_via": m.get("left_via") or "denunciation"}
            filled.append(m)
        return {**data, "members": filled}

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.match(v):
            raise ValueError(f"id {v!r} must be a lowercase slug such as 'rus-prk-2024'")
        return v

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Treaty:
        """The rules of :mod:`casus.model.rules`, for a treaty built in Python.

        The file loader passes ``context={"rules": "located"}`` and applies the rules itself,
        so each finding is reported at the line of its field.
        """
        if (info.context or {}).get("rules") == "located":
            return self
        errors = [f.message for f in treaty_findings(self)
                  if f.severity == "error" and f.rule in CORE_RULES]
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def _cited_sources(self) -> set[str]:
        cited: set[str] = set()
        for part in [self.signed, self.in_force, self.ended, self.duration, *self.members,
                     *self.suspensions, *self.provisions, *self.interpretations,
                     *self.precedents]:
            if part is not None:
                cited.update(part.sources)
        for p in self.provisions:
            for a in p.scope.areas:
                cited.update(a.sources)
            for r in p.reservations:
                cited.update(r.sources)
            if p.conditions.non_state_defined is not None:
                cited.update(p.conditions.non_state_defined.sources)
        return cited

    # --- questions every layer asks -------------------------------------------------------

    @property
    def name(self) -> str:
        """The name readers know it by: the first short name, else the title."""
        return self.short_names[0] if self.short_names else " ".join(self.title.split())

    @property
    def parties(self) -> list[str]:
        """Every state that was ever party, in order of first joining."""
        return list(self._parties)

    @functools.cached_property
    def _parties(self) -> tuple[str, ...]:
        # a treaty is immutable (frozen), so its parties are computed once
        seen: dict[str, None] = {}
        for m in sorted(self.members, key=lambda m: m.joined):
            seen.setdefault(m.state)
        return tuple(seen)

    def in_force_on(self, on: date) -> bool | None:
        """True/False, or None when an unknown date leaves it open."""
        start = self.in_force.known
        end = self.ended.known if self.ended else None
        if end is not None and on >= end:
            return False  # ended, whenever it began
        if start is None:
            bound = self.in_force.no_later_than
            if bound is None or on < bound:
                return None if self.signed.known and self.signed.known <= on else False
            # in force by ``bound`` on the sources' word, though the day is not known
            return None if self.ended is not None and end is None else True
        if on < start:
            return False
        if self.ended is None:
            return True
        if end is None:
            return None
        return on < end

    def members_on(self, on: date) -> set[str]:
        return {m.state for m in self.members if m.covers(on)}

    def membership_of(self, state: str) -> list[Membership]:
        return [m for m in self.members if m.state == state]

    def provision(self, article: str, on: date | None = None) -> Provision | None:
        for p in self.provisions:
            if p.article == article and (on is None or p.valid_on(on)):
                return p
        return None

    def suspensions_of(self, state: str, on: date) -> list[Suspension]:
        return [s for s in self.suspensions if s.state == state and s.covers(on)]

    def cite(self, source_ids: list[str]) -> list[Source]:
        return [self.sources[s] for s in source_ids if s in self.sources]
