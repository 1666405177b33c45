"""The SGPE levers (issue 24): part of the tracking (the living layer), dated and sourced,
chosen among the shipped national list; refused with the closest lever; shown on the
action page, counted on /suivi/, exported in the national format, offered by the editor."""
from __future__ import annotations

import csv
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from crte.data.errors import DataErrors
from crte.data.levers import FILE, LEVERS
from crte.data.loader import load
from crte.outputs import edition, national
from crte.views.views import Views

from ..conftest import FUNDERS, ROOT, copy_signed
from ..sitebuild import page, text
from .conftest import EXAMPLE, SITE_URL

CYCLE = "piste-cyclable-rouvroy-drocourt"  # the example gives it one lever
HEATING = "chauffage-biomasse-siege"  # and this one two


def tracked(tmp_path: Path, levers: str) -> Path:
    data = copy_signed(tmp_path / "data")
    (data / "suivi" / "actions").mkdir(parents=True)
    shutil.copy(FUNDERS, data / "suivi" / "financeurs.yaml")
    (data / "suivi" / "actions" / "voie-albert-carre.yaml").write_text(
        'etapes:\n  - date: "2022-03-10"\n    source: "Comité technique"\n    statut: "engagée"\n'
        f'leviers:\n  date: "2022-03-10"\n  source: "Comité technique du 10 mars 2022"\n  leviers:\n{levers}',
        encoding="utf-8")
    return data


def test_the_shipped_list_is_the_national_one() -> None:
    with FILE.open(encoding="utf-8", newline="") as f:
        assert list(LEVERS) == [row["levier"] for row in csv.DictReader(f)]
    assert len(LEVERS) == len(set(LEVERS)) == 50
    assert LEVERS[0] == "Gestion des forêts et produits bois" and LEVERS[-1] == "SAF"


def test_an_unknown_lever_is_refused_at_its_line_with_the_closest_one(tmp_path: Path) -> None:
    data = tracked(tmp_path, '    - "velo"\n    - "Réduction des déplacements"\n    - "Licornes"\n')
    with pytest.raises(DataErrors) as exc:
        load(data)
    possible = ", ".join(LEVERS)
    assert possible.startswith("Gestion des forêts et produits bois, Changements de pratiques de fertilisation azotée, ")
    assert [str(e) for e in exc.value.errors] == [
        f"data/suivi/actions/voie-albert-carre.yaml:9: leviers.leviers[0]: « velo » : levier inconnu ; vouliez-vous "
        f"dire « Vélo » ? Leviers possibles : {possible}",
        f"data/suivi/actions/voie-albert-carre.yaml:11: leviers.leviers[2]: « Licornes » : levier inconnu ; leviers "
        f"possibles : {possible}",
    ]


def test_levers_need_a_date_and_a_source(tmp_path: Path) -> None:
    data = tracked(tmp_path, '    - "Vélo"\n')
    path = data / "suivi" / "actions" / "voie-albert-carre.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('  source: "Comité technique du 10 mars 2022"\n', ""),
                    encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load(data)
    assert [str(e).split(": ", 2)[:2] for e in exc.value.errors] == [
        ["data/suivi/actions/voie-albert-carre.yaml:6", "leviers.source"]]


def test_the_guide_s_record_of_levers_is_counted_and_exported(tmp_path: Path) -> None:
    # The block CONTRIBUTING.md shows, appended to a tracking file.
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = guide.split("# data/suivi/actions/voie-albert-carre.yaml (à la suite des étapes et des financements)\n",
                        1)[1].split("```", 1)[0]
    data = tracked(tmp_path, '    - "Vélo"\n')
    path = data / "suivi" / "actions" / "voie-albert-carre.yaml"
    path.write_text(path.read_text(encoding="utf-8").split("leviers:\n", 1)[0] + block, encoding="utf-8")
    views = Views(load(data))
    rows = {r.levier: (len(r.actions), r.prevu) for r in views.suivi.levers()}
    cost = views.state.actions["voie-albert-carre"].cout_total
    assert list(rows) == ["Fret décarboné et multimodalité", "Réduction des déplacements"]  # the list's order
    assert set(rows.values()) == {(1, cost)}
    assert len(views.suivi.without_lever()) == len(views.crte.actions) - 1
    row = next(r for r in national.project_rows(views, SITE_URL)
               if r["id"] == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SITE_URL}actions/voie-albert-carre/")))
    assert json.loads(row["leviers"]) == ["Fret décarboné et multimodalité", "Réduction des déplacements"]


def test_the_example_s_pages_show_and_count_the_levers(example_site: Path) -> None:
    action = text(page(example_site, f"actions/{CYCLE}/"))
    assert ("Leviers de la planification écologique (SGPE) Réduction des déplacements (retenus le "
            "1er février 2023 , Comité technique du 2023-02-01 (exemple fictif))") in action
    assert ("(SGPE) Réseaux de chaleur décarbonés, Sobriété des bâtiments (tertiaire) (retenus le 1er décembre "
            "2022") in text(page(example_site, f"actions/{HEATING}/"))
    assert "aucun levier retenu" in text(page(example_site, "actions/voie-albert-carre/"))
    board = page(example_site, "suivi/")
    table = board.select_one("#tableau-leviers")
    assert table is not None
    cells = [[text(c) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    assert [c[0] for c in cells] == ["Rénovation (hors changement chaudières)", "Sobriété des bâtiments (tertiaire)",
                                     "Réseaux de chaleur décarbonés", "Réduction des déplacements"]
    assert cells[-1][1:] == ["1", "850 000,00 €"]
    assert "22 actions en vigueur n'ont pas de levier retenu" in " ".join(text(board).split())
    with (example_site / "donnees" / national.PROJECTS_FILE).open(encoding="utf-8", newline="") as f:
        exported = {r["id"]: r["leviers"] for r in csv.DictReader(f)}
    assert json.loads(exported[str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SITE_URL}actions/{HEATING}/"))]) == [
        "Réseaux de chaleur décarbonés", "Sobriété des bâtiments (tertiaire)"]


def test_the_editor_offers_the_levers_as_a_list_of_choices() -> None:
    views = Views(load(ROOT / EXAMPLE, EXAMPLE))
    cfg: dict[str, Any] = yaml.safe_load(edition.config_text(edition.config(views, EXAMPLE, SITE_URL, "https://github.com/cahc/crte-henin-carvin/edit/main/", {})))
    form = {c["name"]: c for c in cfg["collections"]}["suivi-action"]["fields"]
    block = {f["name"]: f for f in form}["leviers"]
    assert block["required"] is False
    levers = {f["name"]: f for f in block["fields"]}["leviers"]
    assert (levers["widget"], levers["multiple"], levers["options"]) == ("select", True, list(LEVERS))
