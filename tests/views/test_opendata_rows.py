"""/donnees/ says how many rows each file has without making it (its rows are made with the
file, after the pages under serve: crte/outputs/opendata.py): the count it says is the
count the file has, for the real data and for the example (which abandons an action)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from crte.data.loader import load
from crte.outputs.opendata import files
from crte.views.views import Views

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("folder", ["data", "examples/contrat-vivant"])
def test_the_rows_said_are_the_rows_written(folder: str) -> None:
    views = Views(load(ROOT / folder, folder))
    checked = 0
    for f in files(views, "https://crte.exemple.fr/"):
        if f.rows is None:
            continue
        if f.name.endswith(".csv"):
            body = f.content.decode("utf-8").removeprefix("\ufeff")
            written = len(list(csv.DictReader(io.StringIO(body))))
        elif f.name.endswith(".json"):
            data = json.loads(f.content)
            written = len(data.get("actions", [])) or sum(len(g["indicateurs"]) for b in data.get("orientations", [])
                                                          for g in b.get("groupes", [])) or len(data)
        else:  # the spreadsheet: its sheet of the actions in force
            written = len(views.crte.actions)
        assert f.rows == written, f.name
        checked += 1
    assert checked >= 8
