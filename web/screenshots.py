"""Regenerate the README's screenshots (docs/img/*.png) from a running ``casus serve``.

    casus serve --port 8765 &
    python3 web/screenshots.py http://127.0.0.1:8765

Needs Playwright and chromium (as the browser tests do); Pillow reduces each PNG to a 256-colour
palette so the pictures stay small in the repository.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"


def _small(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 760})
        page.goto(f"{base}/map?state=POL&date=1990-01-01")
        page.wait_for_selector('#map[data-rendered="1990-01-01|POL"]')
        page.wait_for_selector("#state-panel .allies")
        box = page.locator("#map path[data-code=POL]").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for _ in range(3):
            page.mouse.wheel(0, -300)
            page.wait_for_timeout(200)
        page.screenshot(path=str(OUT / "map.png"))
        page.goto(f"{base}/scenario?attacker=Russia&target=Estonia&place=Tallinn"
                  "&date=2026-01-15&request=yes")
        page.wait_for_selector("#answer")
        page.wait_for_selector("#pick-map svg")
        page.set_viewport_size({"width": 1200, "height": 1000})
        page.screenshot(path=str(OUT / "scenario.png"))
        browser.close()
    for name in ("map.png", "scenario.png"):
        _small(OUT / name)
        print(OUT / name, (OUT / name).stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765")
