"""History importers: Correlates of War and ATOP files read into tidy polars frames.

Each reader takes a path the user supplies, checks the columns it needs and raises one
:class:`casus.errors.DataError` listing every problem. Frames are built from these in
:mod:`casus.frames`; wars are replayed against the alliances by the reasoner in
:mod:`casus.history.activations` and compared with the experts in
:mod:`casus.history.agreement`.
"""

from casus.history.atop import (
    CODEBOOK,
    CONDITION_COLUMNS,
    COVERAGE,
    PROVISIONS,
    check_member_codes,
    obligation_spells,
    read_atop_alliances,
    read_atop_members,
)
from casus.history.cow import (
    read_cow_war_inter,
    read_rsh_wars,
    read_states,
    rsh_war_participants,
)
from casus.history.wars import detect_war_format, read_war_events

__all__ = [
    "CODEBOOK",
    "CONDITION_COLUMNS",
    "COVERAGE",
    "PROVISIONS",
    "check_member_codes",
    "detect_war_format",
    "obligation_spells",
    "read_atop_alliances",
    "read_atop_members",
    "read_cow_war_inter",
    "read_rsh_wars",
    "read_states",
    "read_war_events",
    "rsh_war_participants",
]
