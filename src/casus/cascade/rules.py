"""Entry consequences: what a state's entry into a war puts in play, as named rules.

The reasoner answers one question — an attack on *one* state: who is bound to defend it? A
cascade asks it again for every state newly at war, and these rules say how each newcomer's
war is put to the reasoner, and what the answers mean for entry. Each rule's docstring quotes
the principle it applies; each has options (:class:`Options`), and the defaults are the
conservative reading (the one that assumes the fewest facts not in the scenario).
``docs/cascade.md`` shows what each option changes on real scenarios.

Every rule returns :class:`~casus.reasoner.Reason` objects, the same explanation nodes the
reasoner builds, so a cascade's "because" reads like the reasoner's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Literal

from casus.errors import InputError
from casus.model.states import state_name
from casus.model.treaty import treaty_article
from casus.reasoner import Reason

Side = Literal["attacker", "target"]


def other(side: str) -> str:
    return "target" if side == "attacker" else "attacker"


def who(code: str) -> str:
    return f"{state_name(code)} ({code})"


@dataclass(frozen=True)
class Options:
    """How entry consequences are read (defaults: the conservative reading).

    * ``joiner_attacked`` — how a state that *joins* the defending side is put to the
      reasoner: ``forces`` (default: the attacker strikes its forces at the place of the
      original attack), ``territory`` (the war reaches its own territory), ``none`` (a joiner's
      own allies are never engaged). Rule :func:`rule_joiner_is_belligerent`.
    * ``counterattack`` — whether the defenders' fighting back is read as an attack on the
      attacker's territory, which puts the attacker's allies' defence pledges in play:
      ``territory`` (default) or ``none``. Rule :func:`rule_counterattack`.
    * ``aggressor`` — what a defence pledge owes a state that attacked first, once it is
      struck back: ``not_covered`` (default: nothing, the Italian reading of 1914),
      ``uncertain`` (may enter: the pledge is read by its words alone), ``covered`` (the
      pledge binds as if the ally had been attacked first). Rule :func:`rule_aggressor`.
    * ``offense`` — whether offensive pledges toward a belligerent (support in a war it
      fights, attacked or not) bring their obligor in: ``read`` (default) or ``ignore``.
      Rule :func:`rule_offense`.
    * ``neutrality`` — when a state bound to enter is also bound to stay out (a neutrality or
      non-assistance clause toward a state of the other side): ``uncertain`` (default: may
      enter, decided by which pledge it keeps), ``stay_out`` or ``enter``. Rule
      :func:`rule_neutrality`.
    * ``may_depth`` — how many open questions a "may enter" may rest on (default 1): a state
      is listed as "may enter" when the path that draws it in has at most this many uncertain
      obligations; ``0`` gives the lower bound alone. Chains of "maybe" on "maybe" reach most
      of the world through the regional pacts whose texts are not retrieved, and say little.
    * ``max_rounds`` — rounds after which the cascade stops (default 12).
    """

    joiner_attacked: Literal["forces", "territory", "none"] = "forces"
    counterattack: Literal["territory", "none"] = "territory"
    aggressor: Literal["not_covered", "uncertain", "covered"] = "not_covered"
    offense: Literal["read", "ignore"] = "read"
    neutrality: Literal["uncertain", "stay_out", "enter"] = "uncertain"
    may_depth: int = 1
    max_rounds: int = 12

    def __post_init__(self) -> None:
        allowed = {"joiner_attacked": ("forces", "territory", "none"),
                   "counterattack": ("territory", "none"),
                   "aggressor": ("not_covered", "uncertain", "covered"),
                   "offense": ("read", "ignore"),
                   "neutrality": ("uncertain", "stay_out", "enter")}
        for name, values in allowed.items():
            v = getattr(self, name)
            if v not in values:
                raise InputError(f"cascade option {name}={v!r} is not one of "
                                 f"{', '.join(values)} (e.g. {name}={values[0]})")
        if not isinstance(self.max_rounds, int) or not 1 <= self.max_rounds <= 100:
            raise InputError(f"cascade option max_rounds={self.max_rounds!r} must be an "
                             "integer from 1 to 100 (e.g. max_rounds=12)")
        if not isinstance(self.may_depth, int) or not 0 <= self.may_depth <= 100:
            raise InputError(f"cascade option may_depth={self.may_depth!r} must be an "
                             "integer from 0 to 100 (e.g. may_depth=1)")

    @classmethod
    def parse(cls, items: list[str] | None) -> Options:
        """Options from ``NAME=VALUE`` strings (the CLI's repeatable ``--rule``)."""
        names = {f.name for f in fields(cls)}
        values: dict[str, object] = {}
        for item in items or []:
            name, sep, value = item.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in names:
                raise InputError(f"bad --rule {item!r}: expected NAME=VALUE with NAME one of "
                                 f"{', '.join(sorted(names))} (e.g. aggressor=uncertain)")
            values[name] = int(value) if name in ("max_rounds", "may_depth") and \
                value.strip().isdigit() else value.strip()
        return cls(**values)

    def to_dict(self) -> dict:
        return asdict(self)


def rule_joiner_is_belligerent(joiner: str, enemies: list[str], place: str | None,
                               option: str) -> Reason:
    """A state that enters a war is a belligerent: the enemy may now strike it.

    Principle: collective self-defence (UN Charter Art. 51, "the inherent right of individual
    or collective self-defence if an armed attack occurs") makes the defender's helper a party
    to the conflict, and "an armed attack … on the forces, vessels or aircraft" of a party is
    an armed attack under most pacts (North Atlantic Treaty Art. 6). Whether the joiner's own
    allies must then help it is the reasoner's question, asked with the attack where the joiner
    fights: by default its forces at the place of the original attack (so geographic limits —
    ANZUS's Pacific, the Rio Treaty's region — apply), or with option ``territory`` its home
    territory, or with ``none`` not at all.
    """
    where = {"forces": f"its forces at {place}" if place else "its forces at the front",
             "territory": "its own territory", "none": "nothing"}[option]
    return Reason("joiner_is_belligerent", "met" if option != "none" else "not_met",
                  f"{who(joiner)} is at war with {', '.join(map(who, enemies))}: read as an "
                  f"attack on {where} (option joiner_attacked={option})",
                  inputs={"joiner": joiner, "enemies": enemies, "option": option})


def rule_counterattack(state: str, enemies: list[str], option: str) -> Reason:
    """Defenders fight back, on the attacker's territory too: the attacker is now struck.

    Principle: self-defence is not confined to the defender's soil (UN Charter Art. 51 sets no
    such limit; "necessity and proportionality", ICJ, *Nicaragua* 1986 §176). Once the
    attacker's own territory is struck, its allies' pledges come into play — subject to
    :func:`rule_aggressor`, since the attacker struck first. Option ``none`` assumes the
    defenders never strike back beyond the attacked place.
    """
    return Reason("counterattack", "met" if option == "territory" else "not_met",
                  f"{who(state)} attacked first; its enemies ({', '.join(map(who, enemies))}) "
                  "are read as striking back at its territory (option counterattack="
                  f"{option})", inputs={"state": state, "enemies": enemies, "option": option})


def rule_aggressor(ally: str, obligor: str, treaty: str, article: str, option: str) -> Reason:
    """A defensive pact does not cover an ally that attacked first.

    Principle: a defence pledge is owed to a party that is *attacked*; an ally that begins the
    war cannot claim it when the war it began comes home. Italy, bound to Germany and
    Austria-Hungary by the Triple Alliance (1882, renewed 1912) only "in case one or both of
    the High Contracting Parties should be attacked without direct provocation on their part",
    declared neutrality on 2–3 August 1914: Austria-Hungary had attacked Serbia, so the
    *casus foederis* had not arisen. Default ``not_covered`` applies that reading; ``uncertain``
    leaves it to the obligor ("may enter"); ``covered`` binds as the pledge's words alone
    would if the struck ally had not attacked first.
    """
    result = {"not_covered": "not_met", "uncertain": "uncertain", "covered": "met"}[option]
    text = (f"Exception (aggressor): {who(ally)} attacked first; a defensive pact does not cover "
            f"an ally that attacked first (Italy, August 1914), so {who(obligor)} is not bound "
            f"by {treaty_article(treaty, article)}")
    if option == "uncertain":
        text = (f"{who(ally)} attacked first: whether {treaty_article(treaty, article)} binds "
                f"{who(obligor)} to defend it now that it is struck back is open "
                "(option aggressor=uncertain)")
    elif option == "covered":
        text = (f"{who(ally)} attacked first, but {treaty_article(treaty, article)} is read by its "
                "words alone: it is struck, so the pledge binds (option aggressor=covered)")
    return Reason("aggressor_not_covered", result, text, article=article, exception=True,
                  inputs={"ally": ally, "obligor": obligor, "option": option},
                  decides=(f"whether {who(obligor)} holds that {treaty} covers {who(ally)}, "
                           "which attacked first") if option == "uncertain" else None)


def rule_offense(obligor: str, ally: str, label: str, option: str) -> Reason:
    """An offensive pledge binds its obligor to fight beside its ally in a war the ally fights,
    whoever began it.

    Principle (ATOP codebook, ``offense``): "the members promise active military support … in
    the event of conflict, even if the partner was not attacked" — so unlike a defence pledge
    it is not limited by :func:`rule_aggressor`. The reasoner reads only pledges an attack on
    the beneficiary triggers; the cascade reads offensive pledges itself (option ``ignore``
    leaves them out).
    """
    return Reason("offense", "met" if option == "read" else "not_met",
                  f"{label}: {who(obligor)} promised to fight beside {who(ally)} in a war it "
                  f"fights, attacked or not (option offense={option})",
                  inputs={"obligor": obligor, "ally": ally, "option": option})


def rule_neutrality(state: str, enter_side: str, bound_by: str, option: str) -> Reason:
    """A state bound to stay out of a war does not enter it on the other side without
    breaking a pledge.

    Principle: neutrality and non-assistance clauses ("shall not provide any military or other
    assistance to the aggressor", Russia–Iran 2025 Art. 3(3); ATOP ``neutral``: "promise not to
    aid the partner's enemy") bind the obligor to stay out of the side they name. When the same
    state is also bound to enter that side, the treaties conflict and the text cannot say which
    it keeps: default ``uncertain`` ("may enter", decided by which pledge it honours);
    ``stay_out`` lets neutrality prevail; ``enter`` the pledge to fight.
    """
    result = {"uncertain": "uncertain", "stay_out": "not_met", "enter": "met"}[option]
    return Reason("neutrality_conflict", result,
                  f"{who(state)} is bound to enter on the {enter_side} side but also to stay out "
                  f"of that side under {bound_by} (option neutrality={option})",
                  exception=True, inputs={"state": state, "option": option},
                  decides=(f"whether {who(state)} keeps its pledge to fight or its pledge to "
                           f"stay out ({bound_by})") if option == "uncertain" else None)


def rule_both_sides(state: str, target_via: str, attacker_via: str) -> Reason:
    """A state bound in the same round to both sides cannot keep both pledges: it is not
    counted on either side, and the conflict is said."""
    return Reason("bound_to_both_sides", "uncertain",
                  f"{who(state)} is bound to the target's side ({target_via}) and to the "
                  f"attacker's side ({attacker_via}) in the same round",
                  decides=f"which side {who(state)} chooses")
