"""The cascade: the chain of obligations an attack sets off, round by round.

>>> from casus.cascade import cascade
>>> from casus.reasoner import Scenario
>>> c = cascade(Scenario.single(date="2026-01-15", attackers=["RUS"], target="EST"))
>>> c.entrant("USA").link.treaty, c.entrant("USA").round
('nato-1949', 1)

* :func:`cascade` — the deterministic rounds (lower and upper bound) with every entrant's
  article-quoting reason (:class:`Cascade`); the entry rules and their options are in
  :mod:`.rules` (:class:`Options`);
* :func:`monte_carlo` — each triggered obligation honoured with a probability
  (:mod:`.montecarlo`);

The package depends on the reasoner's public interface and the model only, never on the CLI.
"""

from casus.cascade.core import Cascade, Entrant, Link, StayOut, cascade
from casus.cascade.rules import Options

__all__ = ["Cascade", "Entrant", "Link", "Options", "StayOut", "cascade"]
