"""The contract in force on every page, the signed one beside it: built from the
fictitious example (examples/contrat-vivant), whose decisions are fixed test data.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from crte.fr import euros

from ..sitebuild import page, text


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:  # the example's site (conftest.py); real_site: its real data
    return example_site


def test_every_page_of_the_example_says_it_is_fictitious(site: Path, real_site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page, shown to nobody
        assert 'class="crte-exemple"' in html and "Exemple fictif" in html, path
    assert not [p for p in real_site.rglob("*.html") if "Exemple fictif" in p.read_text(encoding="utf-8")]


def test_a_changed_action_shows_the_signed_values_beside_and_its_history(site: Path) -> None:
    html = page(site, "actions/voie-albert-carre/")
    table = html.select_one("table.crte-financement")
    assert text(table.caption) == "Financement prévisionnel en vigueur et signé"
    rows = {text(tr.th): [text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    assert rows["Coût total HT"] == [euros(Decimal("2100000.00")).replace("\u202f", " ").replace("\xa0", " "),
                                     euros(Decimal("1950206.00")).replace("\u202f", " ").replace("\xa0", " ")]
    history = text(html.find(id="historique").find_next("ul"))
    assert "13 décembre 2021 : inscrite à l'annexe 3 du contrat signé" in history
    assert "14 juin 2022 : coût total HT : 1 950 206,00 € → 2 100 000,00 €" in history
    assert "14 juin 2022 : part CAHC : 390 041,00 € → 420 000,00 €" in history
    # Each changed field says why, as the decision does (its motif).
    assert ("14 juin 2022 : coût total HT : 1 950 206,00 € → 2 100 000,00 € ( le comité de pilotage du 14 juin 2022 )"
            " : Le diagnostic des réseaux impose leur reprise sous toute la voie (exemple fictif).") in history
    assert html.select_one(".admonition.note .admonition-title").get_text(strip=True) == "Modifiée depuis la signature"


def test_an_abandoned_action_keeps_its_page_and_says_why(site: Path) -> None:
    html = page(site, "actions/lecture-spectacle/")
    notice = html.select_one(".admonition.danger")
    assert text(notice.select_one(".admonition-title")) == "Action abandonnée le 22 novembre 2022"
    assert "Les médiathèques ont choisi de porter elles-mêmes la tournée, hors CRTE." in text(notice)
    assert notice.find("a")["href"].endswith("evolutions/2022-11-22-comite-de-pilotage/")
    listing = page(site, "actions/")
    assert not listing.find("a", href=re.compile(r"lecture-spectacle/$"))


def test_an_added_action_is_never_called_annexe_3(site: Path) -> None:
    html = page(site, "actions/piste-cyclable-rouvroy-drocourt/")
    assert text(html.select_one(".admonition.info .admonition-title")) == "Action ajoutée le 14 juin 2022"
    assert "Ajoutée par le comité de pilotage du 14 juin 2022" in text(html.select_one(".admonition.info"))
    body = text(html.select_one("article"))
    assert "annexe 3" not in body.replace("ne figure pas dans l'annexe 3 du contrat signé", "")
    assert text(html.select_one("table.crte-financement caption")) == \
        "Financement prévisionnel (décision du 14 juin 2022)"
    assert "action ajoutée par le comité de pilotage du 14 juin 2022" in text(html.find(id="citation"))


def test_home_and_finances_count_the_programme_in_force(site: Path) -> None:
    home = text(page(site, "").select_one(".crte-chiffres"))
    assert "25 actions inscrites au programme en vigueur" in home
    assert "92 895 347,98 €" in home
    finances = page(site, "finances/")
    comparison = finances.select_one("table.crte-comparaison tfoot tr")
    assert [text(c) for c in comparison.find_all(["th", "td"])] == [
        "Total", "24", "25", "90 713 853,98 €", "92 895 347,98 €", "+2 181 494,00 €", "26 115 217,83 €",
        "26 311 516,83 €", "+196 299,00 €"]
    # The signed contract's tables stay, below, with their own anchors.
    assert text(finances.select_one("#tableau-signe-orientation tfoot")).startswith("Total 24 90 713 853,98 €")
    assert text(finances.select_one("#tableau-orientation tfoot")).startswith("Total 25 92 895 347,98 €")
    # The printed totals are compared with the signed rows, unchanged.
    assert "somme des 24 lignes" in text(page(site, "finances/controles/"))


def test_the_contract_shows_the_amended_text_and_the_signed_one(site: Path) -> None:
    html = page(site, "contrat/")
    heading = html.find(id="article-10")
    text_in_force = heading.find_next("div", class_="crte-texte")
    assert "Un bilan à mi-parcours est présenté au comité de pilotage en 2024." in text(text_in_force)
    amended = heading.find_next("div", class_="crte-modifie")
    assert text(amended.select_one(".admonition-title")) == "Modifié par l'avenant n° 1 du 2 mars 2023"
    signed = amended.find("details")
    assert text(signed.summary) == "Texte signé le 13 décembre 2021"
    assert "mi-parcours" not in text(signed)
    assert len(html.select(".crte-modifie")) == 1
