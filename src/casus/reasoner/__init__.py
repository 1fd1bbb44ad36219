"""The obligation reasoner: which defence-treaty obligations an event triggers, and why.

>>> from casus.reasoner import Scenario, obligations_on, render_text
>>> s = Scenario.single(date="2024-12-05", attackers=["UKR"], target="RUS", place="Kursk Oblast")
>>> print(render_text(obligations_on(s)))  # doctest: +SKIP

Public API: :func:`obligations_on`, :class:`Scenario`, :class:`Event`, :func:`load_scenario`,
:func:`render_text`, and :func:`obligations_for_cli` (the CLI's one call).
"""

from casus.reasoner.rules import obligations_for_cli, obligations_on
from casus.reasoner.scenario import Attacker, Event, Scenario, load_scenario
from casus.reasoner.trace import Assessment, Obligation, Reason, render_text

__all__ = [
    "Assessment",
    "Attacker",
    "Event",
    "Obligation",
    "Reason",
    "Scenario",
    "load_scenario",
    "obligations_for_cli",
    "obligations_on",
    "render_text",
]
