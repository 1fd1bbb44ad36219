"""Provenance as a feature: which sources stand behind the registry, and how to cite casus.

:func:`sources_of` walks a treaty and says, for every source it defines, which facts cite it
(``signed``, ``members[3]``, ``provisions[Art. 5]``...), so a reader can check a claim at its
source. :func:`citation` gives how to cite casus, its registry version (a hash of the treaty
files' contents, so two copies that say the same thing have the same version) and the research
datasets casus reads, from ``registry/citations.yaml``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import yaml

from casus import __version__
from casus.model.registry import Registry
from casus.model.treaty import Source, Treaty, article_label


@dataclass(frozen=True)
class SourceUse:
    """One source of one treaty and the facts that cite it."""

    treaty: str
    id: str
    source: Source
    supports: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"treaty": self.treaty, "id": self.id, **self.source.model_dump(mode="json"),
                "supports": list(self.supports)}


def _citing(t: Treaty) -> dict[str, list[str]]:
    """source id → the facts of the treaty that cite it."""
    uses: dict[str, list[str]] = {}

    def cite(ids: list[str], what: str) -> None:
        for i in ids:
            uses.setdefault(i, []).append(what)

    for name in ("signed", "in_force", "ended"):
        fact = getattr(t, name)
        if fact is not None:
            cite(fact.sources, name.replace("_", " "))
    for m in t.members:
        cite(m.sources, f"membership of {m.state}")
    for s in t.suspensions:
        cite(s.sources, f"suspension by {s.state}")
    for p in t.provisions:
        cite(p.sources, f"{article_label(p.article)} ({p.kind})")
        for a in p.scope.areas:
            cite(a.sources, f"{article_label(p.article)} scope")
    for i in t.interpretations:
        cite(i.sources, f"interpretation of {article_label(i.article)} ({i.date})")
    for pr in t.precedents:
        cite(pr.sources, f"precedent of {pr.date}")
    return uses


def sources_of(treaty: Treaty) -> list[SourceUse]:
    """Every source a treaty defines, with the facts that cite it (uncited ones say so)."""
    uses = _citing(treaty)
    return [SourceUse(treaty.id, sid, src, tuple(dict.fromkeys(uses.get(sid, ["(not cited)"]))))
            for sid, src in treaty.sources.items()]


@dataclass(frozen=True)
class SourceList:
    """The sources behind one treaty or the whole registry: a table."""

    uses: tuple[SourceUse, ...]

    def to_dict(self) -> list[dict]:
        return [u.to_dict() for u in self.uses]

    def to_frame(self) -> Any:
        import polars as pl

        return pl.DataFrame([{**u.to_dict(), "supports": "; ".join(u.supports)}
                             for u in self.uses])


def registry_sources(registry: Registry, treaty_id: str | None = None) -> SourceList:
    treaties = [registry.get(treaty_id)] if treaty_id else sorted(registry, key=lambda t: t.id)
    return SourceList(tuple(u for t in treaties for u in sources_of(t)))


def registry_version(registry: Registry) -> str:
    """A short hash of the registry's content: same treaties, same facts → same version."""
    digest = hashlib.sha256()
    for t in sorted(registry, key=lambda t: t.id):
        digest.update(t.model_dump_json().encode())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Citation:
    """How to cite casus and the datasets it reads."""

    casus: str
    datasets: tuple[dict, ...]

    def to_dict(self) -> dict:
        return {"casus": self.casus, "datasets": list(self.datasets)}


def citation(registry: Registry) -> Citation:
    data = yaml.safe_load((files("casus") / "registry" / "citations.yaml").read_text("utf-8"))
    newest = max((s.date for t in registry for s in t.sources.values() if s.date), default=None)
    text = " ".join(data["casus"]["text"].split()).format(
        version=__version__, treaties=len(registry), registry_hash=registry_version(registry),
        newest_source=newest.isoformat() if newest else "unknown")
    return Citation(text, tuple(data["datasets"]))


__all__ = ["Citation", "SourceList", "SourceUse", "citation", "registry_sources",
           "registry_version", "sources_of"]
