"""Lighthouse on the built site, as a phone meets it (issue 22): `make lighthouse`.

    .venv/bin/python -m bench.lighthouse [--site site] [--runs 3] [--pages "/ /finances/"]

Serves `--site` on 127.0.0.1 the way GitHub Pages serves it (gzip for text, a
10-minute cache), runs Lighthouse 12 (bench/lighthouse/, npm, pinned) in Debian's
Chromium with its default mobile settings (Moto G Power screen, simulated slow 4G
and 4x CPU slowdown), `--runs` times per page, and keeps each page's median run by
performance score. Prints a table and writes bench/lighthouse.json:
{"conditions": {...}, "pages": {route: {"scores": {category: 0-100}, "metrics":
{name: "2.1 s"}, "runs": [performance, ...]}}}. Exit status 1 if Lighthouse fails.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from crte import routes

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
# The home page, an action, the finances and the search page.
PAGES = ("", routes.action("chevalements-9-9bis-corps"), routes.FINANCES, routes.SEARCH)
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")
TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".pf_meta", ".csv")


class PagesLike(http.server.SimpleHTTPRequestHandler):
    """Static files with GitHub Pages' compression and cache lifetime."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> Any:  # a file object or None, as the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # its redirect to the address with a slash
            path = path / "index.html"
        if path.suffix not in TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    """A read-once file object of `data`, what send_head() returns."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        out, self.data = self.data, b""
        return out

    def close(self) -> None:
        pass


def run_one(url: str, out: Path) -> dict[str, Any]:
    """Lighthouse's JSON report of `url` (written to `out`)."""
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={FLAGS}"], check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM))
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def summary(report: dict[str, Any]) -> dict[str, Any]:
    return {"scores": {k: round(v["score"] * 100) for k, v in report["categories"].items()},
            "metrics": {k: report["audits"][k]["displayValue"] for k in METRICS}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default=None, help="routes separated by spaces, e.g. \"/ /finances/\"")
    args = parser.parse_args(argv)
    pages = [p.lstrip("/") for p in args.pages.split()] if args.pages else list(PAGES)
    handler = functools.partial(PagesLike, directory=str(args.site.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    result: dict[str, Any] = {"conditions": {
        "lighthouse": json.loads((LIGHTHOUSE.parent.parent / "lighthouse" / "package.json").read_text())["version"],
        "chromium": subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cœurs, charge {os.getloadavg()[0]:.2f} au départ",
        "réglages": "mobile par défaut (Moto G Power, 4G lente simulée, processeur ralenti 4 fois)",
        "serveur": "127.0.0.1, gzip et max-age=600 comme GitHub Pages",
        "mesures": f"{args.runs} par page, la médiane par score de performance"}, "pages": {}}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for route in pages:
                reports = [run_one(base + route, Path(tmp) / f"{n}.json") for n in range(args.runs)]
                reports.sort(key=lambda r: r["categories"]["performance"]["score"])
                page = summary(reports[len(reports) // 2])
                page["runs"] = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
                result["pages"]["/" + route] = page
                print(f"/{route:<45} " + " ".join(f"{k[:4]} {v:>3}" for k, v in page["scores"].items())
                      + f"  perf {statistics.median(page['runs']):.0f} {page['runs']}  " + ", ".join(
                          f"{k.split('-')[0][:5]} {v}" for k, v in page["metrics"].items()), flush=True)
    except subprocess.CalledProcessError as error:
        print(f"Lighthouse a échoué : {error}", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
    (ROOT / "bench" / "lighthouse.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
