"""Alliance portfolio similarity per dyad-year: S (unweighted and weighted), Cohen's κ, τ-b.

Portfolios
    In year *y* every system member *i* has a portfolio: its tie level ``x_ik`` with every
    system member *k* (including itself). Levels follow the COW alliance-type order, from the
    ATOP columns of an alliance frame (max over both directions, so ties are symmetric):

    - 3 — defense or offense pledge,
    - 2 — neutrality or non-aggression pledge,
    - 1 — consultation only,
    - 0 — none;

    a state's tie with itself is 3 (the convention of Signorino & Ritter and EUGene), so every
    state's own portfolio is non-empty. Dimensions are exactly the system members of that year
    (``system``), which must include both states of every dyad scored.

Measures (``n`` system members, ``d_max = 3``)
    - **S** (Signorino & Ritter 1999, *ISQ* 43(1)): ``S = 1 - 2·Σ_k w_k|x_ik - x_jk| /
      (d_max·Σ_k w_k)``; unweighted ``w_k = 1``, weighted ``w_k`` = the caller's state-year
      weight (e.g. CINC capability share). Null for a year in which some system member has no
      weight.
    - **κ** (Cohen's kappa as Häge 2011, *Political Analysis* 19(3), adjusts S for chance):
      ``κ = 1 - D_o/D_e`` with the same absolute distance: observed ``D_o = Σ_k|x_ik - x_jk| /
      (n·d_max)``, expected ``D_e = Σ_a Σ_b p_i(a) p_j(b)|a - b| / d_max`` from each state's own
      distribution of levels. Null when ``D_e = 0``.
    - **τ-b** (Kendall's tau-b, Bueno de Mesquita 1975): rank correlation of the two
      portfolios with the tie correction; null when one portfolio is constant.

How: the levels of a year form an n×n matrix ``X``. With ``B_t = [X ≥ t]`` (t = 1, 2, 3) every
measure follows from six products ``B_s B_tᵀ`` (counts of *k* with ``x_ik ≥ s`` and
``x_jk ≥ t``), three more for the weights: ``|x - y| = Σ_t |[x ≥ t] - [y ≥ t]|`` gives the
distances, and the cumulative counts give the 4×4 contingency table and τ-b's concordant minus
discordant pairs. One loop over years (≤ 203), none over dyads.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from casus.errors import InputError

__all__ = ["SIMILARITY_COLUMNS", "alliance_similarity", "portfolio_levels"]

SIMILARITY_COLUMNS = ("s_unweighted", "s_weighted", "kappa", "tau_b")
_LEVELS = 3


def portfolio_levels(alliances: pl.DataFrame) -> pl.DataFrame:
    """Tie levels ``ccode1, ccode2, year, level`` (1–3, both orientations, max over the two
    directions) from a frame with ``atop_defense … atop_consul``; level-0 rows are dropped."""
    if not isinstance(alliances, pl.DataFrame):
        alliances = pl.from_pandas(alliances)
    need = ["ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral",
            "atop_nonagg", "atop_consul"]
    missing = [c for c in need if c not in alliances.columns]
    if missing:
        raise InputError(f"the alliance frame lacks {missing}: run add_alliances first")
    level = (pl.when((pl.col("atop_defense") == 1) | (pl.col("atop_offense") == 1)).then(3)
             .when((pl.col("atop_neutral") == 1) | (pl.col("atop_nonagg") == 1)).then(2)
             .when(pl.col("atop_consul") == 1).then(1).otherwise(0))
    lv = (alliances.lazy().select(pl.col("ccode1").cast(pl.Int64), pl.col("ccode2").cast(pl.Int64),
                                  pl.col("year").cast(pl.Int64), level=level.cast(pl.Int8))
          .filter(pl.col("level") > 0))
    both = pl.concat([lv, lv.select(ccode1="ccode2", ccode2="ccode1", year="year", level="level")])
    return (both.group_by("ccode1", "ccode2", "year").agg(pl.col("level").max())
            .sort("year", "ccode1", "ccode2").collect())


def _year_scores(x: np.ndarray, w: np.ndarray | None):
    """All-pairs S, S_w, κ, τ-b for one year's level matrix ``x`` (n×n, diagonal 3)."""
    n = x.shape[0]
    b = [None] + [(x >= t).astype(np.float64) for t in (1, 2, 3)]
    r = [np.full(n, float(n))] + [bt.sum(axis=1) for bt in b[1:]] + [np.zeros(n)]
    # g[s][t][i, j] = #{k : x_ik >= s and x_jk >= t}, s, t in 0..4
    g = [[None] * 5 for _ in range(5)]
    for s in range(5):
        for t in range(5):
            if s == 4 or t == 4:
                g[s][t] = np.zeros((n, n))
            elif s == 0:
                g[s][t] = np.broadcast_to(r[t][None, :], (n, n))
            elif t == 0:
                g[s][t] = np.broadcast_to(r[s][:, None], (n, n))
            elif s <= t:
                g[s][t] = b[s] @ b[t].T
    for s in range(1, 4):
        for t in range(1, s):
            g[s][t] = g[t][s].T
    dist = sum(r[t][:, None] + r[t][None, :] - 2 * g[t][t] for t in (1, 2, 3))
    s_unw = 1 - 2 * dist / (_LEVELS * n)

    s_w = None
    if w is not None:
        wsum = w.sum()
        wdist = np.zeros((n, n))
        for t in (1, 2, 3):
            rw = b[t] @ w
            wdist += rw[:, None] + rw[None, :] - 2 * (b[t] * w) @ b[t].T
        s_w = 1 - 2 * wdist / (_LEVELS * wsum)

    q = [r[t] / n for t in (1, 2, 3)]
    d_exp = sum(qt[:, None] + qt[None, :] - 2 * np.outer(qt, qt) for qt in q) / _LEVELS
    d_obs = dist / (n * _LEVELS)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(d_exp > 0, 1 - d_obs / np.where(d_exp > 0, d_exp, 1), np.nan)

    # contingency N[a][b] = #{k : x_ik = a, x_jk = b}; C - D over pairs of dimensions
    c_minus_d = np.zeros((n, n))
    for a in range(4):
        for bb in range(4):
            nab = g[a][bb] - g[a + 1][bb] - g[a][bb + 1] + g[a + 1][bb + 1]
            above = g[a + 1][bb + 1]                       # x > a, y > b
            below = g[a + 1][0] - g[a + 1][bb]             # x > a, y < b
            c_minus_d += nab * (above - below)
    counts = np.stack([r[a] - r[a + 1] for a in range(4)])   # (4, n): #{k : x_ik = a}
    ties = (counts * (counts - 1) / 2).sum(axis=0)
    n0 = n * (n - 1) / 2
    denom = np.sqrt(np.outer(n0 - ties, n0 - ties))
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = np.where(denom > 0, c_minus_d / np.where(denom > 0, denom, 1), np.nan)
    return s_unw, s_w, kappa, tau


def alliance_similarity(dyads: pl.DataFrame, alliances: pl.DataFrame, system: pl.DataFrame,
                        *, weights: pl.DataFrame | None = None,
                        weight_column: str = "weight") -> pl.DataFrame:
    """Add ``s_unweighted``, ``kappa``, ``tau_b`` (and ``s_weighted`` when ``weights`` is
    given) to ``dyads`` (``ccode1, ccode2, year``), keeping every row in order.

    ``alliances`` has the ATOP columns (e.g. :func:`casus.frames.add_alliances` output, directed
    or not); ``system`` the state-years defining each year's portfolio dimensions
    (:func:`casus.frames.state_years`); ``weights`` a state-year frame ``ccode, year,
    <weight_column>``. A dyad whose states are not both in ``system`` that year gets nulls.
    """
    if not isinstance(dyads, pl.DataFrame):
        dyads = pl.from_pandas(dyads)
    if not isinstance(system, pl.DataFrame):
        system = pl.from_pandas(system)
    levels = portfolio_levels(alliances)
    sys = system.select(pl.col("ccode").cast(pl.Int64), pl.col("year").cast(pl.Int64)).unique()
    if weights is not None:
        if not isinstance(weights, pl.DataFrame):
            weights = pl.from_pandas(weights)
        if weight_column not in weights.columns:
            raise InputError(f"weights lack the column {weight_column!r} (columns: "
                             f"{weights.columns})")
        sys = sys.join(weights.select(pl.col("ccode").cast(pl.Int64),
                                      pl.col("year").cast(pl.Int64),
                                      w=pl.col(weight_column).cast(pl.Float64)),
                       on=["ccode", "year"], how="left")
    sys = sys.sort("year", "ccode")

    n_rows = dyads.height
    out = {c: np.full(n_rows, np.nan) for c in SIMILARITY_COLUMNS}
    idx = dyads.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
                       pl.col("ccode1").cast(pl.Int64), pl.col("ccode2").cast(pl.Int64),
                       pl.col("year").cast(pl.Int64))
    by_year_dyads = idx.partition_by("year", as_dict=True)
    by_year_sys = sys.partition_by("year", as_dict=True)
    by_year_lv = levels.partition_by("year", as_dict=True)
    for key, d in by_year_dyads.items():
        members = by_year_sys.get(key)
        if members is None:
            continue
        codes = members["ccode"].to_numpy()
        n = codes.size
        x = np.zeros((n, n), dtype=np.int8)
        lv = by_year_lv.get(key)
        if lv is not None:
            i = np.searchsorted(codes, lv["ccode1"].to_numpy())
            j = np.searchsorted(codes, lv["ccode2"].to_numpy())
            ok = (i < n) & (j < n)
            ok[ok] &= (codes[i[ok]] == lv["ccode1"].to_numpy()[ok]) & (
                codes[j[ok]] == lv["ccode2"].to_numpy()[ok])
            x[i[ok], j[ok]] = lv["level"].to_numpy()[ok]
        np.fill_diagonal(x, _LEVELS)
        w = None
        if weights is not None:
            wv = members["w"].to_numpy()
            w = None if np.isnan(wv).any() else wv
        s_unw, s_w, kappa, tau = _year_scores(x, w)
        c1, c2 = d["ccode1"].to_numpy(), d["ccode2"].to_numpy()
        i = np.minimum(np.searchsorted(codes, c1), n - 1)
        j = np.minimum(np.searchsorted(codes, c2), n - 1)
        found = (codes[i] == c1) & (codes[j] == c2)
        rows = d["_row"].to_numpy()[found]
        i, j = i[found], j[found]
        out["s_unweighted"][rows] = s_unw[i, j]
        out["kappa"][rows] = kappa[i, j]
        out["tau_b"][rows] = tau[i, j]
        if s_w is not None:
            out["s_weighted"][rows] = s_w[i, j]
    names = [c for c in SIMILARITY_COLUMNS if c != "s_weighted" or weights is not None]
    result = dyads.with_columns(pl.Series(c, out[c]).fill_nan(None) for c in names)
    if result.height != n_rows:
        raise AssertionError("alliance_similarity changed the row count")
    return result
