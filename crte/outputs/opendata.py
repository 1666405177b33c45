"""Open data files published under /donnees/, built from the same model as the pages.

Machine-readable conventions: UTF-8; CSV as RFC 4180 with commas (data.gouv.fr's
convention), amounts as decimals with a dot and no currency sign ("1950206.00"),
an absent value left empty, never zero; JSON with JSON's types: amounts and
values as numbers written exactly as in the data (`1950206.00`), whole numbers,
booleans, lists, null for an absent value. Licence: Licence Ouverte / Open
Licence 2.0 (Etalab).

Why numbers for amounts in JSON: a JSON number is exact text; a reader that
keeps decimals (Python `json.loads(..., parse_float=Decimal)`, most databases)
gets the exact amount, and a JavaScript reader gets a double that rounds back
to the same cent (below 2^53 cents, ninety thousand billion euros). Sums of
doubles are rounded to the cent: /donnees/ says so.

The rows come from site/records.py, the spreadsheet from site/spreadsheet.py,
datapackage.json from site/datapackage.py. Every file is byte-for-byte
reproducible: sorted keys where order is free, the spreadsheet's internal
dates fixed, the package's dates from SOURCE_DATE_EPOCH and git (crte/dates.py).
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property, partial
from typing import Any

from crte import routes
from crte.dates import Dates
from crte.fr import long_date
from crte.outputs import (
    communes_data,  # communes.csv: the actions by commune
    datapackage,  # datapackage.json
    measures_data,  # mesures.csv: the indicators' values
    national,  # projets-transition-ecologique.csv, collectivites.csv: the national exchange formats
    spreadsheet,  # maquette-financiere.xlsx
    tracking_data,  # suivi.csv, financements.csv: the tracking (article 8)
)
from crte.outputs.columns import ACTION_COLUMNS, EVOLUTION_COLUMNS, INDICATOR_COLUMNS, Column, names
from crte.outputs.records import action_record, evolution_rows, indicator_rows, money, plain, text
from crte.views.views import Views

__all__ = ["DIR", "LICENCE", "DataFile", "FORMULA_START", "files", "json_bytes", "money", "neutralised"]

LICENCE = datapackage.LICENCE
DIR = routes.OPEN_DATA.rstrip("/")


@dataclass(frozen=True)
class DataFile:
    """A file of /donnees/. Its bytes are written on first use of `content` (`produce`):
    /donnees/ lists it by name, title and rows, and `make serve` writes it after the pages."""

    name: str  # file name under /donnees/
    title: str
    description: str
    produce: Callable[[], bytes] = field(repr=False, compare=False)
    rows: int | None  # data rows (CSV, sheets of actions), None for documents

    @cached_property
    def content(self) -> bytes:
        return self.produce()


# A spreadsheet opening a CSV runs a cell that starts with one of these as a
# formula (OWASP, « CSV Injection »): text cells get a leading apostrophe, which
# spreadsheets hide and readers can see. Numbers are never touched.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(columns: list[Column], rows: Iterable[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names(columns), lineterminator="\n")
    writer.writeheader()
    text = [c.name for c in columns if c.type == "string"]
    for row in rows:
        writer.writerow({**row, **{n: neutralised(row[n]) for n in text}})
    return out.getvalue().encode("utf-8")


# A Decimal is written as a JSON number, exactly as it is (json.dumps would need a float):
# it goes through json.dumps as a marked string, then the marks and quotes are removed.
# Text from the data cannot hold the mark: the loader refuses control characters.
_MARK = "\x00nombre:"
_MARKED = re.compile(r'"\\u0000nombre:(-?[0-9]+(?:\.[0-9]+)?)"')


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _MARK + format(value, "f")
    return plain(value)


def json_bytes(value: Any) -> bytes:
    """`value` as indented UTF-8 JSON, Decimals as exact numbers."""
    out = json.dumps(value, ensure_ascii=False, indent=2, default=_number)
    return (_MARKED.sub(r"\1", out) + "\n").encode("utf-8")


# --- All files -------------------------------------------------------------------------------------

NO_DATES = Dates(None, None)


def files(views: Views, site_url: str, dates: Dates = NO_DATES) -> list[DataFile]:
    """Every file of /donnees/, datapackage.json last. `dates`: the build's and the data's."""
    crte = views.crte
    # The records of every action, made with the first file that needs them (under serve, after
    # the pages: crte/mkdocs/products.py); /donnees/ only counts them.
    actions = cache(lambda: [action_record(a, views, site_url) for a in crte.actions])
    signed = cache(lambda: [action_record(a, views.signed_views, site_url) for a in views.signed.actions])
    evolutions = evolution_rows(views, site_url)
    indicators = indicator_rows(views, site_url)
    measures = measures_data.measure_rows(views)
    tracking = tracking_data.tables(views, site_url)

    def rows(records: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{k: text(v) for k, v in r.items()} for r in records]

    out = [
        DataFile("actions.csv", "Actions en vigueur (CSV)", "Les actions du programme en vigueur, une par ligne : "
                 "les lignes de l'annexe 3 et les décisions prises depuis la signature.",
                 lambda: _csv(ACTION_COLUMNS, rows(actions())), len(crte.actions)),
        DataFile("actions-signees.csv", "Actions du contrat signé (CSV)",
                 f"Les lignes de l'annexe 3 telles que signées le {long_date(crte.contract.signature.date)}.",
                 lambda: _csv(ACTION_COLUMNS, rows(signed())), len(views.signed.actions)),
        DataFile("evolutions.csv", "Évolutions (CSV)", "Une ligne par champ changé par une décision prise depuis "
                 "la signature (et par action ajoutée ou abandonnée).", lambda: _csv(EVOLUTION_COLUMNS, evolutions),
                 len(evolutions)),
        DataFile("actions.json", "Actions (JSON)", "Les actions en vigueur et celles du contrat signé, en JSON, avec "
                 "les totaux imprimés de l'annexe.",
                 lambda: json_bytes({"licence": LICENCE, "actions": actions(), "actions_signees": signed(),
                                     "totaux_publies": crte.published_totals}), len(crte.actions)),
        DataFile("indicateurs.csv", "Indicateurs (CSV)", "Les indicateurs de suivi de l'article 9 (leurs valeurs "
                 "mesurées sont dans mesures.csv).", lambda: _csv(INDICATOR_COLUMNS, indicators), len(indicators)),
        DataFile("indicateurs.json", "Indicateurs (JSON)",
                 "Les indicateurs par orientation et par groupe, avec leurs mesures.",
                 lambda: json_bytes({"licence": LICENCE, "orientations": crte.indicator_blocks}), len(indicators)),
        DataFile(communes_data.FILE, communes_data.TITLE, communes_data.DESCRIPTION,
                 lambda: _csv(communes_data.COMMUNE_COLUMNS, communes_data.commune_rows(views, site_url)),
                 len(views.communes)),
        DataFile(measures_data.FILE, measures_data.TITLE, measures_data.DESCRIPTION,
                 lambda: _csv(measures_data.MEASURE_COLUMNS, measures), len(measures)),
        DataFile("contrat.json", "Contrat (JSON)",
                 "Le texte du contrat (articles, sous-articles, signature, annexes), les orientations, "
                 "chantiers et fiches, et les communes.",
                 lambda: json_bytes({"licence": LICENCE, "contrat": crte.contract, "orientations": crte.orientations,
                                     "communes": crte.communes}), None),
        DataFile(spreadsheet.FILE, "Maquette financière (tableur)",
                 "Les actions, les évolutions, les indicateurs et leurs valeurs, le suivi, chaque tableau de "
                 "/finances/ et les contrôles, un onglet par tableau, avec la description de chaque colonne "
                 "(onglet « Champs »).", lambda: spreadsheet.workbook(views, site_url), len(crte.actions)),
    ]
    out += [DataFile(t.name, t.title, t.description, partial(_csv, t.columns, t.rows), len(t.rows)) for t in tracking]
    projects = cache(lambda: national.project_rows(views, site_url))  # one row per action in force, then abandoned
    collectivites = national.collectivite_rows(views, site_url)
    out += [
        DataFile(national.PROJECTS_FILE, "Projets de transition écologique (format national, CSV)",
                 "Les actions au format national d'échange « projets de transition écologique » "
                 f"{national.PROJECTS_VERSION}, que lisent les outils de l'État et des territoires : une ligne par "
                 "action en vigueur, puis par action abandonnée.",
                 lambda: _csv(national.PROJECT_COLUMNS, projects()),
                 len(views.action_list()) + len(views.abandoned_list())),
        DataFile(national.COLLECTIVITES_FILE, "Collectivités (format national, CSV)",
                 f"Les communes et l'EPCI au format national « collectivites » {national.COLLECTIVITES_VERSION}, "
                 "auxquels renvoie la colonne collectiviteIds des projets.",
                 partial(_csv, national.COLLECTIVITE_COLUMNS, collectivites), len(collectivites)),
    ]
    package = datapackage.package(views, site_url, [(f.name, f.title, f.description) for f in out], tracking, dates)
    out.append(DataFile(datapackage.FILE, "Description des données (Frictionless)",
                        "Le paquet de données : la licence, les dates, chaque fichier publié (format) et, pour "
                        "chaque fichier CSV, son schéma (Table Schema).", lambda: json_bytes(package), None))
    return out
