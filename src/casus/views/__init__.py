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

from functools import singledispatch
from typing import Any

from casus.compare import Comparison
from casus.model.treaty import Treaty
from casus.news.model import ArticleReading
from casus.reasoner.trace import Assessment
from casus.views import comparison, news, obligations, treaties
from casus.views.obligations import render_duty
from casus.views.treaties import treaty_summary

__all__ = ["render_duty", "to_html", "to_json", "to_text", "treaty_summary"]


@singledispatch
def to_text(answer: Any) -> Any:
    """The readable rendering of an answer (a ``str`` or a rich renderable)."""
    raise TypeError(f"casus has no text view of {type(answer).__name__}")


@singledispatch
def to_json(answer: Any) -> Any:
    """The JSON shape of an answer: its own ``to_dict()`` (the documented contract)."""
    return answer.to_dict()


to_text.register(Assessment, obligations.render_text)
to_text.register(Treaty, treaties.render_treaty)
to_text.register(Comparison, comparison.render_comparison)
to_text.register(ArticleReading, news.render_text)


@singledispatch
def to_html(answer: Any) -> Any:
    """The web page's rendering of an answer: an HTML fragment (``markupsafe.Markup``)."""
    raise TypeError(f"casus has no HTML view of {type(answer).__name__}")


@to_html.register
def _assessment_html(answer: Assessment) -> Any:
    from casus.views.html import assessment_html

    return assessment_html(answer)


@to_html.register
def _treaty_html(answer: Treaty) -> Any:
    from casus.views.html import treaty_html

    return treaty_html(answer)


@to_html.register
def _comparison_html(answer: Comparison) -> Any:
    from casus.views.html import comparison_html

    return comparison_html(answer)


@to_html.register
def _reading_html(answer: ArticleReading) -> Any:
    from casus.views.html import reading_html

    return reading_html(answer)


@to_json.register
def _treaty_json(answer: Treaty) -> Any:
    return answer.model_dump(mode="json")


@to_json.register
def _treaties_json(answer: list) -> Any:
    return [treaty_summary(t) if isinstance(t, Treaty) else to_json(t) for t in answer]
