"""Open data that opens: JSON with JSON's types, CSV for programs, a spreadsheet for
people (human headers, a « Champs » sheet, filters), a datapackage.json that
describes every file with its dates, and the day the data last changed on every page.

`dated_site` is built outside git with SOURCE_DATE_EPOCH, as `make build` does for
a copy: both dates are that moment. The dates from git are checked on the module
that computes them (crte/dates.py) and on the real checkout (test_partners.py).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import frictionless
import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from crte.data.loader import load
from crte.data.model import Crte
from crte.dates import dates_for
from crte.outputs import spreadsheet
from crte.outputs.columns import ACTION_COLUMNS, EVOLUTION_COLUMNS, INDICATOR_COLUMNS
from crte.outputs.measures_data import MEASURE_COLUMNS
from crte.outputs.tracking_data import FINANCING_COLUMNS, SUIVI_COLUMNS
from crte.views.views import Views

from ..conftest import ROOT, copy_signed
from ..sitebuild import build, copy_project, page, soup

EPOCH = "1639353600"  # 2021-12-13T00:00:00Z
DAY = "13 décembre 2021"


@pytest.fixture(scope="session")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("date") / "site"
    result = build(copy_project(tmp_path_factory.mktemp("projet-date") / "p"), out, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return out


def donnees(site: Path, name: str) -> Path:
    return site / "donnees" / name


# --- JSON: JSON's types ------------------------------------------------------------------------

def values(tree: Any) -> list[Any]:
    if isinstance(tree, dict):
        return [v for x in tree.values() for v in values(x)]
    if isinstance(tree, list):
        return [v for x in tree for v in values(x)]
    return [tree]


def test_actions_json_has_numbers_booleans_lists_and_null(dated_site: Path, crte: Crte) -> None:
    raw = donnees(dated_site, "actions.json").read_text(encoding="utf-8")
    data = json.loads(raw, parse_float=Decimal)
    assert [r["id"] for r in data["actions_signees"]] == [a.id for a in crte.actions]
    for record, a in zip(data["actions_signees"], crte.actions):
        assert record["cout_total"] == a.cout_total and isinstance(record["cout_total"], Decimal)
        assert record["part_cahc"] == a.part_cahc  # None (null) when the annex gives none
        assert type(record["orientation"]) is int and type(record["chantier"]) is int
        assert isinstance(record["fiche"], str) and isinstance(record["annee_lancement"], str)
        loc = a.localisation
        assert record["territoire"] is (loc.territoire if loc else None)
        assert record["communes"] == (list(loc.communes) if loc else None)
        assert record["hors_cahc"] == (list(loc.hors_cahc) if loc else None)
    assert "" not in values(data) and '"false"' not in raw and '"true"' not in raw
    assert any(r["part_cahc"] is None for r in data["actions"]) and any(r["communes"] is None for r in data["actions"])
    # Amounts are written exactly as in the data, and read back exactly as a double would round them.
    assert '"cout_total": 1950206.00,' in raw
    assert data["totaux_publies"]["total"]["part_cahc"] == Decimal("25715256.83")
    plain = json.loads(raw)  # what JavaScript gets: doubles, exact to the cent
    assert all(Decimal(f"{r['cout_total']:.2f}") == a.cout_total
               for r, a in zip(plain["actions_signees"], crte.actions))


def test_the_other_json_files_have_json_types(dated_site: Path) -> None:
    indicators = json.loads(donnees(dated_site, "indicateurs.json").read_text(encoding="utf-8"))
    assert all(type(o["orientation"]) is int for o in indicators["orientations"])
    contract = json.loads(donnees(dated_site, "contrat.json").read_text(encoding="utf-8"))
    assert all(type(a["numero"]) is int for a in contract["contrat"]["articles"])
    for name in ("indicateurs.json", "contrat.json"):
        assert "" not in values(json.loads(donnees(dated_site, name).read_text(encoding="utf-8"))), name


# --- CSV: for programs -----------------------------------------------------------------------------

def test_csv_files_are_utf8_comma_separated_and_say_take_the_spreadsheet(dated_site: Path, crte: Crte) -> None:
    raw = donnees(dated_site, "actions-signees.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert raw.decode("utf-8").split("\n")[0] == ",".join(c.name for c in ACTION_COLUMNS)
    for row, a in zip(rows, crte.actions):
        assert row["territoire"] == ("" if a.localisation is None else str(a.localisation.territoire).lower())
    assert donnees(dated_site, "mesures.csv").read_text(encoding="utf-8").startswith("indicateur,orientation,annee,")
    text = page(dated_site, "donnees/").select_one("article").get_text(" ", strip=True)
    for words in ("prenez le fichier maquette-financiere.xlsx", "séparés par des virgules", "mesures.csv",
                  "parse_float=Decimal", "virgule flottante", f"Données mises à jour le {DAY}"):
        assert words in " ".join(text.split()), words


# --- The spreadsheet: for people -----------------------------------------------------------------

@pytest.fixture(scope="module")
def workbook(dated_site: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(donnees(dated_site, spreadsheet.FILE))


def test_every_published_column_has_a_human_header() -> None:
    for columns in (ACTION_COLUMNS, EVOLUTION_COLUMNS, INDICATOR_COLUMNS, MEASURE_COLUMNS, SUIVI_COLUMNS,
                    FINANCING_COLUMNS):
        assert [c.name for c in columns if c.name not in spreadsheet.LABELS] == []


def test_sheets_have_human_headers_and_an_autofilter(workbook: openpyxl.Workbook, crte: Crte) -> None:
    actions = workbook["Actions"]
    assert [c.value for c in actions[1]] == [spreadsheet.label(c.name, crte.territoire.sigle) for c in ACTION_COLUMNS]
    assert [c.value for c in workbook["Indicateurs"][1]] == [spreadsheet.label(c.name, crte.territoire.sigle) for c in INDICATOR_COLUMNS]
    assert workbook["Indicateurs"].max_row == len(crte.indicators) + 1
    assert workbook.sheetnames[-1] == "Champs"
    for ws in workbook.worksheets:
        total = ws.cell(ws.max_row, 1).value == "Total"  # a /finances/ table: its total row stays out
        last = ws.max_row - 1 if total else ws.max_row
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{last}", ws.title
        assert ws.freeze_panes == "A2" and all(c.font.b for c in ws[1]), ws.title


def test_numbers_are_numbers_and_fiche_and_year_stay_text(workbook: openpyxl.Workbook, crte: Crte) -> None:
    ws = workbook["Actions signées"]
    header = [c.name for c in ACTION_COLUMNS]
    for row, a in zip(ws.iter_rows(min_row=2, values_only=True), crte.actions):
        cells = dict(zip(header, row))
        assert cells["cout_total"] == float(a.cout_total)
        assert cells["part_cahc"] == (None if a.part_cahc is None else float(a.part_cahc))
        assert (cells["orientation"], cells["chantier"]) == (a.orientation, a.chantier)
        assert (cells["fiche"], cells["annee_lancement"]) == (a.fiche, a.annee_lancement)
        assert cells["territoire"] is (a.localisation.territoire if a.localisation else None)


def test_the_champs_sheet_describes_each_column_from_its_declaration(workbook: openpyxl.Workbook, crte: Crte) -> None:
    rows = list(workbook["Champs"].iter_rows(values_only=True))
    assert rows[0] == ("Onglet", "Colonne", "Nom dans les fichiers CSV et JSON", "Type", "Obligatoire",
                       "Description")
    described = {(r[0], r[2]): r for r in rows[1:]}
    for sheet, columns in (("Actions, Actions signées", ACTION_COLUMNS), ("Évolutions", EVOLUTION_COLUMNS),
                           ("Indicateurs", INDICATOR_COLUMNS), ("Indicateurs (valeurs)", MEASURE_COLUMNS),
                           ("Suivi", SUIVI_COLUMNS), ("Financements", FINANCING_COLUMNS)):
        for c in columns:
            row = described[sheet, c.name]
            assert (row[1], row[4], row[5]) == (spreadsheet.label(c.name, crte.territoire.sigle), "oui" if c.required else "non",
                                                c.description), (sheet, c.name)
    for name in ("fiche", "annee_lancement"):
        assert described["Actions, Actions signées", name][3].startswith("texte, volontairement"), name
    assert described["Actions, Actions signées", "cout_total"][3] == "nombre, en euros"
    sheets = {r[0] for r in rows[1:]}
    assert {"Par orientation", "Contrôles"} <= sheets


def test_the_spreadsheet_is_the_same_on_every_build(tmp_path: Path) -> None:
    views = Views(load(copy_signed(tmp_path / "data")))
    first = spreadsheet.workbook(views, "https://exemple.fr/")
    assert first == spreadsheet.workbook(views, "https://exemple.fr/")


# --- datapackage.json ---------------------------------------------------------------------------------

def test_the_package_describes_every_file_with_its_dates(dated_site: Path) -> None:
    package = json.loads(donnees(dated_site, "datapackage.json").read_text(encoding="utf-8"))
    shipped = {p.name for p in (dated_site / "donnees").iterdir() if p.is_file()} - {"index.html", "datapackage.json"}
    assert sorted(r["path"] for r in package["resources"]) == sorted(shipped)
    formats = {r["path"]: (r["format"], r["mediatype"]) for r in package["resources"]}
    assert formats["actions.json"] == ("json", "application/json")
    assert formats["maquette-financiere.xlsx"] == (
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert all(f == ("csv", "text/csv") for p, f in formats.items() if p.endswith(".csv"))
    assert (package["created"], package["modified"]) == ("2021-12-13T00:00:00Z", "2021-12-13")
    report = frictionless.validate(str(donnees(dated_site, "datapackage.json")))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_the_dates_come_from_git_and_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    changed = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--", "data"],
                             capture_output=True, text=True, check=True).stdout.strip()
    dates = dates_for(ROOT, ROOT / "data")
    assert dates.data_changed == dt.datetime.fromtimestamp(int(changed), dt.UTC).date()
    assert dates.created_text == "2021-12-13T00:00:00Z"  # the build's moment, not the wall clock
    (tmp_path / "data").mkdir()  # not a git checkout: SOURCE_DATE_EPOCH for both
    assert dates_for(tmp_path, tmp_path / "data").data_changed == dt.date(2021, 12, 13)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    nothing = dates_for(tmp_path, tmp_path / "data")
    assert (nothing.created, nothing.data_changed) == (None, None)


# --- The day the data last changed, on every page ----------------------------------------------------

def test_every_page_footer_gives_the_day_the_data_last_changed(dated_site: Path) -> None:
    pages = [p for p in dated_site.rglob("*.html") if "pagefind" not in p.parts]
    footers = 0
    for path in pages:
        html = soup(path)
        if html.select_one("footer.md-footer") is None:  # an action's card, a redirect, the editor: not a site page
            assert path.parent.name in ("carte", "edition") or html.find("meta", attrs={"http-equiv": "refresh"}), path
            continue
        assert html.select_one(".md-copyright .crte-maj").get_text(strip=True) == \
            f"Données mises à jour le {DAY}.", path
        footers += 1
    assert footers > 60
