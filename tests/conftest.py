"""Shared test helpers: where the embedded registry and the shared research data live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casus.model.registry import EMBEDDED

# The read-only research data beside the checkout (CI lays ../shared next to the clone; a git
# worktree one level deeper finds it further up); CASUS_SHARED_DATA points elsewhere when it
# lives somewhere else.
_HERE = Path(__file__).resolve()
SHARED = next((d / "shared" for d in _HERE.parents[2:] if (d / "shared").is_dir()),
              _HERE.parents[2] / "shared")
SHARED_DATA = Path(os.environ.get("CASUS_SHARED_DATA", SHARED / "data"))
EXAMPLE = EMBEDDED / "rus-prk-2024.yaml"


def treaty_path(treaty_id: str) -> Path:
    return EMBEDDED / f"{treaty_id}.yaml"


def needs_treaties(*ids: str):
    """Skip (with the reason printed) when a treaty file a test relies on is absent."""
    missing = [i for i in ids if not treaty_path(i).exists()]
    return pytest.mark.skipif(bool(missing), reason=f"treaty files not in registry: {missing}")


def need_shared_file(path: Path) -> Path:
    """``path`` if the shared data has it; otherwise skip the test, printing why."""
    if not path.exists():
        reason = f"shared data {path} is absent (set CASUS_SHARED_DATA)"
        print(reason)
        pytest.skip(reason)
    return path


def needs_shared(*parts: str):
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"shared data not found at {path}")
