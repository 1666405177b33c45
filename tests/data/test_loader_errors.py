"""Every refusal of the loader, with its exact message, file and line.

Each test copies the real data into a temporary folder, makes one edit a staff
member could make, and asserts the full error report.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crte.data.errors import DataErrors
from crte.data.loader import load

from ..conftest import ROOT, copy_signed


class Data:
    """A writable copy of data/ with helpers to edit it and read the errors."""

    def __init__(self, root: Path):
        self.dir = copy_signed(root / "data")

    def text(self, name: str) -> str:
        return (self.dir / name).read_text(encoding="utf-8")

    def line(self, name: str, needle: str, nth: int = 0) -> int:
        """1-based number of the line holding the nth occurrence of `needle`."""
        lines = [i + 1 for i, line in enumerate(self.text(name).split("\n")) if needle in line]
        return lines[nth]

    def edit(self, name: str, old: str, new: str, count: int = 1) -> None:
        text = self.text(name)
        assert old in text, old
        (self.dir / name).write_text(text.replace(old, new, count), encoding="utf-8")

    def errors(self) -> list[str]:
        with pytest.raises(DataErrors) as exc:
            load(self.dir)
        return [str(e) for e in exc.value.errors]


@pytest.fixture
def data(tmp_path: Path) -> Data:
    return Data(tmp_path)


A = "data/actions.yaml"
FIRST_COST = '    cout_total: "49600.00"\n'


def test_valid_copy_loads(data: Data) -> None:
    assert len(load(data.dir).actions) == 24


def test_yaml_syntax_error_unclosed_quote(data: Data) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', '    titre: "Lecture spectacle')
    # The quote runs on to the next one, a line down, where the parser gives up:
    # the message names the line where the quote was opened.
    n = data.line("actions.yaml", 'titre: "Lecture spectacle')
    assert data.errors() == [
        f"{A}:{n}: (syntaxe YAML): le guillemet ouvert sur cette ligne n'est pas refermé sur la même ligne ;"
        " ajoutez-le"]


def test_bad_indentation(data: Data) -> None:
    # Two spaces too many: the field above (fiche) is named, not a « : » in a text.
    data.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '      maitre_ouvrage: "GESPATRIM"')
    n = data.line("actions.yaml", 'maitre_ouvrage: "GESPATRIM"')
    assert data.errors() == [
        f"{A}:{n}: (syntaxe YAML): cette ligne a 2 espaces de trop en début de ligne : alignez « maitre_ouvrage »"
        f" sur « fiche » (ligne {n - 1})"]


def test_a_line_out_of_its_block(data: Data) -> None:
    # One space too few: aligned with no block (the parser names the list it was in).
    data.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '   maitre_ouvrage: "GESPATRIM"')
    n = data.line("actions.yaml", 'maitre_ouvrage: "GESPATRIM"')
    start = data.line("actions.yaml", "  - id: ")
    assert data.errors() == [
        f"{A}:{n}: (syntaxe YAML): cette ligne n'est pas alignée avec le bloc commencé ligne {start} ;"
        " vérifiez les espaces en début de ligne"]


def test_duplicate_key(data: Data) -> None:
    data.edit("actions.yaml", FIRST_COST, FIRST_COST + '    cout_total: "49601.00"\n')
    n = data.line("actions.yaml", 'cout_total: "49600.00"')
    assert data.errors() == [
        f"{A}:{n + 1}: actions[projet-alimentaire-territorial].cout_total: clé en double (déjà définie ligne {n}) ; n'en gardez qu'une"]


def test_unknown_misspelt_field(data: Data) -> None:
    data.edit("actions.yaml", FIRST_COST, FIRST_COST.replace("cout_total", "cout_totale"))
    n = data.line("actions.yaml", "cout_totale")
    start = data.line("actions.yaml", "- id: projet-alimentaire-territorial")
    assert data.errors() == [
        f"{A}:{start}: actions[projet-alimentaire-territorial].cout_total: champ obligatoire manquant",
        f"{A}:{n}: actions[projet-alimentaire-territorial].cout_totale: champ inconnu ; vouliez-vous dire « cout_total » ?",
    ]


def test_missing_required_field(data: Data) -> None:
    data.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"\n', "")
    start = data.line("actions.yaml", "- id: friche-mecastamp")
    assert data.errors() == [f"{A}:{start}: actions[friche-mecastamp].maitre_ouvrage: champ obligatoire manquant"]


def test_empty_required_value(data: Data) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', "    titre:")
    n = data.text("actions.yaml").split("\n").index("    titre:") + 1
    assert data.errors() == [f"{A}:{n}: actions[lecture-spectacle].titre: valeur vide ; ce champ est obligatoire"]


def test_wrong_type_list_for_text(data: Data) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', '    titre:\n      - "Lecture spectacle"')
    n = data.line("actions.yaml", '- "Lecture spectacle"')
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].titre: un texte est attendu, pas une liste ou un bloc de champs"]


def test_wrong_type_text_for_integer(data: Data) -> None:
    data.edit("actions.yaml", "    chantier: 19\n", "    chantier: dix-neuf\n")
    n = data.line("actions.yaml", "chantier: dix-neuf")
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].chantier: « dix-neuf » n'est pas un nombre entier positif (ex. 14)"]


@pytest.mark.parametrize("written, message", [
    ('"49600.001"', "« 49600.001 » a plus de deux décimales ; arrondissez au centime (ex. \"1950206.00\")"),
    ('"-49600.00"', "montant négatif « -49600.00 » ; un montant est positif ou nul"),
    ('"49 600,00 €"', "« 49 600,00 € » n'est pas un montant ; écrivez des chiffres avec un point décimal,"
                      " sans espace ni symbole € (ex. \"1950206.00\")"),
    ("049600", "« 049600 » commence par un zéro ; écrivez le montant sans zéro initial"),
])
def test_bad_money(data: Data, written: str, message: str) -> None:
    data.edit("actions.yaml", FIRST_COST, f"    cout_total: {written}\n")
    n = data.line("actions.yaml", f"cout_total: {written}")
    assert data.errors() == [f"{A}:{n}: actions[projet-alimentaire-territorial].cout_total: {message}"]


def test_unquoted_money_is_refused(data: Data) -> None:
    # Unquoted, YAML (and the editor's JSON Schema) would read a float.
    data.edit("actions.yaml", '    cout_total: "61887.98"', "    cout_total: 61887.98")
    n = data.line("actions.yaml", "cout_total: 61887.98")
    assert data.errors() == [f"{A}:{n}: actions[cavalier-ng-boucle-25].cout_total: écrivez le montant entre guillemets : \"61887.98\""]


def test_share_above_total_cost(data: Data) -> None:
    data.edit("actions.yaml", '    part_cahc: "9920.00"', '    part_cahc: "49600.01"')
    n = data.line("actions.yaml", 'part_cahc: "49600.01"')
    assert data.errors() == [
        f"{A}:{n}: actions[projet-alimentaire-territorial].part_cahc: la part (49600.01) dépasse le coût total (49600.00)"]


def test_duplicate_action_id(data: Data) -> None:
    data.edit("actions.yaml", "  - id: cite-crombez", "  - id: cite-declercq")
    first = data.line("actions.yaml", "- id: cite-declercq", 0)
    second = data.line("actions.yaml", "- id: cite-declercq", 1)
    assert data.errors() == [
        f"{A}:{second}: actions[cite-declercq].id: identifiant d'action « cite-declercq » en double "
        f"(déjà utilisé en {A}:{first})"]


def test_bad_id_shape(data: Data) -> None:
    data.edit("actions.yaml", "  - id: cite-crombez", "  - id: Cité Crombez")
    n = data.line("actions.yaml", "- id: Cité Crombez")
    assert data.errors() == [
        f"{A}:{n}: actions[8].id: « Cité Crombez » n'a pas la forme attendue : minuscules sans accents,"
        " chiffres et tirets (ex. « cite-declercq »)"]


def test_unknown_chantier_fiche_and_orientation_label(data: Data) -> None:
    data.edit("actions.yaml", "    chantier: 19\n", "    chantier: 99\n")
    data.edit("actions.yaml", '    fiche: "19.10"', '    fiche: "19.11"')
    data.edit("actions.yaml", "  - id: lecture-spectacle\n    enjeu: \"UN TERRITOIRE QUI FAVORISE",
              "  - id: lecture-spectacle\n    enjeu: \"UN TERRITOIRE QUI FAVORISERAIT")
    start = data.line("actions.yaml", "- id: lecture-spectacle")
    assert data.errors() == [
        f"{A}:{start}: actions[lecture-spectacle].chantier: le chantier 99 n'existe pas dans data/orientations.yaml ;"
        " chantiers connus : 1, 5, 6, 7, 10, 13, 14, 15, 19, 21, 25",
        f"{A}:{start}: actions[lecture-spectacle].enjeu: « UN TERRITOIRE QUI FAVORISERAIT L'EPANOUISSEMENT DE CHACUN »"
        " ne correspond au libelle_annexe d'aucune orientation de data/orientations.yaml ; libellés connus :"
        " UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE"
        " | UN TERRITOIRE QUI S'AFFIRME PAR LA PRESERVATION DE SON PATRIMOINE NATUREL ET CULTUREL"
        " | UN TERRITOIRE QUI FAVORISE L'EPANOUISSEMENT DE CHACUN"
        " | UN TERRITOIRE DE PARTAGE DE COOPERATION ET D'INITIATIVES",
        f"{A}:{start}: actions[lecture-spectacle].fiche: la fiche 19.11 n'existe pas dans data/orientations.yaml",
    ]


def test_unknown_indicator_reference(data: Data) -> None:
    data.edit("actions.yaml", '    part_cahc: "9920.00"\n',
              '    part_cahc: "9920.00"\n    indicateurs:\n      - o1-nombre-producteurs-locaux\n'
              '      - o1-nombre-de-licornes\n')
    n = data.line("actions.yaml", "o1-nombre-de-licornes")
    assert data.errors() == [
        f"{A}:{n}: actions[projet-alimentaire-territorial].indicateurs: l'indicateur « o1-nombre-de-licornes » n'existe pas"
        " dans data/indicators.yaml"]


def test_unknown_orientation_in_indicators(data: Data) -> None:
    data.edit("indicators.yaml", "  - orientation: 5\n", "  - orientation: 6\n")
    n = data.line("indicators.yaml", "- orientation: 6")
    assert data.errors() == [
        f"data/indicators.yaml:{n}: orientations[4].orientation: l'orientation 6 n'existe pas dans"
        " data/orientations.yaml"]


def test_duplicate_indicator_id(data: Data) -> None:
    data.edit("indicators.yaml", "id: o4-esperance-vie", "id: o4-taux-chomage")
    first = data.line("indicators.yaml", "id: o4-taux-chomage", 0)
    second = data.line("indicators.yaml", "id: o4-taux-chomage", 1)
    assert data.errors() == [
        f"data/indicators.yaml:{second}: orientations[3].groupes[3].indicateurs[o4-taux-chomage].id: identifiant d'indicateur « o4-taux-chomage »"
        f" en double (déjà utilisé en data/indicators.yaml:{first})"]


# --- YAML 1.1 surprises -------------------------------------------------------------------------

def test_no_read_as_false(data: Data) -> None:
    data.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', "    maitre_ouvrage: NO")
    n = data.line("actions.yaml", "maitre_ouvrage: NO")
    assert data.errors() == [
        f"{A}:{n}: actions[friche-mecastamp].maitre_ouvrage: « NO » est lu par YAML comme le booléen faux, pas comme un texte ;"
        " écrivez-le entre guillemets : \"NO\""]


def test_leading_zero_read_as_octal(data: Data) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', "    titre: 0123")
    data.edit("actions.yaml", "    chantier: 19\n", "    chantier: 019\n")
    n = data.line("actions.yaml", "titre: 0123")
    c = data.line("actions.yaml", "chantier: 019")
    assert data.errors() == [
        f"{A}:{c}: actions[lecture-spectacle].chantier: « 019 » commence par un zéro, que YAML lit comme un nombre octal ;"
        " écrivez 19",
        f"{A}:{n}: actions[lecture-spectacle].titre: « 0123 » est lu par YAML comme le nombre 83 (octal), pas comme un texte ;"
        " écrivez-le entre guillemets : \"0123\"",
    ]


def test_fiche_number_read_as_float(data: Data) -> None:
    data.edit("actions.yaml", '    fiche: "19.10"', "    fiche: 19.10")
    n = data.line("actions.yaml", "fiche: 19.10")
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].fiche: « 19.10 » est lu par YAML comme le nombre 19.1, pas comme un texte ;"
        " écrivez-le entre guillemets : \"19.10\""]


def test_date_read_as_date(data: Data) -> None:
    data.edit("actions.yaml", '    titre: "Lecture spectacle"', "    titre: 2021-12-13T10:00:00")
    n = data.line("actions.yaml", "titre: 2021-12-13T10:00:00")
    assert data.errors() == [
        f"{A}:{n}: actions[lecture-spectacle].titre: « 2021-12-13T10:00:00 » est lu par YAML comme la date 2021-12-13T10:00:00, pas comme un texte ;"
        " écrivez-le entre guillemets : \"2021-12-13T10:00:00\""]


def test_a_year_written_as_a_number_is_refused(data: Data) -> None:
    data.edit("actions.yaml", '    annee_lancement: "2022"', "    annee_lancement: 2022")
    n = data.line("actions.yaml", "annee_lancement: 2022")
    assert data.errors() == [
        f"{A}:{n}: actions[centre-gare-libercourt].annee_lancement: « 2022 » est lu par YAML comme le nombre 2022, pas comme un texte ;"
        " écrivez-le entre guillemets : \"2022\""]


def test_launch_year_shape(data: Data) -> None:
    data.edit("actions.yaml", '    annee_lancement: "2021-2022"', '    annee_lancement: "2021/22"')
    n = data.line("actions.yaml", 'annee_lancement: "2021/22"')
    assert data.errors() == [
        f"{A}:{n}: actions[chef-de-projet-opah-ru].annee_lancement: « 2021/22 » n'a pas la forme attendue : une année (\"2021\")"
        " ou une période (\"2021-2022\")"]


# --- Whole files --------------------------------------------------------------------------------

def test_empty_file(data: Data) -> None:
    (data.dir / "indicators.yaml").write_text("", encoding="utf-8")
    assert data.errors() == ["data/indicators.yaml:1: (fichier): le fichier est vide"]


def test_missing_file(data: Data) -> None:
    (data.dir / "orientations.yaml").unlink()
    assert data.errors() == ["data/orientations.yaml:1: (fichier): fichier introuvable"]


def test_wrong_encoding(data: Data) -> None:
    text = data.text("actions.yaml")
    (data.dir / "actions.yaml").write_bytes(text.encode("latin-1", errors="replace"))
    n = next(i + 1 for i, line in enumerate(text.split("\n")) if not line.isascii())
    assert data.errors() == [
        f"{A}:{n}: (fichier): le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8"]


def test_truncated_file(data: Data) -> None:
    # Cut at a line end, in the middle of a record: as a failed upload or copy would.
    text = data.text("actions.yaml")
    cut = text.index("\n", text.index('    description: "Trame Verte et Bleue')) + 1
    (data.dir / "actions.yaml").write_text(text[:cut], encoding="utf-8")
    start = data.line("actions.yaml", "- id: cavalier-ng-boucle-25")
    assert data.errors() == [
        f"{A}:{data.line('actions.yaml', 'actions:')}: totaux_publies: champ obligatoire manquant",
        f"{A}:{start}: actions[cavalier-ng-boucle-25].annee_lancement: champ obligatoire manquant",
        f"{A}:{start}: actions[cavalier-ng-boucle-25].cout_total: champ obligatoire manquant",
    ]


def test_truncated_inside_a_quoted_value(data: Data) -> None:
    text = data.text("actions.yaml")
    cut = text.index('    description: "Trame Verte et Bleue') + 30
    (data.dir / "actions.yaml").write_text(text[:cut], encoding="utf-8")
    n = text[:cut].count("\n") + 1
    assert data.errors() == [
        f"{A}:{n}: (syntaxe YAML): le guillemet ouvert sur cette ligne n'est jamais refermé : le fichier se"
        " termine avant"]


def test_top_level_not_a_mapping(data: Data) -> None:
    (data.dir / "actions.yaml").write_text("- un\n- deux\n", encoding="utf-8")
    assert data.errors() == [
        f"{A}:1: (document): une liste de champs « nom: valeur » est attendue ici"]


def test_all_errors_of_all_files_in_one_report(data: Data) -> None:
    data.edit("actions.yaml", '    part_cahc: "9920.00"', '    part_cahc: "9920.001"')
    data.edit("indicators.yaml", "id: o4-esperance-vie", "id: O4 espérance")
    data.edit("contract.yaml", "  - numero: 13\n", "  - numero: 12\n")
    errors = data.errors()
    assert [e.split(":")[0] for e in errors] == ["data/actions.yaml", "data/contract.yaml", "data/indicators.yaml"]


# --- The command line -----------------------------------------------------------------------------

def run_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crte.data.check", str(data_dir)], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def test_check_prints_summary(tmp_path: Path) -> None:
    result = run_check(copy_signed(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Données valides :",
        "  articles      13 (et 13 sous-sections)",
        "  orientations  5",
        "  chantiers     11 (nommés par le document)",
        "  fiches        13",
        "  actions       24 (dont 23 avec une part indiquée)",
        "  indicateurs   94",
        "  communes      14",
        "Contrat signé, sans décision postérieure enregistrée.",
        "Fichiers lus après la signature :",
        "  décisions             0 fichier (decisions/)",
        "  suivi des actions     0 fichier (suivi/actions/)",
        "  suivi des indicateurs 0 fichier (suivi/indicateurs/)",
        "  financeurs            aucun (pas de suivi/financeurs.yaml)",
        "  tableau de bord       aucun (pas de suivi/tableau-de-bord.yaml)",
    ]


def test_check_reports_errors_without_traceback(data: Data) -> None:
    data.edit("actions.yaml", '    part_cahc: "9920.00"', '    part_cahc: "9920.001"')
    n = data.line("actions.yaml", "9920.001")
    result = run_check(data.dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "1 erreur dans les données :",
        f"{data.dir}/actions.yaml:{n}: actions[projet-alimentaire-territorial].part_cahc: « 9920.001 » a plus de deux décimales ;"
        " arrondissez au centime (ex. \"1950206.00\")",
    ]
