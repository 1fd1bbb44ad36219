"""Answers as HTML fragments for the web pages, from the same objects the text and JSON views
render (STYLE.md practice 6): an :class:`Assessment`, a :class:`Treaty`, a :class:`Comparison`,
an :class:`ArticleReading`.

Templates live in ``casus/views/templates``; every value is escaped by Jinja2's autoescape.
Treaty text is shown in quotation marks only when the registry holds it ``verbatim``; a
translation, paraphrase or coded summary is labelled as what it is, never quoted as treaty text.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from markupsafe import Markup

from casus.model.states import state_name
from casus.model.treaty import article_label

TEMPLATES = str(files("casus") / "views" / "templates")

# How each text_status is shown: (label, quoted as the treaty's own words?)
TEXT_STATUS = {
    "verbatim": ("the treaty's text", True),
    "translation": ("translation — not the authentic text", False),
    "paraphrase": ("paraphrase — not the treaty's words", False),
    "unconfirmed": ("unconfirmed wording — not established as the treaty's words", False),
    "not_public": ("the text is not public — a description, not the treaty's words", False),
    "coded": ("coded summary (ATOP) — not the treaty's words", False),
}

KIND_WORDS = {"defense": "defence", "offense": "offence", "consultation": "consultation",
              "neutrality": "neutrality", "non_aggression": "non-aggression",
              "non_assistance": "non-assistance", "cooperation": "cooperation"}


@cache
def environment(*extra: str):
    """The Jinja2 environment: casus' view templates (and a shell's own folders before them)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader([*extra, TEMPLATES]),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(state_name=state_name, TEXT_STATUS=TEXT_STATUS, KIND_WORDS=KIND_WORDS,
                       today=date.today)
    env.filters["kind"] = lambda k: KIND_WORDS.get(k, str(k).replace("_", " "))
    env.filters["who"] = lambda c: f"{state_name(c)} ({c})"
    # 'Art. 5', but an article named by what it is ('defence pledge by France (ATOP-coded)')
    # as it is, as the text views show it
    env.filters["article"] = article_label
    return env


def render(template: str, **context: Any) -> Markup:
    return Markup(environment().get_template(template).render(**context))


def assessment_html(assessment, *, quotes: bool = True) -> Markup:
    """Each event's headline, then obligations grouped triggered / uncertain / not triggered,
    each with its reasons and its whole explanation tree behind a disclosure."""
    from casus.reasoner.trace import VERDICT_HEADINGS, VERDICT_ORDER
    from casus.views.obligations import _blocks, event_headline

    events = []
    for ev in assessment.events:
        obligations = assessment.for_event(ev.index)
        groups = []
        for verdict in VERDICT_ORDER:
            chosen = [o for o in obligations if o.verdict == verdict]
            groups.append({"verdict": verdict, "heading": VERDICT_HEADINGS[verdict],
                           "blocks": _blocks(chosen) if chosen else []})
        events.append({"index": ev.index, "headline": event_headline(ev.event, ev.place),
                       "notes": ev.notes, "groups": groups, "count": len(obligations)})
    return render("assessment.html", events=events, quotes=quotes, block_reasons=_block_reasons)


def _block_reasons(block) -> list[str]:
    """The reasons shown for obligations listed together (as the text view shows them): what
    decided the verdict, or for a triggered duty every check, once each; a per-obligor check
    ("Albania was a party…") only when the block has one obligor."""
    o = block[0]
    reasons = o.checks if o.verdict == "triggered" else o.decided_by
    texts = [r.text for r in reasons if r.result != "noted"
             and not (r.per_obligor and len(block) > 1 and o.verdict == "triggered")]
    return list(dict.fromkeys(texts))


def treaty_html(treaty) -> Markup:
    """A treaty page's body: dates, a timeline of its members, each article with its source."""
    from casus.compare import alliance_class, conditions_in_words, scope_in_words

    return render("treaty.html", t=treaty, alliance_class=alliance_class(treaty),
                  conditions_in_words=conditions_in_words, scope_in_words=scope_in_words,
                  timeline=_timeline(treaty))


def comparison_html(comparison) -> Markup:
    """The comparison table, then the findings in plain words."""
    from casus.compare import ROWS

    return render("comparison.html", c=comparison, rows=ROWS)


def reading_html(reading) -> Markup:
    """The article's text with every piece of evidence highlighted, then what was found."""
    spans = []
    for prefix, items in (("event", reading.events), ("reaction", reading.reactions),
                          ("claim", reading.claims)):
        for i, item in enumerate(items):
            spans.append((item.evidence.start, item.evidence.end, f"{prefix}-{i}", prefix))
    return render("reading.html", r=reading, pieces=_highlight(reading.text, spans))


def _highlight(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict]:
    """The text cut into plain and highlighted pieces; overlapping evidence is merged."""
    merged: list[list] = []
    for start, end, ident, kind in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(ident)
            merged[-1][3].add(kind)
        else:
            merged.append([start, end, [ident], {kind}])
    pieces, pos = [], 0
    for start, end, ids, kinds in merged:
        if start > pos:
            pieces.append({"text": text[pos:start]})
        pieces.append({"text": text[start:end], "ids": ids, "kinds": sorted(kinds)})
        pos = end
    if pos < len(text):
        pieces.append({"text": text[pos:]})
    return pieces


def _timeline(treaty) -> dict:
    """Rows and scale of the members-over-time chart (an SVG drawn by the template)."""
    today = date.today()
    start = min(m.joined for m in treaty.members)
    end_fact = treaty.ended.known if treaty.ended else None
    end = max([end_fact or today, *(m.left or end_fact or today for m in treaty.members)])
    span = max((end - start).days, 1)
    width, label_w, row_h = 720, 170, 18

    def x(d: date) -> float:
        return round(label_w + (d - start).days / span * (width - label_w - 10), 1)

    rows = []
    for i, m in enumerate(sorted(treaty.members, key=lambda m: (m.joined, m.state))):
        stop = m.left or end_fact or today
        rows.append({"y": 20 + i * row_h, "label": f"{state_name(m.state)} ({m.state})",
                     "x": x(m.joined), "w": max(x(stop) - x(m.joined), 2),
                     "title": f"{state_name(m.state)}: {m.joined} to {m.left or 'today'} "
                              f"({m.via}{', ' + m.left_via if m.left_via else ''})",
                     "certain": m.certainty == "confirmed"})
    years = range(start.year + (1 if start.month > 1 else 0), end.year + 1)
    step = max(1, len(years) // 8)
    ticks = [{"x": x(date(y, 1, 1)), "label": y} for y in list(years)[::step]]
    marks = []
    if treaty.in_force.known:
        marks.append({"x": x(treaty.in_force.known), "label": "in force"})
    if end_fact:
        marks.append({"x": x(end_fact), "label": "ended"})
    return {"rows": rows, "ticks": ticks, "marks": marks, "width": width,
            "height": 30 + len(rows) * row_h, "label_w": label_w}
