"""/donnees/mesures.csv: the values of the indicators (data/suivi/indicateurs/),
one row per indicator and year, and the spreadsheet's « Indicateurs (valeurs) »
sheet. opendata.files() registers the file, the sheet and the Table Schema.

Rows, for each indicator in force (published order) that has a tracking file:
its reference (type « référence »), its measures oldest first (« mesure »),
its target (« cible »). A value never published has no row: while data/ holds
no value, the file is its header alone. Values are written as in the YAML
(`"38.1"`: decimal point, no unit; the unit is its own column).

- `measure_rows(views) -> [{column: text}]`, the CSV's rows;
- `measure_sheet(views) -> (title, header, rows)`, the same rows with numbers
  for the spreadsheet;
- `measure_resource() -> {…}`, the resource of datapackage.json.
"""
from __future__ import annotations

from typing import Any

from crte.data.indicators import Indicator, Measure
from crte.data.tracking import IndicatorTracking
from crte.outputs.columns import Column, computed, declared, names, table_schema
from crte.views.indicator_chart import ordered
from crte.views.views import Views

FILE = "mesures.csv"
TITLE = "Valeurs des indicateurs (CSV)"
DESCRIPTION = ("Les valeurs publiées des indicateurs de suivi, une ligne par indicateur et par année : valeur de "
               "référence, valeurs mesurées, cible, avec leur unité et leur source.")
SHEET = "Indicateurs (valeurs)"
TYPES = ("référence", "mesure", "cible")

MEASURE_COLUMNS: list[Column] = [
    computed("indicateur", "string", "Identifiant de l'indicateur (indicateurs.csv) ; sa page est "
                                     "/indicateurs/<indicateur>/."),
    declared(Indicator, "orientation"),
    declared(Measure, "annee"),
    declared(Measure, "valeur", note=" Sans unité : l'unité est dans la colonne unite."),
    declared(IndicatorTracking, "unite"),
    declared(IndicatorTracking, "source"),
    computed("type", "string", "« référence » (valeur de référence), « mesure » (valeur mesurée) "
                               "ou « cible » (valeur cible)."),
]


def _values(values: IndicatorTracking) -> list[tuple[str, Measure]]:
    """(type, measure) of one indicator: reference, measures oldest first, target."""
    out = [("référence", values.valeur_reference)] if values.valeur_reference else []
    out += [("mesure", m) for m in ordered(values.mesures)]
    return out + ([("cible", values.cible)] if values.cible else [])


def _rows(views: Views) -> list[dict[str, Any]]:
    rows = []
    for s in views.suivi.indicators:
        if s.values is None:
            continue
        for kind, m in _values(s.values):
            rows.append({"indicateur": s.indicator.id, "orientation": s.indicator.orientation, "annee": m.annee,
                         "valeur": m.valeur, "unite": s.values.unite, "source": s.values.source, "type": kind})
    return rows


def measure_rows(views: Views) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in r.items()} for r in _rows(views)]


def measure_sheet(views: Views) -> tuple[str, list[str], list[list[Any]]]:
    """The spreadsheet's sheet: values and orientations as numbers (a Decimal is stored as a number)."""
    header = names(MEASURE_COLUMNS)
    return SHEET, header, [[r[n] for n in header] for r in _rows(views)]


def measure_resource() -> dict[str, Any]:
    schema = {**table_schema(MEASURE_COLUMNS, ""), "primaryKey": ["indicateur", "type", "annee"],
              "foreignKeys": [{"fields": ["indicateur"], "reference": {"resource": "indicateurs", "fields": ["id"]}}]}
    for f in schema["fields"]:
        if f["name"] == "type":
            f["constraints"] = {**f.get("constraints", {}), "enum": list(TYPES)}
    return {"name": "mesures", "path": FILE, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": "Valeurs des indicateurs", "schema": schema}

