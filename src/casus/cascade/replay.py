"""Replay the wars of 1816–2007 through the cascade, and score it against who really joined.

Every war of the Reiter–Stam–Horowitz file (``larger_war_id``) is started from its *first*
initiator and target (the earliest-starting initial war that is not a joiner's), at that war's
start date, on the curated registry plus every ATOP alliance. For every state in the COW state
system on that date (other than the two) the cascade's Monte Carlo gives the probability it
joins (``p_join``), the deterministic round it would enter by (``joined_by_round``: lower bound,
else upper bound, else empty) and the reason. Actual joiners are the war's other participants.

:func:`score` gives AUC (Mann–Whitney) and Brier against the actual joiners, beside two
baselines computed on the same state–war pairs: every ATOP defence ally of the target joins;
every ATOP ally (any pledge) of either side joins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from casus.cascade.core import cascade
from casus.cascade.montecarlo import Probabilities, monte_carlo
from casus.cascade.rules import Options
from casus.errors import CasusError
from casus.model.states import state_from_cow
from casus.model.treaty import treaty_article
from casus.reasoner import Attacker, Event, Scenario


@dataclass(frozen=True)
class War:
    war: int
    name: str
    start: date
    initiator: int
    target: int
    participants: frozenset[int]


def wars_from_rsh(path: str | Path) -> list[War]:
    """One :class:`War` per ``larger_war_id``: first initiator and target, start, participants."""
    from casus.history.cow import read_rsh_wars, rsh_war_participants

    wars = read_rsh_wars(path)
    people = rsh_war_participants(wars)
    out = []
    for wid in sorted(wars["larger_war_id"].unique().to_list()):
        rows = wars.filter(pl.col("larger_war_id") == wid)
        first = rows.filter(pl.col("joiner") == 0).sort("entry")
        first = (first if first.height else rows.sort("entry")).row(0, named=True)
        members = set(people.filter(pl.col("larger_war_id") == wid)["ccode"].to_list())
        out.append(War(int(wid), str(first["larger_war_name"]), first["entry"],
                       int(first["init_ccode"]), int(first["target_ccode"]),
                       frozenset(int(c) for c in members)))
    return out


def system_on(states: pl.DataFrame, on: date) -> list[int]:
    """COW codes of the states in the system on a date."""
    return sorted(set(states.filter((pl.col("start") <= on) & (pl.col("end") >= on))["ccode"]
                      .to_list()))


def _code(ccode: int, on: date) -> str | None:
    try:
        return state_from_cow(ccode, on).code
    except CasusError:
        return None


def _atop_allies(registry, on: date, state: str, kinds: tuple[str, ...]) -> set[str]:
    """States bound toward ``state`` on ``on`` by an ATOP-coded pledge of one of ``kinds``."""
    from casus.reasoner import index_for

    out: set[str] = set()
    for t in index_for(registry).by_party.get(state, ()):
        if t.atop_id is None or not t.in_force_on(on):
            continue
        for p in t.provisions:
            if p.kind not in kinds or not (p.valid_from is None or p.valid_from <= on) or \
                    not (p.valid_to is None or on <= p.valid_to):
                continue
            if p.directions:
                out |= {d.obligor for d in p.directions if d.beneficiary == state}
            else:
                out |= t.members_on(on) - {state}
    return out


def replay(registry, wars: list[War], states: pl.DataFrame, *, options: Options | None = None,
           probabilities: Probabilities | None = None, draws: int = 2000, seed: int = 0,
           progress: Callable[[int], None] | None = None) -> pl.DataFrame:
    """One row per (war, state in the system): ``war, ccode, state, p_join, joined_by_round,
    reason, joined`` (actual), and the two baselines ``base_defence``, ``base_any``."""
    rows = []
    for w in wars:
        on = w.start
        init, tgt = _code(w.initiator, on), _code(w.target, on)
        if init is None or tgt is None or init == tgt:
            if progress:
                progress(1)
            continue
        scen = Scenario.model_construct(name=w.name, description=None, sources=[], events=[
            Event.model_construct(date=on, attackers=[Attacker(name=init, code=init)],
                                  target=tgt, place=None, kind="armed_attack",
                                  on="territory", request=None, provoked=None,
                                  label=w.name, notes=())])
        c = cascade(scen, registry, options)
        mc = monte_carlo(c, draws, seed + w.war, probabilities)
        defence = _atop_allies(registry, on, tgt, ("defense",))
        anyally = _atop_allies(registry, on, tgt, ("defense", "offense", "neutrality",
                                                   "consultation", "non_aggression")) | \
            _atop_allies(registry, on, init, ("defense", "offense", "neutrality",
                                              "consultation", "non_aggression"))
        for cc in system_on(states, on):
            if cc in (w.initiator, w.target):
                continue
            code = _code(cc, on)
            e = c.entrant(code) if code else None
            out = c.stays(code) if code else []
            reason = ""
            if e is not None:
                reason = (f"{e.verdict}: {treaty_article(e.link.treaty, e.link.article)} toward "
                          f"{e.link.beneficiary} ({e.side} side)")
            elif out:
                where = treaty_article(out[0].treaty, out[0].article)
                reason = f"stays out: {out[0].rule} ({where})"
            rows.append({
                "war": w.war, "war_name": w.name, "start": on, "ccode": cc, "state": code,
                "p_join": float(mc["p_enter"].get(code, 0.0)) if code else 0.0,
                "joined_by_round": e.round if e is not None else None,
                "verdict": e.verdict if e is not None else None,
                "reason": reason,
                "joined": int(cc in w.participants),
                "base_defence": int(code in defence),
                "base_any": int(code in anyally),
                "p_expand": float(1.0 - mc["war_size"]["histogram"].get(2, 0) / draws),
            })
        if progress:
            progress(1)
    return pl.DataFrame(rows, schema_overrides={"joined_by_round": pl.Int64,
                                                "verdict": pl.Utf8})


def auc(score: np.ndarray, truth: np.ndarray) -> float:
    """Area under the ROC curve (Mann–Whitney U with mid-ranks for ties)."""
    from scipy.stats import rankdata

    score, truth = np.asarray(score, float), np.asarray(truth, bool)
    pos, neg = truth.sum(), (~truth).sum()
    if pos == 0 or neg == 0:
        return float("nan")
    ranks = rankdata(score)
    return float((ranks[truth].sum() - pos * (pos + 1) / 2) / (pos * neg))


def brier(p: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, float) - np.asarray(truth, float)) ** 2))


def score(frame: pl.DataFrame) -> dict:
    """AUC and Brier of ``p_join`` and of the two baselines against ``joined``; the share of
    wars the model expands (mean probability of at least one joiner) vs observed."""
    truth = frame["joined"].to_numpy()
    out = {"pairs": frame.height, "joiners": int(truth.sum()),
           "wars": frame["war"].n_unique()}
    for name, col in (("model", "p_join"), ("model + neighbours and great powers", "p_full"),
                      ("every defence ally of the target", "base_defence"),
                      ("every ally of either side", "base_any")):
        if col not in frame.columns:
            continue
        p = frame[col].to_numpy()
        out[name] = {"auc": round(auc(p, truth), 3), "brier": round(brier(p, truth), 4)}
    per_war = frame.group_by("war").agg(pl.col("joined").max(), pl.col("p_expand").first())
    out["share_expanded_observed"] = round(float(per_war["joined"].mean()), 3)
    out["share_expanded_model"] = round(float(per_war["p_expand"].mean()), 3)
    return out


# --- what treaties do not explain: neighbours and great powers -------------------------------


def add_context(frame: pl.DataFrame, wars: list[War], contiguity: str | Path,
                majors: str | Path) -> pl.DataFrame:
    """Add ``contiguous`` (COW direct contiguity, land or ≤ 150 miles of water, conttype ≤ 3,
    to the first initiator or target on the start date) and ``major`` (COW major power on that
    date) to a replay frame. A left join: the row count does not change."""
    cont = pl.read_csv(contiguity, try_parse_dates=True)
    maj = pl.read_csv(majors)
    maj = maj.with_columns(
        start=pl.date(pl.col("styear"), pl.col("stmonth"), pl.col("stday")),
        end=pl.date(pl.col("endyear"), pl.col("endmonth"), pl.col("endday")))
    by_war = {w.war: w for w in wars}
    cont = cont.filter(pl.col("conttype") <= 3)
    contig, major = [], []
    for war, cc in frame.select("war", "ccode").iter_rows():
        w = by_war[war]
        on = w.start
        near = cont.filter((pl.col("ccode1") == cc) & pl.col("ccode2").is_in(
            [w.initiator, w.target]) & (pl.col("stdate") <= on) & (pl.col("enddate") >= on))
        contig.append(int(near.height > 0))
        big = maj.filter((pl.col("ccode") == cc) & (pl.col("start") <= on) &
                         (pl.col("end") >= on))
        major.append(int(big.height > 0))
    return frame.with_columns(contiguous=pl.Series(contig), major=pl.Series(major))


def calibrate_context(frame: pl.DataFrame) -> dict[tuple[int, int], float]:
    """The share of states joining per (contiguous, major) cell, among the states the cascade
    does not bring in (``p_join`` = 0): the hazard treaties do not explain. Fit on one half."""
    rest = frame.filter(pl.col("p_join") == 0)
    out = {}
    for c in (0, 1):
        for m in (0, 1):
            cell = rest.filter((pl.col("contiguous") == c) & (pl.col("major") == m))
            out[(c, m)] = float(cell["joined"].mean()) if cell.height else 0.0
    return out


def with_context(frame: pl.DataFrame, hazards: dict[tuple[int, int], float]) -> pl.DataFrame:
    """``p_full`` = 1 − (1 − p_join)(1 − h(contiguous, major)): a state joins through a treaty
    or for the reasons that draw neighbours and great powers in."""
    h = [hazards[(c, m)] for c, m in frame.select("contiguous", "major").iter_rows()]
    return frame.with_columns(
        p_full=1 - (1 - pl.col("p_join")) * (1 - pl.Series(h, dtype=pl.Float64)))


def halves(frame: pl.DataFrame, calibration_wars: set[int]) -> tuple[pl.DataFrame,
                                                                      pl.DataFrame]:
    """The calibration half (wars in ``calibration_wars``) and the report half (the rest)."""
    mask = pl.col("war").is_in(sorted(calibration_wars))
    return frame.filter(mask), frame.filter(~mask)


def evaluate(frame: pl.DataFrame, wars: list[War], calibration_wars: set[int], *,
             contiguity: str | Path | None = None, majors: str | Path | None = None
             ) -> tuple[pl.DataFrame, dict]:
    """Scores on each half; with ``contiguity`` and ``majors``, the neighbour and great-power
    hazards are fitted on the calibration half and ``p_full`` is added to the frame."""
    out: dict = {"calibration_wars": sorted(calibration_wars)}
    if contiguity is not None and majors is not None:
        frame = add_context(frame, wars, contiguity, majors)
        cal, _ = halves(frame, calibration_wars)
        hazards = calibrate_context(cal)
        out["hazards"] = {f"contiguous={c}, major={m}": round(h, 4)
                          for (c, m), h in hazards.items()}
        frame = with_context(frame, hazards)
    cal, rep = halves(frame, calibration_wars)
    out["calibration_half"] = score(cal)
    out["report_half"] = score(rep)
    out["all"] = score(frame)
    return frame, out
