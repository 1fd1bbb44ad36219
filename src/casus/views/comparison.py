"""A :class:`~casus.compare.Comparison` as text: the table, then the findings in words."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from casus.compare import ROWS, Comparison, clip


def render_comparison(c: Comparison) -> Group:
    """The comparison table, then the generated findings a journalist can quote."""
    table = Table(show_lines=True, title=f"Compared as of {c.on}", title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    for col in c.columns:
        table.add_column(col.treaty.id, overflow="fold", ratio=1)
    for row in ROWS:
        table.add_row(row, *(escape(col.rows[row]) for col in c.columns))
    quotes = [f"“{clip(col.provision.text)}”" if col.provision else "—" for col in c.columns]
    table.add_row("text", *(escape(q) for q in quotes))
    findings = [Text("• " + " ".join(f.split())) for f in c.findings]
    return Group(table, Text(""), Text("What this means", style="bold"), *findings)
