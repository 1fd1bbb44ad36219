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

peacesciencer's conventions (``convention="fpsim"``)
    peacesciencer's ``add_fpsim()`` serves Miller's ``{fpsim}`` scores
    (``1-fpsim-alliances.R``), which choose differently, and casus reproduces them on request:

    - levels: 3 defense or offense; **2 neutrality or consultation**; **1 non-aggression
      only**; 0 none (an ATOP tie with no pledge is 0);
    - each state's **own directed** portfolio: ``x_ik`` is *i*'s pledge toward *k* (row *i*
      of the directed frame), not the max over both directions; the tie with itself is 3;
    - ``sallyva``/``sallyvs``: S with absolute / squared distances (d_max 3 / 9);
      ``sallyba``: S of the binary portfolios (any level ≥ 1);
    - ``kallyv``/``kallyb``: weighted kappa as ``psych::cohen.kappa`` computes it: the
      categories are those present in either portfolio, ranked, and disagreements weigh the
      **squared difference of ranks** (so with no 1s in either portfolio, 0 and 2 are one
      rank apart); ``1 - Σ d²·observed / Σ d²·expected`` with each state's own marginals
      (null when only one category is present);
    - ``pallyv``/``pallyb``: Scott's π (pooled marginals);
    - ``taub``: Kendall's τ-b of the valued portfolios (R's ``cor(method = "kendall")``).

How: the levels of a year form an n×n matrix ``X``. With ``B_t = [X ≥ t]`` (t = 1, 2, 3) every
measure follows from six products ``B_s B_tᵀ`` (counts of *k* with ``x_ik ≥ s`` and
``x_jk ≥ t``), three more for the weights: ``|x - y| = Σ_t |[x ≥ t] - [y ≥ t]|`` gives the
distances, and the cumulative counts give the 4×4 contingency table and τ-b's concordant minus
discordant pairs. One loop over years (≤ 203), none over dyads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from casus.errors import InputError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["FPSIM_COLUMNS", "SIMILARITY_COLUMNS", "alliance_similarity", "portfolio_levels"]

SIMILARITY_COLUMNS = ("s_unweighted", "s_weighted", "kappa", "tau_b")
#: Columns of ``convention="fpsim"``, named as in ``{fpsim}``.
FPSIM_COLUMNS = ("sallyva", "sallyvs", "sallyba", "kallyv", "kallyb", "pallyv", "pallyb",
                 "taub")
_LEVELS = 3


def portfolio_levels(alliances: pl.DataFrame, convention: str = "classic") -> pl.DataFrame:
    """Tie levels ``ccode1, ccode2, year, level`` (1–3; level-0 rows dropped) from a frame
    with ``atop_defense … atop_consul``. ``"classic"``: both orientations, max over the two
    directions; ``"fpsim"``: fpsim's levels, each row's own direction."""
    if not isinstance(alliances, pl.DataFrame):
        alliances = pl.from_pandas(alliances)
    need = ["ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral",
            "atop_nonagg", "atop_consul"]
    missing = [c for c in need if c not in alliances.columns]
    if missing:
        raise InputError(f"the alliance frame lacks {missing}: run add_alliances first")
    if convention not in ("classic", "fpsim"):
        raise InputError(f"unknown convention {convention!r}; use 'classic' or 'fpsim'")
    two, one = (("atop_neutral", "atop_nonagg"), "atop_consul") if convention == "classic" \
        else (("atop_neutral", "atop_consul"), "atop_nonagg")
    level = (pl.when((pl.col("atop_defense") == 1) | (pl.col("atop_offense") == 1)).then(3)
             .when((pl.col(two[0]) == 1) | (pl.col(two[1]) == 1)).then(2)
             .when(pl.col(one) == 1).then(1).otherwise(0))
    lv = (alliances.lazy().select(pl.col("ccode1").cast(pl.Int64), pl.col("ccode2").cast(pl.Int64),
                                  pl.col("year").cast(pl.Int64), level=level.cast(pl.Int8))
          .filter(pl.col("level") > 0))
    if convention == "fpsim":
        return lv.sort("year", "ccode1", "ccode2").collect()
    both = pl.concat([lv, lv.select(ccode1="ccode2", ccode2="ccode1", year="year", level="level")])
    return (both.group_by("ccode1", "ccode2", "year").agg(pl.col("level").max())
            .sort("year", "ccode1", "ccode2").collect())


def _year_scores(x: np.ndarray, w: np.ndarray | None):
    """All-pairs S, S_w, κ, τ-b for one year's level matrix ``x`` (n×n, diagonal 3)."""
    import numpy as np

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


def _fpsim_scores(x: np.ndarray) -> dict[str, np.ndarray]:
    """fpsim's scores for all pairs of rows of ``x`` (n×n levels 0–3, diagonal 3)."""
    import numpy as np

    n = x.shape[0]
    s_abs, _, _, tau = _year_scores(x, None)
    xf = x.astype(np.float64)
    sq = (xf ** 2).sum(axis=1)
    d2 = sq[:, None] + sq[None, :] - 2 * xf @ xf.T            # Σ_k (x_ik - x_jk)^2
    out = {"sallyva": s_abs, "sallyvs": 1 - 2 * d2 / (9 * n), "taub": tau}
    ind = [(x == c).astype(np.float64) for c in range(4)]
    cnt = np.stack([i.sum(axis=1) for i in ind], axis=1)        # (n, 4) own marginals
    same = sum(i @ i.T for i in ind)                            # #k with x_ik == x_jk
    present = cnt > 0
    mask = present.astype(np.int64) @ np.array([1, 2, 4, 8])
    pair_mask = mask[:, None] | mask[None, :]
    kappa = np.full((n, n), np.nan)
    for m in np.unique(pair_mask):
        cats = [c for c in range(4) if m >> c & 1]
        if len(cats) < 2:
            continue
        rank = np.zeros(4)
        rank[cats] = np.arange(len(cats))
        r = rank[x]
        rsq = (r ** 2).sum(axis=1)
        obs = rsq[:, None] + rsq[None, :] - 2 * r @ r.T           # Σ_k (r_ik - r_jk)^2
        dist2 = (rank[:, None] - rank[None, :]) ** 2
        exp = cnt @ dist2 @ cnt.T / n                            # Σ_ab d² cnt_i(a) cnt_j(b) / n
        sel = pair_mask == m
        with np.errstate(divide="ignore", invalid="ignore"):
            kappa[sel] = np.where(exp[sel] > 0, 1 - obs[sel] / exp[sel], np.nan)
    out["kallyv"] = kappa
    pooled = (cnt[:, None, :] + cnt[None, :, :]) / (2 * n)       # (n, n, 4)
    pe = (pooled ** 2).sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["pallyv"] = np.where(pe < 1, (same / n - pe) / (1 - pe), np.nan)
    b = (x >= 1).astype(np.float64)
    ones = b.sum(axis=1)
    both = b @ b.T
    diff = ones[:, None] + ones[None, :] - 2 * both             # Σ_k |b_ik - b_jk|
    out["sallyba"] = 1 - 2 * diff / n
    po = 1 - diff / n
    p1 = ones / n
    pc = np.outer(p1, p1) + np.outer(1 - p1, 1 - p1)             # Cohen: own marginals
    two_cats = (p1[:, None] * p1[None, :] < 1) & ((p1[:, None] + p1[None, :]) > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["kallyb"] = np.where(two_cats & (pc < 1), (po - pc) / (1 - pc), np.nan)
        pp = (p1[:, None] + p1[None, :]) / 2
        pe_b = pp ** 2 + (1 - pp) ** 2
        out["pallyb"] = np.where(pe_b < 1, (po - pe_b) / (1 - pe_b), np.nan)
    return out


def alliance_similarity(dyads: pl.DataFrame, alliances: pl.DataFrame, system: pl.DataFrame,
                        *, weights: pl.DataFrame | None = None,
                        weight_column: str = "weight",
                        convention: str = "classic") -> pl.DataFrame:
    """Add ``s_unweighted``, ``kappa``, ``tau_b`` (and ``s_weighted`` when ``weights`` is
    given) to ``dyads`` (``ccode1, ccode2, year``), keeping every row in order.

    ``alliances`` has the ATOP columns (e.g. :func:`casus.frames.add_alliances` output, directed
    or not); ``system`` the state-years defining each year's portfolio dimensions
    (:func:`casus.frames.state_years`); ``weights`` a state-year frame ``ccode, year,
    <weight_column>``. A dyad whose states are not both in ``system`` that year gets nulls.

    ``convention="fpsim"`` computes :data:`FPSIM_COLUMNS` instead, with fpsim's choices (module
    docstring); ``alliances`` must then be directed, since each state's portfolio is its own
    row. Weights are not part of fpsim.
    """
    import numpy as np

    if not isinstance(dyads, pl.DataFrame):
        dyads = pl.from_pandas(dyads)
    if not isinstance(system, pl.DataFrame):
        system = pl.from_pandas(system)
    fpsim = convention == "fpsim"
    if fpsim:
        if weights is not None:
            raise InputError("fpsim's scores are unweighted: drop the weights")
        frame = alliances if isinstance(alliances, pl.DataFrame) else pl.from_pandas(alliances)
        if frame.height and not frame.select((pl.col("ccode1") > pl.col("ccode2")).any()).item():
            raise InputError("convention='fpsim' reads each state's own pledges: pass a "
                             "directed alliance frame (dyad_years(..., directed=True))")
    levels = portfolio_levels(alliances, convention)
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
    columns = FPSIM_COLUMNS if fpsim else SIMILARITY_COLUMNS
    out = {c: np.full(n_rows, np.nan) for c in columns}
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
        c1, c2 = d["ccode1"].to_numpy(), d["ccode2"].to_numpy()
        i = np.minimum(np.searchsorted(codes, c1), n - 1)
        j = np.minimum(np.searchsorted(codes, c2), n - 1)
        found = (codes[i] == c1) & (codes[j] == c2)
        rows = d["_row"].to_numpy()[found]
        i, j = i[found], j[found]
        if fpsim:
            for name, matrix in _fpsim_scores(x).items():
                out[name][rows] = matrix[i, j]
            continue
        s_unw, s_w, kappa, tau = _year_scores(x, w)
        out["s_unweighted"][rows] = s_unw[i, j]
        out["kappa"][rows] = kappa[i, j]
        out["tau_b"][rows] = tau[i, j]
        if s_w is not None:
            out["s_weighted"][rows] = s_w[i, j]
    names = [c for c in columns if c != "s_weighted" or weights is not None]
    result = dyads.with_columns(pl.Series(c, out[c]).fill_nan(None) for c in names)
    if result.height != n_rows:
        raise AssertionError("alliance_similarity changed the row count")
    return result
