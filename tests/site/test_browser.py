"""Browser tests: the real site in Debian's Chromium, driven by Playwright.

Accessibility (axe-core, WCAG 2.1 A/AA), privacy (requests and cookies), search
without accents, keyboard access, printing and phones. Timings are printed, not
asserted (see bench/ for measurements). The browser, its contexts and `base_url` (the
real site, served) are conftest.py's.
"""
from __future__ import annotations

import time

import pytest

from .conftest import accessible_and_private, answered

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


# --- Accessibility and privacy, on every kind of page -------------------------------------------

@pytest.mark.parametrize("name", ROUTES)
def test_axe_finds_no_wcag_violation_and_no_request_leaves_the_site(context: object, base_url: str,
                                                                      name: str) -> None:
    accessible_and_private(context, base_url, ROUTES[name])


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
    answered(page, query, header=False)
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
