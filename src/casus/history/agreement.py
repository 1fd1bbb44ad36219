"""How far casus's war replay agrees with the experts' coding of alliance activation.

The experts are Berkemeier & Fuhrmann (2018): one row per (ATOP alliance, war) with ``dnaBF``
(not a case of alliance performance in war: not activated) or ``honorBF``/``violateBF``
(invoked: activated). A pair is activated in casus when any member row of that alliance in
that war is (:func:`casus.history.activations.war_activations`); a pair with no casus row is
not activated. A pair whose war the war file does not have (RSH v1.0 lacks wars 90–94 of v1.1)
is *not covered*: counted and listed, never scored as a "no".

Where the replay has to choose a reading (:class:`~casus.history.activations.ReplayOptions`:
how a location condition is read, whether an unnamed adversary is met, whether a request is
presumed), :func:`agreement` chooses by leave-one-war-out cross-validation: for each war, the
reading that agrees best with the experts on the *other* wars (accuracy, then F1, then the
order of :data:`READINGS`) is used to score the held-out war. The cross-validated figures are
the honest ones; the figures of each fixed reading are reported beside them.

``casus history agreement --atop DIR --wars FILE --experts FILE [--contiguity FILE]`` prints
the report (:func:`render_markdown`), the table docs/history.md quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import polars as pl

from casus.errors import InputError
from casus.history.activations import ReplayOptions, war_activations
from casus.history.cow import INT, read_checked_csv
from casus.history.wars import read_war_events
from casus.model.geography import Contiguity

__all__ = ["READINGS", "Agreement", "agreement", "expert_pairs", "render_markdown", "scores"]

_FLAGS = ("defense", "offense", "neutral", "nonagg", "consul")


def readings(contiguity: bool, *, requests: tuple[str, ...] = ("presumed",)
             ) -> list[ReplayOptions]:
    """The readings cross-validation chooses among: location (contiguity only with the
    data) × unnamed adversary × request. By default only ``presumed`` requests: with both,
    ``unknown`` never agreed better over all wars of the development half (it tied under the
    region reading and lost under region-or-contiguity) and doubles the run time; pass
    ``requests=("presumed", "unknown")`` to include it."""
    locations = ("region", "region_or_contiguity") if contiguity else ("region",)
    return [ReplayOptions(location=loc, unnamed_adversary=adv, request=req)
            for loc, adv, req in product(locations, ("uncertain", "met"), requests)]


READINGS = readings(True)


def expert_pairs(path: str | Path) -> pl.DataFrame:
    """The experts' pairs: ``atopid, war, warname, expert`` (1 = activated) and the flags."""
    kinds = {"warid": INT, "atopid": INT, "dnaBF": INT, "honorBF": INT, "violateBF": INT,
             **dict.fromkeys(_FLAGS, INT)}
    raw = read_checked_csv(path, kinds, what="Berkemeier-Fuhrmann expert coding")
    expert = ((pl.col("honorBF").fill_null(0) == 1)
              | (pl.col("violateBF").fill_null(0) == 1)).cast(pl.Int8).alias("expert")
    return raw.select("atopid", pl.col("warid").alias("war"), pl.col("warname"), expert,
                      *_FLAGS)


def _pairs(acts: pl.DataFrame, experts: pl.DataFrame, starts: dict[int, object]) -> pl.DataFrame:
    best = (acts.sort("activated", "event_date", descending=[True, False], nulls_last=True)
            .group_by("atopid", "war", maintain_order=True)
            .agg(pl.col("activated").max().alias("casus"), pl.col("reason").first()))
    out = experts.join(best, on=["atopid", "war"], how="left")
    return out.with_columns(
        covered=pl.col("war").is_in(list(starts)),
        row=pl.col("casus").is_not_null(),
        casus=pl.col("casus").fill_null(0).cast(pl.Int8),
        era=pl.col("war").replace_strict(
            {w: ("before 1945" if d.year < 1945 else "1945 and after") for w, d in starts.items()},
            default=None))


def scores(pairs: pl.DataFrame, col: str = "casus") -> dict:
    """n, accuracy, F1 (activated as positive), the 'never activated' baseline, and the
    confusion counts, over covered pairs."""
    p = pairs.filter("covered")
    tp = int(((p[col] == 1) & (p["expert"] == 1)).sum())
    fp = int(((p[col] == 1) & (p["expert"] == 0)).sum())
    fn = int(((p[col] == 0) & (p["expert"] == 1)).sum())
    tn = int(((p[col] == 0) & (p["expert"] == 0)).sum())
    n = tp + fp + fn + tn
    return {"n": n, "accuracy": (tp + tn) / n if n else 0.0,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
            "baseline": (tn + fp) / n if n else 0.0, "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def _better(a: dict, b: dict | None) -> bool:
    return b is None or (a["accuracy"], a["f1"]) > (b["accuracy"], b["f1"])


@dataclass
class Agreement:
    """The comparison: per reading, cross-validated, by kind and era, and what disagrees."""

    pairs: pl.DataFrame                     # one row per expert pair, with ``cv`` predictions
    fixed: list[tuple[ReplayOptions, dict]]  # each reading's scores over all covered pairs
    cv: dict = field(default_factory=dict)
    chosen: dict[int, ReplayOptions] = field(default_factory=dict)  # war -> reading used
    not_covered: int = 0


def agreement(atop, wars, experts, *, contiguity: str | Path | Contiguity | None = None,
              options: list[ReplayOptions] | None = None) -> Agreement:
    """Compare the replay with the experts, with leave-one-war-out cross-validation."""
    if contiguity is not None and not isinstance(contiguity, Contiguity):
        from casus.history.activations import read_contiguity
        contiguity = read_contiguity(contiguity)
    grid = options or readings(contiguity is not None)
    fmt, events = read_war_events(wars)
    if fmt != "rsh":
        raise InputError(f"the experts' warid is RSH's larger_war_id, but {wars} is a {fmt} "
                         "file (COW war numbers differ): give the Reiter-Stam-Horowitz file, "
                         "interstate-war-rev.csv")
    starts = dict(events.group_by("war").agg(pl.col("date").min()).iter_rows())
    exp = expert_pairs(experts)
    runs = []
    for o in grid:
        acts = war_activations(atop, wars, contiguity=contiguity, options=o)
        runs.append((o, _pairs(acts, exp, starts)))
    fixed = [(o, scores(p)) for o, p in runs]
    base = runs[0][1]
    covered_wars = sorted(set(base.filter("covered")["war"].to_list()))
    cv = pl.Series("cv", [0] * base.height, dtype=pl.Int8)
    cv_reason = [None] * base.height
    chosen: dict[int, ReplayOptions] = {}
    for w in covered_wars:
        best, best_s = None, None
        for o, p in runs:
            s = scores(p.filter(pl.col("war") != w))
            if _better(s, best_s):
                best, best_s = (o, p), s
        o, p = best
        chosen[w] = o
        idx = p.with_row_index("_i").filter(pl.col("war") == w)
        for i, c, r in idx.select("_i", "casus", "reason").iter_rows():
            cv[i] = c
            cv_reason[i] = r
    pairs = base.with_columns(cv, pl.Series("cv_reason", cv_reason, dtype=pl.String))
    return Agreement(pairs=pairs, fixed=fixed, cv=scores(pairs, "cv"), chosen=chosen,
                     not_covered=int((~base["covered"]).sum()))


def _cause(r: dict) -> str:
    if not r["row"]:
        return ("no casus row: no member took part in the war while the alliance was in "
                "effect (ATOP dates against the war file's participation dates)")
    text = " ".join((r["cv_reason"] or "").split())
    return text if len(text) <= 320 else text[:317] + "…"


def render_markdown(a: Agreement) -> str:
    """The report as Markdown: headline figures, each reading, kinds, eras, disagreements."""
    def pct(x: float) -> str:
        return f"{x:.3f}"

    cv = a.cv
    lines = [
        f"Pairs: {cv['n'] + a.not_covered} expert pairs, {cv['n']} scored; {a.not_covered} not "
        "covered (their war is not in the war file).",
        "",
        "| | accuracy | F1 | never-activated baseline | TP | FP | FN | TN |",
        "|---|---|---|---|---|---|---|---|",
        f"| **cross-validated (leave one war out)** | **{pct(cv['accuracy'])}** | "
        f"**{pct(cv['f1'])}** | {pct(cv['baseline'])} | {cv['tp']} | {cv['fp']} | {cv['fn']} | "
        f"{cv['tn']} |",
    ]
    for o, s in a.fixed:
        lines.append(f"| fixed: {o.label()} | {pct(s['accuracy'])} | {pct(s['f1'])} | "
                     f"{pct(s['baseline'])} | {s['tp']} | {s['fp']} | {s['fn']} | {s['tn']} |")
    counts: dict[str, int] = {}
    for o in a.chosen.values():
        counts[o.label()] = counts.get(o.label(), 0) + 1
    lines += ["", "Readings chosen on the other wars (wars held out): "
              + "; ".join(f"{k} ({v})" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])),
              "", "By obligation kind (the alliance has the pledge; cross-validated):", "",
              "| kind | pairs | accuracy | TP | FP | FN | TN |", "|---|---|---|---|---|---|---|"]
    for k in _FLAGS:
        s = scores(a.pairs.filter(pl.col(k) == 1), "cv")
        lines.append(f"| {k} | {s['n']} | {pct(s['accuracy'])} | {s['tp']} | {s['fp']} | "
                     f"{s['fn']} | {s['tn']} |")
    lines += ["", "By era (war start; cross-validated):", "",
              "| era | pairs | accuracy | F1 | baseline | TP | FP | FN | TN |",
              "|---|---|---|---|---|---|---|---|---|"]
    for era in ("before 1945", "1945 and after"):
        s = scores(a.pairs.filter(pl.col("era") == era), "cv")
        lines.append(f"| {era} | {s['n']} | {pct(s['accuracy'])} | {pct(s['f1'])} | "
                     f"{pct(s['baseline'])} | {s['tp']} | {s['fp']} | {s['fn']} | {s['tn']} |")
    dis = a.pairs.filter(pl.col("covered") & (pl.col("cv") != pl.col("expert"))).sort(
        "war", "atopid")
    lines += ["", f"Pairs still disagreeing ({dis.height}; cross-validated):", "",
              "| war | alliance | experts | casus | cause |", "|---|---|---|---|---|"]
    for r in dis.iter_rows(named=True):
        lines.append(f"| {r['war']} {r['warname']} | {r['atopid']} | "
                     f"{'activated' if r['expert'] else 'not'} | "
                     f"{'activated' if r['cv'] else 'not'} | "
                     f"{_cause(r).replace('|', '/')} |")
    return "\n".join(lines) + "\n"
