"""`python -m bench.search SITE_DIR`: time the search of a built site in Chromium.

For each query, the time from the first keystroke in the search box to the
first result on screen, and what the browser downloaded for it (Pagefind loads
only the index fragments a query needs). Prints one line per query; asserts
nothing: the figures are quoted in bench/README.md.
"""
from __future__ import annotations

import functools
import http.server
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

QUERIES = ["ecologique", "henin", "Declercq", "cite noumea"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def measure(site: Path, runs: int = 3) -> list[tuple[str, float, int, int]]:
    """(query, median ms to first result, bytes downloaded, number of results)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in QUERIES:
            times, downloaded, count = [], 0, 0
            for _ in range(runs):
                context = browser.new_context()  # a cold cache each time, as a new visitor
                page = context.new_page()
                page.goto(base + "recherche/", wait_until="networkidle")
                sizes: list[int] = []
                page.on("response", lambda r: sizes.append(int(r.headers.get("content-length", "0"))))
                page.locator("#recherche input").focus()
                start = time.perf_counter()
                page.keyboard.type(query)
                page.wait_for_selector(".pagefind-ui__result", timeout=30_000)
                times.append((time.perf_counter() - start) * 1000)
                page.wait_for_load_state("networkidle")
                downloaded = sum(sizes)
                count = page.locator(".pagefind-ui__result").count()
                context.close()
            out.append((query, statistics.median(times), downloaded, count))
        browser.close()
    server.shutdown()
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("site")
    print(f"{'requête':<14} {'1er résultat (ms)':>18} {'téléchargé (Ko)':>16} {'résultats affichés':>19}")
    for query, ms, size, count in measure(site):
        print(f"{query:<14} {ms:>18.0f} {size / 1024:>16.1f} {count:>19}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
