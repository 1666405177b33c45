"""The amounts a search can find: `recherche/montants.json` (routes.SEARCH_AMOUNTS).

Readers type or paste an amount in any French form (« 90 millions », « 2,5 M€ »,
« 1 234 567,89 € »); the browser (docs/javascripts/recherche-montants.js) reads it
and puts first the pages that show the nearest amount. Pagefind cannot compare
numbers, so the amounts the site shows come in this small file, fetched only when a
query holds an amount:

- each action in force: its total cost and its territory's share, in force, and
  signed beside when a decision changed them (as its page shows them);
- the home page: the contract's totals (its key figures).

`amounts_json(views) -> str`: {"montants": [{"route", "titre", "libelle", "texte",
"valeur"}]}, `texte` as the site prints it (crte.fr.euros), `valeur` the exact
decimal in a string ("1950206.00"), `route` relative to the site's root (crte.routes).
About 150 bytes an amount: 3 MB for 10 000 actions, fetched by an amount query only.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from crte import fr, routes
from crte.views.views import Views


def _entry(route: str, titre: str, libelle: str, amount: Decimal) -> dict[str, Any]:
    return {"route": route, "titre": titre, "libelle": libelle, "texte": fr.euros(amount),
            "valeur": str(fr.round_cents(amount))}


def amounts(views: Views) -> list[dict[str, Any]]:
    """Every amount a search can find (see above), home page first."""
    part = f"part {views.territory.sigle}"
    totals = views.totaux
    out = [_entry(routes.HOME, views.territory.site, "coût total HT du contrat", totals.cout_total)]
    if totals.part_indiquee is not None:
        out.append(_entry(routes.HOME, views.territory.site, f"{part} du contrat", totals.part_indiquee))
    for av in views.action_list():
        a, signed = av.action, views.signed_action.get(av.action.id)
        route = routes.action(a.id)
        out.append(_entry(route, a.titre, "coût total HT", a.cout_total))
        if a.part_cahc is not None:
            out.append(_entry(route, a.titre, part, a.part_cahc))
        if signed is not None and signed.cout_total != a.cout_total:
            out.append(_entry(route, a.titre, "coût total HT signé", signed.cout_total))
        if signed is not None and signed.part_cahc is not None and signed.part_cahc != a.part_cahc:
            out.append(_entry(route, a.titre, f"{part} signée", signed.part_cahc))
    return out


def amounts_json(views: Views) -> str:
    return json.dumps({"montants": amounts(views)}, ensure_ascii=False, separators=(",", ":"))
