"""The national exchange formats (issue 24): /donnees/projets-transition-ecologique.csv and
collectivites.csv, valid against their Table Schemas on the real site and the example,
the mapping of each status, the ids, the budget's rounding, the optional SIRET and INSEE
fields refused at their line when malformed."""
from __future__ import annotations

import csv
import json
import re
import uuid
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest

from crte.data.errors import DataErrors
from crte.data.loader import load
from crte.outputs import national
from crte.views.views import Views

from ..conftest import copy_signed
from .conftest import SITE_URL

# The fields of the national schemas, in their order (../shared/reference/projets-transition-ecologique.md).
PROJECT_FIELDS = ["id", "createdAt", "updatedAt", "nom", "description", "budgetPrevisionnel",
                  "dateDebutPrevisionnelle", "phase", "phaseStatut", "programme", "porteurCodeSiret",
                  "porteurReferentEmail", "porteurReferentTelephone", "porteurReferentPrenom", "porteurReferentNom",
                  "porteurReferentFonction", "competences", "leviers", "mecId", "tetId", "recocoId", "collectiviteIds"]
COLLECTIVITE_FIELDS = ["id", "nom", "type", "codeInsee", "codeDepartements", "codeRegions", "codeEpci", "siren",
                       "createdAt", "updatedAt"]


def rows(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "donnees" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def resource(site: Path, name: str) -> frictionless.Resource:
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor = next(r for r in package["resources"] if r["path"] == name)
    return frictionless.Resource(descriptor, basepath=str(site / "donnees"))


@pytest.mark.parametrize("which", ["site", "example_site"])
def test_both_files_follow_the_national_fields_and_validate(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    for name, fields in ((national.PROJECTS_FILE, PROJECT_FIELDS), (national.COLLECTIVITES_FILE, COLLECTIVITE_FIELDS)):
        res = resource(site, name)
        assert [f["name"] for f in res.schema.to_descriptor()["fields"]] == fields
        with (site / "donnees" / name).open(encoding="utf-8") as f:
            assert f.readline().strip() == ",".join(fields)
        report = frictionless.validate(res)
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        assert res.to_descriptor()["sources"][0]["path"] == national.SOURCE
    projects = rows(site, national.PROJECTS_FILE)
    assert projects and all(r["programme"] == "CRTE" for r in projects)
    # The moments as the published national schema's own pattern reads them (a string, not a Table Schema datetime).
    moment = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
    for r in (*projects, *rows(site, national.COLLECTIVITES_FILE)):
        assert moment.match(r["createdAt"]) and moment.match(r["updatedAt"]), r
    assert len({r["id"] for r in projects}) == len(projects)
    communes = {r["id"] for r in rows(site, national.COLLECTIVITES_FILE)}
    assert all(set(json.loads(r["collectiviteIds"])) <= communes for r in projects)


def test_each_status_gives_its_phase_and_the_ids_come_from_the_permanent_address(example_site: Path) -> None:
    by_id = {r["id"]: r for r in rows(example_site, national.PROJECTS_FILE)}

    def row(action: str) -> dict[str, str]:
        return by_id[str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SITE_URL}actions/{action}/"))]

    # The example's tracking: the last status of each action named here.
    assert [(row(a)["phase"], row(a)["phaseStatut"]) for a in (
        "salle-des-sports-dourges",  # à l'étude
        "chauffage-biomasse-siege",  # engagée
        "cite-crombez",  # en cours
        "etude-opah-ru",  # réalisée
        "lecture-spectacle",  # abandoned by the decision of 22 November 2022
        "cite-la-parisienne",  # no tracking published
    )] == [("Étude", "En cours"), ("Opération", "En cours"), ("Opération", "En cours"), ("Opération", "Terminé"),
           ("", "Abandonné"), ("", "")]
    added = row("salle-des-sports-dourges")  # added by the decision of 19 September 2023
    assert (added["createdAt"], added["budgetPrevisionnel"]) == ("2023-09-19T00:00:00Z", "1200000")
    assert row("voie-albert-carre")["updatedAt"] == "2024-11-20T00:00:00Z"  # its last tracking step
    dourges = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SITE_URL}communes/dourges/"))
    epci = str(uuid.uuid5(uuid.NAMESPACE_URL, SITE_URL))
    assert json.loads(added["collectiviteIds"]) == [dourges, epci]
    collectivites = {r["id"]: r for r in rows(example_site, national.COLLECTIVITES_FILE)}
    assert (collectivites[dourges]["nom"], collectivites[dourges]["type"]) == ("Dourges", "Commune")
    assert collectivites[epci]["type"] == "EPCI"
    # In force first, then abandoned; the abandoned one last.
    assert list(by_id)[-1] == row("lecture-spectacle")["id"]


def test_the_budget_is_the_nearest_euro_a_half_rounded_up() -> None:
    assert [national.budget(Decimal(v)) for v in ("49600.49", "49600.50", "49600.00", "0.50")] == [
        49600, 49601, 49600, 1]


def test_the_open_data_page_prints_the_mapping(example_site: Path) -> None:
    html = (example_site / "donnees" / "index.html").read_text(encoding="utf-8")
    assert "Au format national des projets de transition écologique" in html
    assert "<th scope=\"row\">aucun suivi publié</th>" in html and "Abandonné" in html
    assert national.PROJECTS_VERSION in html


@pytest.mark.parametrize("file, old, new, message", [
    ("communes.yaml", '    nom: "Carvin"\n', '    nom: "Carvin"\n    code_insee: "6221"\n',
     "data/communes.yaml:{line}: communes[carvin].code_insee: « 6221 » n'a pas la forme attendue : le code INSEE de la "
     "commune, 5 caractères entre guillemets, ex. \"62427\""),
    ("communes.yaml", '    nom: "Carvin"\n', '    nom: "Carvin"\n    code_insee: 62215\n',
     "data/communes.yaml:{line}: communes[carvin].code_insee: « 62215 » est lu par YAML comme le nombre 62215, pas "
     "comme un texte ; écrivez-le entre guillemets : \"62215\""),
    ("territoire.yaml", 'sigle: "CAHC"\n', 'sigle: "CAHC"\nsiren: "2000 0000 0"\n',
     "data/territoire.yaml:{line}: siren: « 2000 0000 0 » n'a pas la forme attendue : 9 chiffres entre guillemets, sans "
     "espace, ex. \"200000000\""),
])
def test_a_malformed_identifier_is_refused_at_its_line(tmp_path: Path, file: str, old: str, new: str,
                                                        message: str) -> None:
    data = copy_signed(tmp_path / "data")
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.unlink()  # a copy, not the link to data/
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if "code_insee" in ln or "siren" in ln)
    with pytest.raises(DataErrors) as exc:
        load(data)
    # The mistake, once, at its line; a record that depends on the refused one says so, not more.
    errors = [str(e) for e in exc.value.errors if f"dépend de data/{file}:" not in str(e)]
    assert len(errors) == 1, errors
    assert errors == [message.format(line=line)]


def test_a_well_formed_identifier_is_published(tmp_path: Path) -> None:
    data = copy_signed(tmp_path / "data")
    for file, old, new in (("communes.yaml", '    nom: "Carvin"\n', '    nom: "Carvin"\n    code_insee: "62215"\n'),
                           ("territoire.yaml", 'sigle: "CAHC"\n', 'sigle: "CAHC"\nsiren: "200000000"\n')):
        text = (data / file).read_text(encoding="utf-8")
        (data / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    views = Views(load(data))
    out = {r["nom"]: r for r in national.collectivite_rows(views, SITE_URL)}
    assert out["Carvin"]["codeInsee"] == "62215"
    assert (out[views.territory.nom]["codeEpci"], out[views.territory.nom]["siren"]) == ("200000000", "200000000")


def test_the_tracking_s_siret_and_platform_ids_are_exported_and_a_bad_siret_refused(tmp_path: Path) -> None:
    import shutil

    from ..conftest import FUNDERS
    data = copy_signed(tmp_path / "data")
    (data / "suivi" / "actions").mkdir(parents=True)
    shutil.copy(FUNDERS, data / "suivi" / "financeurs.yaml")
    path = data / "suivi" / "actions" / "voie-albert-carre.yaml"
    record = ('siret_maitre_ouvrage: "{siret}"\nidentifiants:\n  territoires_en_transition: "4512"\n'
              '  recoco: "projet-77"\n')
    path.write_text(record.format(siret="12345678901234"), encoding="utf-8")
    views = Views(load(data))
    row = next(r for r in national.project_rows(views, SITE_URL)
               if r["id"] == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SITE_URL}actions/voie-albert-carre/")))
    assert (row["porteurCodeSiret"], row["tetId"], row["recocoId"], row["mecId"]) == (
        "12345678901234", "4512", "projet-77", "")
    path.write_text(record.format(siret="200 041 360 00010"), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load(data)
    assert [str(e) for e in exc.value.errors] == [
        "data/suivi/actions/voie-albert-carre.yaml:1: siret_maitre_ouvrage: « 200 041 360 00010 » n'a pas la forme "
        "attendue : 14 chiffres entre guillemets, sans espace, ex. \"20000000000000\""]
