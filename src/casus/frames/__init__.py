"""Frames: state-years and dyad-years of the COW system, built as a pipeline.

``dyad_years(states, 1816, 2016)`` then ``add_alliances(frame, members)``,
``add_contiguity(frame, path)``, ``add_capital_distance``, ``add_cow_majors``, ``add_cow_wars``
— each ``add_*`` a left join that keeps every row. The rules are in each module's docstring;
the measured speed and the comparison with peacesciencer are in ``docs/frames.md``.
"""

from casus.frames.alliances import (
    ALLIANCE_COLUMNS,
    add_alliances,
    atop_dyad_years,
    dyad_years_with_alliances,
)
from casus.frames.controls import (
    ControlDataError,
    add_capital_distance,
    add_contiguity,
    add_cow_majors,
    add_cow_wars,
)
from casus.frames.io import write_frame
from casus.frames.pipeline import dyad_year_frame
from casus.frames.similarity import alliance_similarity, portfolio_levels
from casus.frames.skeleton import dyad_years, state_years

__all__ = [
    "ALLIANCE_COLUMNS",
    "ControlDataError",
    "add_alliances",
    "add_capital_distance",
    "add_contiguity",
    "add_cow_majors",
    "add_cow_wars",
    "alliance_similarity",
    "atop_dyad_years",
    "dyad_year_frame",
    "dyad_years",
    "dyad_years_with_alliances",
    "portfolio_levels",
    "state_years",
    "write_frame",
]
