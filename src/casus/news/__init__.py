"""Read the news: treaty events, reactions and checkable claims from one article.

News proposes, it never writes the registry: every finding quotes its evidence (character
offsets into the cleaned text) and every claim names the registry fact it was checked against.

>>> from casus.news import read_article
>>> from casus.views import to_text
>>> reading = read_article(open("article.html", "rb").read())   # doctest: +SKIP
>>> print(to_text(reading))                                   # doctest: +SKIP
"""

from casus.news.model import (
    Article,
    ArticleReading,
    Claim,
    Event,
    Evidence,
    Reaction,
    RegistryFact,
)

__all__ = ["Article", "ArticleReading", "Claim", "Event", "Evidence", "Reaction",
           "RegistryFact", "read_article", "read_file"]


def __getattr__(name: str):
    """The reader (and its compiled patterns) loads on first use, not when a view imports the
    news model: ``from casus.news import read_article`` still works."""
    if name in ("read_article", "read_file"):
        from casus.news import read

        return getattr(read, name)
    raise AttributeError(f"module 'casus.news' has no attribute {name!r}")
