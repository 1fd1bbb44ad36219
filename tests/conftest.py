"""Shared test helpers: where the embedded registry and the shared research data live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casus.model.registry import EMBEDDED

# The one place that says where the read-only shared material lives: CI lays ../shared beside
# the clone (a git worktree one level deeper finds it further up); CASUS_SHARED points
# elsewhere. Only this third-party data may be absent (tests then skip, printing why); casus'
# own registry never is, so no test skips for a treaty file.
_HERE = Path(__file__).resolve()
_BESIDE = next((d / "shared" for d in _HERE.parents[2:] if (d / "shared").is_dir()),
               _HERE.parents[2] / "shared")
SHARED = Path(os.environ.get("CASUS_SHARED", _BESIDE))
SHARED_DATA = SHARED / "data"
EXAMPLE = EMBEDDED / "rus-prk-2024.yaml"


def treaty_path(treaty_id: str) -> Path:
    return EMBEDDED / f"{treaty_id}.yaml"


def need_shared_file(path: Path) -> Path:
    """``path`` if the shared data has it; otherwise skip the test, printing why."""
    if not path.exists():
        reason = f"shared data {path} is absent (set CASUS_SHARED)"
        print(reason)
        pytest.skip(reason)
    return path


def needs_shared(*parts: str):
    """Skip (with the reason in the summary) when this part of ../shared is absent."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(),
                              reason=f"shared data not found at {path} (set CASUS_SHARED)")
