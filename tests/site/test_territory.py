"""The generator publishes any contract: a second, fictitious territory
(examples/autre-territoire: its own names, three actions) builds into a whole site that
says « Exemple fictif » on every page and names neither Hénin-Carvin nor the CAHC."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from crte.data.loader import load

from ..conftest import ROOT
from ..sitebuild import copy_project, page
from .conftest import built

OTHER = "examples/autre-territoire"
TEXT = {".html", ".json", ".csv", ".xml", ".yml", ".txt", ".js", ".css", ".md"}


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("autre") / "projet")
    shutil.copytree(ROOT / OTHER, project / OTHER)
    return built(project, tmp_path_factory.mktemp("autre-site") / "site", OTHER)


def test_the_example_is_another_territory() -> None:
    crte = load(ROOT / OTHER, OTHER)
    assert (crte.territoire.site, crte.territoire.part) == ("CRTE Val d'Exemple", "Part CCVE")
    assert len(crte.actions) == 3 and crte.exemple


def test_no_page_or_file_names_the_first_territory(other_site: Path) -> None:
    files = [p for p in other_site.rglob("*") if p.suffix in TEXT]
    assert len(files) > 40
    found = [f"{p.relative_to(other_site)}: {word}" for p in files for word in ("Hénin", "CAHC", "H\\u00e9nin")
             if word in p.read_text(encoding="utf-8")]
    assert found == []


def test_every_page_says_it_is_fictitious_and_names_its_territory(other_site: Path) -> None:
    pages = sorted(other_site.rglob("*.html"))
    assert [p for p in pages if "Exemple fictif" not in p.read_text(encoding="utf-8")] == []
    home = page(other_site, "")
    assert home.title.get_text() .endswith("CRTE Val d'Exemple")
    assert "Communauté de communes du Val d'Exemple" in home.select_one("article").get_text(" ")
    action = page(other_site, "actions/voie-verte-amont-aval/").get_text(" ")
    assert "Part CCVE" in action and "240 000,00" in action.replace("\u202f", " ")


GOLDEN = ROOT / "tests" / "golden" / "autre-territoire"
# The open data of the other territory, as published: CSV and JSON files, the package without its dates.
OPEN_DATA = ("actions.csv", "actions-signees.csv", "evolutions.csv", "indicateurs.csv", "communes.csv", "mesures.csv",
             "suivi.csv", "financements.csv", "projets-transition-ecologique.csv", "collectivites.csv", "actions.json",
             "indicateurs.json", "contrat.json", "datapackage.json")


def published(site: Path, name: str) -> str:
    text = (site / "donnees" / name).read_text(encoding="utf-8")
    if name == "datapackage.json":  # the build's and the data's dates change with every commit
        package = json.loads(text)
        package.pop("created", None)
        package.pop("modified", None)
        text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    return text


def test_its_open_data_is_the_golden_one(other_site: Path) -> None:
    # After an intended change of the outputs: CRTE_GOLDEN=write pytest tests/site/test_territory.py,
    # then review the diff of tests/golden/autre-territoire/ before committing it.
    if os.environ.get("CRTE_GOLDEN") == "write":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name in OPEN_DATA:
            (GOLDEN / name).write_text(published(other_site, name), encoding="utf-8")
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(OPEN_DATA)
    assert [n for n in OPEN_DATA if published(other_site, n) != (GOLDEN / n).read_text(encoding="utf-8")] == []
