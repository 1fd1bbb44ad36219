"""Treaties as a reader wants them: the list row (a JSON contract) and the full page."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from casus.compare import (
    alliance_class,
    conditions_in_words,
    scope_in_words,
)
from casus.model.provenance import Citation, SourceList
from casus.model.quoting import shown_text
from casus.model.states import state_name
from casus.model.treaty import Treaty, article_label


def _iso(d) -> str | None:
    return d.isoformat() if d is not None else None


def treaty_summary(t: Treaty) -> dict:
    """The JSON contract of ``casus treaty list``: id, title, parties (ISO alpha-3), dates."""
    return {
        "id": t.id,
        "title": " ".join(t.title.split()),
        "name": t.name,
        "short_names": t.short_names,
        "parties": t.parties,
        "signed": _iso(t.signed.known),
        "in_force": _iso(t.in_force.known),
        "ended": _iso(t.ended.known) if t.ended else None,
        "class": alliance_class(t),
        "atop_id": t.atop_id,
    }


def _sources_line(t: Treaty, ids: list[str]) -> str:
    parts = []
    for s in t.cite(ids):
        parts.append(s.publisher + (f" <{s.url}>" if s.url else f", {s.title}"))
    return "; ".join(parts)


def render_treaty(t: Treaty) -> Group:
    """A treaty as a reader wants it: what it is, when, who, and each article quoted."""
    parts: list = []
    title = " ".join(t.title.split())
    parts.append(Text(title, style="bold"))
    also = [n for n in t.short_names if n != title]  # an ATOP alliance's title is its name
    if also:
        parts.append(Text("also: " + "; ".join(also), style="dim"))
    parts.append(Text(f"id {t.id} · {alliance_class(t)}"
                      + (f" · ATOP {t.atop_id}" if t.atop_id else "")))
    parts.append(Text(""))
    parts.append(Text(" ".join(t.summary.split())))
    parts.append(Text(""))
    dates = Table.grid(padding=(0, 2))
    dates.add_column(style="bold")
    dates.add_column()
    for label, fact in (("signed", t.signed), ("in force", t.in_force), ("ended", t.ended)):
        if fact is None:
            continue
        value = str(fact.date)
        if label == "ended":
            value += f" ({fact.how}" + (f" by {fact.by})" if fact.by else ")")
        if fact.certainty != "confirmed":
            value += f" [{fact.certainty}]"
        if fact.note:
            value += f" — {' '.join(fact.note.split())}"
        dates.add_row(label, escape(value))
    if t.supersedes:
        dates.add_row("replaces", ", ".join(t.supersedes))
    if t.duration:
        dates.add_row("duration", escape(t.duration.term
                                         + (f"; {t.duration.renewal}" if t.duration.renewal
                                            else "")))
    parts.append(dates)
    parts.append(Text(""))
    members = Table(title="Parties over time", title_justify="left")
    for col in ("state", "joined", "left", "how"):
        members.add_column(col)
    for m in sorted(t.members, key=lambda m: (m.joined, m.state)):
        how = m.via + (f", {m.left_via}" if m.left_via else "")
        if m.certainty != "confirmed":
            how += f" [{m.certainty}]"
        members.add_row(f"{m.state} {state_name(m.state)}", str(m.joined),
                        str(m.left or "—"), escape(how))
    parts.append(members)
    for s in t.suspensions:
        toward = ", ".join(s.toward) if s.toward else "all parties"
        parts.append(Text(f"suspension: {s.state} toward {toward} from {s.start}"
                          f"{' to ' + str(s.end) if s.end else ''} ({s.effect.replace('_', ' ')})"))
    for p in t.provisions:
        parts.append(Text(""))
        head = f"{article_label(p.article)}" + (f" — {p.heading}" if p.heading else "")
        parts.append(Text(head, style="bold"))
        valid = ""
        if p.valid_from or p.valid_to:
            valid = f" · valid {p.valid_from or '…'} to {p.valid_to or '…'}"
        parts.append(Text(f"{p.kind.replace('_', ' ')} · trigger {p.trigger or '—'} · "
                          f"{p.strength}{valid}", style="cyan"))
        parts.append(Text(shown_text(p.text, p.text_status, p.language), style="italic"))
        conds = conditions_in_words(p)
        if conds:
            parts.append(Text("conditions: " + "; ".join(conds)))
        parts.append(Text("scope: " + scope_in_words(p)))
        for r in p.reservations:
            parts.append(Text(f"reservation by {state_name(r.by)}: {r.limit} — "
                              f"“{' '.join(r.quote.split())}”"))
        parts.append(Text("source: " + _sources_line(t, p.sources), style="dim"))
    if t.precedents:
        parts.append(Text(""))
        parts.append(Text("Precedents", style="bold"))
        for pr in sorted(t.precedents, key=lambda x: x.date):
            art = f" ({article_label(pr.article)})" if pr.article else ""
            parts.append(Text(f"{pr.date}{art}: {' '.join(pr.event.split())} — "
                              f"{' '.join(pr.outcome.split())}"))
    return Group(*parts)


def render_sources(sources: SourceList) -> Table:
    """The sources behind a treaty (or the registry): publisher, where, and what each supports."""
    table = Table(box=None, header_style="bold", show_lines=False, pad_edge=False)
    for col in ("treaty", "source", "publisher, date, where", "supports"):
        table.add_column(col, overflow="fold")
    for u in sources.uses:
        s = u.source
        where = ", ".join(x for x in (s.publisher, str(s.date) if s.date else None,
                                      s.url or s.title) if x)
        table.add_row(u.treaty, u.id, escape(where), escape("; ".join(u.supports)))
    return table


def render_citation(c: Citation) -> Group:
    """How to cite casus, then each dataset it reads with the version its readers expect."""
    parts: list = [Text("Cite casus as", style="bold"), Text(c.casus), Text(""),
                   Text("and the datasets you used", style="bold")]
    for d in c.datasets:
        parts.append(Text(f"• {d['name']} ({d['versions']}) — used by {d['used_by']}"))
        parts.append(Text("  " + " ".join(d["citation"].split()) + f" <{d['url']}>"))
    return Group(*parts)
