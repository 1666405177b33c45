"""The sites the tests read, each built once per session, and the browser that reads them.

- `site`: the real site (data/), at the default address;
- `example_project`: a copy of the project with the fictitious example
  (examples/contrat-vivant: the signed contract, 4 invented decisions, tracking);
- `example_site`: that example, built for SITE_URL; `real_site`: the real data of the
  same copy, built for SITE_URL (what the example's pages are compared with);
- `browser` (headless Debian chromium, never a downloaded one), `context` (one per test),
  `base_url` (the module's `site`, served on 127.0.0.1: a module that reads another
  site overrides `site`).

Modules must not change these copies: a test that edits a project makes its own.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..sitebuild import build, copy_example_project, copy_project

EXAMPLE = "examples/contrat-vivant"
SITE_URL = "https://crte.exemple.fr/"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def built(project: Path, out: Path, data: str, site_url: str = SITE_URL) -> Path:
    """`out`, holding `project` built from the data folder `data` ("" for data/) for `site_url`."""
    result = build(project, out, env={"CRTE_DATA": data, "CRTE_SITE_URL": site_url})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(copy_project(tmp_path_factory.mktemp("projet") / "p"), out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


@pytest.fixture(scope="session")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example_project(tmp_path_factory.mktemp("exemple") / "projet", EXAMPLE)


@pytest.fixture(scope="session")
def example_site(example_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(example_project, tmp_path_factory.mktemp("exemple-site") / "site", EXAMPLE)


@pytest.fixture(scope="session")
def real_site(example_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(example_project, tmp_path_factory.mktemp("reel-site") / "site", "")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@functools.cache
def _serving(folder: str) -> str:
    # One server per folder for the whole session (daemon threads end with it).
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def served(folder: Path) -> str:
    """The address (ending in "/") where `folder` is served over HTTP on 127.0.0.1."""
    return _serving(str(folder))


@pytest.fixture(scope="module")
def base_url(site: Path) -> str:
    return served(site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    yield ctx
    ctx.close()
