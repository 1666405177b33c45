"""/donnees/datapackage.json (Frictionless Data Package): the licence, the dates,
and one resource per published file of /donnees/, each with its format and media
type; the CSV files with their Table Schema (site/columns.py).

Dates (crte/dates.py): `created`, the build's moment (SOURCE_DATE_EPOCH, never
the wall clock); `modified`, the day the data last changed (last commit touching
the data folder). Either is left out when the build cannot know it.

`package(views, site_url, files, tracking, dates) -> dict`, `files` being
(name, title, description) of every published file but this one.
"""
from __future__ import annotations

from typing import Any

from crte.data.names import slugify
from crte.dates import Dates
from crte.fr import long_date
from crte.outputs import communes_data, measures_data, national
from crte.outputs.columns import ACTION_COLUMNS, EVOLUTION_COLUMNS, INDICATOR_COLUMNS, table_schema
from crte.outputs.tracking_data import Table
from crte.views.views import Views

FILE = "datapackage.json"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
MEDIATYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _csv(name: str, path: str, title: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "path": path, "format": "csv", "mediatype": MEDIATYPES["csv"], "encoding": "utf-8",
            "title": title, "schema": schema}


def _document(name: str, title: str, description: str) -> dict[str, Any]:
    """A file that is not one table (JSON, the spreadsheet): described, not schematised.
    `type: file` tells Frictionless tools not to read it as a table."""
    fmt = name.rsplit(".", 1)[1]
    out = {"name": name.replace(".", "-"), "path": name, "type": "file", "format": fmt,
           "mediatype": MEDIATYPES[fmt], "title": title, "description": description}
    if fmt == "json":
        out["encoding"] = "utf-8"
    return out


def package(views: Views, site_url: str, files: list[tuple[str, str, str]], tracking: list[Table],
            dates: Dates) -> dict[str, Any]:
    notice = views.signed.exemple
    territory = views.territory
    tables = [
        _csv("actions", "actions.csv", "Actions en vigueur", table_schema(ACTION_COLUMNS, "id")),
        _csv("actions-signees", "actions-signees.csv", "Actions de l'annexe 3 du contrat signé",
             table_schema(ACTION_COLUMNS, "id")),
        _csv("evolutions", "evolutions.csv", "Évolutions depuis la signature",
             {k: v for k, v in table_schema(EVOLUTION_COLUMNS, "").items() if k != "primaryKey"}),
        _csv("indicateurs", "indicateurs.csv", "Indicateurs de l'article 9", table_schema(INDICATOR_COLUMNS, "id")),
        communes_data.commune_resource(),
        measures_data.measure_resource(),
        *(t.resource for t in tracking),
        *national.resources(),
    ]
    described = {r["path"] for r in tables}
    documents = [_document(name, title, description) for name, title, description in files
                 if name not in described]
    out: dict[str, Any] = {
        "name": slugify(territory.site) + ("-exemple-fictif" if notice else ""),
        **({"description": f"EXEMPLE FICTIF : {notice}"} if notice else {}),
        "title": ("Exemple fictif — " if notice else "") + "Contrat Territorial de Relance et de Transition "
                 f"Écologique de {territory.le_nom} ({long_date(views.crte.contract.signature.date)})",
        "homepage": site_url,
        "licenses": [LICENCE],
    }
    if dates.created is not None:
        out["created"] = dates.created_text
    if dates.data_changed is not None:
        out["modified"] = dates.data_changed.isoformat()
    out["resources"] = tables + documents
    return out
