"""/donnees/communes.csv: the actions by commune, computed on the fictitious example
(its decisions move actions between communes) and checked against the example's YAML."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import yaml

from crte.data.loader import load

from .conftest import EXAMPLE, SITE_URL


def test_one_row_per_commune_with_its_actions_in_force(example_site: Path, example_project: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((example_site / "donnees" / "communes.csv").read_text("utf-8"))))
    communes = yaml.safe_load((example_project / EXAMPLE / "communes.yaml").read_text("utf-8"))["communes"]
    assert [r["commune"] for r in rows] == [c["slug"] for c in communes]
    assert rows[0]["url"] == f"{SITE_URL}communes/{communes[0]['slug']}/"
    # The figures, computed here from the example's programme in force: the actions located in each commune.
    crte = load(example_project / EXAMPLE, EXAMPLE).current.crte
    for r in rows:
        located = [a for a in crte.actions if a.localisation and r["commune"] in a.localisation.communes]
        given = [a.part_cahc for a in located if a.part_cahc is not None]
        assert int(r["actions"]) == len(located), r["commune"]
        assert Decimal(r["cout_total"]) == sum((a.cout_total for a in located), Decimal(0)), r["commune"]
        assert r["part_cahc"] == (f"{sum(given, Decimal(0)):.2f}" if given else ""), r["commune"]  # unknown: empty
        assert int(r["actions_sans_part"]) == len(located) - len(given), r["commune"]
    assert any(int(r["actions"]) for r in rows) and any(r["actions"] == "0" for r in rows)


def test_the_data_package_describes_it(example_site: Path) -> None:
    package = json.loads((example_site / "donnees" / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "communes.csv")
    assert [f["name"] for f in resource["schema"]["fields"]] == ["commune", "nom", "url", "actions", "cout_total",
                                                                "part_cahc", "actions_sans_part"]
    assert resource["schema"]["primaryKey"] == "commune"
