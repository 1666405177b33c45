"""The search as a reader meets it, in Debian's Chromium: results under the header box
while typing, a keyboard-operable list (WAI-ARIA combobox), words found inside longer
words (« amian » → « désamiantage »), « Aucun résultat » for a word the site does not
hold, one search box on /recherche/, the citation out of the index, a page opened from
a file saying why nothing comes; axe-core on the open list, at 375 and 1280 px.

The index itself (words separated, parts, ignored sections) is read in
test_searchtext.py; timings are measured by bench/search.py, not asserted here.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..sitebuild import build, copy_project
from .conftest import AXE, WCAG, answered, served

# `site` and `base_url`: the real site (conftest.py).

WIDTHS = (375, 1280)
OPTIONS = "#crte-q-options [role=option]"


def type_in_header(context: object, base_url: str, query: str, route: str = "", width: int = 1280) -> object:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + route, wait_until="networkidle")
    page.locator("#crte-q").click()
    page.keyboard.type(query)
    answered(page, query)
    return page


def axe(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(WCAG)


@pytest.mark.parametrize("width", WIDTHS)
def test_typing_shows_results_under_the_header_box_without_enter(context: object, base_url: str,
                                                                   width: int) -> None:
    page = type_in_header(context, base_url, "amian", width=width)
    page.wait_for_selector(OPTIONS)
    assert page.url == base_url  # nothing submitted
    box = page.locator("#crte-q")
    assert box.get_attribute("aria-expanded") == "true"
    first = page.locator(OPTIONS).first
    assert "désamiantage" in first.inner_text()
    assert "désamiantage" in [m.casefold() for m in page.locator("#crte-q-options mark").all_inner_texts()]
    assert page.locator(OPTIONS).last.inner_text().startswith("Voir tous les résultats")
    # The list fits the screen: no sideways scrolling, every option within the width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    panel = page.locator("#crte-q-panneau").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width
    assert axe(page) == []


@pytest.mark.parametrize("query", ["azerty", "lieuoignies"])
def test_a_word_the_site_does_not_hold_finds_nothing(context: object, base_url: str, query: str) -> None:
    # Pagefind alone answered with pages holding « à » (azerty) or « Lieu » (lieuoignies,
    # once indexed as « LieuOignies »).
    page = type_in_header(context, base_url, query)
    page.wait_for_function("document.getElementById('crte-q-etat').textContent !== ''")
    assert page.inner_text("#crte-q-etat") == f"Aucun résultat pour « {query} »"
    assert page.locator(OPTIONS).count() == 0
    assert page.locator("#crte-q").get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("height", (800, 568, 420))
def test_the_list_holds_what_the_screen_holds_and_every_result_stays_in_reach(context: object, base_url: str,
                                                                             height: int) -> None:
    # « cite » finds more pages than the list shows: on a phone, as many as fit, then
    # « Voir tous les résultats » in sight; the panel never scrolls (axe: a scrolling region
    # must hold something focusable, and the focus stays in the box).
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": height})
    page.goto(base_url, wait_until="networkidle")
    page.locator("#crte-q").click()
    page.keyboard.type("cite")
    answered(page, "cite")
    page.wait_for_selector(OPTIONS)
    sizes = page.evaluate("(p => [p.scrollHeight, p.clientHeight])(document.getElementById('crte-q-panneau'))")
    assert sizes[0] <= sizes[1], sizes
    shown = page.locator(OPTIONS).count() - 1
    total = int(re.sub(r"\D", "", page.inner_text("#crte-q-etat").split("résultat")[0]))  # « 1 234 résultats »
    assert 1 <= shown <= min(6, total)
    if height < 800:
        assert shown < min(6, total)  # the test's screens are too short for six
    last = page.locator(OPTIONS).last
    assert last.inner_text() == f"Voir tous les résultats ({total})"
    assert last.bounding_box()["y"] + last.bounding_box()["height"] <= height
    # « Voir tous », the last option, is still reached by the arrows.
    page.keyboard.press("ArrowUp")
    assert page.locator("#crte-q").get_attribute("aria-activedescendant") == "crte-q-option-tous"
    assert axe(page) == []


def test_arrow_down_then_enter_opens_the_first_result(context: object, base_url: str) -> None:
    page = type_in_header(context, base_url, "noumea", route="finances/")
    page.wait_for_selector(OPTIONS)
    first = page.locator(OPTIONS).first
    target = first.get_attribute("data-url")
    page.keyboard.press("ArrowDown")
    assert page.locator("#crte-q").get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "crte-q"  # the focus stays in the box
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert "Cité Nouméa" in page.inner_text("h1")


def test_escape_closes_and_the_last_option_leads_to_every_result(context: object, base_url: str) -> None:
    page = type_in_header(context, base_url, "cite noumea")
    page.wait_for_selector(OPTIONS)
    page.keyboard.press("Escape")
    assert page.locator("#crte-q").get_attribute("aria-expanded") == "false"
    assert not page.locator("#crte-q-options").is_visible()
    page.keyboard.press("ArrowUp")  # reopens on the last option
    assert page.locator("#crte-q").get_attribute("aria-expanded") == "true"
    assert page.locator(OPTIONS).last.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=cite+noumea")
    page.wait_for_selector(".crte-resultat")
    assert "Cité Nouméa" in page.inner_text("#crte-recherche-resultats")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_page_has_one_box_prefilled_from_the_address(context: object, base_url: str,
                                                                 width: int) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "recherche/?q=cite+noumea", wait_until="networkidle")
    boxes = page.locator("input[type=search]")
    assert boxes.count() == 1 and boxes.first.is_visible()
    assert boxes.first.input_value() == "cite noumea"
    page.wait_for_selector(".crte-resultat")
    assert page.inner_text("#crte-recherche-etat").endswith("pour « cite noumea »")
    assert "Cité Nouméa" in page.inner_text("#crte-recherche-resultats")
    # Typing searches again, and the address follows.
    boxes.first.fill("")
    boxes.first.type("desamiantage")
    page.wait_for_function("location.search === '?q=desamiantage'")
    page.wait_for_function("document.getElementById('crte-recherche-etat').textContent.includes('desamiantage')")
    assert "désamiantage" in page.inner_text("#crte-recherche-resultats")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe(page) == []


def test_the_citation_is_no_sub_result(context: object, base_url: str) -> None:
    # « Lien permanent » was on every action page, under « Citer cette action », and came up
    # as a sub-result of each (test_searchtext.py reads the index itself).
    page = context.new_page()
    page.goto(base_url + "recherche/?q=lien+permanent", wait_until="networkidle")
    page.wait_for_function("document.getElementById('crte-recherche-etat').textContent !== ''")
    links = [a.get_attribute("href") for a in page.query_selector_all("#crte-recherche-resultats a")]
    assert not [h for h in links if "#citer" in h or "#voisines" in h or "#citation" in h], links
    assert not [h for h in links if h.startswith("/actions/") and h.count("/") == 3], links


def test_query_words_lose_their_french_endings(context: object, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    stems = page.evaluate("crteRecherche.preparer(\"Rénovation des écoles, l'amiante ÉCOLOGIQUE énergie cité\")")
    assert stems == ["renov", "des", "ecole", "amiant", "ecolog", "energ", "cite"]


def test_opened_from_a_file_the_search_says_why_it_cannot_run(context: object, site: Path) -> None:
    page = context.new_page()
    page.goto((site / "recherche" / "index.html").as_uri())
    page.wait_for_function("document.getElementById('crte-recherche-etat').textContent !== ''")
    assert page.inner_text("#crte-recherche-etat").startswith(
        "La recherche ne fonctionne que sur le site publié ou avec make serve")
    page.goto((site / "index.html").as_uri())
    page.locator("#crte-q").click()
    page.keyboard.type("henin")
    page.wait_for_function("document.getElementById('crte-q-etat').textContent !== ''")
    assert "file://" in page.inner_text("#crte-q-etat")


@pytest.fixture(scope="module")
def parts_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real site, its search index cut in parts of 50 pages (4 parts), as a site of
    more than 2 000 pages is (crte/search/indexer.py)."""
    out = tmp_path_factory.mktemp("parties") / "site"
    result = build(copy_project(tmp_path_factory.mktemp("projet-parties") / "p"), out,
                   env={"CRTE_PAGES_PAR_PARTIE": "50"})
    assert result.returncode == 0, result.stderr
    assert (out / "pagefind" / "partie-3").is_dir()
    return served(out)


def every_result(context: object, url: str, query: str) -> tuple[str, list[str]]:
    """What the search page says, and the address of every result, « plus » clicked to the end."""
    page = context.new_page()
    page.goto(url + "recherche/?q=" + query.replace(" ", "+"), wait_until="networkidle")
    page.wait_for_function("document.getElementById('crte-recherche-etat').textContent !== ''")
    more = page.locator("#crte-recherche-plus")
    while more.is_visible():
        shown = page.locator(".crte-resultat").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.crte-resultat').length > {shown}")
    links = sorted(a.get_attribute("href") for a in page.query_selector_all(".crte-resultat__lien"))
    return page.inner_text("#crte-recherche-etat"), links


@pytest.mark.parametrize("query", ["amiante", "cite noumea", "henin", "azerty"])
def test_an_index_in_parts_finds_what_one_index_finds(context: object, base_url: str, parts_url: str,
                                                       query: str) -> None:
    # Each part is searched and checked on its own: a part without the word must not
    # add the pages of a shorter word (« a » for « amiante »).
    one, parts = every_result(context, base_url, query), every_result(context, parts_url, query)
    assert parts == one
    assert one[0].startswith("Aucun résultat") == (query == "azerty")
