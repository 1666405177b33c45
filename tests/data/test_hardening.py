"""Hostile or hurried edits: each kind is refused with `file:line: field: message`,
in French, every problem of an edit in one report, never a traceback.

The same kinds go through `make check` and `make build` in test_catalogue.py.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from crte.data.loader import load

from ..data.test_loader_errors import Data

A = "data/actions.yaml"
TITLE = '    titre: "Lecture spectacle"'


@pytest.fixture
def data(tmp_path: Path) -> Data:
    return Data(tmp_path)


def title_error(data: Data, written: str) -> list[str]:
    data.edit("actions.yaml", TITLE, f"    titre: {written}")
    return data.errors()


def at_title(data: Data, message: str) -> str:
    return f"{A}:{data.line('actions.yaml', '    titre: ', 20)}: actions[lecture-spectacle].titre: {message}"


# --- 1. Text is text -----------------------------------------------------------------------------

@pytest.mark.parametrize("written, message", [
    ('"Lecture\\aspectacle"', "contient un caractère de contrôle invisible (U+0007, position 8) ;"
                              " supprimez-le (il vient souvent d'un copier-coller)"),
    ('"Lecture\\x85 [x](https://e.invalid){onclick=alert(1)}"',
     "contient un caractère de contrôle invisible (U+0085, position 8) ; supprimez-le (il vient souvent d'un"
     " copier-coller)"),
    ('"Lecture \\u202Eelcatceps"', "contient un caractère de direction d'écriture, qui peut masquer ou inverser le"
                                   " texte affiché (U+202E, position 9) ; supprimez-le"
                                   " (il vient souvent d'un copier-coller)"),
    ('"Lecture\\n\\n=====\\n\\n    code"', "contient un saut de ligne (position 8) : ce champ tient sur une seule"
                                          " ligne ; pour l'écrire sur plusieurs lignes du fichier, utilisez >- (les"
                                          " lignes sont alors rejointes)"),
    ('"Lecture\\tspectacle"', "contient une tabulation (position 8) : ce champ tient sur une seule ligne ; pour"
                              " l'écrire sur plusieurs lignes du fichier, utilisez >- (les lignes sont alors"
                              " rejointes)"),
    ('"  Lecture spectacle"', "commence ou finit par une espace ; retirez-la"),
    ("“Lecture spectacle”", "est entouré de guillemets typographiques (“…”), qui seraient publiés avec le texte ;"
                            " écrivez-le entre guillemets droits : \"…\""),
    ('"' + "x" * 1001 + '"', "texte trop long (1001 caractères, 1000 au plus) ; vérifiez la saisie"),
])
def test_text_that_would_not_read_as_written_is_refused(data: Data, written: str, message: str) -> None:
    assert title_error(data, written) == [at_title(data, message)]


def test_a_markdown_field_keeps_its_line_breaks_but_not_control_characters(data: Data) -> None:
    data.edit("contract.yaml", "      La durée de ce contrat est de six ans.",
              "      La durée de ce contrat est de six ans.\n\n      - Une liste\n      - \x1b[31m")
    errors = data.errors()
    assert len(errors) == 1 and "(syntaxe YAML): caractère de contrôle invisible (U+001B)" in errors[0]


# --- 3. Addresses and totals ---------------------------------------------------------------------------

def test_reserved_or_colliding_addresses_are_refused(data: Data) -> None:
    data.edit("actions.yaml", "  - id: cite-crombez", "  - id: index")
    (data.dir / "communes.yaml").write_text(data.text("communes.yaml") + '  - slug: index\n    nom: "Index"\n',
                                            encoding="utf-8")
    data.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '    maitre_ouvrage: "Index"')
    errors = data.errors()
    assert errors == [
        f"{A}:{data.line('actions.yaml', 'Index')}: actions[friche-mecastamp].maitre_ouvrage: le maître d'ouvrage"
        " « Index » donnerait l'adresse /maitres-ouvrage/index/, qui remplacerait une page du site ; écrivez son"
        " nom en entier",
        f"{A}:{data.line('actions.yaml', '- id: index')}: actions[index].id: « index » donnerait l'adresse"
        " /actions/index/, qui remplacerait une page du site ; choisissez un autre identifiant",
        f"data/communes.yaml:{data.line('communes.yaml', 'slug: index')}: communes[index].slug: « index »"
        " donnerait l'adresse /communes/index/, qui remplacerait une page du site ; choisissez un autre identifiant",
    ]


def test_owner_names_that_count_twice_or_make_no_address(data: Data) -> None:
    data.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '    maitre_ouvrage: "GESPATRIM / GESPATRIM"')
    data.edit("actions.yaml", '    maitre_ouvrage: "CAHC"\n    titre: "Lecture', '    maitre_ouvrage: "!!!"\n    titre: "Lecture')
    errors = data.errors()
    assert errors == [
        f"{A}:{data.line('actions.yaml', 'GESPATRIM / GESPATRIM')}: actions[friche-mecastamp].maitre_ouvrage:"
        " « GESPATRIM » est nommé deux fois : l'action serait comptée deux fois pour ce maître d'ouvrage",
        f"{A}:{data.line('actions.yaml', '!!!')}: actions[lecture-spectacle].maitre_ouvrage: le maître d'ouvrage"
        " « !!! » ne contient aucune lettre ni aucun chiffre : il ne peut pas former d'adresse",
    ]


def test_two_spellings_of_one_owner_are_refused(data: Data) -> None:
    data.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '    maitre_ouvrage: "Gespatrim"')
    data.edit("actions.yaml", '    maitre_ouvrage: "CAHC"\n    titre: "Lecture', '    maitre_ouvrage: "GESPATRIM"\n    titre: "Lecture')
    first = data.line("actions.yaml", 'maitre_ouvrage: "Gespatrim"')
    second = data.line("actions.yaml", 'maitre_ouvrage: "GESPATRIM"')
    assert data.errors() == [
        f"{A}:{second}: actions[lecture-spectacle].maitre_ouvrage: « GESPATRIM » et « Gespatrim » ({A}:{first})"
        " donnent la même adresse /maitres-ouvrage/gespatrim/ ; écrivez ce maître d'ouvrage de la même façon"
        " partout"]


def test_a_value_twice_in_a_list_is_refused(data: Data) -> None:
    data.edit("actions.yaml", "      territoire: true\n      source: \"Description : « pour les médiathèques",
              "      communes:\n        - carvin\n        - carvin\n      source: \"Description : « pour les"
              " médiathèques")
    first, second = [i + 1 for i, line in enumerate(data.text("actions.yaml").split("\n")) if line == "        - carvin"]
    assert data.errors() == [
        f"{A}:{second}: actions[lecture-spectacle].localisation.communes: valeur « carvin » en double (déjà utilisé"
        f" en {A}:{first})"]


# --- 4. No traceback, sane bounds ---------------------------------------------------------------------

def test_amounts_and_ids_have_bounds(data: Data) -> None:
    data.edit("actions.yaml", '    cout_total: "18300.00"', f'    cout_total: "{"9" * 30}"')
    data.edit("actions.yaml", "  - id: cite-crombez", "  - id: " + "a" * 300)
    errors = data.errors()
    assert errors == [
        f"{A}:{data.line('actions.yaml', '- id: aaaa')}: actions[8].id: trop long (300 caractères, 80 au plus) :"
        " il forme une adresse web",
        f"{A}:{data.line('actions.yaml', '9' * 30)}: actions[lecture-spectacle].cout_total: « {'9' * 30} » dépasse"
        " 9 999 999 999,99 € ; vérifiez la saisie",
    ]


def test_an_unreadable_file_is_reported(data: Data, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.open

    def refused(path: str | Path, flags: int, *args: int) -> int:  # root reads whatever the rights: simulated
        if Path(path).name == "communes.yaml":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", refused)
    assert data.errors() == ["data/communes.yaml:1: (fichier): impossible de lire le fichier (permission refusée) ;"
                             " vérifiez ses droits"]


def test_deep_nesting_is_refused_not_a_crash(data: Data) -> None:
    data.edit("actions.yaml", TITLE, "    titre: " + "[" * 50000)
    assert data.errors() == [f"{A}:{data.line('actions.yaml', '[[[[')}: (syntaxe YAML): plus de 50 crochets ou"
                             " accolades imbriqués : imbrication trop profonde"]


# --- 5. All errors at once, dates and periods -------------------------------------------------------

def test_three_problems_three_messages_totals_included(data: Data) -> None:
    data.edit("actions.yaml", '    cout_total: "18300.00"', '    cout_total: "18301.00"')  # totals no longer match
    data.edit("indicators.yaml", "id: o4-esperance-vie", "id: O4 espérance")
    data.edit("contract.yaml", "  - numero: 13\n", "  - numero: 12\n")
    errors = data.errors()
    # The totals are checked although contract.yaml and indicators.yaml are wrong.
    assert [e.split(": ")[1] for e in errors] == [
        "totaux_publies.total.constats.cout_total", "totaux_publies.par_annee[0].constats.cout_total",
        "articles[12].numero", "orientations[3].groupes[3].indicateurs[0].id"]


@pytest.mark.parametrize("written, message", [
    ('"2022-2021"', "la période « 2022-2021 » est à l'envers ou vide ; écrivez \"2021-2022\""),
    ('"2030"', "« 2030 » est hors de la période 2021-2026 du contrat (article 1 : « la période contractuelle"
               " 2021-2026 ») ; vérifiez l'année"),
])
def test_launch_years_stay_in_the_contract_period(data: Data, written: str, message: str) -> None:
    data.edit("actions.yaml", '    annee_lancement: "2022"', f"    annee_lancement: {written}")
    n = data.line("actions.yaml", f"annee_lancement: {written}")
    assert f"{A}:{n}: actions[centre-gare-libercourt].annee_lancement: {message}" in data.errors()


def test_a_signature_after_today_is_refused(data: Data) -> None:
    later = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    data.edit("contract.yaml", '  date: "2021-12-13"', f'  date: "{later}"')
    assert data.errors() == [f"data/contract.yaml:{data.line('contract.yaml', later)}: signature.date: la date de"
                             f" signature ({later}) est postérieure à aujourd'hui"]


def test_two_measures_for_one_year_are_refused(data: Data) -> None:
    data.edit("indicators.yaml", "          - id: o4-taux-chomage\n",
              "          - id: o4-taux-chomage\n            mesures:\n"
              "              - {annee: \"2022\", valeur: \"18.1\"}\n              - {annee: \"2022\", valeur: \"18.2\"}\n")
    first = data.line("indicators.yaml", '"18.1"')
    assert data.errors() == [
        f"data/indicators.yaml:{first + 1}: orientations[3].groupes[0].indicateurs[o4-taux-chomage].mesures[1].annee:"
        f" mesure de l'année « 2022 » en double (déjà utilisé en data/indicators.yaml:{first})"]


def test_the_real_data_is_untouched_by_these_rules() -> None:
    from ..conftest import DATA
    assert len(load(DATA).actions) >= 24
