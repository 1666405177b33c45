"""Browser tests: the real site in Debian's Chromium, driven by Playwright.

Accessibility (axe-core, WCAG 2.1 A/AA), privacy (requests and cookies), search
without accents, keyboard access, printing and phones. Timings are printed, not
asserted (see bench/ for measurements).
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT
from ..site.test_site import site  # noqa: F401 - the built site fixture

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]

# One route per kind of page.
ROUTES = {
    "accueil": "",
    "contrat": "contrat/",
    "orientations": "orientations/",
    "orientation": "orientations/3/",
    "actions": "actions/",
    "action": "actions/cite-declercq/",
    "action-sans-part": "actions/chef-de-projet-opah-ru/",
    "indicateurs": "indicateurs/",
    "finances": "finances/",
    "controles": "finances/controles/",
    "recherche": "recherche/",
    "communes": "communes/",
    "commune": "communes/oignies/",
    "maitres-ouvrage": "maitres-ouvrage/",
    "maitre-ouvrage": "maitres-ouvrage/cahc/",
    "donnees": "donnees/",
    "messages": "aide/messages/",
    "accessibilite": "accessibilite/",
    "mentions-legales": "mentions-legales/",
    "donnees-personnelles": "donnees-personnelles/",
    "404": "404.html",
}

pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and AXE.exists()),
                                reason="make browser installs chromium and axe-core")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:  # noqa: F811
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context(locale="fr-FR")
    yield ctx
    ctx.close()


# --- Accessibility and privacy, on every kind of page -------------------------------------------

@pytest.mark.parametrize("name", ROUTES)
def test_axe_finds_no_wcag_violation_and_no_request_leaves_the_site(context: object, base_url: str,
                                                                      name: str) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + ROUTES[name], wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
        return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
    }""")
    assert violations == []
    assert page.evaluate("document.documentElement.lang") == "fr"
    skip = page.query_selector("a.md-skip")
    assert skip is not None and skip.get_attribute("href").startswith("#")
    assert [u for u in requests if not u.startswith(base_url)] == []
    assert context.cookies() == []
    for table in page.query_selector_all("article table"):
        assert table.query_selector("caption"), name
        assert all(th.get_attribute("scope") in ("col", "row", "colgroup", "rowgroup")
                   for th in table.query_selector_all("th")), name


def test_footer_links_to_the_accessibility_declaration(context: object, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "actions/cite-declercq/")
    link = page.get_by_role("link", name="Accessibilité : non conforme")
    link.click()
    page.wait_for_url("**/accessibilite/")
    assert "non conforme" in page.inner_text("article")


# --- Keyboard --------------------------------------------------------------------------------------

def tab_until(page: object, selector: str, limit: int = 150) -> int:
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return n
    raise AssertionError(f"{selector} never got the keyboard focus")


def test_skip_link_search_and_tables_are_reachable_with_the_keyboard(context: object, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "finances/")
    assert tab_until(page, "a.md-skip") == 1
    tab_until(page, "#crte-q")
    page.keyboard.type("cite noumea")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=cite+noumea")
    page.wait_for_selector(".crte-resultat")
    page.goto(base_url + "finances/")
    tab_until(page, "div.crte-table[role=region]")
    before = page.evaluate("document.activeElement.scrollLeft")
    page.set_viewport_size({"width": 375, "height": 800})
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.scrollLeft") >= before


# --- Search -------------------------------------------------------------------------------------------

SEARCHES = {
    "ecologique": "écologique",
    "henin": "Hénin",
    "Declercq": "Cité Declercq",
    "cite noumea": "Cité Nouméa",
}


@pytest.mark.parametrize("query", SEARCHES)
def test_search_forgives_missing_accents(context: object, base_url: str, query: str) -> None:
    page = context.new_page()
    page.goto(base_url + "recherche/", wait_until="networkidle")
    box = page.locator("#recherche input")
    box.focus()
    start = time.perf_counter()
    page.keyboard.type(query)
    page.wait_for_selector(".crte-resultat", timeout=10_000)
    elapsed = time.perf_counter() - start
    results = page.inner_text("#crte-recherche-resultats")
    assert SEARCHES[query].casefold() in results.casefold(), results[:500]
    print(f"\nrecherche « {query} » : premiers résultats {elapsed * 1000:.0f} ms après la frappe")


def test_search_finds_an_action_an_article_and_an_indicator(context: object, base_url: str) -> None:
    page = context.new_page()
    for query, expected in [("platelage", "actions/platelage-parc-des-iles/"),
                            ("litiges", "contrat/"), ("phytosanitaires", "indicateurs/")]:
        page.goto(base_url + "recherche/?q=" + query, wait_until="networkidle")
        page.wait_for_selector(".crte-resultat__lien")
        links = [a.get_attribute("href") for a in page.query_selector_all(".crte-resultat__lien")]
        assert any(expected in (h or "") for h in links), (query, links)


# --- Print and phone ---------------------------------------------------------------------------------

@pytest.mark.parametrize("route", ["actions/cite-declercq/", "contrat/"])
def test_printing_gives_a_clean_document(context: object, base_url: str, route: str) -> None:
    page = context.new_page()
    page.goto(base_url + route, wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none"
    link = page.query_selector("article a[data-url]:not(.md-content__button)")
    after = page.evaluate("a => getComputedStyle(a, '::after').content", link)
    assert base_url in after
    for table in page.query_selector_all("article table"):
        assert page.evaluate("t => getComputedStyle(t).breakInside", table) == "avoid"
    assert len(page.pdf(format="A4")) > 10_000


@pytest.mark.parametrize("name", ROUTES)
def test_no_page_scrolls_sideways_at_375px(context: object, base_url: str, name: str) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base_url + ROUTES[name], wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{name}: {width}px"
