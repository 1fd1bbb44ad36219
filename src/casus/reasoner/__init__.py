"""The obligation reasoner: which defence-treaty obligations an event triggers, and why.

>>> from casus.reasoner import Scenario, obligations_on
>>> s = Scenario.single(date="2024-12-05", attackers=["UKR"], target="RUS", place="Kursk Oblast")
>>> [o.verdict for o in obligations_on(s).find("rus-prk-2024", "4")]
['triggered']

The public interface, for the CLI, the HTTP API, the cascade and the history replay alike:

* :func:`obligations_on` — every obligation a :class:`Scenario` could trigger, with verdicts
  and article-quoting reasons (an :class:`Assessment`);
* :class:`Scenario`, :class:`Event`, :class:`Attacker`, :func:`load_scenario` (YAML files) and
  :func:`event_from_text` (values as people type them);
* :func:`index_for` — the per-registry index (which treaties a state is party to), built once;
* :func:`known_place` — the place an event names, or None for a name the gazetteer does not
  know (answered with what does not depend on it); a typo or an ambiguous name raises.

The rules live by concept: :mod:`.parties` (in force, membership, suspension),
:mod:`.conditions` (trigger and conditions), :mod:`.scope` (geography), put together by
:mod:`.engine`. Rendering lives in :mod:`casus.views`.
"""

from casus.reasoner._places import known_place
from casus.reasoner.engine import obligations_on
from casus.reasoner.index import ASSESSED_KINDS, RegistryIndex, index_for
from casus.reasoner.scenario import Attacker, Event, Scenario, event_from_text, load_scenario
from casus.reasoner.trace import Assessment, Obligation, Reason

__all__ = [
    "ASSESSED_KINDS",
    "Assessment",
    "Attacker",
    "Event",
    "Obligation",
    "Reason",
    "RegistryIndex",
    "Scenario",
    "event_from_text",
    "index_for",
    "known_place",
    "load_scenario",
    "obligations_on",
]
