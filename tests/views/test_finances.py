"""Financial tables and reconciliation: golden tables, and the refusal of an
unexplained new inconsistency."""
from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from crte.data.loader import load

from ..conftest import ROOT, SOURCE
from ..data.test_loader_errors import Data
from ..sitebuild import build, copy_project, page


def fr(text: str) -> str:
    """Golden strings written with plain spaces, turned into CLDR's French spacing."""
    text = re.sub(r"(?<=\d) (?=\d{3})", "\u202f", text)
    return text.replace(" €", "\u00a0€").replace(" %", "\u00a0%")


def table(html, selector: str) -> list[list[str]]:
    t = html.select_one(selector)
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in t.select("tbody tr, tfoot tr")]


TOTAL = ["Total", "24", fr("90 713 853,98 €"), fr("26 115 217,83 € 1 sans part indiquée"), fr("28,8 %")]

# The signed contract's tables, as the site prints them (spaces written plain, see fr()).
# After a correction of the transcription, CRTE_GOLDEN=write pytest tests/views/test_finances.py
# writes what the site prints; review the diff before committing it.
GOLDEN_FILE = ROOT / "tests" / "golden" / "finances.json"
GOLDEN = {k: [[fr(cell) for cell in row] for row in rows]
          for k, rows in json.loads(GOLDEN_FILE.read_text(encoding="utf-8")).items()}


@pytest.mark.parametrize("breakdown", GOLDEN)
def test_golden_financial_table(site: Path, breakdown: str) -> None:
    # The signed contract's tables: once decisions change the programme, they move
    # below the tables in force (#tableau-signe-…), and stay these figures.
    html = page(site, "finances/")
    signed = f"#tableau-signe-{breakdown}" if html.select_one(f"#tableau-signe-{breakdown}") else f"#tableau-{breakdown}"
    if os.environ.get("CRTE_GOLDEN") == "write":
        tables = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
        tables[breakdown] = [[c.replace("\u202f", " ").replace("\xa0", " ") for c in row] for row in table(html, signed)]
        rows = [f' "{k}": [\n' + ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in v) + "\n ]"
                for k, v in tables.items()]
        GOLDEN_FILE.write_text("{\n" + ",\n".join(rows) + "\n}\n", encoding="utf-8")
    assert table(html, signed) == GOLDEN[breakdown]


def test_year_and_owner_sums_agree_with_the_source_text() -> None:
    # Independent of the loader: the annex rows parsed from sources/.
    from crte.data.signed import parse

    rows = parse(SOURCE).actions
    by_year: dict[str, Decimal] = {}
    for row in rows:
        by_year[row.annee_lancement] = by_year.get(row.annee_lancement, Decimal(0)) + row.cout_total
    assert by_year == {"2021": Decimal("3418078.98"), "2021-2022": Decimal("55000.00"),
                       "2022": Decimal("87240775.00")}
    assert sum(r.part_cahc or Decimal(0) for r in rows) == Decimal("26115217.83")


def test_charts_have_text_alternatives_and_a_table_beside_them(site: Path) -> None:
    html = page(site, "finances/")
    charts = html.select("div.crte-graphique svg")
    assert len(charts) == 6  # by orientation twice (ENJEU, chantier), chantier, fiche, year, owner
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find(id=title_id).name == "title"
        desc = svg.find(id=desc_id).get_text()
        assert desc.count("de coût total") == len(svg.select("g"))
        assert svg.find_parent("div").find_next_sibling("div").select_one("table")
    desc = charts[0].find("desc").get_text()
    assert fr("Orientation 3 : Un territoire qui s'affirme par la préservation de son patrimoine culturel et "
              "naturel : 82 658 387,98 € de coût total, dont 23 962 650,43 € de part CAHC.") in desc


def test_counting_rules_are_stated(site: Path) -> None:
    text = page(site, "finances/").select_one("#regles").find_next("ul").get_text(" ", strip=True)
    assert "forme son propre groupe" in text
    assert "1 action sans part CAHC indiquée" in text
    assert fr("(90 658 853,98 €)") in text  # cost of the 23 actions with a share
    assert "arrondis au dixième" in text


def test_home_and_orientation_pages_show_the_same_figures(site: Path) -> None:
    home = table(page(site, ""), "#tableau-orientation")
    assert home == table(page(site, "finances/"), "#tableau-orientation")  # golden: test_orientations.py
    o3 = page(site, "orientations/3/")
    foot = [c.get_text(" ", strip=True) for c in o3.select_one("div.crte-table tfoot tr").find_all(["th", "td"])]
    assert foot[-2:] == [fr("82 658 387,98 €"), fr("23 962 650,43 €")]
    assert fr("Ces 14 actions représentent 91,1 % du coût total HT") in o3.get_text(" ", strip=True)


# --- Reconciliation --------------------------------------------------------------------------

RECONCILIATION = [
    ("total-cout-total", "TOTAL : coût total HT", fr("90 713 853,73 €"), fr("90 713 853,98 €"), fr("+0,25 €")),
    ("total-part-cahc", "TOTAL : part CAHC", fr("25 715 256,83 €"), fr("26 115 217,83 €"), fr("+399 961,00 €")),
    ("annee-2021-cout-total", "Année 2021 : coût total HT", fr("3 473 078,98 €"), fr("3 418 078,98 €"),
     fr("-55 000,00 €")),
    ("annee-2021-part-cahc", "Année 2021 : part CAHC", fr("714 115,20 €"), fr("714 115,20 €"), "aucun"),
    ("annee-2022-cout-total", "Année 2022 : coût total HT", fr("87 240 774,75 €"), fr("87 240 775,00 €"),
     fr("+0,25 €")),
    ("annee-2022-part-cahc", "Année 2022 : part CAHC", fr("25 401 102,63 €"), fr("25 401 102,63 €"), "aucun"),
    ("total-annees-cout-total", "TOTAL imprimé et lignes par année imprimées : coût total HT",
     fr("90 713 853,73 €"), fr("90 713 853,73 €"), "aucun"),
    ("total-annees-part-cahc", "TOTAL imprimé et lignes par année imprimées : part CAHC",
     fr("25 715 256,83 €"), fr("26 115 217,83 €"), fr("+399 961,00 €")),
]


def test_every_printed_figure_beside_the_computed_one(site: Path) -> None:
    html = page(site, "finances/controles/")
    rows = html.select("table.crte-controles")[0].select("tbody tr")
    got = [(tr["id"], tr.th.contents[0].strip(), *[td.get_text(strip=True) for td in tr.find_all("td")[:3]])
           for tr in rows]
    assert got == RECONCILIATION
    for tr in rows:
        explained = tr.find_all("td")[3].get_text(strip=True)
        assert (explained == "—") == (tr.find_all("td")[2].get_text(strip=True) == "aucun")


def test_findings_are_published_with_their_explanation(site: Path) -> None:
    html = page(site, "finances/controles/")
    rows = html.select("table.crte-controles")[1].select("tbody tr")
    assert [(tr["id"], tr.find_all("td")[0].get_text(strip=True)) for tr in rows] == [
        ("projet-alimentaire-territorial-orientation",
         "L'enjeu publié est l'orientation 4, mais le chantier 5 relève de l'orientation 1."),
        ("voie-albert-carre-orientation",
         "L'enjeu publié est l'orientation 4, mais le chantier 1 relève de l'orientation 1."),
        ("chef-de-projet-opah-ru-part-cahc", "La part CAHC n'est pas indiquée."),
    ]
    assert all(tr.find_all("td")[1].get_text(strip=True) not in ("", "—") for tr in rows)


# --- An edit that introduces an inconsistency ----------------------------------------------------

@pytest.fixture
def data(tmp_path: Path) -> Data:
    return Data(tmp_path)


A = "data/actions.yaml"


def test_new_orientation_mismatch_without_explanation_fails(data: Data) -> None:
    data.edit("actions.yaml", '''  - id: lecture-spectacle
    enjeu: "UN TERRITOIRE QUI FAVORISE L'EPANOUISSEMENT DE CHACUN"''', '''  - id: lecture-spectacle
    enjeu: "UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE"''')
    n = data.line("actions.yaml", "- id: lecture-spectacle")
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].constats.orientation: incohérence non expliquée : l'enjeu publié est l'orientation 2,"
        " mais le chantier 19 relève de l'orientation 4 ; corrigez la donnée ou expliquez-la dans ce champ"]


def test_new_missing_share_without_explanation_fails(data: Data) -> None:
    data.edit("actions.yaml", '    part_cahc: "3660.00"\n', "")
    n = data.line("actions.yaml", "- id: lecture-spectacle")
    total = data.line("actions.yaml", 'ecart: "399961.00"') - 1  # the explanation's own line
    year = data.line("actions.yaml", '- annee: "2021"')
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].constats.part_cahc: incohérence non expliquée : la part CAHC n'est pas indiquée ;"
        " corrigez la donnée ou expliquez-la dans ce champ",
        f"{A}:{total}: totaux_publies.total.constats.part_cahc: " + fr(
            "l'explication porte sur un écart de +399 961,00 €, mais l'écart est maintenant de +396 301,00 €"
            " (TOTAL : part CAHC) ; revoyez l'explication et son champ ecart"),
        f"{A}:{year}: totaux_publies.par_annee[0].constats.part_cahc: " + fr(
            "écart non expliqué : Année 2021 : part CAHC : chiffre imprimé 714 115,20 €, chiffre calculé"
            " 710 455,20 € (somme des 10"
            " lignes dont l'année de lancement est « 2021 »), écart -3 660,00 € ; corrigez la donnée ou expliquez"
            " l'écart dans ce champ (ecart et explication)"),
    ]


def test_changed_amount_makes_the_explained_gap_stale(data: Data) -> None:
    data.edit("actions.yaml", 'cout_total: "6379203.00"', 'cout_total: "6379203.50"')
    errors = data.errors()
    assert [e.split(": ", 2)[1] for e in errors] == [
        "totaux_publies.total.constats.cout_total", "totaux_publies.par_annee[1].constats.cout_total"]
    assert fr("l'explication porte sur un écart de +0,25 €, mais l'écart est maintenant de +0,75 €") in errors[0]


def test_explanation_of_nothing_is_refused(data: Data) -> None:
    data.edit("actions.yaml", '    part_cahc: "3660.00"\n',
              '    part_cahc: "3660.00"\n    constats:\n      fiche: "Rien à expliquer."\n')
    n = data.line("actions.yaml", 'fiche: "Rien à expliquer."')
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].constats.fiche: cette explication ne correspond plus à aucune incohérence ; retirez-la"]


def test_unknown_explanation_kind_is_refused(data: Data) -> None:
    data.edit("actions.yaml", "      orientation: >-\n        Publié ainsi dans l'annexe 3 : la colonne ENJEU porte"
              " l'orientation 4,\n        alors que le chantier 5",
              "      orientations: >-\n        Publié ainsi dans l'annexe 3 : la colonne ENJEU porte"
              " l'orientation 4,\n        alors que le chantier 5")
    n = data.line("actions.yaml", "      orientations: >-")
    # Checks between records run once every record is valid: only the misspelling shows.
    assert data.errors() == [
        f"{A}:{n}: actions[projet-alimentaire-territorial].constats.orientations: champ inconnu ; vouliez-vous dire « orientation » ?"]


def test_the_build_fails_on_an_unexplained_inconsistency(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    actions = project / "data" / "actions.yaml"
    text = actions.read_text(encoding="utf-8").replace('    fiche: "19.10"', '    fiche: "14.3"')
    actions.write_text(text, encoding="utf-8")
    n = next(i + 1 for i, line in enumerate(text.split("\n")) if line == "  - id: lecture-spectacle")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (f"data/actions.yaml:{n}: actions[lecture-spectacle].constats.fiche: incohérence non expliquée : la fiche 14.3"
            " appartient au chantier 14, pas au chantier 19" in result.stderr)


def test_the_real_data_has_every_gap_and_finding_explained() -> None:
    from crte.data import checks, reconcile

    from ..conftest import DATA
    crte = load(DATA)
    assert checks.check_totals(crte) == []
    gaps = [r for r in reconcile.reconciliations(crte) if r.ecart]
    assert [r.id for r in gaps] == ["total-cout-total", "total-part-cahc", "annee-2021-cout-total",
                                    "annee-2022-cout-total", "total-annees-part-cahc"]
    assert all(r.explication and r.explication.ecart == r.ecart for r in gaps)
    assert len(reconcile.findings(crte)) == 3
