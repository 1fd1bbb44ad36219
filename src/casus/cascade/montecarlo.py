"""Monte Carlo over a cascade: each obligation honoured with a probability.

The deterministic cascade (:func:`casus.cascade.cascade`) explores every link that could draw
a state in (:attr:`Cascade.links`). Here each of those obligations is *honoured* or not, at
random, and the rounds are replayed on the honoured links only — for ``N`` draws at once, as
numpy arrays (no Python loop per draw): a draw × link boolean matrix of honoured links, and per
round one sparse product that says which states a newly honoured link brings in.

Honour probabilities (:class:`Probabilities`) default to rates measured on data, each with its
source (:data:`DEFAULT_RATES`); a YAML file overrides them per kind, treaty or state
(:func:`load_probabilities`, validated like treaty files: every problem with file:line:field).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from casus.errors import DataError, InputError, Problem

#: Most draws one call accepts (10 million draws × a few hundred links would not fit memory).
MAX_DRAWS = 1_000_000

#: Honour rates by obligation kind and era (war begun before 1945 or from 1945), the defaults.
#: Each is the dev-half rate of Berkemeier & Fuhrmann (2018, revised "BF" coding, activated
#: alliance–war pairs of ``shared/data/bf2018-dev``, war start year from the Reiter–Stam–Horowitz
#: file), shrunk toward the published rates with a prior worth 10 cases (posterior mean
#: ``(honoured + 10·p0) / (n + 10)``), where ``p0`` = the published rate of the kind (defence 41 %,
#: offense 74 %, neutrality 78 %) × the published era rate over the overall rate (66 % / 50 % before
#: 1945, 22 % / 50 % after), capped at 0.95. :func:`honour_rates` recomputes them from the file.
DEFAULT_RATES: dict[tuple[str, str], float] = {
    ("defense", "before_1945"): 0.66, ("defense", "from_1945"): 0.11,
    ("offense", "before_1945"): 0.90, ("offense", "from_1945"): 0.38,
    ("neutrality", "before_1945"): 0.94, ("neutrality", "from_1945"): 0.53,
}
#: Published rates (the prior): Berkemeier & Fuhrmann 2018, Research & Politics 5(2).
PUBLISHED = {"defense": 0.41, "offense": 0.74, "neutrality": 0.78, "overall": 0.50,
             "before_1945": 0.66, "from_1945": 0.22}
#: Share of a triggered obligation's probability an *uncertain* one gets (a coin toss on the
#: open question: whether the request is made, the place is in scope, the treaty in force).
UNCERTAIN_FACTOR = 0.5
KIND_OF = {"defense": "defense", "offense": "offense", "neutrality": "neutrality",
           "non_assistance": "neutrality"}


@dataclass(frozen=True)
class Probabilities:
    """How likely each obligation is to be honoured.

    Precedence: ``states`` (by obligor) over ``treaties`` (by treaty id) over ``kinds`` (by
    obligation kind and era, :data:`DEFAULT_RATES`). ``uncertain`` multiplies the probability of
    an uncertain obligation. ``source`` says where the numbers come from.
    """

    kinds: dict[tuple[str, str], float] = field(default_factory=lambda: dict(DEFAULT_RATES))
    treaties: dict[str, float] = field(default_factory=dict)
    states: dict[str, float] = field(default_factory=dict)
    uncertain: float = UNCERTAIN_FACTOR
    source: str = "defaults: Berkemeier & Fuhrmann 2018 (dev half, shrunk to published rates)"

    def of(self, kind: str, treaty: str, obligor: str, year: int, verdict: str) -> float:
        if obligor in self.states:
            p = self.states[obligor]
        elif treaty in self.treaties:
            p = self.treaties[treaty]
        else:
            era = "before_1945" if year < 1945 else "from_1945"
            p = self.kinds.get((KIND_OF.get(kind, kind), era), 0.0)
        return p * (self.uncertain if verdict == "uncertain" else 1.0)

    def to_dict(self) -> dict:
        return {"kinds": {f"{k}/{e}": v for (k, e), v in self.kinds.items()},
                "treaties": dict(self.treaties), "states": dict(self.states),
                "uncertain": self.uncertain, "source": self.source}


def load_probabilities(path: str | Path, *, treaty_ids: set[str] | None = None) -> Probabilities:
    """Read a probability file; every problem is reported at once with file:line:field.

    Format (every key optional)::

        schema_version: 1
        uncertain: 0.5                 # factor for uncertain obligations
        kinds:                         # by kind, for both eras or one
          defense: 0.41                #   or {before_1945: 0.6, from_1945: 0.2}
        treaties: {nato-1949: 0.8}     # by treaty id (must exist in the registry)
        states: {USA: 0.9}             # by obligor (a state name or code)

    Probabilities outside [0, 1], unknown treaty ids (when ``treaty_ids`` is given), unknown
    states and unknown keys are :class:`DataError` (exit code 2 from the CLI).
    """
    from casus.model.load import read_yaml_with_lines
    from casus.model.states import resolve_state

    path = Path(path)
    if not path.exists():
        raise _BadFile([Problem(str(path), "no such probability file")])
    try:
        data, lines = read_yaml_with_lines(path)
    except DataError as e:
        raise _BadFile(e.problems) from None
    problems: list[Problem] = []

    def line(at: tuple) -> int | None:
        while at:
            if at in lines:
                return lines[at]
            at = at[:-1]
        return lines.get(())

    def prob(value: object, at: tuple) -> float | None:
        name = ".".join(map(str, at))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(Problem(str(path), f"{value!r} is not a number (a probability "
                                    "from 0 to 1, e.g. 0.4)", line(at), name))
            return None
        if not 0.0 <= float(value) <= 1.0:
            problems.append(Problem(str(path), f"{value!r} is outside [0, 1] (a probability, "
                                    "e.g. 0.4)", line(at), name))
            return None
        return float(value)

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _BadFile([Problem(str(path), "a probability file must be a YAML mapping", 1)])
    known = {"schema_version", "uncertain", "kinds", "treaties", "states", "source"}
    for key in sorted(set(data) - known, key=str):
        problems.append(Problem(str(path), f"unknown field {key!r} (known: "
                                f"{', '.join(sorted(known))})", line((key,)), str(key)))
    if data.get("schema_version", 1) != 1:
        problems.append(Problem(str(path), f"schema_version {data['schema_version']!r} is not "
                                "supported (use 1)", line(("schema_version",)),
                                "schema_version"))
    kinds = dict(DEFAULT_RATES)
    for kind, value in (data.get("kinds") or {}).items():
        if kind not in ("defense", "offense", "neutrality"):
            problems.append(Problem(str(path), f"unknown kind {kind!r} (known: defense, "
                                    "offense, neutrality)", line(("kinds", kind)),
                                    f"kinds.{kind}"))
            continue
        if isinstance(value, dict):
            for era, v in value.items():
                if era not in ("before_1945", "from_1945"):
                    problems.append(Problem(str(path), f"unknown era {era!r} (known: "
                                            "before_1945, from_1945)",
                                            line(("kinds", kind, era)),
                                            f"kinds.{kind}.{era}"))
                    continue
                p = prob(v, ("kinds", kind, era))
                if p is not None:
                    kinds[(kind, era)] = p
        else:
            p = prob(value, ("kinds", kind))
            if p is not None:
                kinds[(kind, "before_1945")] = kinds[(kind, "from_1945")] = p
    treaties: dict[str, float] = {}
    for tid, value in (data.get("treaties") or {}).items():
        if treaty_ids is not None and tid not in treaty_ids:
            from difflib import get_close_matches

            close = get_close_matches(str(tid), sorted(treaty_ids), n=3)
            problems.append(Problem(str(path), f"unknown treaty id {tid!r}"
                                    + (f" (did you mean: {', '.join(close)}?)" if close
                                       else ""), line(("treaties", tid)), f"treaties.{tid}"))
            continue
        p = prob(value, ("treaties", tid))
        if p is not None:
            treaties[str(tid)] = p
    states: dict[str, float] = {}
    for name, value in (data.get("states") or {}).items():
        try:
            code = resolve_state(str(name)).code
        except LookupError as e:
            problems.append(Problem(str(path), getattr(e, "message", str(e)),
                                    line(("states", name)), f"states.{name}"))
            continue
        p = prob(value, ("states", name))
        if p is not None:
            states[code] = p
    uncertain = UNCERTAIN_FACTOR
    if "uncertain" in data:
        p = prob(data["uncertain"], ("uncertain",))
        uncertain = p if p is not None else uncertain
    if problems:
        raise _BadFile(problems)
    return Probabilities(kinds=kinds, treaties=treaties, states=states, uncertain=uncertain,
                         source=str(data.get("source") or f"{path} over the defaults"))


class _BadFile(DataError):
    """A probability file the user wrote is wrong: a bad argument, exit code 2."""

    exit_code = 2


def check_draws(draws: int) -> int:
    if not isinstance(draws, int) or draws < 1 or draws > MAX_DRAWS:
        raise InputError(f"--draws {draws!r} must be a whole number from 1 to {MAX_DRAWS:,} "
                         "(e.g. --draws 10000)")
    return draws


@dataclass
class Graph:
    """The explored links as arrays: states, entry edges (with probabilities), blocks.

    Edges are sorted by side, then obligor; ``key`` is the (obligor, treaty) pledge an edge
    belongs to — one draw per pledge, shared by every beneficiary it is owed to.
    """

    states: list[str]
    start: np.ndarray          # int8 per state: 0 out, 1 target side, 2 attacker side
    ben: np.ndarray            # per edge: beneficiary index
    obl: np.ndarray            # per edge: obligor index
    side: np.ndarray           # per edge: 1 target, 2 attacker
    p: np.ndarray              # per edge: probability honoured
    key: np.ndarray            # per edge: index of its (obligor, treaty) pledge
    n_keys: int
    block_state: np.ndarray    # per block: state index
    block_side: np.ndarray     # per block: side it must stay out of
    block_p: np.ndarray        # per block: probability the pledge to stay out is kept


def graph_of(c, probabilities: Probabilities | None = None) -> Graph:
    """The arrays of a :class:`~casus.cascade.Cascade`'s explored links.

    A pledge — one obligor under one treaty — is honoured or not once per draw, whoever it is
    owed to: NATO Art. 5 is kept by the United States for every ally or for none. A draw is a
    uniform ``U`` per pledge; a triggered link fires when ``U < p``, an uncertain one when
    ``U < p × uncertain`` (the same ``U``, so an honoured uncertain link implies the triggered
    ones of the same pledge are honoured too).
    """
    probs = probabilities or Probabilities()
    year = c.date.year
    code = {"target": 1, "attacker": 2}
    states = sorted({*c.round0["attacker"], *c.round0["target"],
                     *(x.obligor for x in c.links), *(x.beneficiary for x in c.links)})
    ix = {s: i for i, s in enumerate(states)}
    start = np.zeros(len(states), dtype=np.int8)
    for side in ("attacker", "target"):
        for s in c.round0[side]:
            start[ix[s]] = code[side]
    edges: dict[tuple[int, int, int, tuple[str, str]], float] = {}
    blocks: dict[tuple[int, int], float] = {}
    for link in c.links:
        if link.verdict == "not_triggered":
            continue
        p = probs.of(link.kind, link.treaty, link.obligor, year, link.verdict)
        if link.stay_out:
            key2 = (ix[link.obligor], code[link.side])
            blocks[key2] = max(blocks.get(key2, 0.0), p)
            continue
        key = (code[link.side], ix[link.obligor], ix[link.beneficiary],
               (link.obligor, link.treaty))
        edges[key] = max(edges.get(key, 0.0), p)
    keys = sorted(edges)
    pledges = {k: i for i, k in enumerate(sorted({k[3] for k in keys}))}
    bkeys = sorted(blocks)
    return Graph(
        states=states, start=start,
        side=np.array([k[0] for k in keys], dtype=np.int8),
        obl=np.array([k[1] for k in keys], dtype=np.int32),
        ben=np.array([k[2] for k in keys], dtype=np.int32),
        p=np.array([edges[k] for k in keys], dtype=np.float64),
        key=np.array([pledges[k[3]] for k in keys], dtype=np.int32), n_keys=len(pledges),
        block_state=np.array([k[0] for k in bkeys], dtype=np.int32),
        block_side=np.array([k[1] for k in bkeys], dtype=np.int8),
        block_p=np.array([blocks[k] for k in bkeys], dtype=np.float64))


def simulate(g: Graph, draws: int, seed: int | None = 0, max_rounds: int = 12,
             chunk: int = 20_000, progress: Callable[[int], None] | None = None
             ) -> tuple[np.ndarray, np.ndarray]:
    """Replay the rounds ``draws`` times on randomly honoured links.

    Returns ``(side, entry_round)``: int8 ``draws × states`` (0 out, 1 target side, 2 attacker
    side) and int16 round of entry (-1 never). Same ``seed`` → same numbers. Draws are done in
    chunks of ``chunk`` (memory stays bounded); ``progress(n)`` is called after each chunk.
    Each round is array work over all draws at once (two small matrix products, no loop per
    draw). A state reached on both sides in the same round goes to the target side.
    """
    check_draws(draws)
    rng = np.random.default_rng(seed)
    n_states = len(g.states)
    # One column per (side, pledge, probability): which beneficiaries feed it (A) and which
    # obligor it brings in (O). Per round: reach = at-war-on-side @ A, fire = reach & honoured,
    # hit = fire @ O — two small dense matrix products over all draws at once.
    cols = sorted({(int(s), int(k), float(p), int(o)) for s, k, p, o in
                   zip(g.side, g.key, g.p, g.obl, strict=True)})
    col_ix = {c: i for i, c in enumerate(cols)}
    n_cols = len(cols)
    a = np.zeros((n_states, n_cols), dtype=np.float32)
    for s_, k, p_, o, b in zip(g.side, g.key, g.p, g.obl, g.ben, strict=True):
        a[b, col_ix[(int(s_), int(k), float(p_), int(o))]] = 1.0
    o_mat = np.zeros((n_cols, n_states), dtype=np.float32)
    col_side = np.array([c[0] for c in cols], dtype=np.int8)
    col_key = np.array([c[1] for c in cols], dtype=np.int32)
    col_p = np.array([c[2] for c in cols])
    for i, c in enumerate(cols):
        o_mat[i, c[3]] = 1.0
    by_side = [(s_code, np.flatnonzero(col_side == s_code)) for s_code in (1, 2)]
    by_side = [(s_code, sel) for s_code, sel in by_side if len(sel)]
    sides_out, rounds_out = [], []
    done = 0
    while done < draws:
        n = min(chunk, draws - done)
        u = rng.random((n, g.n_keys))
        honoured = u[:, col_key] < col_p
        allowed = np.ones((n, n_states, 3), dtype=bool)
        if len(g.block_p):
            kept = rng.random((n, len(g.block_p))) < g.block_p
            for j in range(len(g.block_p)):  # few blocks: one column each
                allowed[:, g.block_state[j], g.block_side[j]] &= ~kept[:, j]
        side = np.broadcast_to(g.start, (n, n_states)).copy()
        entry = np.where(side > 0, 0, -1).astype(np.int16)
        live = np.arange(n)  # draws in which someone entered last round: only they can move
        for rnd in range(1, max_rounds + 1):
            sub = side[live]
            new = np.zeros_like(sub)
            for s_code, sel in by_side:
                at_war = (sub == s_code).astype(np.float32)
                fire = ((at_war @ a[:, sel]) > 0) & honoured[live][:, sel]
                hit = (fire.astype(np.float32) @ o_mat[sel]) > 0
                hit &= (sub == 0) & (new == 0) & allowed[live][:, :, s_code]
                new[hit] = s_code
            moved = new.any(axis=1)
            if not moved.any():
                break
            live, new = live[moved], new[moved]
            rows, cols = np.nonzero(new)
            side[live[rows], cols] = new[rows, cols]
            entry[live[rows], cols] = rnd
        sides_out.append(side)
        rounds_out.append(entry)
        done += n
        if progress is not None:
            progress(n)
    return np.concatenate(sides_out), np.concatenate(rounds_out)


def monte_carlo(c, draws: int = 10_000, seed: int | None = 0,
                probabilities: Probabilities | None = None,
                progress: Callable[[int], None] | None = None) -> dict:
    """Each state's probability of entering (on either side), the distribution of war size
    (states at war at the end) and of the number of rounds, over ``draws`` draws.

    The result is also stored on ``c.probabilities`` (and so in its JSON).
    """
    g = graph_of(c, probabilities)
    side, entry = simulate(g, draws, seed, c.options.max_rounds, progress=progress)
    start = g.start > 0
    entered = (side > 0) & ~start
    p_enter = entered.mean(axis=0)
    p_side = {s: ((side == code) & ~start).mean(axis=0) for s, code in
              (("target", 1), ("attacker", 2))}
    size = (side > 0).sum(axis=1)
    rounds = entry.max(axis=1)
    out = {
        "draws": draws, "seed": seed,
        "p_enter": {s: round(float(p), 4) for s, p in zip(g.states, p_enter, strict=True)
                    if not start[g.states.index(s)] and p > 0},
        "p_side": {k: {s: round(float(p), 4) for s, p in zip(g.states, v, strict=True) if p > 0}
                   for k, v in p_side.items()},
        "war_size": _dist(size),
        "rounds": _dist(rounds),
        "probabilities": (probabilities or Probabilities()).to_dict(),
    }
    c.probabilities = out
    return out


def _dist(x: np.ndarray) -> dict:
    values, counts = np.unique(x, return_counts=True)
    return {"mean": round(float(x.mean()), 4), "median": int(np.median(x)),
            "p05": int(np.percentile(x, 5)), "p95": int(np.percentile(x, 95)),
            "max": int(x.max()),
            "histogram": {int(v): int(n) for v, n in zip(values, counts, strict=True)}}


def honour_rates(bf_csv: str | Path, wars_csv: str | Path, prior_weight: float = 10.0
                 ) -> dict[tuple[str, str], dict]:
    """Recompute :data:`DEFAULT_RATES` from the Berkemeier–Fuhrmann file (the dev half).

    Activated pairs are those with ``dnaBF`` missing (``honorBF`` or ``violateBF`` is 1); the
    era is that of the war's first year in the Reiter–Stam–Horowitz file (a war it lacks, such
    as Bizerte 1961, is dated by its name). Returns per (kind, era) the count, the raw rate and
    the shrunk rate.
    """
    import re

    import polars as pl

    bf = pl.read_csv(bf_csv, infer_schema_length=10_000)
    wars = pl.read_csv(wars_csv, infer_schema_length=10_000).group_by("larger_war_id").agg(
        pl.col("year").min().alias("first_year"))
    bf = bf.join(wars, left_on="warid", right_on="larger_war_id", how="left")
    act = bf.filter(pl.col("dnaBF").is_null())
    out = {}
    for kind, col in (("defense", "defense"), ("offense", "offense"),
                      ("neutrality", "neutral")):
        for era in ("before_1945", "from_1945"):
            rows = act.filter(pl.col(col) == 1).iter_rows(named=True)
            hits = []
            for r in rows:
                year = r["first_year"]
                if year is None:
                    m = re.search(r"(1[89]\d\d|20\d\d)", str(r["warname"]))
                    year = int(m.group(1)) if m else 1945
                if (year < 1945) == (era == "before_1945"):
                    hits.append(1 if r["honorBF"] == 1 else 0)
            p0 = min(0.95, PUBLISHED[kind] * PUBLISHED[era] / PUBLISHED["overall"])
            n, h = len(hits), sum(hits)
            out[(kind, era)] = {"n": n, "honoured": h, "raw": h / n if n else None,
                                "prior": round(p0, 4),
                                "rate": round((h + prior_weight * p0) / (n + prior_weight), 2)}
    return out
