"""The layout docs/architecture.md draws is the layout the code has: imports run one way.

Each package of ``src/casus`` may import only the packages below it in ``LAYERS``; the test reads
every ``import`` in the source (lazy ones inside functions too) and fails on an import that runs
up or sideways, so an import cycle between packages cannot come back unnoticed.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "casus"

GROUND = {"errors", "dates", "_cache", "_write", "_yaml", "__init__"}  # __init__: the version
#: package → the packages it may import (besides the ground floor). Keep in step with
#: docs/architecture.md.
LAYERS: dict[str, set[str]] = {
    "registry": set(),  # the curated data files: no code to import
    "model": set(),
    "gazetteer": {"model"},
    "compare": {"model"},
    "reasoner": {"model", "gazetteer"},
    "news": {"model"},
    "history": {"model", "reasoner"},
    "frames": {"model", "history"},
    "coverage": {"model", "history"},
    "cascade": {"model", "gazetteer", "reasoner", "history"},
    "views": {"model", "gazetteer", "compare", "reasoner", "news", "history", "cascade"},
    "web": {"model", "gazetteer", "compare", "reasoner", "news", "history", "frames",
            "cascade", "coverage", "views", "__init__"},
    "cli": {"model", "gazetteer", "compare", "reasoner", "news", "history", "frames",
            "cascade", "coverage", "views", "web"},
    "__main__": {"cli"},
}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


@cache
def _imports() -> dict[tuple[str, str], list[str]]:
    """(importing package, imported package) → the files where it happens."""
    found: dict[tuple[str, str], list[str]] = {}
    for f in SRC.rglob("*.py"):
        rel = f.relative_to(SRC.parent)
        mine = _package(".".join(rel.with_suffix("").parts))
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name == "casus" or name.startswith("casus."):
                    theirs = _package(name)
                    if theirs != mine:
                        found.setdefault((mine, theirs), []).append(str(rel))
    return found


def test_every_package_has_a_place_in_the_layers() -> None:
    packages = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
                if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    unplaced = packages - set(LAYERS) - GROUND - {"__init__"}
    assert not unplaced, f"add these to LAYERS and docs/architecture.md: {sorted(unplaced)}"


@pytest.mark.parametrize(("importer", "imported"), sorted(_imports()))
def test_imports_run_down_the_layers(importer: str, imported: str) -> None:
    where = _imports()[(importer, imported)]
    if importer in GROUND:
        assert imported in GROUND, f"{importer} (ground floor) imports {imported}: {where}"
        return
    allowed = LAYERS.get(importer, set()) | GROUND
    assert imported in allowed, (f"{importer} may not import {imported} "
                                 f"(docs/architecture.md): {where}")
