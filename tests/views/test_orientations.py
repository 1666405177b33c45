"""The money by orientation, grouped two ways where they differ: as labelled in the annex
(colonne ENJEU, the published table, first) and by the orientation of each action's chantier.
The rows of chantiers 1 and 5 carry orientation 4's label: orientation 1 is never a bare
« 0,00 €, 0 action » (home page, /finances/, the chart, the spreadsheet)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ..sitebuild import page
from .test_finances import TOTAL, fr, table

O1, O4 = "Orientation 1 : Un territoire de renouveau économique", \
    "Orientation 4 : Un territoire favorise l'épanouissement de chacun"
# Orientations 2, 3 and 5 count the same actions both ways.
O2 = ["Orientation 2 : Un territoire au service de la qualité de vie", "4", fr("5 370 998,00 €"),
      fr("1 615 674,40 € 1 sans part indiquée"), fr("30,4 %")]
O3 = ["Orientation 3 : Un territoire qui s'affirme par la préservation de son patrimoine culturel et naturel",
      "14", fr("82 658 387,98 €"), fr("23 962 650,43 €"), fr("29,0 %")]
O5 = ["Orientation 5 : Un territoire de partage, de coopération et d'initiatives", "3", fr("666 362,00 €"),
      fr("133 272,00 €"), fr("20,0 %")]
EMPTY = "Aucune action sous ce libellé : ses chantiers en comptent 2, que l'annexe 3 range sous l'orientation 4."

GOLDEN = {
    "orientation": [
        [f"{O1} {EMPTY}", "0", fr("0,00 € ses chantiers : 1 999 806,00 €"), fr("0,00 € ses chantiers : 399 961,00 €"),
         "sans objet"],
        O2, O3,
        [f"{O4} Dont 2 actions de chantiers de l'orientation 1.", "3", fr("2 018 106,00 €"), fr("403 621,00 €"),
         fr("20,0 %")],
        O5, TOTAL],
    "orientation-chantier": [
        [f"{O1} Dont 2 actions que l'annexe 3 range sous l'orientation 4.", "2", fr("1 999 806,00 €"),
         fr("399 961,00 €"), fr("20,0 %")],
        O2, O3, [O4, "1", fr("18 300,00 €"), fr("3 660,00 €"), fr("20,0 %")], O5, TOTAL],
}


@pytest.mark.parametrize(("route", "breakdown"), [("", "orientation"), ("finances/", "orientation"),
                                                  ("finances/", "orientation-chantier")])
def test_the_home_page_shows_the_published_grouping_and_the_finances_both(site: Path, route: str,
                                                                          breakdown: str) -> None:
    assert table(page(site, route), f"#tableau-{breakdown}") == GOLDEN[breakdown]


def test_the_finances_give_the_published_grouping_first_and_say_why_the_other_differs(site: Path) -> None:
    html = page(site, "finances/")
    tables = [t["id"] for t in html.select("table[id^=tableau-orientation]")]
    assert tables == ["tableau-orientation", "tableau-orientation-chantier"]
    notes = [p.get_text(" ", strip=True) for p in html.select("p.crte-source")]
    assert any("colonne ENJEU" in n and "le tableau suivant les compte sous l'orientation de leur chantier" in n
               for n in notes)
    assert any(n.startswith("Les mêmes actions, comptées sous l'orientation dont relève leur chantier") for n in notes)


def test_the_home_page_explains_the_other_grouping_once_and_links_to_it(site: Path) -> None:
    html = page(site, "")
    assert [t["id"] for t in html.select("table[id^=tableau-orientation]")] == ["tableau-orientation"]
    assert not html.select("article h3")  # one grouping: no sub-headings
    body = html.select_one("article").get_text(" ", strip=True)
    assert "le tableau suivant" not in body and "Les mêmes actions" not in body
    (explained,) = [p for p in html.select("article p") if "colonne ENJEU" in p.get_text()]
    assert " ".join(explained.get_text().split()) == (
        "Ce tableau suit l'annexe 3, qui range chaque action sous une orientation (colonne ENJEU). 2 actions y sont "
        "rangées sous une autre orientation que celle de leur chantier : la maquette financière les compte aussi sous "
        "l'orientation de leur chantier, avec le détail par chantier, fiche, année et maître d'ouvrage.")
    assert explained.a["href"] == "finances/#tableau-orientation-chantier"


@pytest.mark.parametrize("route", ["", "finances/"])
def test_the_chart_never_shows_a_bare_zero_for_orientation_1(site: Path, route: str) -> None:
    html = page(site, route)
    desc = html.select_one("#graphique-orientation-desc").get_text()
    assert fr(f"{O1} : 0,00 € de coût total. {EMPTY}") in desc
    values = [t.get_text() for t in html.select("#tableau-orientation")[0].find_previous("svg").select(
        "text.crte-graphique-valeur")]
    assert values[0] == fr("0,00 € (ses chantiers : 1 999 806,00 €)")


def test_the_orientations_list_counts_the_actions_of_their_chantiers(site: Path) -> None:
    for route in ("", "orientations/"):
        items = [li.get_text(" ", strip=True) for li in page(site, route).select("ul.crte-orientations > li")]
        assert fr("0 action rangée sous cette orientation dans l'annexe 3 ; 2 actions de ses chantiers, rangées "
                  "sous l'orientation 4 (1 999 806,00 €).") in items[0]
        assert "ses chantiers" not in " ".join(items[1:])


def test_the_spreadsheet_has_both_groupings(site: Path) -> None:
    wb = openpyxl.load_workbook(site / "donnees" / "maquette-financiere.xlsx")
    names = wb.sheetnames
    assert names.index("Par orientation du chantier") == names.index("Par orientation") + 1
    rows = [[c.value for c in r][:4] for r in wb["Par orientation du chantier"].iter_rows(min_row=2)]
    assert rows[0] == [O1, 2, 1999806, 399961]
    assert rows[-1][:2] == ["Total", 24]
