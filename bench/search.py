"""`python -m bench.search SITE_DIR`: time the search of a built site in Chromium.

For each query and each search box (the header's, on the home page; the search
page's own), the time from the last keystroke to the first result on screen, and
what the browser downloaded for it (Pagefind loads only the index fragments a
query needs). Each run is a new visitor (empty cache) who clicks in the box, then
types: Pagefind starts loading when the box gets the focus, as it does for a
reader. The driver types each query twice: as fast as it can (10 to 30 ms between
keys), and at 150 ms a key, as a reader does. A query is searched once the search
before it has ended, after a pause in the typing: 40 ms when its last word has 4
letters or more, else 300 ms (docs/javascripts/recherche-moteur.js); what it waits
for is part of the time measured.
Both ends are timed by the page itself (the last `input` event, the first result
in the DOM): the driver's own delays, a few hundred milliseconds on a busy
machine, are not the reader's.

    measure(site, runs=3, latency=0) -> [(surface, query, ms between keys, median ms, median ms
                                          seen by the driver, bytes downloaded, results)]

The bytes are counted by the server: what the browser took from its own cache is not
downloaded again. `python -m bench.search SITE 40` adds 40 ms to each request
(Chromium's network emulation), as a phone's network would. Prints one line per query
and surface; asserts nothing: the figures are quoted in bench/README.md.
`python -m bench.run --search` runs it on the largest size.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

# « cahc » is on every action page (« Part CAHC »): the largest answer.
QUERIES = ["ecologique", "henin", "Declercq", "cite noumea", "cahc"]
# (surface, page, search box, what shows the first result, where the number of results is said)
SURFACES = [
    ("entête", "", "#crte-q", "#crte-q-options [role=option]", "#crte-q-etat"),
    ("page", "recherche/", "#crte-recherche-q", "#crte-recherche-resultats .crte-resultat", "#crte-recherche-etat"),
]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Run in each page before its own scripts: when the last keystroke changed the box, and
# when the first result appeared after it.
CHRONO = """
window.crteChrono = {frappe: 0, premier: 0};
document.addEventListener("input", () => { crteChrono.frappe = performance.now(); crteChrono.premier = 0; }, true);
document.addEventListener("DOMContentLoaded", () => new MutationObserver(() => {
  if (!crteChrono.premier && crteChrono.frappe && document.querySelector(SELECTOR)) crteChrono.premier = performance.now();
}).observe(document.body, {childList: true, subtree: true}));
"""
DELAYS = [0, 150]  # ms between two keys: as fast as the driver types, as a reader does
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class CountingServer(http.server.ThreadingHTTPServer):
    """Serves `site` and counts the bytes of the files it sends (`sent`, reset by the caller):
    what the browser downloaded, whatever it then took from its own cache (the search page
    asks for Pagefind's files beside Pagefind's worker, which takes them from the cache:
    counting the browser's responses would count them twice)."""

    def __init__(self, site: Path) -> None:
        super().__init__(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
        self.sent = 0
        self.lock = threading.Lock()

    def count(self, size: int) -> None:
        with self.lock:
            self.sent += size

    def reset(self) -> int:
        """The bytes sent since the last reset."""
        with self.lock:
            sent, self.sent = self.sent, 0
        return sent


class Counting(Quiet):
    server: CountingServer

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]  # as in http.server
        data = source.read()
        outputfile.write(data)
        self.server.count(len(data))


def measure(site: Path, runs: int = 3, latency: int = 0) -> list[tuple[str, str, int, float, float, int, int]]:
    """(surface, query, ms between two keys, median ms from the last keystroke to the first
    result as the page times it, the same as the driver sees it, bytes downloaded by the
    search, number of results announced). `latency`: ms that Chromium adds to each request
    (its network emulation), as a phone's network would; 0: the loopback's own."""
    server = CountingServer(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for surface, route, box, first, status in SURFACES:
                for delay, query in [(d, q) for d in DELAYS for q in QUERIES]:
                    times, seen, downloaded, count = [], [], 0, 0
                    for _ in range(runs):
                        context = browser.new_context()  # a cold cache each time, as a new visitor
                        page = context.new_page()
                        if latency:
                            cdp = context.new_cdp_session(page)
                            cdp.send("Network.enable")
                            cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                                                                          "downloadThroughput": -1, "uploadThroughput": -1})
                        page.add_init_script(CHRONO.replace("SELECTOR", repr(first)))
                        page.goto(base + route, wait_until="networkidle")
                        server.reset()
                        page.locator(box).click()
                        page.keyboard.type(query, delay=delay)
                        start = time.perf_counter()
                        page.wait_for_function("crteChrono.premier > 0", timeout=30_000)
                        seen.append((time.perf_counter() - start) * 1000)
                        times.append(page.evaluate("crteChrono.premier - crteChrono.frappe"))
                        page.wait_for_load_state("networkidle")
                        downloaded = server.reset()
                        said = re.sub(r"\s", "", page.inner_text(status))
                        count = int(re.match(r"\d+", said)[0]) if re.match(r"\d+", said) else 0
                        context.close()
                    out.append((surface, query, delay, statistics.median(times), statistics.median(seen), downloaded,
                                count))
            browser.close()
    finally:
        server.shutdown()
    return out


def report(rows: list[tuple[str, str, int, float, float, int, int]]) -> str:
    lines = [f"{'champ':<8} {'requête':<14} {'frappe (ms)':>11} {'1er résultat (ms)':>18} {'vu du pilote (ms)':>18} "
             f"{'téléchargé (Kio)':>17} {'résultats':>10}"]
    lines += [f"{surface:<8} {query:<14} {delay:>11} {ms:>18.0f} {driver:>18.0f} {size / 1024:>17.1f} {count:>10}"
              for surface, query, delay, ms, driver, size, count in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`SITE [LATENCY_MS]`."""
    site = Path(argv[0]) if argv else Path("site")
    print(report(measure(site, latency=int(argv[1]) if len(argv) > 1 else 0)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
