"""A :class:`~casus.compare.Comparison` as text: the table, then the findings in words."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from casus.compare import ROWS, Comparison, clip
from casus.model.quoting import shown_text


def _cell(row: str, value: str) -> str:
    """A table cell short enough to compare at a glance (the JSON keeps every word)."""
    if row == "parties" and value.count(",") >= 6:
        names = value.split(", ")
        return f"{len(names)} states: {', '.join(names[:3])} …"
    if row == "strength":
        return value.split(":")[0]  # the word; the JSON keeps what it means
    return clip(value, 16) if row in ("scope", "conditions") else value


def render_comparison(c: Comparison) -> Group:
    """The comparison table, then the generated findings a journalist can quote."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, title=f"Compared as of {c.on}",
                  title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    for col in c.columns:
        table.add_column(col.treaty.id, overflow="fold", ratio=1)
    for row in ROWS:
        table.add_row(row, *(escape(_cell(row, col.rows[row])) for col in c.columns))
    quotes = [shown_text(clip(col.provision.text, 20), col.provision.text_status,
                         col.provision.language) if col.provision else "—"
              for col in c.columns]
    table.add_row("text", *(escape(q) for q in quotes))
    findings = [Text("• " + " ".join(f.split())) for f in c.findings]
    return Group(table, Text(""), Text("What this means", style="bold"), *findings)
