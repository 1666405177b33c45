"""/donnees/communes.csv: the actions in force by commune, one row per commune of
communes.yaml (in its order): how many actions are located there, their total cost,
the territory's share they give and how many give none. An action located in several
communes counts in each; one for the whole territory, in none (views.Views.communes).
opendata.files() registers the file, datapackage.py its Table Schema.

- `commune_rows(views, site_url) -> [{column: text}]`, the CSV's rows;
- `commune_resource() -> {…}`, the resource of datapackage.json.
"""
from __future__ import annotations

from typing import Any

from crte import routes
from crte.data.plan import Commune
from crte.outputs.columns import Column, computed, declared, table_schema
from crte.outputs.records import text
from crte.views.views import Views

FILE = "communes.csv"
TITLE = "Actions par commune (CSV)"
DESCRIPTION = ("Pour chaque commune, le nombre d'actions en vigueur qui y sont situées, leur coût total HT et la "
               "part de la collectivité qu'elles indiquent.")

COMMUNE_COLUMNS: list[Column] = [
    declared(Commune, "slug", "commune"),
    declared(Commune, "nom"),
    computed("url", "string", "Adresse permanente de la page de la commune."),
    computed("actions", "integer", "Nombre d'actions en vigueur situées dans la commune."),
    computed("cout_total", "number", "Somme des coûts totaux HT de ces actions, en euros."),
    computed("part_cahc", "number", "Somme des parts indiquées de la collectivité, en euros ; vide quand aucune de "
                                    "ces actions n'en indique (inconnue, jamais 0).", required=False),
    computed("actions_sans_part", "integer", "Nombre de ces actions dont la part n'est pas donnée."),
]


def commune_rows(views: Views, site_url: str) -> list[dict[str, str]]:
    rows = []
    for slug, group in views.communes.items():
        t = group.totaux
        rows.append({"commune": slug, "nom": group.nom, "url": routes.absolute(site_url, routes.commune(slug)),
                     "actions": t.nombre, "cout_total": t.cout_total,
                     # no action, or none that gives a share: nothing to sum, empty (never 0)
                     "part_cahc": t.part_indiquee if t.nombre > t.sans_part else None,
                     "actions_sans_part": t.sans_part})
    return [{k: text(v) for k, v in r.items()} for r in rows]


def commune_resource() -> dict[str, Any]:
    return {"name": "communes", "path": FILE, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": "Actions par commune", "schema": table_schema(COMMUNE_COLUMNS, "commune")}
