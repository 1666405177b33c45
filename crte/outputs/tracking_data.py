"""The tracking as open data (/donnees/): `suivi.csv` (one row per action and
tracking entry) and `financements.csv` (one row per financing line), with their
Table Schemas (datapackage.json) and their sheets in the spreadsheet.

Built from the same Board as the pages (views/tracking.py), with the open data's
conventions (site/opendata.py): amounts as decimals with a dot, a value the
tracking does not give left empty, never zero. Columns that publish a declared
field take its description from the declaration (site/columns.py).

`tables(views, site_url) -> [Table]`; opendata.files() writes each Table as a
CSV file, a sheet and a datapackage resource. This module does not import
opendata.py (which imports it).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crte import routes
from crte.data.model import Action
from crte.data.tracking import Financing, Funder, Step
from crte.outputs.columns import Column, computed, declared, table_schema
from crte.outputs.records import text
from crte.views.views import Views

ACTION = computed("action", "string", "Identifiant de l'action ; sa page est /actions/<action>/.")
URL = computed("url", "string", "Adresse permanente de la page de l'action (section « Suivi »).")
ORIENTATION = declared(Action, "orientation")
UNKNOWN = " Vide : non connu (jamais 0)."

SUIVI_COLUMNS = [
    ACTION, URL, ORIENTATION,
    declared(Step, "date"),
    declared(Step, "statut"),
    declared(Step, "avancement", note=UNKNOWN),
    declared(Step, "depense", note=" Montant cumulé à cette date." + UNKNOWN),
    declared(Step, "commentaire"),
    declared(Step, "source"),
]

FINANCING_COLUMNS = [
    ACTION, URL, ORIENTATION,
    declared(Financing, "financeur"),
    declared(Funder, "nom", "financeur_nom", note=" (data/suivi/financeurs.yaml)"),
    declared(Funder, "groupe", "financeur_groupe"),
    declared(Financing, "dispositif"),
    declared(Financing, "demande", note=" Vide : non publié (jamais 0)."),
    declared(Financing, "accorde", note=" Vide : aucun accord publié (jamais 0)."),
    declared(Financing, "date", "date_accord"),
    declared(Financing, "reference"),
    declared(Financing, "explication"),
]


@dataclass(frozen=True)
class Table:
    """One published table: its CSV file, its sheet and its datapackage resource."""

    name: str  # file name under /donnees/, e.g. "suivi.csv"
    title: str
    description: str
    sheet: str  # spreadsheet tab
    columns: list[Column]
    cells: list[list[Any]]  # rows in column order: Decimal, int, str or None

    @property
    def rows(self) -> list[dict[str, str]]:
        """The CSV rows: amounts to the cent with a dot, an absent value empty."""
        return [{c.name: text(v) for c, v in zip(self.columns, row)} for row in self.cells]

    @property
    def money_cols(self) -> set[int]:
        """1-based columns in euros, for the spreadsheet."""
        return {i for i, c in enumerate(self.columns, 1) if c.name in ("depense", "demande", "accorde")}

    @property
    def resource(self) -> dict[str, Any]:
        schema = table_schema(self.columns, "")
        del schema["primaryKey"]  # an action may have two entries, or two lines, of one date
        return {"name": self.name.removesuffix(".csv"), "path": self.name, "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "title": self.title, "schema": schema}


def step_cells(s: Step) -> list[Any]:
    """A tracking step's cells, in SUIVI_COLUMNS' order after the three that name the action."""
    return [s.date.isoformat(), s.statut, s.avancement, s.depense, s.commentaire, s.source]


def financing_cells(views: Views, ln: Financing) -> list[Any]:
    """A financing line's cells, in FINANCING_COLUMNS' order after the three that name the action;
    the funder's name and group from the referential (None when it does not list it)."""
    funders = views.suivi.tracking.funders
    funder = next((f for f in funders.financeurs if f.slug == ln.financeur), None) if funders else None
    return [ln.financeur, funder.nom if funder else None, funder.groupe if funder else None,
            ln.dispositif, ln.demande, ln.accorde, ln.date.isoformat() if ln.date else None, ln.reference,
            ln.explication]


def tables(views: Views, site_url: str) -> list[Table]:
    steps, lines = [], []
    for p in views.suivi.actions.values():  # in force, then abandoned
        a = p.action
        url = routes.absolute(site_url, routes.action(a.id) + "#suivi")
        steps += [[a.id, url, a.orientation, *step_cells(s)] for s in p.steps]
        lines += [[a.id, url, a.orientation, *financing_cells(views, ln)] for ln in p.financements]
    return [
        Table("suivi.csv", "Suivi des actions (CSV)", "Une ligne par action et par étape de suivi : date, statut, "
              "avancement, montant dépensé, source (article 8). Vide tant qu'aucun suivi n'est publié.",
              "Suivi", SUIVI_COLUMNS, steps),
        Table("financements.csv", "Financements (CSV)", "Une ligne par ligne de financement d'une action : "
              "financeur, dispositif, montants demandé et accordé, date et référence de l'accord.",
              "Financements", FINANCING_COLUMNS, lines),
    ]
