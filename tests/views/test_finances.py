"""Financial tables and reconciliation: golden tables, and the refusal of an
unexplained new inconsistency."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from crte.data.loader import load

from ..conftest import SOURCE
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

GOLDEN = {
    # By orientation: tests/views/test_orientations.py (two groupings, ENJEU and chantier).
    "chantier": [
        ["Chantier 1 : Créer de l'attractivité dans les friches industrielles et commerciales", "1",
         fr("1 950 206,00 €"), fr("390 041,00 €"), fr("20,0 %")],
        ["Chantier 5 : Faire de l'alimentation une filière du développement économique", "1", fr("49 600,00 €"),
         fr("9 920,00 €"), fr("20,0 %")],
        ["Chantier 6 : Réorganiser les mobilités en prenant le virage des mobilités douces", "1",
         fr("3 000 000,00 €"), fr("900 000,00 €"), fr("30,0 %")],
        ["Chantier 7 : Revitaliser les centres-villes", "2", fr("126 250,00 €"),
         fr("42 250,00 € 1 sans part indiquée"), fr("59,3 %")],
        ["Chantier 10 : Développer un habitat durable, en permettant à chacun de vivre dans un logement de qualité"
         " et abordable", "1", fr("2 244 748,00 €"), fr("673 424,40 €"), fr("30,0 %")],
        ["Chantier 13 : Valoriser le patrimoine culturel, naturel et immatériel", "1", fr("481 790,00 €"),
         fr("96 358,00 €"), fr("20,0 %")],
        ["Chantier 14 : Reconquérir les paysages", "8", fr("77 211 554,00 €"), fr("22 852 783,68 €"), fr("29,6 %")],
        ["Chantier 15 : Préserver la richesse écologique de notre territoire", "5", fr("4 965 043,98 €"),
         fr("1 013 508,75 €"), fr("20,4 %")],
        ["Chantier 19 : Favoriser l'accès au sport et à la culture pour tous", "1", fr("18 300,00 €"),
         fr("3 660,00 €"), fr("20,0 %")],
        ["Chantier 21 : Permettre à chacun de devenir acteur de la vie de la cité", "1", fr("200 695,00 €"),
         fr("40 139,00 €"), fr("20,0 %")],
        ["Chantier 25 : Sensibiliser et inciter au changement des comportements", "2", fr("465 667,00 €"),
         fr("93 133,00 €"), fr("20,0 %")],
        TOTAL],
    "fiche": [
        ["Fiche 1.2 : Renforcer le schéma directeur d'aménagement du foncier économique prescrire évaluer", "1",
         fr("1 950 206,00 €"), fr("390 041,00 €"), fr("20,0 %")],
        ["Fiche 5.4 : Développer un projet alimentaire territorial", "1", fr("49 600,00 €"), fr("9 920,00 €"),
         fr("20,0 %")],
        ["Fiche 6.5 : Développer l'intermodalité des transports", "1", fr("3 000 000,00 €"), fr("900 000,00 €"),
         fr("30,0 %")],
        ["Fiche 7.1 : Revitaliser les centres-villes grâce à nos dispositifs : OPAH RU/ORT/PVD", "2",
         fr("126 250,00 €"), fr("42 250,00 € 1 sans part indiquée"), fr("59,3 %")],
        ["Fiche 10.1 : Investir les dents creuses et les friches", "1", fr("2 244 748,00 €"), fr("673 424,40 €"),
         fr("30,0 %")],
        ["Fiche 13.1 : Révéler la dimension touristique du patrimoine culturel", "1", fr("481 790,00 €"),
         fr("96 358,00 €"), fr("20,0 %")],
        ["Fiche 14.3 : Veiller à la préservation des éléments classés", "8", fr("77 211 554,00 €"),
         fr("22 852 783,68 €"), fr("29,6 %")],
        ["Fiche 15.1 : Protéger la ressource en eau : Préserver, gérer, améliorer la qualité", "2",
         fr("4 533 156,00 €"), fr("909 131,15 €"), fr("20,1 %")],
        ["Fiche 15.2 : Développer la trame verte et bleue", "1", fr("61 887,98 €"), fr("12 377,60 €"), fr("20,0 %")],
        ["Fiche 15.5 : Assurer la préservation et la protection des Zones Humides", "2", fr("370 000,00 €"),
         fr("92 000,00 €"), fr("24,9 %")],
        ["Fiche 19.10 : Accompagner les pratiques en faveur de la lecture pour tous", "1", fr("18 300,00 €"),
         fr("3 660,00 €"), fr("20,0 %")],
        ["Fiche 21.2 : Renforcer l'arbitrage de la population sur les projets communautaires", "1",
         fr("200 695,00 €"), fr("40 139,00 €"), fr("20,0 %")],
        ["Fiche 25.2 : Rendre l'agglomération, institution, exemplaire dans ses pratiques en faveur de la"
         " transition écologique", "2", fr("465 667,00 €"), fr("93 133,00 €"), fr("20,0 %")],
        TOTAL],
    "annee": [
        ["2021", "10", fr("3 418 078,98 €"), fr("714 115,20 €"), fr("20,9 %")],
        ["2021-2022", "1", fr("55 000,00 €"), "non indiquée 1 sans part indiquée", "sans objet"],
        ["2022", "13", fr("87 240 775,00 €"), fr("25 401 102,63 €"), fr("29,1 %")],
        TOTAL],
    "maitre-ouvrage": [
        ["CAHC", "17", fr("11 364 377,98 €"), fr("2 310 375,04 € 1 sans part indiquée"), fr("20,4 %")],
        ["CAHC / Commune d'Oignies", "1", fr("26 513 951,00 €"), fr("7 954 185,00 €"), fr("30,0 %")],
        ["CAHC / Commune de Noyelles-Godault", "1", fr("17 992 309,00 €"), fr("5 397 693,00 €"), fr("30,0 %")],
        ["CAHC / Ville de Libercourt", "1", fr("3 000 000,00 €"), fr("900 000,00 €"), fr("30,0 %")],
        ["CAHC/ Commune de Drocourt", "1", fr("6 379 203,00 €"), fr("1 913 761,00 €"), fr("30,0 %")],
        ["CAHC/Commune d'Hénin-Beaumont", "1", fr("15 314 732,00 €"), fr("4 594 419,62 €"), fr("30,0 %")],
        ["CAHC/Commune de Rouvroy", "1", fr("7 904 533,00 €"), fr("2 371 359,77 €"), fr("30,0 %")],
        ["GESPATRIM", "1", fr("2 244 748,00 €"), fr("673 424,40 €"), fr("30,0 %")],
        TOTAL],
}


@pytest.mark.parametrize("breakdown", GOLDEN)
def test_golden_financial_table(site: Path, breakdown: str) -> None:
    # The signed contract's tables: once decisions change the programme, they move
    # below the tables in force (#tableau-signe-…), and stay these figures.
    html = page(site, "finances/")
    signed = f"#tableau-signe-{breakdown}" if html.select_one(f"#tableau-signe-{breakdown}") else f"#tableau-{breakdown}"
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
