"""Benchmark the editors' HTML report: file size, time to write it, and
time to first paint in headless Chromium, for a run over many articles.

    python bench/html_report.py                      # 1,000 articles
    python bench/html_report.py --articles 5000
    python bench/html_report.py --screenshot reports/seed-report.png

The corpus is the synthetic one of ``bench/run.py`` (built if missing).
With ``--screenshot`` it also renders the seed page's report and saves a
picture of it (the one the README shows).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import build_corpus  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def write_report(paths: list[str], output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tqa",
            "check",
            *paths,
            "--lang",
            "en",
            "--format",
            "html",
            "--output",
            str(output),
            "--fail-on",
            "never",
        ],
        check=True,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def first_paint(report: Path, screenshot: Path | None = None) -> tuple[float, float]:
    """(first contentful paint, load event) in ms, in a fresh browser page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(report.resolve().as_uri(), wait_until="load")
        timing = page.evaluate("""() => {
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const nav = performance.getEntriesByType('navigation')[0];
            return [paint ? paint.startTime : -1, nav.loadEventEnd];
        }""")
        if screenshot is not None:
            # the second article, scrolled to its first highlight, with the hover text shown
            page.click('a[data-goto-article="1"]')
            page.locator("#a1 mark.hl").first.scroll_into_view_if_needed()
            page.locator("#a1 mark.hl").first.hover()
            page.wait_for_timeout(200)
            page.screenshot(path=str(screenshot))
        browser.close()
    return timing[0], timing[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--screenshot", type=Path, help="also save a picture of the seed page's report here")
    args = parser.parse_args()
    corpus = ROOT / "bench" / "corpus" / f"html-{args.articles}"
    if not corpus.exists():
        build_corpus(corpus, args.articles)
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.html"
        seconds = write_report([str(corpus)], report)
        size = report.stat().st_size
        paint, load = first_paint(report)
        print("| articles | report MB | write s | first paint ms | load ms |")
        print("|---:|---:|---:|---:|---:|")
        print(f"| {args.articles:,} | {size / 1e6:.1f} | {seconds:.1f} | {paint:.0f} | {load:.0f} |")
    if args.screenshot:
        seed_report = Path(tempfile.mkdtemp()) / "seed.html"
        write_report([str(ROOT / "samples" / "kazunite-blog-page-3.txt")], seed_report)
        first_paint(seed_report, args.screenshot)
        print(f"screenshot: {os.path.relpath(args.screenshot, ROOT)}")


if __name__ == "__main__":
    main()
