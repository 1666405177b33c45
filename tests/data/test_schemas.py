"""The JSON Schemas that editors use (schemas/) and the field reference (CHAMPS.md)
are generated from the record declarations (`make schemas`), and the schemas
accept and refuse the same values as the loader.

Both are fed the same documents: a YAML file read by PyYAML (what an editor
sees, give or take YAML 1.1), edited as data, written back with PyYAML.
The loader also checks what a JSON Schema cannot see (references between
files, duplicates, totals): those cases are listed apart, and asserted as such.
"""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from crte.cli.schemas import write
from crte.data.errors import DataErrors
from crte.data.loader import load
from crte.data.model import FILES as FILE_SPECS, Action, Article, Indicator, Localisation

from ..conftest import DATA, ROOT, copy_signed

FILES = ("actions", "orientations", "indicators", "contract", "communes")
SCHEMAS = {name: json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")) for name in FILES}
DOCS = {name: yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")) for name in FILES}
DELETE = object()


def schema_errors(name: str, doc: Any) -> list[str]:
    validator = Draft202012Validator(SCHEMAS[name])
    return [e.message for e in validator.iter_errors(doc)]


def loader_errors(tmp: Path, name: str, doc: Any) -> list[str]:
    data = tmp / "data"
    if data.exists():
        shutil.rmtree(data)
    copy_signed(data)  # the signed layer: staff's decisions apply to it, not to this edit
    (data / f"{name}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        load(data)
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


def edited(name: str, path: tuple[Any, ...], value: Any) -> Any:
    doc = copy.deepcopy(DOCS[name])
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


def test_every_data_file_is_valid_for_its_schema() -> None:
    for name in FILES:
        Draft202012Validator.check_schema(SCHEMAS[name])
        assert schema_errors(name, DOCS[name]) == [], name


def test_every_data_file_names_its_schema_for_the_editor() -> None:
    for name in FILES:
        first = (DATA / f"{name}.yaml").read_text(encoding="utf-8").split("\n")[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"


# --- Generated, never written by hand ------------------------------------------------------------

def test_committed_schemas_and_reference_are_what_make_schemas_writes(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    for path in write(tmp_path):
        committed = ROOT / path.relative_to(tmp_path)
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{committed.relative_to(ROOT)} ne correspond plus aux déclarations : lancez `make schemas`")


def test_the_reference_lists_every_declared_field() -> None:
    reference = (ROOT / "CHAMPS.md").read_text(encoding="utf-8")
    for spec in FILE_SPECS:
        assert f"## `data/{spec.name}`" in reference
    for cls in (Action, Localisation, Indicator, Article):
        section = reference.split(f"### {cls.__name__}\n", 1)[1].split("\n### ", 1)[0]
        rows = [line.split("|")[1].strip(" `") for line in section.splitlines() if line.startswith("| `")]
        assert rows == [*cls.model_fields, *cls.model_computed_fields]


# --- Same verdicts ------------------------------------------------------------------------------

BOTH_REFUSE = [
    ("actions", ("actions", 0, "cout_total"), "49 600 €"),
    ("actions", ("actions", 0, "cout_total"), "49600.001"),
    ("actions", ("actions", 0, "cout_total"), "-1.00"),
    ("actions", ("actions", 0, "cout_total"), 49600.0),
    ("actions", ("actions", 0, "cout_total"), 49600),
    ("actions", ("actions", 0, "part_cahc"), "neuf mille"),
    ("actions", ("actions", 0, "chantier"), "5"),
    ("actions", ("actions", 0, "chantier"), 5.5),
    ("actions", ("actions", 0, "chantier"), 0),
    ("actions", ("actions", 0, "fiche"), 5.4),
    ("actions", ("actions", 0, "fiche"), "5"),
    ("actions", ("actions", 0, "annee_lancement"), 2021),
    ("actions", ("actions", 0, "annee_lancement"), "2021/22"),
    ("actions", ("actions", 0, "titre"), False),
    ("actions", ("actions", 0, "titre"), 83),
    ("actions", ("actions", 0, "titre"), ["Mise en oeuvre"]),
    ("actions", ("actions", 0, "titre"), ""),
    ("actions", ("actions", 0, "titre"), "Projet <script>alert(1)</script>"),
    ("actions", ("actions", 0, "description"), "Voir [ici](javascript:alert(1))"),
    ("actions", ("actions", 0, "id"), "Projet Alimentaire"),
    ("actions", ("actions", 0, "indicateurs"), "o1-nombre-producteurs-locaux"),
    ("actions", ("actions", 0, "titre"), DELETE),
    ("actions", ("actions", 0, "commune"), "Oignies"),
    ("actions", ("actions", 0, "constats", "orientations"), "faute de frappe"),
    ("actions", ("totaux_publies", "total", "constats", "cout_total", "ecart"), 0.25),
    ("actions", ("totaux_publies", "total", "constats", "cout_total", "explication"), DELETE),
    ("actions", ("totaux_publies", "par_annee", 0, "annee"), 2021),
    ("orientations", ("orientations", 1, "chantiers", 0, "fiches", 0, "numero"), 6.5),
    ("orientations", ("orientations", 1, "numero"), "2"),
    ("orientations", ("orientations", 1, "chantiers", 0, "orientation_source"), DELETE),
    ("indicators", ("orientations", 0, "groupes", 0, "indicateurs", 0, "id"), "O1 données"),
    ("indicators", ("orientations", 0, "groupes", 0, "indicateurs", 0, "mesures"), [{"annee": "2022", "valeur": 12.5}]),
    ("indicators", ("orientations", 0, "groupes", 0, "indicateurs", 0, "cible"), {"annee": "2026"}),
    ("contract", ("signature", "date"), __import__("datetime").date(2021, 12, 13)),
    ("contract", ("annexes", 0, "publiee"), "oui"),
    ("contract", ("articles", 2, "insertion"), "annexes"),
    ("contract", ("articles", 0, "numero"), "1"),
    ("contract", ("parties", 0, "id"), "CAHC"),
    ("communes", ("communes", 0, "slug"), "Bois-Bernard"),
    ("actions", ("actions", 7, "localisation", "source"), DELETE),
    ("actions", ("actions", 7, "localisation"), {"source": "rien"}),
    ("actions", ("actions", 7, "anciens_ids"), ["Cité Declercq"]),
    # Text that would not read as written, and bounds (tests/data/test_hardening.py has the messages).
    ("actions", ("actions", 0, "titre"), "Lecture\x07spectacle"),
    ("actions", ("actions", 0, "titre"), "Lecture \u202espectacle"),
    ("actions", ("actions", 0, "titre"), "Lecture\n\n=====\n\n    code"),
    ("actions", ("actions", 0, "titre"), "“Lecture spectacle”"),
    ("actions", ("actions", 0, "titre"), " Lecture spectacle"),
    ("actions", ("actions", 0, "titre"), "x" * 1001),
    ("actions", ("actions", 0, "id"), "a" * 300),
    ("actions", ("actions", 0, "cout_total"), "9" * 30),
    ("contract", ("articles", 9, "texte"), "Texte\x1b[31m rouge"),
    # A reserved name, wherever an identifier forms an address (names.py): the editor warns too.
    ("actions", ("actions", 8, "id"), "index"),
    ("actions", ("actions", 7, "anciens_ids"), ["carte"]),
    ("communes", ("communes", 0, "slug"), "404"),
    ("indicators", ("orientations", 0, "groupes", 0, "indicateurs", 0, "id"), "index"),
]

BOTH_ACCEPT = [
    ("actions", ("actions", 0, "titre"), "Mise en œuvre du Projet Alimentaire Territorial"),
    ("actions", ("actions", 0, "indicateurs"), ["o1-nombre-producteurs-locaux"]),
    ("actions", ("actions", 0, "description"), "Texte en **Markdown**, avec un [lien](https://example.org/)."),
    ("indicators", ("orientations", 0, "groupes", 0, "indicateurs", 0, "unite"), "entreprises"),
    ("indicators", ("orientations", 0, "groupes", 0, "indicateurs", 0, "mesures"),
     [{"annee": "2022", "valeur": "12.5"}, {"annee": "2023", "valeur": "-3"}]),
    ("indicators", ("orientations", 0, "groupes", 0, "indicateurs", 0, "valeur_reference"),
     {"annee": "2021", "valeur": "1200"}),
    ("actions", ("actions", 7, "anciens_ids"), ["cite-declercq-oignies"]),
    ("actions", ("actions", 22, "localisation"), {"territoire": True, "source": "Bâtiments communautaires."}),
]

# What a JSON Schema cannot see: checks across records and files. The loader refuses.
LOADER_ONLY = [
    ("actions", ("actions", 1, "id"), "projet-alimentaire-territorial"),  # duplicate id
    ("actions", ("actions", 0, "chantier"), 99),  # unknown chantier
    ("actions", ("actions", 0, "part_cahc"), "49600.01"),  # share above cost
    ("actions", ("actions", 20, "fiche"), "14.3"),  # fiche of another chantier, unexplained
    ("actions", ("actions", 0, "cout_total"), "49600.50"),  # printed totals no longer reconcile
    ("indicators", ("orientations", 0, "orientation"), 9),  # unknown orientation
    ("actions", ("actions", 7, "anciens_ids"), ["cite-crombez"]),  # former id taken by another action
    ("actions", ("actions", 7, "localisation", "communes"), ["wahagnies"]),  # not one of the 14 communes
    ("actions", ("actions", 3, "annee_lancement"), "2022-2021"),  # a period backwards
    ("actions", ("actions", 3, "annee_lancement"), "2030"),  # outside the contract's period
    ("actions", ("actions", 5, "maitre_ouvrage"), "GESPATRIM / GESPATRIM"),  # counted twice
    ("actions", ("actions", 7, "localisation", "communes"), ["oignies", "oignies"]),  # counted twice
]


def _id(path: tuple[Any, ...], value: Any) -> str:
    # Stable ids (pytest-xdist's workers must collect the same names): DELETE has no stable repr.
    return f"{'.'.join(map(str, path))}={'(supprimé)' if value is DELETE else repr(value)}"[:60]


@pytest.mark.parametrize("name, path, value", BOTH_REFUSE, ids=[_id(p, v) for _, p, v in BOTH_REFUSE])
def test_both_refuse(tmp_path: Path, name: str, path: tuple[Any, ...], value: Any) -> None:
    doc = edited(name, path, value)
    assert schema_errors(name, doc)
    assert loader_errors(tmp_path, name, doc)


@pytest.mark.parametrize("name, path, value", BOTH_ACCEPT, ids=[".".join(map(str, p)) for _, p, v in BOTH_ACCEPT])
def test_both_accept(tmp_path: Path, name: str, path: tuple[Any, ...], value: Any) -> None:
    doc = edited(name, path, value)
    assert schema_errors(name, doc) == []
    assert loader_errors(tmp_path, name, doc) == []


@pytest.mark.parametrize("name, path, value", LOADER_ONLY, ids=[".".join(map(str, p)) for _, p, v in LOADER_ONLY])
def test_checks_across_records_are_the_loaders_alone(tmp_path: Path, name: str, path: tuple[Any, ...],
                                                     value: Any) -> None:
    doc = edited(name, path, value)
    assert schema_errors(name, doc) == []
    assert loader_errors(tmp_path, name, doc)
