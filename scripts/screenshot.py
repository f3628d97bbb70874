"""`make screenshot`: code the reference article in the web page and save docs/screenshot.png.

Starts the service (real coder, no store) on a free loopback port, drives Debian's headless
Chromium through Playwright, pastes the article, waits for the highlights and the events
table, points at the first event trigger (so the hover text shows) and saves a full-page
PNG. The article is ../shared/examples/pentagon-rejects-joint-airstrikes.jsonl when that
folder sits beside the repository, else the first of our own examples/articles.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "examples" / "pentagon-rejects-joint-airstrikes.jsonl"
FALLBACK = ROOT / "examples" / "articles.jsonl"


def first_article(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record: dict[str, Any] = json.loads(line)
                return record
    raise SystemExit(f"screenshot: {path} has no article")


def shrink(path: Path) -> None:
    """Re-save with a 256-colour palette (a UI screenshot loses nothing visible; the file is ~3x smaller)."""
    try:
        from PIL import Image
    except ImportError:  # Pillow comes with matplotlib; without it the PNG stays as Chromium wrote it
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, help="a JSONL file; its first article is coded")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--max-height", type=int, default=2400, help="crop a long page here (pixels)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from thucydides.service.browser import launch, why_no_browser

    problem = why_no_browser()
    if problem:
        print(f"screenshot: cannot run: {problem}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from thucydides.coder import Coder
    from thucydides.service import create_app
    from thucydides.service.server import serve_in_thread

    source = args.article or (REFERENCE if REFERENCE.is_file() else FALLBACK)
    article = first_article(source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    with serve_in_thread(create_app(coder_factory=Coder)) as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": args.width, "height": 900}, device_scale_factor=1)
        page.set_default_timeout(60_000)
        page.goto(url + "/")
        page.fill("#in-title", article.get("title") or "")
        if article.get("date"):
            page.fill("#in-date", str(article["date"])[:10])
        page.fill("#in-text", article["text"])
        page.click("#btn-code")
        page.wait_for_selector("#events-table tbody tr")
        page.wait_for_selector("#doc-map svg")
        events = page.locator("#events-table tbody tr[data-event]").count()
        trigger = page.locator("#annotated .hl.k-trigger").first
        if trigger.count():
            trigger.hover()
        height = min(args.max_height, page.evaluate("document.documentElement.scrollHeight"))
        page.screenshot(path=str(args.output), full_page=True,
                        clip={"x": 0, "y": 0, "width": args.width, "height": height})
        browser.close()
    shrink(args.output)
    print(f"screenshot: {args.output} ({source.name}: {events} events; {time.monotonic() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
