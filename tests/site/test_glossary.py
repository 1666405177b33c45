"""The glossary (glossaire.yaml): one page, /glossaire/, and each term explained the first time a
page shows it, as an <abbr> that Material's tooltips open on hover, tap and keyboard focus, and
that a screen reader is given. Read on a site built with a test glossary
(tests/fixtures/glossaire/), never data/'s, which is staff's to change."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from crte.data.glossary import Term
from crte.data.model import Crte
from crte.pages.pages import generate, make_environment
from crte.views.views import Views

from ..conftest import ROOT
from ..data.test_loader_errors import Data
from ..sitebuild import build, copy_project, page, text
from .conftest import accessible_and_private, served

GLOSSARY = ROOT / "tests" / "fixtures" / "glossaire" / "glossaire.yaml"
ACTION = "actions/chevalements-9-9bis-corps/"  # its description says « Patrimoine classé MH et UNESCO. »


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("glossaire") / "p")
    shutil.copy(GLOSSARY, project / "data" / "glossaire.yaml")
    out = tmp_path_factory.mktemp("site")
    result = build(project, out)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return out


def test_the_glossary_page_lists_the_terms_in_alphabetical_order_each_with_its_anchor(site: Path) -> None:
    dl = page(site, "glossaire/").select_one("article dl.crte-glossaire")
    assert [(dt["id"], text(dt), text(dt.find_next_sibling("dd"))) for dt in dl.select("dt")] == [
        ("cout-total-ht", "Coût total HT", "Le coût prévu, hors taxes (définition d'essai)."),
        ("ht", "HT", "Hors taxes (définition d'essai)."),
        ("maitre-d-ouvrage", "Maître d'ouvrage", "Celui qui porte le projet (définition d'essai)."),
        ("mh", "MH", "Monument historique \"classé\" & protégé (définition d'essai)."),
    ]
    assert "glossaire/" in [a["href"].split("../")[-1] for a in page(site, "").select("nav a")]


def test_each_term_is_explained_once_per_page_where_it_first_appears(site: Path) -> None:
    html = page(site, ACTION)
    abbrs = [(text(a), a["title"], a["tabindex"]) for a in html.select("article abbr")]
    assert abbrs == [
        ("Coût total HT", "Le coût prévu, hors taxes (définition d'essai).", "0"),  # the summary's label
        ("Maître d'ouvrage", "Celui qui porte le projet (définition d'essai).", "0"),
        ("MH", "Monument historique \"classé\" & protégé (définition d'essai).", "0"),  # the description
    ]
    assert html.select_one("#description").find_next("abbr").get_text() == "MH"
    # « HT » inside « Coût total HT » is that term, not a second one; nothing inside a link or a heading.
    assert not html.select("article a abbr, article h1 abbr, article h2 abbr")


def test_a_variant_is_explained_as_its_term(site: Path) -> None:
    html = page(site, "contrat/")
    (abbr,) = [a for a in html.select("article abbr") if a.get_text().casefold().startswith("maître")]
    assert abbr["title"] == "Celui qui porte le projet (définition d'essai)."


def test_without_a_glossary_the_page_says_so_and_no_term_is_marked(crte: Crte) -> None:
    pages = {p.src_uri: p.content for p in generate(Views(replace(crte, glossaire=())))}
    assert "Ce contrat n'a pas encore de glossaire" in pages["glossaire.md"]
    assert not any("<abbr" in content for content in pages.values())


def test_a_term_is_explained_the_first_time_only_and_its_definition_escaped(crte: Crte) -> None:
    terms = (Term.model_construct(terme="HT", definition='Hors "taxes" & <TVA>', variantes=()),
             Term.model_construct(terme="MH", definition="Monument", variantes=()))
    env = make_environment(Views(replace(crte, glossaire=terms)))
    template = env.from_string("{{ terme('HT') }} {{ terme('HT') }} {{ terme('Autre') }} {{ 'HT, MH, MHz' | md | termes }}")
    assert template.render(page_route="", termes_vus=set()) == (
        '<abbr title="Hors &#34;taxes&#34; &amp; &lt;TVA&gt;" tabindex="0">HT</abbr> HT Autre'
        ' HT, <abbr title="Monument" tabindex="0">MH</abbr>, MHz')


def test_a_wrong_glossary_stops_at_its_line(tmp_path: Path) -> None:
    data = Data(tmp_path)
    shutil.copy(GLOSSARY, data.dir / "glossaire.yaml")
    data.edit("glossaire.yaml", '    definition: "Hors taxes (définition d\'essai)."\n', "")
    line = data.line("glossaire.yaml", 'terme: "HT"')
    assert data.errors() == [f"data/glossaire.yaml:{line}: termes[2].definition: champ obligatoire manquant"]


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    yield served(site)


@pytest.mark.parametrize("width, touch", [(375, True), (1280, False)], ids=["375-toucher", "1280-clavier"])
def test_a_tap_or_the_keyboard_opens_the_definition_and_a_screen_reader_is_given_it(
        browser: object, base_url: str, width: int, touch: bool) -> None:
    ctx = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800},  # type: ignore[attr-defined]
                              has_touch=touch, is_mobile=touch)
    try:
        tab = ctx.new_page()
        tab.goto(base_url + ACTION, wait_until="networkidle")
        abbr = tab.locator("article abbr").first
        if touch:
            abbr.tap()
        else:
            tab.keyboard.press("Tab")
            while not tab.evaluate("document.activeElement.tagName === 'ABBR'"):
                tab.keyboard.press("Tab")
        tip = tab.locator("[role=tooltip]").filter(has_text="Le coût prévu, hors taxes")
        tip.wait_for(state="visible")
        box = tip.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width  # within the screen
        described = abbr.evaluate("a => document.getElementById(a.getAttribute('aria-describedby')).textContent")
        assert described.strip() == "Le coût prévu, hors taxes (définition d'essai)."
    finally:
        ctx.close()


def test_the_glossary_page_is_accessible(context: object, base_url: str) -> None:
    accessible_and_private(context, base_url, "glossaire/")


def test_tooltips_mount_only_on_what_explains_something(site: Path) -> None:
    """Material's tooltips mount on every [title] of the content at load (their cost on a phone:
    crte/mkdocs/theme_fixes.py): the content's titles are the glossary's <abbr> and the edit
    button; each heading's permalink is named by aria-label instead."""
    for route in (ACTION, "", "finances/", "glossaire/"):
        content = page(site, route).select_one("article")
        assert {el.name if el.name == "abbr" else " ".join(el.get("class", [])) for el in content.select("[title]")} \
            <= {"abbr", "md-content__button md-icon"}, route
        links = content.select("a.headerlink")
        assert links and all(a.get("aria-label") == "Lien vers cette section" for a in links), route
