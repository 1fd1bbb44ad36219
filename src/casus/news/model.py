"""What reading an article produces: the article, treaty events, reactions, checked claims.

Every finding quotes its evidence as ``{"text", "start", "end"}``, character offsets into
:attr:`ArticleReading.text` (the cleaned article), so ``text[start:end] == evidence.text``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal["signing", "ratification", "entry_into_force", "accession", "withdrawal",
                    "suspension", "invocation", "consultation_request", "statement"]
Stance = Literal["condemn", "concern", "support", "neutral", "no_comment"]
Verdict = Literal["consistent", "contradicted", "unverifiable"]
EVENT_TYPES: tuple[str, ...] = EventType.__args__
STANCES: tuple[str, ...] = Stance.__args__


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def to_dict(self) -> dict:
        """Plain JSON-ready data (dates as YYYY-MM-DD strings)."""
        return self.model_dump(mode="json")


class Evidence(_Out):
    text: str
    start: int
    end: int


class Article(_Out):
    title: str | None = None
    author: str | None = None
    date: dt.date | None = None
    url: str | None = None
    language: str = "en"
    source_format: Literal["text", "html"] = "text"


class Event(_Out):
    """A treaty event the article reports (primary) or says happened before (background)."""

    type: EventType
    treaty: str | None = Field(None, description="registry id, or null when unmatched")
    treaty_name: str | None = Field(None, description="the treaty as named, when unmatched")
    parties: list[str]
    date: dt.date | None = None
    role: Literal["primary", "background"] = "primary"
    evidence: Evidence
    mentions: int = Field(1, description="how many sentences report this event")


class Reaction(_Out):
    """A third state or organisation reacting to the article's treaty event."""

    actor: str
    stance: Stance
    evidence: Evidence


class RegistryFact(_Out):
    """The registry value a claim was checked against, with its certainty and sources."""

    field: str
    value: str | None
    certainty: str | None = None
    note: str | None = None
    sources: list[dict] = Field(default_factory=list)


class Claim(_Out):
    """A checkable statement about a treaty and what the registry says about it."""

    text: str
    evidence: Evidence
    treaty: str | None = None
    treaty_name: str | None = None
    field: str
    stated: str | None = None
    verdict: Verdict
    registry: RegistryFact | None = None
    explanation: str


class ArticleReading(_Out):
    """Everything read from one article."""

    article: Article
    events: list[Event] = Field(default_factory=list)
    reactions: list[Reaction] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    text: str = Field(description="the cleaned article text evidence offsets refer to")
