"""The data says what the signed contract says, word for word and to the cent.

The signed layer is pinned through the product check (crte/data/fidelity.py),
the one `make check` and `make build` run: the real data gives no error, and each
divergent copy gives the exact French message staff will read. The parser of the
source (crte/data/signed.py) is guarded on its own, so that a parser that reads
nothing cannot make the check pass.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from crte.data import fidelity
from crte.data.errors import DataErrors
from crte.data.loader import load
from crte.data.model import Crte
from crte.data.signed import Signed, SourceError, norm, parse, parse_text
from crte.fr import euros

from ..conftest import DATA, ROOT, SOURCE
from .test_loader_errors import Data

A = "data/actions.yaml"
C = "data/contract.yaml"
I = "data/indicators.yaml"  # noqa: E741
AMOUNT = "1\u202f950\u202f206,00\xa0€"  # euros(): narrow no-break spaces, as CLDR
DECISION = "pour une modification décidée après la signature, enregistrez une décision (voir CONTRIBUTING.md)"


class SignedData(Data):
    """A copy of data/ loaded with the signed document's text, as `make check` does."""

    def errors(self) -> list[str]:
        with pytest.raises(DataErrors) as exc:
            load(self.dir, source=SOURCE)
        return [str(e) for e in exc.value.errors]


@pytest.fixture
def data(tmp_path: Path) -> SignedData:
    return SignedData(tmp_path)


@pytest.fixture(scope="module")
def doc() -> Signed:
    return parse(SOURCE)


def reconciliation(errors: list[str]) -> list[str]:
    """The errors of the printed-totals check (checks.py), which any change of an amount also moves."""
    found = [e for e in errors if ".constats." in e.split(": ")[1]]
    assert not any("contrat signé" in e for e in found)
    return found


# --- The real data is the signed document -------------------------------------------------------

def test_the_real_data_is_the_signed_contract(crte: Crte) -> None:
    assert fidelity.errors(crte, SOURCE) == []


def test_load_with_the_source_accepts_the_real_data() -> None:
    assert len(load(DATA, source=SOURCE).actions) == 24


# --- The parser reads the whole document (a parser that reads nothing would pass) -----------------

def test_parser_finds_thirteen_articles_and_their_sections(doc: Signed) -> None:
    assert [a.numero for a in doc.articles] == list(range(1, 14))
    assert [len(a.sections) for a in doc.articles] == [1, 0, 0, 3, 0, 6, 3, 0, 0, 0, 0, 0, 0]
    assert [a.liste for a in doc.articles if a.liste] == ["orientations", "indicateurs"]
    assert doc.articles[5].sections[2].numero_publie == "6.3"
    assert norm(doc.articles[9].texte).startswith("L'entrée en vigueur du CRTE est effective")
    assert all(len(norm(a.texte)) > 50 for a in doc.articles)


def test_parser_finds_header_preamble_signature_and_annexes(doc: Signed) -> None:
    assert doc.titre == "CONTRAT TERRITORIAL DE RELANCE ET DE TRANSITION ÉCOLOGIQUE"
    assert [p.mention for p in doc.parties] == ["D'une part,", "D'autre part,"]
    assert doc.formule == "IL EST CONVENU CE QUI SUIT :"
    assert [n for n, _ in doc.axes] == [1, 2, 3]
    assert (doc.lieu, doc.date_publiee, doc.date) == ("Hénin-Beaumont", "13 DEC. 2021", dt.date(2021, 12, 13))
    assert doc.signataires == (("Le préfet", "Louis LE FRANC"), ("Le président", "Christophe PILCH"))
    assert [(n, sep) for n, sep, _ in doc.annexes] == [(1, ":"), (2, "–"), (3, "–")]


def test_parser_finds_five_orientations_in_article_3(doc: Signed) -> None:
    assert [o.numero for o in doc.orientations] == [1, 2, 3, 4, 5]
    assert doc.orientations[4].description == "sur les enjeux d'engagement, d'innovation sociale et de solidarité."
    assert norm(doc.articles[2].texte_apres).startswith("Les orientations stratégiques sont déclinées")


def test_parser_finds_twenty_four_rows_and_the_printed_totals(doc: Signed) -> None:
    assert len(doc.actions) == 24
    assert (doc.actions[0].titre, doc.actions[0].cout_total) == (
        "Mise en oeuvre Projet Alimentaire Territorial CAHC", Decimal("49600"))
    assert [r.titre for r in doc.actions if r.part_cahc is None] == ["Chef de projet OPAH-RU Hénin et Carvin"]
    # The printed TOTAL is 0,25 € less than the sum of the rows (see its constats in actions.yaml).
    assert sum(r.cout_total for r in doc.actions) == Decimal("90713853.98")
    assert doc.total == (Decimal("90713853.73"), Decimal("25715256.83"))
    assert [(y.annee, y.cout_total, y.part_cahc) for y in doc.par_annee] == [
        ("2021", Decimal("3473078.98"), Decimal("714115.20")), ("2022", Decimal("87240774.75"), Decimal("25401102.63"))]


def test_parser_finds_ninety_four_indicators_by_orientation_and_group(doc: Signed) -> None:
    assert [b.orientation for b in doc.indicateurs] == [1, 2, 3, 4, 5]
    assert sum(len(g.libelles) for b in doc.indicateurs for g in b.groupes) == 94
    assert [len(b.groupes) for b in doc.indicateurs] == [1, 1, 5, 5, 4]
    assert [g.titre for g in doc.indicateurs[4].groupes] == [
        "Implication des citoyens dans la vie de la cité :", "Engagement associatif", "Coopération",
        "Exemplarité (patrimoine communautaire) :"]


def test_a_change_in_the_source_is_seen(crte: Crte, tmp_path: Path) -> None:
    """The comparison reads the source: an amount changed there is reported on the data."""
    text = SOURCE.read_text(encoding="utf-8").replace("\t1 950 206\t", "\t1 950 207\t", 1)
    assert "1 950 207" in text
    (tmp_path / "source.txt").write_text(text, encoding="utf-8")
    assert [str(e) for e in fidelity.errors(crte, tmp_path / "source.txt")] == [
        f"{A}:38: actions[voie-albert-carre].cout_total: le contrat signé porte {euros(Decimal('1950207'))}"
        f" (annexe 3) ; {DECISION}"]


def test_a_source_that_is_not_the_signed_document(crte: Crte, tmp_path: Path) -> None:
    broken = tmp_path / "source.txt"
    broken.write_text(SOURCE.read_text(encoding="utf-8").replace("Fait à ", "Signé à "), encoding="utf-8")
    assert [str(e) for e in fidelity.errors(crte, broken)] == [
        f"{broken}:1: (source): « Fait à » introuvable : ce fichier n'a plus la forme du contrat signé ;"
        " rétablissez-le, il ne change jamais"]
    with pytest.raises(SourceError):
        parse_text("")


# --- When the check runs ------------------------------------------------------------------------

def test_no_source_no_comparison(data: SignedData) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', '    titre: "Lecture-spectacle"')
    assert len(load(data.dir).actions) == 24
    assert len(load(data.dir, source=data.dir / "absent.txt").actions) == 24


def test_a_half_loaded_model_is_not_compared(data: SignedData) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', '    titre: "Lecture-spectacle"')
    data.edit("actions.yaml", '    part_cahc: "9920.00"', '    part_cahc: "9920.001"')
    n = data.line("actions.yaml", "9920.001")
    assert data.errors() == [
        f"{A}:{n}: actions[projet-alimentaire-territorial].part_cahc: « 9920.001 » a plus de deux décimales ;"
        " arrondissez au centime (ex. \"1950206.00\")"]


# --- Each divergence, its exact message -----------------------------------------------------------

def test_changed_amount(data: SignedData) -> None:
    data.edit("actions.yaml", '    cout_total: "1950206.00"', '    cout_total: "1950207.00"')
    errors = data.errors()
    expected = (f"{A}:38: actions[voie-albert-carre].cout_total: le contrat signé porte {AMOUNT} (annexe 3) ;"
                f" {DECISION}")
    assert [e for e in errors if e not in reconciliation(errors)] == [expected]
    assert expected in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")  # the guide quotes the real output


def test_absent_share_given_a_value(data: SignedData) -> None:
    data.edit("actions.yaml", '    cout_total: "55000.00"\n', '    cout_total: "55000.00"\n    part_cahc: "11000.00"\n')
    n = data.line("actions.yaml", '"11000.00"')
    errors = data.errors()
    assert [e for e in errors if e not in reconciliation(errors)] == [
        f"{A}:{n}: actions[chef-de-projet-opah-ru].part_cahc: le contrat signé ne donne pas de part CAHC pour cette"
        f" action : la cellule est vide (annexe 3) ; {DECISION}"]


def test_changed_action_title(data: SignedData) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', '    titre: "Lecture-spectacle"')
    n = data.line("actions.yaml", "Lecture-spectacle")
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].titre: le contrat signé porte « Lecture spectacle » (annexe 3) ;"
        f" {DECISION}"]


def test_changed_article_text(data: SignedData) -> None:
    data.edit("contract.yaml", "La durée de ce contrat est de six ans.", "La durée de ce contrat est de sept ans.")
    n = data.line("contract.yaml", "- numero: 10") + 3  # its `texte: |-` line
    assert data.text("contract.yaml").split("\n")[n - 1] == "    texte: |-"
    assert data.errors() == [
        f"{C}:{n}: articles[9].texte: le contrat signé porte « …ce contrat est de six ans. Au terme du contrat, un"
        f" bilan… » (article 10) ; {DECISION}"]


def test_changed_section_text_names_the_section(data: SignedData) -> None:
    data.edit("contract.yaml", "2020, l'Etat s'engage à travers", "2020, l'État s'engage à travers")
    n = next(i + 1 for i, line in enumerate(data.text("contract.yaml").split("\n"))
             if line == "        texte: |-" and i + 1 > data.line("contract.yaml", '"6.3"'))
    assert data.errors() == [
        f"{C}:{n}: articles[5].sections[2].texte: le contrat signé porte « …du 20 novembre 2020, l'Etat s'engage à"
        f" travers ses services, services déconcentrés… » (article 6.3) ; {DECISION}"]


def test_changed_indicator_label(data: SignedData) -> None:
    data.edit("indicators.yaml", 'libelle: "Taux de chômage"', 'libelle: "Taux de chômage (%)"')
    n = data.line("indicators.yaml", "Taux de chômage (%)")
    assert data.errors() == [
        f"{I}:{n}: orientations[3].groupes[0].indicateurs[o4-taux-chomage].libelle: le contrat signé porte"
        f" « Taux de chômage » (article 9) ; {DECISION}"]


def test_indicator_given_a_value(data: SignedData) -> None:
    data.edit("indicators.yaml", '            libelle: "Taux de chômage"\n',
              '            libelle: "Taux de chômage"\n            unite: "%"\n')
    n = data.line("indicators.yaml", 'unite: "%"')
    assert data.errors() == [
        f"{I}:{n}: orientations[3].groupes[0].indicateurs[o4-taux-chomage].unite: le contrat signé ne donne ni"
        " unité, ni source, ni valeur à ses indicateurs (article 9) ; une donnée de suivi ajoutée après la"
        " signature s'enregistre par une décision (voir CONTRIBUTING.md)"]


NEW_ACTION = """  - id: nouvelle-action
    enjeu: "UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE"
    chantier: 7
    fiche: "7.1"
    maitre_ouvrage: "CAHC"
    titre: "Nouvelle action"
    description: "Une action décidée après la signature."
    annee_lancement: "2023"
    cout_total: "100000.00"
    part_cahc: "20000.00"
"""


def test_added_action(data: SignedData) -> None:
    data.edit("actions.yaml", "totaux_publies:", NEW_ACTION + "totaux_publies:")
    n = data.line("actions.yaml", "- id: nouvelle-action")
    errors = data.errors()
    assert [e for e in errors if e not in reconciliation(errors)] == [
        f"{A}:{n}: actions[nouvelle-action]: cette action n'est pas dans l'annexe 3 du contrat signé ; une action"
        " ajoutée après la signature s'enregistre par une décision (voir CONTRIBUTING.md)"]


def test_removed_action(data: SignedData) -> None:
    text = data.text("actions.yaml")
    start = text.index("  - id: chef-de-projet-opah-ru\n")
    data.edit("actions.yaml", text[start:text.index("  - id: ", start + 1)], "")
    n = data.line("actions.yaml", "- id: centre-gare-libercourt")
    errors = data.errors()
    assert [e for e in errors if e not in reconciliation(errors)] == [
        f"{A}:{n}: actions: l'annexe 3 du contrat signé porte ici l'action"
        " « Chef de projet OPAH-RU Hénin et Carvin » ; une action retirée après la signature s'enregistre par une"
        " décision (voir CONTRIBUTING.md)"]


def test_changed_printed_total(data: SignedData) -> None:
    data.edit("actions.yaml", '    cout_total: "90713853.73"', '    cout_total: "90713853.98"')
    n = data.line("actions.yaml", "90713853.98")
    errors = data.errors()
    assert [e for e in errors if e not in reconciliation(errors)] == [
        f"{A}:{n}: totaux_publies.total.cout_total: le contrat signé porte"
        f" {euros(Decimal('90713853.73'))} (annexe 3, ligne TOTAL) ; {DECISION}"]


def test_changed_chantier_title_is_reported_once_on_the_chantier(data: SignedData) -> None:
    data.edit("orientations.yaml", 'titre: "Revitaliser les centres-villes"', 'titre: "Revitaliser les centres"')
    n = data.line("orientations.yaml", '"Revitaliser les centres"')
    assert data.errors() == [
        f"data/orientations.yaml:{n}: orientations[1].chantiers[1].titre: le contrat signé porte « Revitaliser les"
        f" centres-villes » (annexe 3, chantier 7) ; {DECISION}"]


# --- make check ---------------------------------------------------------------------------------

def test_make_check_refuses_a_change_of_the_signed_layer_in_french(data: SignedData) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', '    titre: "Lecture-spectacle"')
    n = data.line("actions.yaml", "Lecture-spectacle")
    assert (ROOT / "sources" / SOURCE.name).is_file()
    result = subprocess.run([sys.executable, "-m", "crte.data.check", str(data.dir)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "1 erreur dans les données :",
        f"{data.dir}/actions.yaml:{n}: actions[lecture-spectacle].titre: le contrat signé porte"
        f" « Lecture spectacle » (annexe 3) ; {DECISION}"]
