"""Treaties side by side, and the question the seed article leaves open: is it an alliance?

Everything said here is derived from the registry's fields — the comparison table and the
sentences a journalist can quote are generated, never written per treaty — so a corrected
treaty file corrects the comparison too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from casus.model.quoting import shown_text
from casus.model.states import state_name
from casus.model.treaty import Provision, Treaty, article_label

# How much a pledge leaves to the obligor, strongest first (ATOP distinguishes the pledge
# from its conditions; the strength is how the article words the duty to act).
_STRENGTH_RANK = {"automatic": 0, "discretionary": 1, "consultation": 2, "abstention": 3}
_STRENGTH_WORDS = {
    "automatic": "automatic: assistance with all means, no room left to decide",
    "discretionary": "discretionary: each party decides what action to take",
    "consultation": "consultation only",
    "abstention": "a duty to refrain only",
}


def conditions_in_words(p: Provision) -> list[str]:
    """The conditions a provision sets, as short phrases: each set field's ``title``."""
    c = p.conditions
    words = []
    for name, spec in type(c).model_fields.items():
        value = getattr(c, name)
        if value == spec.get_default(call_default_factory=True):
            continue
        if isinstance(value, list):
            words.append(f"{spec.title} " + ", ".join(state_name(s) for s in value))
        else:
            words.append(spec.title or name.replace("_", " "))
    return words


_VICINITY_WORDS = {
    "region": "the enemy in the same COW region as the party owed",
    "contiguity": "the enemy directly contiguous to the party owed",
    "region_or_contiguity": "the enemy in the same COW region as the party owed, or directly "
                            "contiguous to it",
}


def _area_words(a) -> str:
    words = " ".join(a.label.split())
    if a.vicinity:
        words += f" ({_VICINITY_WORDS[a.vicinity]})"
    return words


def scope_in_words(p: Provision, on: date | None = None) -> str:
    """The areas where an attack counts (those valid on ``on``, if given)."""
    only = "" if p.scope.targets == "any" else f"attacks on {p.scope.targets} only: "
    if p.scope.anywhere:
        return only + "no geographic limit"
    areas = [a for a in p.scope.areas
             if on is None or ((a.valid_from is None or a.valid_from <= on)
                               and (a.valid_to is None or on <= a.valid_to))]
    return only + "; ".join(_area_words(a) for a in areas)


def defence_provision(t: Treaty, on: date | None = None) -> Provision | None:
    """The treaty's strongest defence pledge in the wording valid on ``on``.

    Without a date, or when no wording is valid on it (the treaty has ended), the latest
    wording is used.
    """
    pledges = [p for p in t.provisions if p.kind == "defense"]
    current = [p for p in pledges if on is not None and p.valid_on(on)]
    if not current:
        latest = max((p.valid_from or date.min for p in pledges), default=None)
        current = [p for p in pledges if (p.valid_from or date.min) == latest]
    return min(current, key=lambda p: _STRENGTH_RANK[p.strength], default=None)


def alliance_class(t: Treaty, on: date | None = None) -> str:
    """What kind of security commitment the treaty is, in ATOP's terms."""
    p = defence_provision(t, on)
    if p is not None:
        return f"mutual-defence alliance ({p.strength})" if not p.directions else (
            f"one-sided defence guarantee ({p.strength})")
    kinds = {q.kind for q in t.provisions if on is None or q.valid_on(on)}
    if "offense" in kinds:
        return "offensive alliance"
    if "consultation" in kinds:
        return "consultation pact (no duty to defend)"
    if kinds & {"non_aggression", "non_assistance", "neutrality"}:
        return "non-aggression / non-assistance pact (no duty to defend)"
    return "no security obligations"


def _status(t: Treaty, on: date) -> str:
    state = t.in_force_on(on)
    if state is None:
        return "unknown (a date is not established)"
    if state:
        return f"in force since {t.in_force.known}"
    if t.ended and t.ended.known and t.ended.known <= on:
        return f"ended {t.ended.known} ({t.ended.how}" + (
            f" by {t.ended.by})" if t.ended.by else ")")
    return f"not yet in force on {on}"


@dataclass
class Column:
    """One treaty's answers to the comparison's rows."""

    treaty: Treaty
    rows: dict[str, str]
    provision: Provision | None


@dataclass
class Comparison:
    on: date
    columns: list[Column]
    findings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "on": self.on.isoformat(),
            "treaties": [
                {"id": c.treaty.id, "title": c.treaty.title, **c.rows,
                 "article": c.provision.article if c.provision else None,
                 "quote": c.provision.text if c.provision else None}
                for c in self.columns
            ],
            "findings": self.findings,
        }


ROWS = ["parties", "status", "class", "defence article", "trigger", "strength", "conditions",
        "scope", "duration"]


def compare_treaties(treaties: list[Treaty], on: date | None = None,
                     corpus: Iterable[Treaty] | None = None) -> Comparison:
    """Provisions side by side, with findings comparing the first treaty to the others.

    ``corpus`` is the set of treaties against which shared wording is judged distinctive
    (default: the embedded registry): a phrase most defence clauses use ("an armed attack")
    says nothing about who borrowed from whom.
    """
    on = on or date.today()
    columns = []
    for t in treaties:
        p = defence_provision(t, on)
        columns.append(Column(t, {
            "parties": ", ".join(state_name(s) for s in t.parties),
            "status": _status(t, on),
            "class": alliance_class(t),
            "defence article": f"{article_label(p.article)}" if p else "none",
            "trigger": (p.trigger or "").replace("_", " ") if p else "—",
            "strength": _STRENGTH_WORDS[p.strength] if p else "—",
            "conditions": "; ".join(conditions_in_words(p)) or "none" if p else "—",
            "scope": scope_in_words(p, on if t.in_force_on(on) else None) if p else "—",
            "duration": t.duration.term if t.duration else "not stated",
        }, p))
    if corpus is None:
        from casus.model.registry import load_registry

        corpus = load_registry()
    common = _common_phrases([defence_provision(t) for t in corpus])
    return Comparison(on, columns, _findings(columns, on, common))


def _common_phrases(provisions: list[Provision | None]) -> Callable[[str], bool]:
    """Whether a phrase is common currency: used by more than a tenth of the defence clauses
    (and by at least three), so sharing it shows no borrowing."""
    texts = [" ".join(_words(p.text)) for p in provisions if p is not None]
    limit = max(3, len(texts) // 10)

    def common(phrase: str) -> bool:
        return sum(f" {phrase} " in f" {t} " for t in texts) > limit

    return common


def _who_owes(t: Treaty, p: Provision) -> str:
    """'each party, if the other is attacked' / 'each party, to every other party attacked' /
    'the United States, if Japan is attacked' — the pledge's shape in words."""
    if p.directions:
        pairs = sorted({(d.obligor, d.beneficiary) for d in p.directions})
        if len({o for o, _ in pairs}) == 1 and len(pairs) == 1:
            o, b = pairs[0]
            return f"{state_name(o)}, if {state_name(b)} is attacked,"
        return "the parties it lists, toward the parties it lists,"
    if len(t.parties) > 2:
        return "each party, toward every other party that is attacked,"
    return "each party, if the other is attacked,"


def _findings(columns: list[Column], on: date, common: Callable[[str], bool]) -> list[str]:
    """Sentences comparing the first treaty's defence pledge with each other treaty's."""
    if not columns:
        return []
    first, others = columns[0], columns[1:]
    t, p = first.treaty, first.provision
    name = t.name
    if p is None:
        return [f"{name} contains no pledge to defend the other party: it is a "
                f"{alliance_class(t)}."]
    out = [f"On paper, {name} is a {alliance_class(t)}: {article_label(p.article)} obliges "
           f"{_who_owes(t, p)} to give assistance — "
           f"{shown_text(clip(p.text, 24), p.text_status, p.language)}"]
    for o in others:
        q, oname = o.provision, o.treaty.name
        if q is None:
            out.append(f"{oname} has no defence pledge to compare ({alliance_class(o.treaty)}).")
            continue
        rel = _STRENGTH_RANK[p.strength] - _STRENGTH_RANK[q.strength]
        if rel == 0:
            out.append(f"Its pledge is as strong as {oname} {article_label(q.article)} "
                       f"(both {q.strength}).")
        else:
            verb = "stronger" if rel < 0 else "weaker"
            out.append(f"Its pledge is {verb} than {oname} {article_label(q.article)} "
                       f"({p.strength} vs {q.strength}).")
        echoes = list(dict.fromkeys(
            ph for ph in shared_phrases(p.text, q.text)
            if len(set(ph.split()) - _FILLER) >= 2 and not common(ph)))
        if len(echoes) >= 2:
            out.append(_borrowing(first, o, echoes))
        mine, theirs = set(conditions_in_words(p)), set(conditions_in_words(q))
        if mine - theirs:
            out.append(f"Unlike {oname}, it adds: " + "; ".join(sorted(mine - theirs)) + ".")
        if theirs - mine:
            out.append(f"Unlike {oname}, it does not require: "
                       + "; ".join(sorted(theirs - mine)) + ".")
        if p.scope.anywhere != q.scope.anywhere:
            out.append(f"Scope: {name} — {clip(scope_in_words(p, on), 24)}; {oname} — "
                       f"{clip(scope_in_words(q, on), 24)}.")
    out.append(_verdict(t, p, others))
    return out


def _borrowing(a: Column, b: Column, echoes: list[str]) -> str:
    """Who repeats whose words, by date of signature; quoted only where both texts are the
    treaties' own words."""
    p, q = a.provision, b.provision
    assert p is not None and q is not None
    newer, older = (a, b) if (a.treaty.signed.known or date.min) >= (
        b.treaty.signed.known or date.min) else (b, a)
    own = p.text_status == q.text_status == "verbatim"
    shown = "; ".join(f"“{e}”" if own else f"'{e}'" for e in echoes)
    older_p = older.provision
    assert older_p is not None
    head = (f"{newer.treaty.name} (signed {newer.treaty.signed.date}) repeats words of "
            f"{older.treaty.name} {article_label(older_p.article)} (signed "
            f"{older.treaty.signed.date})")
    if own:
        return f"{head}: {shown}."
    return (f"{head}, in the texts casus holds ({p.text_status}; {q.text_status}, so not both "
            f"the treaties' own words): {shown}.")


# Words that make a shared phrase uninformative on their own ("of the", "in the").
_FILLER = {"the", "of", "a", "an", "and", "or", "in", "to", "by", "its", "their", "any", "one",
           "other", "with", "that", "shall", "be", "is", "at", "on", "as", "for"}

# Conditions that leave the obligor room to decide whether the duty has arisen.
_LEEWAY = ("state_of_war", "domestic_process", "request", "non_provocation")


def _verdict(t: Treaty, p: Provision, others: list[Column]) -> str:
    """One quotable sentence: is the first treaty a full military alliance, by its text?"""
    as_strong = [o.treaty.name for o in others if o.provision
                 and _STRENGTH_RANK[o.provision.strength] == _STRENGTH_RANK[p.strength]]
    stronger = [o.treaty.name for o in others if o.provision
                and _STRENGTH_RANK[o.provision.strength] > _STRENGTH_RANK[p.strength]]
    leeway = [type(p.conditions).model_fields[k].title for k in _LEEWAY
              if getattr(p.conditions, k)]
    if p.strength == "automatic":
        head = f"In short: by its text, {t.name} is a full mutual-defence alliance"
    else:
        head = (f"In short: by its text, {t.name} is a mutual-defence alliance whose "
                f"pledge leaves each party to decide what help to give")
    parts = [head]
    if as_strong:
        parts.append(f"its pledge is as binding as that of {', '.join(as_strong)}")
    if stronger:
        parts.append(f"more binding on paper than that of {', '.join(stronger)}")
    weaker = [f"{o.treaty.name} ({o.provision.strength})" for o in others if o.provision
              and _STRENGTH_RANK[o.provision.strength] < _STRENGTH_RANK[p.strength]]
    if weaker:
        parts.append(f"less binding on paper than that of {', '.join(weaker)}")
    sentence = ", ".join(parts) + "."
    if leeway:
        sentence += (" What remains open is how its conditions will be read: "
                     + "; ".join(leeway) + ".")
    return sentence


def _words(s: str) -> list[str]:
    return [w.strip(".,;:\"'()“”’").casefold() for w in s.split()]


def shared_phrases(a: str, b: str, shortest: int = 3) -> list[str]:
    """Maximal word sequences (``shortest`` words or more) that both texts use, in a's order.

    How a new treaty echoes an old one is best shown by the phrases it repeats ("state of war",
    "military and other assistance"), not by a similarity score.
    """
    wa, wb = _words(a), _words(b)
    grams_b = {tuple(wb[i:i + n]) for n in range(1, len(wb) + 1)
               for i in range(len(wb) - n + 1)}
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(wa):
        n = 0
        while i + n < len(wa) and tuple(wa[i:i + n + 1]) in grams_b:
            n += 1
        if n >= shortest:
            found.append((i, n))
            i += n
        else:
            i += 1
    return [" ".join(wa[i:i + n]) for i, n in found]


def clip(text: str, words: int = 40) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
