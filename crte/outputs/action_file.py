"""/actions/<id>.json: what an action's page shows, for partners' tools (crte/pages/sharing.py
writes one per action, abandoned ones and former ids included).

    {**its record of /donnees/actions.json (records.action_record: the same keys, the same values),
     "suivi": null | {"statut", "date", "avancement", "depense", "etapes": [...], "financements": [...]},
     "date_donnees": "2024-11-20" (`data_date`), "licence": {"name", "title", "path"},
     "source": {"contrat", "decisions": [{"id", "date", "instance", "objet", "url", "document"}]},
     "exemple": "…"  (only in a site built from a fictitious example)}

`suivi` is null while no tracking is published for the action (article 8): nothing is
invented, no zero. Its steps and financing lines have the columns of /donnees/suivi.csv and
financements.csv (tracking_data.py) without the three that name the action. Every key is
described once, in KEYS (and the columns' declarations), which CHAMPS.md prints
(crte/cli/schemas.py).

`action_file(a, views, site_url) -> dict` (Decimals for amounts, ISO dates).
"""
from __future__ import annotations

from typing import Any

from crte import routes
from crte.data.model import Action
from crte.fr import long_date
from crte.outputs.columns import Column, computed
from crte.outputs.datapackage import LICENCE
from crte.outputs.records import action_record, data_date
from crte.outputs.tracking_data import FINANCING_COLUMNS, SUIVI_COLUMNS, financing_cells, step_cells
from crte.views.views import Views

_NAMING = 3  # action, url, orientation: the first columns of the tracking tables, known here
STEP_COLUMNS = SUIVI_COLUMNS[_NAMING:]
LINE_COLUMNS = FINANCING_COLUMNS[_NAMING:]

KEYS = [
    computed("suivi", "object", "Le suivi publié de l'action (article 8) ; null tant qu'aucun n'est publié "
             "(jamais de zéro inventé). `statut`, `date`, `avancement` et `depense` : ceux de sa dernière étape "
             "(null quand elle ne les donne pas) ; `etapes` : chaque étape, avec les colonnes de suivi.csv ; "
             "`financements` : chaque ligne de financement, avec les colonnes de financements.csv.", False),
    computed("date_donnees", "date", "Date des données de l'action : la plus récente de la signature, des "
             "décisions qui l'ont ajoutée, modifiée ou abandonnée, de ses étapes de suivi et de ses accords de "
             "financement."),
    computed("licence", "object", "La licence des données (la même que celle de /donnees/datapackage.json)."),
    computed("source", "object", "D'où viennent les valeurs : `contrat`, le contrat signé (annexe 3, la fiche) ; "
             "`decisions`, chaque décision postérieure qui a ajouté, modifié ou abandonné l'action (identifiant, "
             "date, instance, objet, adresse de sa page, document qui la publie)."),
    computed("exemple", "string", "Seulement dans un site construit à partir d'un exemple fictif (examples/) : "
             "ce qui y est inventé.", False),
]


def _tracking(a: Action, views: Views) -> dict[str, Any] | None:
    p = views.suivi.actions.get(a.id)
    if p is None or not (p.steps or p.financements):
        return None
    last = p.steps[-1] if p.steps else None
    return {
        "statut": last.statut if last else None, "date": last.date.isoformat() if last else None,
        "avancement": p.avancement, "depense": p.depense,
        "etapes": [dict(zip((c.name for c in STEP_COLUMNS), step_cells(s))) for s in p.steps],
        "financements": [dict(zip((c.name for c in LINE_COLUMNS), financing_cells(views, ln)))
                         for ln in p.financements],
    }


def _source(a: Action, views: Views, site_url: str) -> dict[str, Any]:
    contract = views.crte.contract
    status = views.status(a.id)
    decisions = {h.decision.id: h.decision for h in status.history}
    return {
        "contrat": f"{views.territory.site}, contrat signé le {long_date(contract.signature.date)}, annexe 3, "
                   f"fiche {a.fiche}",
        "decisions": [{"id": d.id, "date": d.date.isoformat(), "instance": d.instance, "objet": d.objet,
                       "url": routes.absolute(site_url, routes.decision(d.id)),
                       "document": {"titre": d.source.titre, "url": d.source.url}}
                      for d in sorted(decisions.values(), key=lambda d: (d.date, d.id))],
    }


def action_file(a: Action, views: Views, site_url: str) -> dict[str, Any]:
    """The JSON document of /actions/<id>.json (see the module's docstring)."""
    out = {**action_record(a, views, site_url), "suivi": _tracking(a, views),
           "date_donnees": data_date(a, views).isoformat(), "licence": LICENCE,
           "source": _source(a, views, site_url)}
    if views.signed.exemple:
        out["exemple"] = views.signed.exemple
    return out


def documented() -> list[tuple[str, list[Column]]]:
    """What CHAMPS.md prints of the file: its own keys, then the columns of a step and of a line."""
    return [("", KEYS), ("suivi.etapes", STEP_COLUMNS), ("suivi.financements", LINE_COLUMNS)]
