"""One rendering layer: every answer casus gives, as text (the CLI), JSON (the CLI's
``--format json`` and the HTTP API) and, for the web pages, HTML.

Each shell renders the same object through :func:`to_text`, :func:`to_json` and
:func:`to_html`, so the words a journalist reads on the terminal, the JSON a tool reads over
HTTP and the web page never drift apart. Text is a ``str`` laid out already, or a rich
renderable (tables); JSON is plain data; HTML is an escaped fragment (:mod:`casus.views.html`).

>>> from casus.model.registry import load_registry
>>> from casus.views import to_json
>>> to_json(load_registry().get("nato-1949"))["id"]
'nato-1949'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch
from typing import Any

from casus.cascade import Cascade
from casus.compare import Comparison
from casus.gazetteer import PlaceReport
from casus.model.provenance import Citation, SourceList
from casus.model.treaty import Treaty
from casus.news.model import ArticleReading
from casus.reasoner.trace import Assessment
from casus.views import cascade, comparison, news, obligations, places, treaties
from casus.views.obligations import render_duty
from casus.views.treaties import treaty_summary

__all__ = ["render_duty", "to_csv", "to_html", "to_json", "to_markdown", "to_text",
           "treaty_summary"]


@singledispatch
def to_text(answer: Any, *, explain: bool = False) -> Any:
    """The readable rendering of an answer (a ``str`` or a rich renderable); ``explain`` asks
    for the full account where an answer has a short one (obligations)."""
    raise TypeError(f"casus has no text view of {type(answer).__name__}")


def to_csv(answer: Any) -> str:
    """An answer that is a table (``to_frame()``) as CSV."""
    return _frame(answer).write_csv()


def to_markdown(answer: Any) -> str:
    """An answer that is a table (``to_frame()``) as a Markdown table."""
    frame = _frame(answer)
    cells = [[str(v).replace("|", "\\|").replace("\n", " ") if v is not None else ""
              for v in row] for row in frame.iter_rows()]
    head = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    return "\n".join([head, rule, *("| " + " | ".join(r) + " |" for r in cells)]) + "\n"


def _frame(answer: Any) -> Any:
    if isinstance(answer, list):
        import polars as pl

        return pl.DataFrame([treaty_summary(t) for t in answer]).with_columns(
            pl.col("parties").list.join(" "), pl.col("short_names").list.join("; "))
    if not hasattr(answer, "to_frame"):
        raise TypeError(f"{type(answer).__name__} is not a table; use text or json")
    return answer.to_frame()


@singledispatch
def to_json(answer: Any) -> Any:
    """The JSON shape of an answer: its own ``to_dict()`` (the documented contract)."""
    return answer.to_dict()


@to_text.register
def _assessment_text(answer: Assessment, *, explain: bool = False) -> str:
    return obligations.render_text(answer) if explain else obligations.render_short(answer)


for kind, render in ((Treaty, treaties.render_treaty),
                     (SourceList, treaties.render_sources),
                     (Citation, treaties.render_citation),
                     (Comparison, comparison.render_comparison),
                     (ArticleReading, news.render_text),
                     (PlaceReport, places.render_place),
                     (Cascade, cascade.render_text)):
    to_text.register(kind, lambda answer, *, explain=False, _render=render: _render(answer))


@singledispatch
def to_html(answer: Any) -> Any:
    """The web page's rendering of an answer: an HTML fragment (``markupsafe.Markup``)."""
    raise TypeError(f"casus has no HTML view of {type(answer).__name__}")


def _html_view(name: str) -> Callable[[Any], Any]:
    """A renderer of ``casus.views.html``, imported on first use (Jinja2 loads only for the
    web pages)."""
    def render(answer: Any) -> Any:
        from casus.views import html

        return getattr(html, name)(answer)

    return render


for kind, name in ((Assessment, "assessment_html"), (Treaty, "treaty_html"),
                   (Comparison, "comparison_html"), (ArticleReading, "reading_html")):
    to_html.register(kind, _html_view(name))


@to_json.register
def _treaty_json(answer: Treaty) -> Any:
    return answer.model_dump(mode="json")


@to_json.register
def _treaties_json(answer: list) -> Any:
    return [treaty_summary(t) if isinstance(t, Treaty) else to_json(t) for t in answer]
