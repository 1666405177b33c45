"""Names that become addresses (crte/data/names.py): one list of reserved names and
one rule, with one message, for every kind of record whose identifier forms an
address, in the signed files and in the layers added after the signature; one
name per funder, as one spelling per project owner. The same edits go through
`make check` and `make build` in test_catalogue.py."""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from crte.data.names import FOLDERS, RESERVED

from ..conftest import DATA, ROOT
from .test_loader_errors import Data

ADDED = (ROOT / "tests" / "data" / "added-action.yaml").read_text(encoding="utf-8")
DECISION = ('date: "2022-06-14"\ninstance: "comité de pilotage"\nobjet: "Essai."\nsource:\n'
            '  titre: "Relevé de décisions"\nchangements:\n  - {}\n')
NEW_INDICATOR = ('ajouter_indicateur:\n      orientation: 2\n      indicateur:\n        id: ID\n'
                 '        libelle: "Indicateur ajouté pour un test"\n')


class Copy(Data):
    """A copy of the signed data with the funders' referential and a decisions folder."""

    def __init__(self, root: Path):
        super().__init__(root)
        (self.dir / "suivi").mkdir()
        (self.dir / "decisions").mkdir()
        shutil.copy(DATA / "suivi" / "financeurs.yaml", self.dir / "suivi" / "financeurs.yaml")

    def write(self, name: str, text: str) -> None:
        (self.dir / name).write_text(text, encoding="utf-8")


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    return Copy(tmp_path)


def commune(c: Copy, name: str) -> None:
    c.write("communes.yaml", c.text("communes.yaml") + f'  - slug: {name}\n    nom: "Commune {name}"\n')


def funder(c: Copy, name: str) -> None:
    c.edit("suivi/financeurs.yaml", "  - slug: ademe\n", f'  - slug: {name}\n    nom: "Financeur {name}"\n'
                                                         '    groupe: "Autre"\n  - slug: ademe\n')


# (what is edited, how, the file and line the message names, its field, the folder of the address)
KINDS: list[tuple[str, Callable[[Copy, str], None], str, str, str, str]] = [
    ("action", lambda c, n: c.edit("actions.yaml", "  - id: cite-crombez", f"  - id: {n}"),
     "actions.yaml", "- id: {}", "actions[{}].id", "actions"),
    ("ancien-id", lambda c, n: c.edit("actions.yaml", "  - id: cite-crombez\n",
                                      f"  - id: cite-crombez\n    anciens_ids:\n      - {n}\n"),
     "actions.yaml", "      - {}", "actions[cite-crombez].anciens_ids[0]", "actions"),
    ("commune", commune, "communes.yaml", "slug: {}", "communes[{}].slug", "communes"),
    ("indicateur", lambda c, n: c.edit("indicators.yaml", "id: o4-taux-chomage", f"id: {n}"),
     "indicators.yaml", "id: {}", "orientations[3].groupes[0].indicateurs[{}].id", "indicateurs"),
    ("financeur", funder, "suivi/financeurs.yaml", "slug: {}", "financeurs[{}].slug", "financeurs"),
    ("decision", lambda c, n: c.write(f"decisions/{n}.yaml", DECISION.format(
        'abandonner_action:\n      action: cite-darcy\n      motif: "x"')),
     "decisions/{}.yaml", "", "(fichier)", "evolutions"),
    ("action-ajoutee", lambda c, n: c.write("decisions/2022-06-14-a.yaml", DECISION.format(ADDED.replace("ID", n))),
     "decisions/2022-06-14-a.yaml", "id: {}", "changements[0].ajouter_action.id", "actions"),
    ("indicateur-ajoute", lambda c, n: c.write("decisions/2022-06-14-a.yaml",
                                               DECISION.format(NEW_INDICATOR.replace("ID", n))),
     "decisions/2022-06-14-a.yaml", "id: {}", "changements[0].ajouter_indicateur.indicateur.id", "indicateurs"),
]


@pytest.mark.parametrize("name", ["index", "carte"])
@pytest.mark.parametrize("kind, edit, file, at, field, folder", KINDS, ids=[k[0] for k in KINDS])
def test_a_reserved_name_is_refused_wherever_it_forms_an_address(
        copy: Copy, name: str, kind: str, edit: Callable[[Copy, str], None], file: str, at: str, field: str,
        folder: str) -> None:
    edit(copy, name)
    file = file.format(name)
    line = copy.line(file, at.format(name)) if at else 1
    assert copy.errors() == [f"data/{file}:{line}: {field.format(name)}: « {name} » donnerait l'adresse"
                             f" /{folder}/{name}/, qui remplacerait une page du site ; choisissez un autre identifiant"]


def test_an_owner_takes_the_same_rule_in_the_annex_and_in_a_decision(tmp_path: Path) -> None:
    message = ("le maître d'ouvrage « {} » donnerait l'adresse /maitres-ouvrage/{}/, qui remplacerait une page du"
               " site ; écrivez son nom en entier")
    annex, decided = Copy(tmp_path / "annexe"), Copy(tmp_path / "decision")
    annex.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '    maitre_ouvrage: "Carte"')
    assert annex.errors() == [f"data/actions.yaml:{annex.line('actions.yaml', 'Carte')}: actions[friche-mecastamp]"
                              ".maitre_ouvrage: " + message.format("Carte", "carte")]
    f = "decisions/2022-06-14-a.yaml"
    decided.write(f, DECISION.format(ADDED.replace("ID", "nouvelle").replace('maitre_ouvrage: "CAHC"',
                                                                             'maitre_ouvrage: "CAHC / Index"')))
    assert decided.errors() == [f"data/{f}:{decided.line(f, 'Index')}: changements[0].ajouter_action.maitre_ouvrage: "
                                + message.format("Index", "index")]


def test_an_owner_name_too_long_for_an_address_is_refused(copy: Copy) -> None:
    name = "Syndicat " + "intercommunal " * 6
    copy.edit("actions.yaml", '    maitre_ouvrage: "GESPATRIM"', f'    maitre_ouvrage: "{name.strip()}"')
    assert copy.errors() == [f"data/actions.yaml:{copy.line('actions.yaml', 'Syndicat')}: actions[friche-mecastamp]"
                             f".maitre_ouvrage: le maître d'ouvrage « {name.strip()} » donnerait une adresse trop"
                             " longue (92 caractères, 80 au plus)"]


def test_one_funder_has_one_slug_and_one_name(copy: Copy) -> None:
    f = "suivi/financeurs.yaml"
    copy.edit(f, "  - slug: ademe\n", '  - slug: etat-bis\n    nom: "Etat"\n    groupe: "État"\n'
                                      '  - slug: feder\n    nom: "FEDER"\n    groupe: "Europe"\n  - slug: ademe\n')
    second, first = copy.line(f, 'nom: "Etat"'), copy.line(f, 'nom: "État"')
    twice, once = copy.line(f, 'nom: "FEDER"') - 1, copy.line(f, "slug: feder")
    assert copy.errors() == [
        f"data/{f}:{second}: financeurs[etat-bis].nom: « Etat » et « État » (data/{f}:{first}) nomment le même"
        " financeur sous deux identifiants (etat et etat-bis) ; gardez-en un seul et renvoyez-y les lignes de"
        " financement",
        f"data/{f}:{twice}: financeurs[feder].slug: financeur « feder » en double (déjà utilisé en data/{f}:{once})",
    ]


def test_every_folder_and_reserved_name_is_where_staff_read_them() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    listed = re.search(r"Quelques noms sont réservés aux pages du site\s+\(([^)]*)\)", guide)
    assert listed is not None
    assert set(re.findall(r"`([^`]+)`", listed[1])) == RESERVED
    for folder in FOLDERS:
        assert f"`/{folder}/<" in guide, folder
