"""Tracking (data/suivi/): every refusal with its exact `file:line: field: message`,
and the example's figures as the loader reads them."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from crte.data.loader import load

from ..conftest import FUNDERS, ROOT
from .layers import Layer

S = "data/suivi"


class Tracking(Layer):
    """A copy of the signed data with the funders' referential and tracking files."""

    def __init__(self, root: Path):
        super().__init__(root, "suivi")
        (self.folder / "actions").mkdir()
        (self.folder / "indicateurs").mkdir()
        shutil.copy(FUNDERS, self.folder / "financeurs.yaml")


@pytest.fixture
def t(tmp_path: Path) -> Tracking:
    return Tracking(tmp_path)


def step(date: str, statut: str, extra: str = "") -> str:
    return f'  - date: "{date}"\n    source: "Comité technique"\n    statut: "{statut}"\n{extra}'


def test_a_valid_tracking_loads(t: Tracking) -> None:
    t.write("actions/voie-albert-carre.yaml", "etapes:\n" + step("2022-03-10", "engagée", "    avancement: 0\n"))
    crte = load(t.dir)
    assert crte.suivi.actions["voie-albert-carre"].etapes[0].avancement == 0


@pytest.mark.parametrize("status, message", [
    ("terminée", "« terminée » inconnu ; valeurs possibles : à l'étude, engagée, en cours, réalisée"),
    ("abandonnée", "« abandonnée » ne se saisit pas dans le suivi : une action est abandonnée par une décision"
                   " (data/decisions/, voir CONTRIBUTING.md)"),
])
def test_unknown_status(t: Tracking, status: str, message: str) -> None:
    t.write("actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", status))
    n = t.line("actions/cite-darcy.yaml", "statut")
    assert t.errors() == [f"{S}/actions/cite-darcy.yaml:{n}: etapes[0].statut: {message}"]


def test_dates_progress_and_a_status_going_back(t: Tracking) -> None:
    later = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    t.write("actions/cite-darcy.yaml", "etapes:\n" + step("2021-06-01", "engagée") + step("2022-03-10", "réalisée")
            + step("2023-01-01", "en cours") + step(later, "réalisée") + step(later, "réalisée", "    avancement: 150\n"))
    f = "actions/cite-darcy.yaml"
    assert t.errors() == [
        f"{S}/{f}:{t.line(f, '2021-06-01')}: etapes[0].date: l'action n'existe qu'à partir du 2021-12-13",
        f"{S}/{f}:{t.line(f, 'statut', 2)}: etapes[2].statut: le statut recule (« réalisée » → « en cours ») : dites"
        " pourquoi dans commentaire",
        f"{S}/{f}:{t.line(f, later)}: etapes[3].date: date postérieure à aujourd'hui",
        f"{S}/{f}:{t.line(f, 'avancement')}: etapes[4].avancement: « 150 » n'est pas un pourcentage : écrivez un"
        " nombre entier de 0 à 100, sans guillemets ni signe % (ex. 40)",
    ]


def test_funders_schemes_and_amounts(t: Tracking) -> None:
    t.write("actions/cite-darcy.yaml", "financements:\n"
            '  - financeur: licorne\n    demande: "10.00"\n'
            '  - financeur: etat\n    dispositif: "Fonds magique"\n'
            '  - financeur: etat\n    dispositif: "DSIL"\n    demande: "100.00"\n    accorde: "200.00"\n'
            '  - financeur: ademe\n    accorde: "99999999.00"\n')
    f = "actions/cite-darcy.yaml"
    assert t.errors() == [
        f"{S}/{f}:{t.line(f, 'licorne')}: financements[0].financeur: financeur « licorne » inconnu ; financeurs de"
        " suivi/financeurs.yaml : etat, region-hauts-de-france, departement-pas-de-calais, feder,"
        " banque-des-territoires, ademe, anah, anru, caf, cahc, communes,"
        " agence-de-l-eau-artois-picardie",
        f"{S}/{f}:{t.line(f, 'Fonds magique')}: financements[1].dispositif: « Fonds magique » n'est pas un dispositif"
        " de État ; dispositifs : DSIL, DETR, DSID, FNADT, Fonds vert, Fonds friches",
        f"{S}/{f}:{t.line(f, '200.00')}: financements[2].accorde: l'accordé dépasse le demandé : expliquez pourquoi"
        " (explication)",
        # At the line that takes the total above the cost, not at the top of the file.
        f"{S}/{f}:{t.line(f, '99999999.00')}: financements[3].accorde: le total accordé (100000199.00) dépasse le coût"
        " en vigueur de l'action (15314732.00) : expliquez pourquoi (explication)",
    ]


def test_a_tracking_file_names_an_existing_action_or_indicator(t: Tracking) -> None:
    t.write("actions/licorne.yaml", "etapes:\n" + step("2022-03-10", "engagée"))
    t.write("indicateurs/o9-licornes.yaml", 'unite: "nombre"\nsource: "x"\n')
    assert t.errors() == [
        f"{S}/actions/licorne.yaml:1: (fichier): aucune action « licorne » : le fichier porte l'identifiant de"
        " l'action qu'il suit",
        f"{S}/indicateurs/o9-licornes.yaml:1: (fichier): aucun indicateur « o9-licornes » : le fichier porte"
        " l'identifiant de l'indicateur qu'il suit"]


def test_measures_years_and_units(t: Tracking) -> None:
    t.write("indicateurs/o4-taux-chomage.yaml",
            'unite: "%"\nsource: "INSEE"\nvaleur_reference: {annee: "2019", valeur: "19.6"}\nmesures:\n'
            '  - {annee: "2018", valeur: "19.0"}\n  - {annee: "2022", valeur: "18.1"}\n'
            '  - {annee: "2022", valeur: "18.2"}\n  - {annee: "2023", valeur: "120"}\n'
            f'  - {{annee: "{dt.date.today().year + 1}", valeur: "17"}}\n')
    f = "indicateurs/o4-taux-chomage.yaml"
    this = dt.date.today().year
    assert t.errors() == [
        f"{S}/{f}:{t.line(f, '2018')}: mesures[0].annee: l'année 2018 est hors de la série (2019-{this})",
        f"{S}/{f}:{t.line(f, '18.2')}: mesures[2].annee: une valeur pour 2022 existe déjà ({S}/{f}:"
        f"{t.line(f, '18.1')})",
        f"{S}/{f}:{t.line(f, '120')}: mesures[3].valeur: 120 n'est pas un pourcentage (0 à 100), l'unité de"
        " l'indicateur étant « % »",
        f"{S}/{f}:{t.line(f, str(this + 1))}: mesures[4].annee: l'année {this + 1} est hors de la série"
        f" (2019-{this})",
    ]


def test_the_example_has_tracking_for_a_third_of_its_actions_and_indicators() -> None:
    crte = load(ROOT / "examples" / "contrat-vivant", "examples/contrat-vivant")
    current = crte.current.crte
    assert len(crte.suivi.actions) * 3 >= len(current.actions)
    assert len(crte.suivi.indicators) * 3 >= len(current.indicators)
    assert crte.suivi.dashboard.instance == "comité technique"
