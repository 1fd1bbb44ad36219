"""``casus place`` as text: whose a place is (and was), where it lies, its sources."""

from __future__ import annotations

from casus.gazetteer import PlaceReport, continent_name
from casus.model.states import state_name


def _state(code: str | None) -> str:
    return f"{state_name(code)} ({code})" if code else "no state"


def render_place(report: PlaceReport) -> str:
    """The place's facts in lines; with a date, who held it then."""
    place = report.place
    where = (f" in {continent_name(place.continent)}" if place.continent
             else " at sea" if place.oceans and place.sovereign is None else "")
    lines = [f"{place.name} ({place.id}): {place.kind}{where}"
             + (", an island" if place.island and place.kind != "island" else "")
             + ("" if place.metropolitan or place.sovereign is None
                else ", not metropolitan territory")]
    lines.append(f"  sovereign: {_state(place.sovereign)}; held by "
                 f"{_state(place.administered_by)}"
                 + (f" since {place.status_since.isoformat()}" if place.status_since else ""))
    for p in place.earlier:
        span = f"{p.start.isoformat() if p.start else '…'} to {p.until.isoformat()}"
        lines.append(f"  earlier, {span}: sovereign {_state(p.sovereign)}; held by "
                     f"{_state(p.administered_by)}")
    if place.claimants:
        lines.append(f"  claimed by: {', '.join(_state(c) for c in place.claimants)}")
    if place.oceans:
        lines.append(f"  waters: {', '.join(place.oceans)}")
    if report.on is not None:
        held = report.held
        lines.append(f"  on {report.on.isoformat()}: " + (
            f"sovereign {_state(held[0])}; held by {_state(held[1])}" if held
            else "not recorded (before the periods the gazetteer dates)"))
    if report.lies_within:
        lines.append(f"  lies within: {' > '.join(name for _, name in report.lies_within)}")
    lines.append("  sources:")
    lines.extend(f"    - {s}" for s in place.sources)
    return "\n".join(lines)
