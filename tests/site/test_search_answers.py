"""The search page's answers as citizens meet them, on the fictitious example
(examples/contrat-vivant, its figures are the tests'): amounts typed in any French form,
synonyms (crte/search/words.py), partial matches, a way on when nothing is found, and a
page that does not move as the answers arrive (CLS measured in Chromium), at 375 and
1280 px, with axe-core. The engine: docs/javascripts/recherche-moteur.js and
recherche-montants.js; the header box: test_search_ui.py."""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote_plus

import pytest

from crte import routes
from crte.search.words import SYNONYMS, suggestions

from .conftest import AXE, WCAG, answered

WIDTHS = (375, 1280)
ALBERT_CARRE = "/" + routes.action("voie-albert-carre")  # 1 950 206 € signed, 2 100 000 € in force
PISTE = "/" + routes.action("piste-cyclable-rouvroy-drocourt")  # added: 850 000 €, part 170 000 €
CAVALIER = "/" + routes.action("cavalier-ng-boucle-25")  # « mode doux : piéton et vélo »
STATUS = "#crte-recherche-etat"
# Layout shifts since the page's start, input-driven ones left out, as Chrome's CLS sums them.
CLS = """() => new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
        .observe({type: "layout-shift", buffered: true});
    setTimeout(() => done(total), 300);
})"""


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:
    return example_site


def search(context: object, base_url: str, query: str, width: int = 1280) -> object:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + routes.SEARCH + "?q=" + quote_plus(query), wait_until="networkidle")
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent !== ''")
    return page


def results(page: object) -> list[tuple[str, str]]:
    """(address, why it was found) of each result, « plus » clicked to the end."""
    more = page.locator("#crte-recherche-plus")
    while more.is_visible():
        shown = page.locator(".crte-resultat").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.crte-resultat').length > {shown}")
    return [(li.query_selector(".crte-resultat__lien").get_attribute("href"),
             (r.inner_text() if (r := li.query_selector(".crte-resultat__raison")) else "")
             .replace("\u202f", " ").replace("\u00a0", " "))
            for li in page.query_selector_all(".crte-resultat")]


def test_amounts_are_read_in_any_french_form(context: object, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")

    def read(q: str) -> list[object] | None:
        return page.evaluate("q => { const r = crteMontants.lire(q); return r && [r.valeur, r.pas, r.reste]; }", q)

    assert read("90 millions") == [90e6, 10e6, ""]
    assert read("90,7 M€") == [90.7e6, 0.1e6, ""]
    assert read("90,7 millions d'euros") == [90.7e6, 0.1e6, ""]
    assert read("1 234 567,89 €") == [1234567.89, 0.01, ""]
    assert read("1\u202f234\u202f567,89\u00a0€") == [1234567.89, 0.01, ""]  # pasted from the site
    assert read("1234567.89") == [1234567.89, 0.01, ""]
    assert read("1 234 567 €") == [1234567, 1, ""]
    assert read("2,5 M") == [2.5e6, 0.1e6, ""]
    assert read("voirie 50 k€") == [50000, 10000, "voirie"]
    # Years, fiches, lengths and small numbers are words.
    assert [read(q) for q in ("2021", "9.9Bis", "1307 m", "fiche 5.4")] == [None] * 4


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query, first, why", [
    ("1 950 206 €", ALBERT_CARRE, "montant de 1 950 206,00 € (coût total HT signé)"),
    ("2100000.00", ALBERT_CARRE, "montant de 2 100 000,00 € (coût total HT)"),
    ("2,1 millions d'euros", ALBERT_CARRE, "montant de 2 100 000,00 € (coût total HT)"),
    ("0,85 M€", PISTE, "montant de 850 000,00 € (coût total HT)"),
    ("170\u202f000,00\u00a0€", PISTE, "montant de 170 000,00 € (part CAHC)"),
    ("2,14 M", ALBERT_CARRE, "montant proche de 2 100 000,00 € (coût total HT)"),
])
def test_an_amount_puts_the_action_showing_it_first(context: object, base_url: str, query: str, first: str,
                                                     why: str, width: int) -> None:
    page = search(context, base_url, query, width)
    assert results(page)[0] == (first, why)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_reader_s_word_finds_the_contract_s_word(context: object, base_url: str) -> None:
    assert any({"piste cyclable", "vélo"} <= set(group) for group in SYNONYMS)
    page = search(context, base_url, "velo")
    found = results(page)
    # The word itself first, then its synonyms, each saying so.
    assert (CAVALIER, "") in found
    # Found through a word of the group (« piste cyclable » or « cyclable », both on its page), said so.
    (why,) = [w for url, w in found if url == PISTE]
    group = next(g for g in SYNONYMS if "vélo" in g)
    assert re.fullmatch("trouvé avec « (.+) », synonyme de « vélo »", why)[1] in group, why
    assert found.index((CAVALIER, "")) < found.index((PISTE, why))
    page = search(context, base_url, "piste cyclable")
    found = dict(results(page))
    assert found[PISTE] == "" and found[CAVALIER] == "trouvé avec « vélo », synonyme de « piste cyclable »"
    piste = page.locator(".crte-resultat", has=page.locator(f"a[href='{CAVALIER}']"))
    assert "vélo" in [m.casefold().strip(".") for m in piste.locator("mark").all_inner_texts()]


@pytest.mark.parametrize("width", WIDTHS)
def test_words_found_apart_are_said_to_be_a_part(context: object, base_url: str, width: int) -> None:
    page = search(context, base_url, "cite noumea azerty", width)
    assert page.inner_text(STATUS).startswith("Aucun résultat pour toute la recherche ; résultats pour une "
                                              "partie des mots : « cite », « noumea » (")
    assert results(page)[0][0] == "/" + routes.action("cite-noumea")  # both words before one
    assert not page.is_visible("#crte-recherche-aucun")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(WCAG) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_found_offers_words_the_actions_and_the_communes(context: object, base_url: str, site: Path,
                                                                  width: int) -> None:
    page = search(context, base_url, "azerty", width)
    assert page.inner_text(STATUS) == "Aucun résultat pour « azerty »"
    page.wait_for_selector("#crte-recherche-aucun:not([hidden])")
    words = json.loads((site / routes.SEARCH_WORDS).read_text("utf-8"))["suggestions"]
    assert words and page.locator("#crte-recherche-suggestions a").all_inner_texts() == words
    links = {a.inner_text(): a.get_attribute("href") for a in page.query_selector_all("#crte-recherche-aucun a")}
    assert links["la liste des actions"] == "../" + routes.ACTIONS and links["les communes"] == "../" + routes.COMMUNES
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(WCAG) == []
    # Keyboard: the first suggestion, reached by Tab, opens its results.
    page.locator("#crte-recherche-q").focus()
    for _ in range(2):  # the box, its button, then the first suggestion
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == words[0]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**?q={quote_plus(words[0])}")
    page.wait_for_selector(".crte-resultat")
    assert not page.is_visible("#crte-recherche-aucun")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["cite noumea", "azerty", "2,1 M€", "cite noumea azerty"])
def test_the_page_does_not_move_as_answers_arrive(context: object, base_url: str, query: str, width: int) -> None:
    page = search(context, base_url, query, width)
    page.wait_for_timeout(500)  # the suggestions, the excerpts
    assert page.evaluate(CLS) < 0.02
    # Whatever the answer, the footer stays below the screen: it never jumps in sight.
    assert page.locator("footer.md-footer").bounding_box()["y"] >= 800
    page.locator("#crte-recherche-q").fill("velo")
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent.includes('velo')")
    assert page.locator("footer.md-footer").bounding_box()["y"] >= 800


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_box_says_why_and_what_part(context: object, base_url: str, width: int) -> None:
    # The engine is the header's too: an amount's action first, saying why; a partial answer said so.
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + routes.action("cite-noumea"), wait_until="networkidle")
    box = page.locator("#crte-q")
    box.click()
    page.keyboard.type("2,1 M€")
    answered(page, "2,1 M€")
    first = page.locator("#crte-q-options [role=option]").first
    assert first.get_attribute("data-url").endswith(ALBERT_CARRE)
    assert "montant de 2" in first.inner_text()
    box.fill("")
    page.keyboard.type("cite noumea azerty")
    answered(page, "cite noumea azerty")
    assert page.inner_text("#crte-q-etat").endswith("« cite », « noumea »")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(WCAG) == []


def test_the_amounts_file_holds_what_the_pages_show(site: Path, example_project: Path) -> None:
    # crte/search/amounts.py: each action's figures in force, and signed beside when changed;
    # the contract's totals on the home page, as its key figures print them.
    entries = json.loads((site / routes.SEARCH_AMOUNTS).read_text("utf-8"))["montants"]
    albert = {e["libelle"]: e["texte"] for e in entries if e["route"] == routes.action("voie-albert-carre")}
    assert albert == {"coût total HT": "2\u202f100\u202f000,00\u00a0€", "part CAHC": "420\u202f000,00\u00a0€",
                      "coût total HT signé": "1\u202f950\u202f206,00\u00a0€", "part CAHC signée": "390\u202f041,00\u00a0€"}
    home = (site / "index.html").read_text("utf-8")
    totals = [e for e in entries if e["route"] == routes.HOME]
    assert [e["libelle"] for e in totals] == ["coût total HT du contrat", "part CAHC du contrat"]
    assert all(f'<span class="crte-exact">{e["texte"]}</span>' in home for e in totals)  # beside the readable headline


def test_suggestions_are_words_that_lead_somewhere(site: Path) -> None:
    words = json.loads((site / routes.SEARCH_WORDS).read_text("utf-8"))
    assert words["synonymes"] == [list(g) for g in SYNONYMS]
    # Each suggestion is the reader's word of a group; « piste cyclable » is in the example's data.
    assert set(words["suggestions"]) <= {g[0] for g in SYNONYMS} and "piste cyclable" in words["suggestions"]
    assert len(words["suggestions"]) == len(set(words["suggestions"])) <= 6


def test_a_suggestion_is_a_group_the_actions_hold_most() -> None:
    def views(*texts: str) -> object:
        actions = [SimpleNamespace(titre=t, description=None) for t in texts]
        return SimpleNamespace(crte=SimpleNamespace(actions=actions))
    # « Vélo » twice (its group's first word is suggested), « gare » once; « transport » is no « sport ».
    assert suggestions(views("Voie verte à vélo", "Vélos", "Parvis de la gare", "Transport")) == \
        ["piste cyclable", "train"]
    assert suggestions(views("Rien à suggérer"), 6) == []
