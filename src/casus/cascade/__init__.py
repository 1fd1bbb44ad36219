"""The cascade: the chain of obligations an attack sets off, round by round.

>>> from casus.cascade import cascade
>>> from casus.reasoner import Scenario
>>> c = cascade(Scenario.single(date="2026-01-15", attackers=["RUS"], target="EST"))
>>> c.entrant("USA").link.treaty, c.entrant("USA").round
('nato-1949', 1)

* :func:`cascade` — the deterministic rounds (lower and upper bound) with every entrant's
  article-quoting reason (:class:`Cascade`); the entry rules and their options are in
  :mod:`.rules` (:class:`Options`);
* :func:`monte_carlo` — each obligation honoured with a probability, one draw per pledge,
  as numpy arrays (:mod:`.montecarlo`; defaults from Berkemeier & Fuhrmann 2018);
* :mod:`.replay` — the wars of 1816–2007 started from their first initiator and target, scored
  against who joined; :mod:`.sweep` — every ordered pair of states on a date, as sparse-matrix
  closures; :mod:`.graph` — the cascade as a networkx graph and a picture.

The package depends on the reasoner's public interface and the model only, never on the CLI.
"""

from casus.cascade.core import Cascade, Entrant, Link, StayOut, cascade
from casus.cascade.rules import Options

_LAZY = {"Probabilities", "load_probabilities", "monte_carlo"}


def __getattr__(name: str):
    # numpy is imported only when the Monte Carlo is used: every CLI command imports the views,
    # which import this package
    if name in _LAZY:
        from casus.cascade import montecarlo

        return getattr(montecarlo, name)
    raise AttributeError(f"module 'casus.cascade' has no attribute {name!r}")


__all__ = ["Cascade", "Entrant", "Link", "Options", "Probabilities", "StayOut", "cascade",
           "load_probabilities", "monte_carlo"]
