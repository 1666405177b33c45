"""The sites the tests read, each built once per session, and the browser that reads them.

- `site` (tests/conftest.py): the real site (data/), at the default address;
- `example_project`: a copy of the project with the fictitious example
  (examples/contrat-vivant: the signed contract, 4 invented decisions, tracking);
- `example_site`: that example, built for SITE_URL; `real_site`: the real data of the
  same copy, built for SITE_URL (what the example's pages are compared with);
- `moved_site`: the real data deployed under a sub-path (SUB), cite-declercq renamed;
- `hostile_address_site`: the example built by MkDocs itself (without build.py's check)
  from hostile CRTE_SITE_URL and CRTE_EDIT_URI values;
- `browser` (headless Debian chromium, never a downloaded one: the only Playwright of the
  session, a second `sync_playwright()` cannot start beside it), `context` (one per test),
  `base_url` (the module's `site`, served on 127.0.0.1: a module that reads another
  site overrides `site`); `accessible_and_private` checks a page as test_browser.py does;
  `answered` waits for a search box's answer to what was typed.

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
from playwright.sync_api import sync_playwright

from ..conftest import ROOT
from ..sitebuild import build, copy_example_project, copy_project, rename

EXAMPLE = "examples/contrat-vivant"
SITE_URL = "https://crte.exemple.fr/"
SUB = "https://exemple.fr/crte/"  # moved_site's address
EPOCH = "1639353600"  # 2021-12-13T00:00:00Z
HOSTILE_SITE = "http://127.0.0.1:8721/\"+alert(document.domain)+\"/x'><img src=x onerror=alert(2)>/"
# A repository's edit address in shape (the browser editor, /edition/, takes only those), hostile in content.
HOSTILE_EDIT = 'https://github.com/e"><script>alert(3)<!--/crte/edit/main/'
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = """async () => {
    const r = await axe.run(document, {runOnly: {type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
    return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
}"""


def built(project: Path, out: Path, data: str, site_url: str = SITE_URL) -> Path:
    """`out`, holding `project` built from the data folder `data` ("" for data/) for `site_url`."""
    result = build(project, out, env={"CRTE_DATA": data, "CRTE_SITE_URL": site_url})
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


@pytest.fixture(scope="session")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site deployed under /crte/ (SUB), with cite-declercq renamed (its former id redirects)."""
    project = copy_project(tmp_path_factory.mktemp("sous-chemin") / "p")
    rename(project, keep_old=True)
    out = tmp_path_factory.mktemp("sous-chemin-site") / "site"
    result = build(project, out, env={"CRTE_SITE_URL": SUB, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def hostile_address_site(example_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built by MkDocs itself, without build.py's check, from hostile addresses."""
    out = tmp_path_factory.mktemp("adresses-hostiles-site") / "site"
    result = build(example_project, out, env={"CRTE_DATA": EXAMPLE, "CRTE_SITE_URL": HOSTILE_SITE,
                                              "CRTE_EDIT_URI": HOSTILE_EDIT})
    assert result.returncode == 0, result.stderr
    return out


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
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


# A search box has answered `q` (not one of the queries typed on the way to it, which may be
# answered meanwhile: docs/javascripts/recherche-moteur.js): its status quotes it (« q »), or
# the header's last option leads to the search page for it.
ANSWERED = """([etat, q]) => document.getElementById(etat).textContent.includes('« ' + q + ' »') ||
  [...document.querySelectorAll('#crte-q-options .crte-suggestion--tous')].some(
    (li) => new URL(li.dataset.url, location.href).searchParams.get('q') === q)"""


def answered(page: object, query: str, header: bool = True) -> None:
    """Wait until the header's search box (or the search page's: header=False) answered `query`."""
    page.wait_for_function(ANSWERED, arg=["crte-q-etat" if header else "crte-recherche-etat", query])  # type: ignore[attr-defined]


def accessible_and_private(context: object, base_url: str, route: str) -> None:
    """The page at `route`: no WCAG 2.1 A/AA violation (axe-core), in French, a skip link,
    no request to another host, no cookie, every table of the article with a caption and
    scoped headers; no console error, no script error, no failed request nor answer of
    400 or more (a 404 in the console is an error a visitor sees)."""
    page = context.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"script: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.on("response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(base_url + route, wait_until="networkidle")
    assert errors == [], (route, errors)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(WCAG) == [], route
    assert page.evaluate("document.documentElement.lang") == "fr"
    skip = page.query_selector("a.md-skip")
    assert skip is not None and skip.get_attribute("href").startswith("#")
    assert [u for u in requests if not u.startswith(base_url)] == []
    assert context.cookies() == []  # type: ignore[attr-defined]
    for table in page.query_selector_all("article table"):
        assert table.query_selector("caption"), route
        assert all(th.get_attribute("scope") in ("col", "row", "colgroup", "rowgroup")
                   for th in table.query_selector_all("th")), route
