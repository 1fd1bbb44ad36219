"""A cascade as a graph (networkx), written as GraphML or JSON, and drawn (matplotlib).

Nodes are states (attribute ``side``, ``round``, ``verdict``); an edge runs from the state
owed the obligation to the state that enters because of it, labelled ``treaty`` + ``article``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from casus.errors import InputError
from casus.model.treaty import treaty_article


def to_networkx(c):
    """The entrants and the links that brought them in, as a ``networkx.DiGraph``."""
    import networkx as nx

    g = nx.DiGraph()
    for side in ("attacker", "target"):
        for s in c.round0[side]:
            g.add_node(s, side=side, round=0, verdict="start")
    for e in c.entrants:
        g.add_node(e.state, side=e.side, round=e.round, verdict=e.verdict)
    for e in c.entrants:
        for i, link in enumerate((e.link, *e.also)):
            if link.beneficiary in g and not g.has_edge(link.beneficiary, e.state):
                g.add_edge(link.beneficiary, e.state, treaty=link.treaty,
                           article=link.article, label=treaty_article(link.treaty, link.article),
                           verdict=link.verdict, primary=i == 0)
    return g


def _atomic(path: Path, write) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"folder {str(folder)!r} does not exist (for {str(path)!r})")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_graph(c, path: str | Path) -> Path:
    """``.graphml`` → GraphML, ``.json`` → node-link JSON; written atomically."""
    import networkx as nx

    path = Path(path)
    g = to_networkx(c)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        return _atomic(path, lambda tmp: nx.write_graphml(g, tmp))
    if suffix == ".json":
        data = nx.node_link_data(g, edges="edges")
        return _atomic(path, lambda tmp: Path(tmp).write_text(json.dumps(data, indent=1)))
    raise InputError(f"cannot tell the graph format of {str(path)!r}; use .graphml or .json "
                     "(e.g. --graph cascade.graphml)")


def plot(c, path: str | Path) -> Path:
    """Draw states by round (x) and side (above: target side, below: attacker side), edges
    labelled with treaty and article; ``.png`` or ``.svg``, written atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"cannot draw to {str(path)!r}; use .png or .svg "
                         "(e.g. --plot cascade.png)")
    g = to_networkx(c)
    pos: dict[str, tuple[float, float]] = {}
    columns: dict[tuple[int, str], list[str]] = {}
    for n, d in g.nodes(data=True):
        columns.setdefault((d["round"], d["side"]), []).append(n)
    per_column = 12  # a round with more states is drawn as several sub-columns
    tallest = max((min(len(v), per_column) for v in columns.values()), default=1)
    widest = max((-(-len(v) // per_column) for v in columns.values()), default=1)
    step = 1.6 + 1.1 * widest
    for (rnd, side), nodes in columns.items():
        for i, n in enumerate(sorted(nodes)):
            y = (i % per_column + 1) * (1.0 if side == "target" else -1.0)
            pos[n] = (rnd * step + 1.1 * (i // per_column), y)
    height = max(4.0, tallest * 0.55 * 2 + 1.5)
    width = max(6.0, step * 1.2 * (max((r for r, _ in columns), default=0) + 1))
    fig, ax = plt.subplots(figsize=(width, height))
    colour = {"target": "#2b6cb0", "attacker": "#c53030"}
    for u, v, d in g.edges(data=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1),
                    arrowprops={"arrowstyle": "->", "lw": 0.7 if d["primary"] else 0.3,
                                "color": "#777777" if d["primary"] else "#dddddd",
                                "linestyle": "-" if d["verdict"] == "triggered" else "--",
                                "shrinkA": 9, "shrinkB": 9})
    for _u, v, d in g.edges(data=True):
        if d["primary"]:
            x2, y2 = pos[v]
            ax.text(x2, y2 + 0.33, d["label"], fontsize=5.5, color="#444444", ha="center")
    for n, d in g.nodes(data=True):
        x, y = pos[n]
        ax.scatter([x], [y], s=520, color=colour[d["side"]],
                   alpha=1.0 if d["verdict"] != "uncertain" else 0.35, zorder=3)
        ax.text(x, y, n, fontsize=6.5, ha="center", va="center", color="white", zorder=4,
                fontweight="bold")
    ax.axhline(0, color="#cccccc", lw=0.8)
    rounds = sorted({r for r, _ in columns})
    ax.set_xticks([r * step for r in rounds], [f"round {r}" for r in rounds])
    ax.set_yticks([])
    ev = c.scenario.events[0]
    ax.set_title(f"Cascade from {', '.join(c.round0['attacker'])} → "
                 f"{', '.join(c.round0['target'])}, {ev.date.isoformat()}\n"
                 "above: target side (blue) · below: attacker side (red) · pale/dashed: may "
                 "enter", fontsize=9)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    fmt = path.suffix.lower().lstrip(".")
    result = _atomic(path, lambda tmp: fig.savefig(tmp, format=fmt, dpi=110))
    plt.close(fig)
    return result
