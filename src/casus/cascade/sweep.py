"""Sweeps: the cascade for every ordered attacker–target pair of states on a date, at once.

A per-pair loop would ask the reasoner ~37,000 times per date. Instead, per date:

1. **precompute who binds whom** — each state in the system is put to the reasoner once, as
   attacked on its own territory by a stand-in attacker that no treaty names; the answers
   become sparse boolean matrices ``T[b, o]`` (``o`` is bound, triggered, to defend ``b``) and
   ``U[b, o]`` (uncertain). Pledges that hold only against named adversaries (ATOP ``coadv``)
   are kept aside per adversary and added for the pairs whose attacker is one of them;
   offensive pledges toward the attacker (read with the same model rules as the cascade) give
   ``O[a, o]``;
2. **all pairs as matrix products** — the rounds are breadth-first steps on a pairs × states
   frontier: ``next = (frontier @ T) > 0``, minus states already at war and minus the pair's
   attacker (no state defends another against its own attack). The lower bound follows ``T``;
   the upper bound adds one ``U`` step (``may_depth = 1``) and its ``T`` closure.

This is the cascade with ``joiner_attacked = territory`` (a joiner's allies are read as if the
joiner's territory were attacked: pair-independent, so it can be precomputed) and the default
``aggressor = not_covered`` (the attacker's defensive allies stay out). With ``draws``, the
expected war size is computed without drawing: each state's probability of entering is that of
its best chain of honoured pledges (:func:`_expected_by_target`), summed — an approximation of
the Monte Carlo (it ignores the union over different treaties and the adversary-named pledges).

Dates are independent: :func:`sweep_years` runs them in a plain loop, or on a Dask cluster
(``scheduler`` address, one task per year) through the same function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl
from scipy import sparse

from casus.cascade.montecarlo import Probabilities
from casus.cascade.rules import Options
from casus.errors import CasusError, InputError
from casus.model.states import state_from_cow
from casus.reasoner import Attacker, Event, Scenario, index_for, obligations_on

#: A stand-in attacker: a state that no treaty in the registry names as party or adversary, so
#: only pledges that hold against *any* attacker come out triggered.
STAND_IN = "VAT"
#: The COW state list ends on this day; later dates use the system as it was then.
COW_LAST = date(2016, 12, 31)


@dataclass
class Bindings:
    """Who binds whom on one date, as sparse matrices over ``states``."""

    on: date
    states: list[str]
    ccodes: list[int]
    triggered: sparse.csr_matrix
    uncertain: sparse.csr_matrix
    offense: sparse.csr_matrix
    conditional: dict[str, sparse.csr_matrix]
    p_edge: sparse.csr_matrix


def system_codes(states: pl.DataFrame, on: date) -> tuple[list[str], list[int]]:
    """casus codes and COW numbers of the states in the COW system on a date (after the list
    ends, as it ended)."""
    day = min(on, COW_LAST)
    rows = states.filter((pl.col("start") <= day) & (pl.col("end") >= day))
    codes, ccodes = [], []
    for cc in sorted(set(rows["ccode"].to_list())):
        try:
            code = state_from_cow(cc, day).code
        except CasusError:
            continue
        if code not in codes:
            codes.append(code)
            ccodes.append(cc)
    return codes, ccodes


def bindings(registry, on: date, codes: list[str], ccodes: list[int],
             probabilities: Probabilities | None = None) -> Bindings:
    """Put every state to the reasoner once (attacked on its territory) and to the offensive
    pledges once; the answers as sparse matrices."""
    probs = probabilities or Probabilities()
    ix = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    t_rows, t_cols, u_rows, u_cols, p_vals = [], [], [], [], {}
    cond: dict[str, list[tuple[int, int]]] = {}
    o_rows, o_cols = [], []
    adversaries_of = _adversary_provisions(registry)
    idx = index_for(registry)
    for b in codes:
        sig = (id(registry), b, _signature(idx, b, on))
        hit = _READ.get(sig)
        if hit is None:
            hit = _READ[sig] = _read_state(registry, b, on)
        for kind, treaty, article, obligor, verdict, decided in hit:
            if obligor not in ix:
                continue
            if kind == "offense":
                o_rows.append(ix[b])
                o_cols.append(ix[obligor])
                continue
            adv = adversaries_of.get((treaty, article))
            if adv and verdict == "not_triggered" and decided:
                for x in adv:
                    cond.setdefault(x, []).append((ix[b], ix[obligor]))
                continue
            if verdict == "triggered":
                t_rows.append(ix[b])
                t_cols.append(ix[obligor])
            elif verdict == "uncertain":
                u_rows.append(ix[b])
                u_cols.append(ix[obligor])
            else:
                continue
            p = probs.of(kind, treaty, obligor, on.year, verdict)
            key = (ix[b], ix[obligor])
            p_vals[key] = max(p_vals.get(key, 0.0), p)
    if len(_READ) > 50_000:
        _READ.clear()

    def mat(rows, cols):
        return sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                                 shape=(n, n))

    pk = sorted(p_vals)
    return Bindings(
        on=on, states=codes, ccodes=ccodes,
        triggered=(mat(t_rows, t_cols) > 0).astype(np.float32),
        uncertain=(mat(u_rows, u_cols) > 0).astype(np.float32),
        offense=(mat(o_rows, o_cols) > 0).astype(np.float32),
        conditional={x: (mat([r for r, _ in v], [c for _, c in v]) > 0).astype(np.float32)
                     for x, v in cond.items() if x in ix},
        p_edge=sparse.csr_matrix(([p_vals[k] for k in pk], ([k[0] for k in pk],
                                                            [k[1] for k in pk])), shape=(n, n)))


#: What the reasoner said about one state, keyed by (registry, state, what decides it on the
#: date): a yearly sweep asks again only when a treaty of that state changed.
_READ: dict[tuple, list[tuple]] = {}


def _signature(idx, state: str, on: date) -> tuple:
    """Everything about ``state``'s treaties that can change a verdict from one date to the
    next: in force or not, members, which wordings apply, suspensions, disputed spells."""
    out = []
    for t in idx.by_party.get(state, ()):
        if t.signed.known is not None and t.signed.known > on:
            continue
        out.append((t.id, t.in_force_on(on), frozenset(t.members_on(on)),
                    tuple(p.valid_on(on) for p in t.provisions),
                    tuple(x.covers(on) for x in t.suspensions),
                    tuple(m.disputed_from is not None and on >= m.disputed_from
                          for m in t.members)))
    return tuple(out)


def _read_state(registry, b: str, on: date) -> list[tuple]:
    """The defence obligations toward ``b`` attacked on its territory by the stand-in, and the
    offensive pledges toward it: (kind, treaty, article, obligor, verdict, adversary-decided)."""
    ev = Event.model_construct(date=on, attackers=[Attacker(name=STAND_IN, code=STAND_IN)],
                               target=b, place=None, kind="armed_attack", on="territory",
                               request=None, provoked=None, label=None, notes=())
    a = obligations_on(Scenario.model_construct(name=None, description=None, events=[ev],
                                                sources=[]), registry)
    out = [(o.kind, o.treaty, o.article, o.obligor, o.verdict,
            any(r.rule == "adversaries" for r in o.decided_by))
           for o in a.obligations if o.kind == "defense"]
    # b attacking the stand-in: the offence pledges the reasoner says b is owed as an attacker
    attacking = ev.model_copy(update={"attackers": [Attacker(name=b, code=b)],
                                      "target": STAND_IN})
    owed = obligations_on(Scenario.model_construct(name=None, description=None,
                                                   events=[attacking], sources=[]), registry)
    out += [("offense", o.treaty, o.article, o.obligor, o.verdict, False)
            for o in owed.obligations if o.kind == "offense" and o.beneficiary == b
            and o.beneficiary_role == "attacker" and o.verdict == "triggered"]
    return out


def _adversary_provisions(registry) -> dict[tuple[str, str], tuple[str, ...]]:
    key = id(registry)
    hit = _ADV.get(key)
    if hit is None:
        hit = {(t.id, p.article): tuple(p.conditions.adversaries) for t in registry
               for p in t.provisions if p.conditions.adversaries}
        _ADV.clear()
        _ADV[key] = hit
    return hit


_ADV: dict[int, dict] = {}


def _closure(start: np.ndarray, step: sparse.csr_matrix, barred: np.ndarray,
             max_rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """Breadth-first from ``start`` (a pairs × states boolean array) along ``step``, never into
    ``barred``. Returns the reached states (including ``start``) and the round each was first
    reached (-1: never). Each round is one sparse product of the frontier."""
    reached = start.copy()
    rounds = np.where(start, 0, -1).astype(np.int16)
    r, c = np.nonzero(start)
    for rnd in range(1, max_rounds + 1):
        if not len(r):
            break
        frontier = sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)),
                                     shape=start.shape)
        r, c = (frontier @ step).nonzero()
        keep = ~reached[r, c] & ~barred[r, c]
        r, c = r[keep], c[keep]
        reached[r, c] = True
        rounds[r, c] = rnd
    return reached, rounds


#: The sweep's rules: the cascade's defaults, except that a joiner's allies are read as if its
#: territory were struck (the only pair-independent reading).
SWEEP_OPTIONS = Options(joiner_attacked="territory")


def sweep_options(items: list[str] | None) -> Options:
    """Options for a sweep from ``NAME=VALUE`` strings, over :data:`SWEEP_OPTIONS`."""
    base = {k: v for k, v in SWEEP_OPTIONS.to_dict().items()}
    given = Options.parse(items)
    for item in items or []:
        name = item.partition("=")[0].strip().replace("-", "_")
        base[name] = getattr(given, name)
    options = Options(**base)
    if options.joiner_attacked == "forces":
        raise InputError("a sweep reads a joiner's allies as if its territory were struck "
                         "(joiner_attacked=territory) or not at all (none): where its forces "
                         "fight depends on the pair (e.g. --rule joiner_attacked=none)")
    if options.may_depth > 1:
        raise InputError("a sweep's upper bound rests on one open question at most "
                         "(may_depth=0 or 1)")
    return options


def sweep_date(registry, states: pl.DataFrame, on: date, *, draws: int | None = None,
               probabilities: Probabilities | None = None, options: Options | None = None
               ) -> pl.DataFrame:
    """Every ordered attacker–target pair on ``on``: entrants per side (lower bound), the
    states that may enter (upper bound), rounds, and with ``draws`` the expected war size.

    ``options`` (default :data:`SWEEP_OPTIONS`): ``joiner_attacked`` ``territory`` or
    ``none`` (round 1 only), ``counterattack``, ``aggressor`` (``covered``: the attacker's
    defensive allies join it; ``uncertain``: they may), ``offense``, ``may_depth`` 0 or 1,
    ``max_rounds``."""
    options = options or SWEEP_OPTIONS
    max_rounds = options.max_rounds
    codes, ccodes = system_codes(states, on)
    b = bindings(registry, on, codes, ccodes, probabilities)
    if options.offense == "ignore":
        b.offense = sparse.csr_matrix(b.offense.shape, dtype=np.float32)
    n = len(codes)
    att, tgt = np.nonzero(~np.eye(n, dtype=bool))
    pairs = len(att)
    rows = np.arange(pairs)
    eye = np.eye(n, dtype=bool)
    none = np.zeros((n, n), dtype=bool)
    # per target (n rows, not n² pairs): the triggered closure from each state ...
    depth = 1 if options.joiner_attacked == "none" else max_rounds
    reach_t, rounds_by_t = _closure(eye, b.triggered, none, depth)
    lower_t, rounds_t = reach_t[tgt], rounds_by_t[tgt]
    # ... exact for every pair whose attacker is not in its target's closure; the others (the
    # attacker is the target's ally's ally) and those whose attacker some pledge names as
    # adversary are redone pair by pair, never through the attacker
    named = np.zeros(pairs, dtype=bool)
    for x in b.conditional:
        named |= att == codes.index(x)
    redo = np.flatnonzero(reach_t[tgt, att] | named)
    if len(redo):
        start_t = np.zeros((len(redo), n), dtype=bool)
        start_t[np.arange(len(redo)), tgt[redo]] = True
        barred = np.zeros_like(start_t)
        barred[np.arange(len(redo)), att[redo]] = True
        lower_t[redo], rounds_t[redo] = _closure(start_t, b.triggered, barred, depth)
        for x, extra in b.conditional.items():  # pledges against named adversaries
            sel = np.flatnonzero(att[redo] == codes.index(x))
            if len(sel):
                lower_t[redo[sel]], rounds_t[redo[sel]] = _closure(
                    start_t[sel], b.triggered + extra, barred[sel], depth)
    start_t = np.zeros((pairs, n), dtype=bool)
    start_t[rows, tgt] = True
    start_a = np.zeros((pairs, n), dtype=bool)
    start_a[rows, att] = True
    # the attacker's side: offensive pledges toward it (per attacker), and with the attacker
    # struck back (counterattack) its defensive allies if the aggressor rule lets them
    reach_a, _ = _closure(eye, b.offense, none, max_rounds)
    struck = options.counterattack == "territory" and options.aggressor != "not_covered"
    if struck:
        reach_def, _ = _closure(eye, b.triggered + b.offense, none, depth)
    if struck and options.aggressor == "covered":
        reach_a = reach_def
    lower_a = reach_a[att] & ~(lower_t & ~start_a)
    # may enter: one uncertain step from each target's closure, then its triggered closure
    # (per target; the pair's own attacker and certain entrants are then taken out)
    upper = np.zeros_like(lower_t)
    if options.may_depth >= 1:
        r, c = (sparse.csr_matrix(reach_t.astype(np.float32)) @ b.uncertain).nonzero()
        step = np.zeros((n, n), dtype=bool)
        step[r, c] = True
        step &= ~reach_t
        upper_by_t, _ = _closure(step, b.triggered, reach_t, depth)
        upper = upper_by_t[tgt] & ~lower_t & ~lower_a & ~start_a
        if struck and options.aggressor == "uncertain":
            upper |= reach_def[att] & ~lower_t & ~lower_a & ~start_a
    n_t = lower_t.sum(axis=1) - 1
    n_a = lower_a.sum(axis=1) - 1
    n_may = upper.sum(axis=1)
    code_arr = np.array(codes)
    out = pl.DataFrame({
        "date": [on] * pairs,
        "attacker": code_arr[att], "target": code_arr[tgt],
        "attacker_ccode": np.array(ccodes)[att], "target_ccode": np.array(ccodes)[tgt],
        "target_side": n_t.astype(np.int32), "attacker_side": n_a.astype(np.int32),
        "may_enter": n_may.astype(np.int32),
        "rounds": rounds_t.max(axis=1).astype(np.int16),
        "target_entrants": _lists(lower_t, start_t, code_arr),
        "attacker_entrants": _lists(lower_a, start_a, code_arr),
    })
    if draws:
        p_t = _expected_by_target(b, max_rounds)
        p_a = _expected_by_target(Bindings(on, codes, ccodes, b.offense, b.offense, b.offense,
                                           {}, _offense_p(b, probabilities)), max_rounds)
        size = 2 + p_t[tgt].sum(axis=1) - 1 - p_t[tgt, att] + p_a[att].sum(axis=1) - 1 \
            - p_a[att, tgt]
        out = out.with_columns(expected_size=pl.Series(size))
    return out


def _offense_p(b: Bindings, probabilities: Probabilities | None) -> sparse.csr_matrix:
    probs = probabilities or Probabilities()
    era = "before_1945" if b.on.year < 1945 else "from_1945"
    m = b.offense.copy()
    m.data = np.full(len(m.data), probs.kinds.get(("offense", era), 0.0))
    return m


def _lists(reached: np.ndarray, start: np.ndarray, codes: np.ndarray) -> pl.Series:
    """Each pair's entrants as a list column, built from the array's row offsets (no Python
    loop per pair)."""
    import pyarrow as pa

    m = reached & ~start
    counts = m.sum(axis=1)
    offsets = np.r_[0, np.cumsum(counts)].astype(np.int32)
    values = pa.DictionaryArray.from_arrays(pa.array(np.nonzero(m)[1].astype(np.int32)),
                                            pa.array(list(codes), pa.string()))
    return pl.from_arrow(pa.ListArray.from_arrays(pa.array(offsets), values))


def _expected_by_target(b: Bindings, max_rounds: int) -> np.ndarray:
    """``p[x, o]``: the probability ``o`` enters a war on ``x``'s side, by the best chain of
    honoured pledges, round by round (each state's probability is set in the round it is first
    reached, from states reached before it: cycles among allies add nothing). A pledge is kept
    for every ally or for none, as in the Monte Carlo, so the best chain — not the union of
    many — is the estimate (a lower bound of the Monte Carlo's union over different treaties)."""
    n = len(b.states)
    e = b.p_edge.toarray()
    p = np.eye(n)
    done = np.eye(n, dtype=bool)
    for _ in range(max_rounds):
        q = np.zeros((n, n))
        for j in np.flatnonzero(e.any(axis=1)):
            np.maximum(q, p[:, j:j + 1] * e[j:j + 1, :], out=q)
        new = (q > 0) & ~done
        if not new.any():
            break
        p[new] = q[new]
        done |= new
    return p


def sweep_years(registry_factory: Callable[[], object], states_path: str,
                days: Iterable[date], *, draws: int | None = None,
                options: Options | None = None, scheduler: str | None = None, cluster=None,
                progress: Callable[[int], None] | None = None) -> pl.DataFrame:
    """:func:`sweep_date` for each date, locally (a loop) or on Dask (one task per date).

    ``registry_factory`` builds the registry inside each worker (a registry object is not sent
    over the wire); ``scheduler`` is a Dask scheduler address, ``cluster`` a Dask cluster object
    (a ``LocalCluster`` in tests). The same function runs either way.
    """
    days = list(days)
    if scheduler is None and cluster is None:
        from casus.history.cow import read_states

        reg, states = registry_factory(), read_states(states_path)
        parts = []
        for d in days:
            parts.append(sweep_date(reg, states, d, draws=draws, options=options))
            if progress:
                progress(1)
        return pl.concat(parts) if parts else pl.DataFrame()
    from dask.distributed import Client, as_completed

    client = Client(cluster) if cluster is not None else Client(scheduler)
    try:
        futures = [client.submit(_sweep_task, registry_factory, states_path, d, draws,
                                 options, pure=False) for d in days]
        parts = []
        for fut in as_completed(futures):
            parts.append(fut.result())
            if progress:
                progress(1)
    finally:
        client.close()
    return pl.concat(parts).sort("date", "attacker", "target") if parts else pl.DataFrame()


_WORKER: dict = {}


def _sweep_task(registry_factory, states_path: str, on: date, draws: int | None,
                options: Options | None = None) -> pl.DataFrame:
    """One date on a Dask worker; the registry and states are built once per worker."""
    from casus.history.cow import read_states

    key = (repr(registry_factory), states_path)
    if key not in _WORKER:
        _WORKER.clear()
        _WORKER[key] = (registry_factory(), read_states(states_path))
    reg, states = _WORKER[key]
    return sweep_date(reg, states, on, draws=draws, options=options)
