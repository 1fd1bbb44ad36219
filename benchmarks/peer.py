"""The R peer both frame benchmarks measure against: can peacesciencer 1.2.9 run here?

Kept apart from the benchmarks and free of heavy imports: a benchmark that times whole
processes reads their peak memory from the operating system, which counts what a child
inherits from a large parent until it replaces itself with the measured program.
"""

from __future__ import annotations

import shutil
import subprocess


def peer_reason() -> str | None:
    """Why peacesciencer cannot be run here (None when it can)."""
    if shutil.which("Rscript") is None:
        return "Rscript is not installed (see /work/shared/peer/README.md)"
    check = subprocess.run(["Rscript", "-e", "suppressPackageStartupMessages("
                            "library(peacesciencer)); cat(as.character("
                            "packageVersion('peacesciencer')))"],
                           capture_output=True, text=True)
    if check.returncode:
        return f"R cannot load peacesciencer: {check.stderr.strip()[-200:]}"
    return None if check.stdout.strip() == "1.2.9" else (
        f"peacesciencer {check.stdout.strip()} is installed, not 1.2.9")
