"""The rows of the published tables, typed: what actions.json, the per-action
JSON files (/actions/<id>.json), the CSV files and the spreadsheet all publish.

A record keeps the types of the data: text, whole numbers, exact Decimals for
amounts and values, booleans, lists, None for a value the data does not give.
Each output writes them its own way: JSON with its own types (site/opendata.py),
CSV as text (`text`: empty for None, never zero), the spreadsheet as cells.

- `action_record(a, views, site_url)`, `action_row(...)` (the CSV row);
- `indicator_record(i, site_url)`, `indicator_rows(views, site_url)`;
- `evolution_rows(views, site_url)`: already text (a changed value may be of any type);
- `data_date(a, views)`: the date of the latest record an action's values come from.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from crte import routes
from crte.data.indicators import Indicator
from crte.data.model import Action
from crte.views.views import Views

CENT = Decimal("0.01")


def money(value: Decimal | None) -> str:
    return "" if value is None else str(value.quantize(CENT))


def text(value: Any) -> str:
    """A value as CSV text, the one rule of every CSV file: empty for None, `true`/`false`,
    amounts to the cent (`1950206.00`), lists joined by « ; », a record (a localisation)
    as JSON, the rest as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    if isinstance(value, BaseModel):
        return json.dumps(plain(value), ensure_ascii=False, default=plain, sort_keys=True)
    return str(value)


def state(a: Action, views: Views) -> str:
    status = views.status(a.id)
    if status.abandoned_by:
        return "abandonnée"
    return "ajoutée" if status.added_by else "modifiée" if views.changes(a.id) else "signée"


def action_record(a: Action, views: Views, site_url: str) -> dict[str, Any]:
    """One action, typed. Without a localisation (« non précisé par le document »),
    communes, territoire and hors_cahc are None: nothing is guessed."""
    loc = a.localisation
    return {
        "id": a.id, "etat": state(a, views), "url": routes.absolute(site_url, routes.action(a.id)), "orientation": a.orientation,
        "enjeu": a.enjeu, "chantier": a.chantier, "chantier_titre": views.chantier[a.chantier].titre,
        "fiche": a.fiche, "fiche_titre": views.fiche[a.fiche].titre, "maitre_ouvrage": a.maitre_ouvrage,
        "titre": a.titre, "description": a.description, "annee_lancement": a.annee_lancement,
        "cout_total": a.cout_total.quantize(CENT),
        "part_cahc": None if a.part_cahc is None else a.part_cahc.quantize(CENT),
        "communes": list(loc.communes) if loc else None,
        "territoire": loc.territoire if loc else None,
        "hors_cahc": list(loc.hors_cahc) if loc else None,
    }


def action_row(a: Action, views: Views, site_url: str) -> dict[str, str]:
    return {k: text(v) for k, v in action_record(a, views, site_url).items()}


def indicator_record(i: Indicator, site_url: str) -> dict[str, Any]:
    ref, cible = i.valeur_reference, i.cible
    return {
        "id": i.id, "url": routes.absolute(site_url, routes.indicator_entry(i.id)), "orientation": i.orientation,
        "groupe": i.groupe,
        "libelle": i.libelle, "unite": i.unite, "source": i.source,
        "valeur_reference": ref.valeur if ref else None, "annee_reference": ref.annee if ref else None,
        "cible": cible.valeur if cible else None, "annee_cible": cible.annee if cible else None,
    }


def indicator_rows(views: Views, site_url: str) -> list[dict[str, str]]:
    return [{k: "" if v is None else str(v) for k, v in indicator_record(i, site_url).items()}
            for i in views.crte.indicators]


def evolution_rows(views: Views, site_url: str) -> list[dict[str, str]]:
    """One row per field changed (or action added or abandoned), oldest decision first."""
    rows = []
    others = {dv.id: [ln for ln in dv.lines if ln.kind not in ("ajouter_action", "modifier_action", "abandonner_action")]
              for dv in views.decision_views}
    for d in views.decisions:
        common = {"date": d.date.isoformat(), "decision": d.id, "instance": d.instance,
                  "url": routes.absolute(site_url, routes.decision(d.id))}
        for action_id, status in sorted(views.state.status.items()):
            for h in status.history:
                if h.decision is not d:
                    continue
                before = "" if h.field in ("ajout", "abandon") else text(h.before)
                after = "" if h.field == "ajout" else text(h.after)
                motif = h.after if h.field == "abandon" else h.motif
                rows.append({**common, "action": action_id, "objet": views.state.actions[action_id].titre,
                             "champ": h.field, "avant": before, "apres": after, "motif": motif or ""})
        for line in others[d.id]:
            rows.append({**common, "action": "", "objet": line.target, "champ": line.kind,
                         "avant": text(line.before), "apres": text(line.after), "motif": ""})
    return rows


def plain(value: Any) -> Any:
    """The model as JSON values: models and dataclasses as objects (without `where`), dates
    as ISO text. Decimals are left to the caller (opendata._json writes them as numbers)."""
    if isinstance(value, Decimal):
        return money(value) if value.as_tuple().exponent == -2 else str(value)
    if isinstance(value, BaseModel):
        cls = type(value)
        return {n: getattr(value, n) for n in (*cls.model_fields, *cls.model_computed_fields)}
    if dataclasses.is_dataclass(value):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "where"}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value))


def data_date(a: Action, views: Views) -> dt.date:
    """The date of the latest record the action's values come from: the signature, a decision
    that added, changed or abandoned it, a tracking step, a financing line's date."""
    p = views.suivi.actions.get(a.id)
    dates = [views.crte.contract.signature.date, *(h.decision.date for h in views.status(a.id).history)]
    if p is not None:
        dates += [s.date for s in p.steps] + [ln.date for ln in p.financements if ln.date is not None]
    return max(dates)
