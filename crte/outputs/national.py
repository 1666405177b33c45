"""/donnees/projets-transition-ecologique.csv and /donnees/collectivites.csv: the actions,
and the local authorities they concern, in the State's national exchange schemas, so
that Territoires en Transition, Mon Espace Collectivité, Recoco or Aides-territoires
read them without re-keying (issue 24).

The schemas are beta.gouv's « Les communs de la transition écologique des
collectivités » (SOURCE): « projets-transition-ecologique » PROJECTS_VERSION and
« collectivites » COLLECTIVITES_VERSION. Our own Table Schemas (datapackage.json) are
written from their fields, in their order, with their types and constraints.

The mapping, declared once here and printed on /donnees/ (templates/pages/donnees.md)
and in CHAMPS.md from these declarations:

- one row per action in force, then per action abandoned by a decision (its
  `phaseStatut` « Abandonné »); `nom`, `description` as in the data; `programme` « CRTE »;
- `phase` / `phaseStatut` from where the action stands (views/standing.py): PHASES;
- `budgetPrevisionnel`: the total cost HT in force, rounded to the nearest euro, a half
  cent rounded up (ROUND_HALF_UP): the national field is a whole number of euros;
- `createdAt`: the signature, or the decision that added the action; `updatedAt`: the
  latest of the signature, the decisions about it and its tracking (records.data_date);
  both at midnight UTC, the data holding days only;
- `id`: a UUID (version 5, namespace URL) of the action's permanent address: the same
  action keeps the same id from one export to the next; an action renamed keeps the one
  of its first address (`anciens_ids`, which still leads to it);
- `collectiviteIds`: the communes it is located in and the EPCI (collectivites.csv);
- from its tracking (data/suivi/actions/<id>.yaml), when staff give them: `leviers`, the
  SGPE levers retained; `porteurCodeSiret`, the owner's SIRET; `tetId`, `mecId`,
  `recocoId`, its ids on Territoires en Transition, Mon Espace Collectivité, Recoco;
- left empty, never guessed: what the data does not hold (planned start day, the owner's
  contact, M57 competences).
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from crte import routes
from crte.data.model import Action
from crte.outputs.columns import Column
from crte.outputs.records import data_date
from crte.views.views import Views

SOURCE = "https://github.com/betagouv/schema-projet-collectivites-transition-ecologique"
PROJECTS_VERSION = "v0.1.1 (2025-04-16)"
COLLECTIVITES_VERSION = "v0.1.0"
PROJECTS_FILE = "projets-transition-ecologique.csv"
COLLECTIVITES_FILE = "collectivites.csv"
PROGRAMME = "CRTE"
PHASE_VALUES = ("Idée", "Étude", "Opération")
STATUT_VALUES = ("En cours", "En retard", "En pause", "Bloqué", "Abandonné", "Terminé")

# Where an action stands (the last tracking status, « abandonnée », or None: nothing
# published) -> (phase, phaseStatut); "" is an empty cell.
PHASES: dict[str | None, tuple[str, str]] = {
    "à l'étude": ("Étude", "En cours"),
    "engagée": ("Opération", "En cours"),  # the money committed: the operation has begun
    "en cours": ("Opération", "En cours"),
    "réalisée": ("Opération", "Terminé"),
    "abandonnée": ("", "Abandonné"),  # the phase it was abandoned in is not recorded
    None: ("", ""),  # nothing published: nothing said
}


def phase_table() -> list[tuple[str, str, str]]:
    """PHASES as /donnees/ and CHAMPS.md print it: (where the action stands, phase, phaseStatut)."""
    return [(status or "aucun suivi publié", phase, statut) for status, (phase, statut) in PHASES.items()]


def _source(schema: str, version: str) -> str:
    return f"Schéma national « {schema} » {version}, {SOURCE}"


def _col(name: str, ctype: str, description: str, required: bool = False, fmt: str | None = None,
         **constraints: Any) -> Column:
    return Column(name, ctype, description, required, fmt, tuple(constraints.items()))


_EMPTY = " Vide : nos données ne le disent pas."
PROJECT_COLUMNS = [
    _col("id", "string", "UUID version 5 (espace URL) de l'adresse permanente de l'action (celle de sa première "
                         "adresse pour une action renommée) : stable d'un export à l'autre.", True, "uuid"),
    _col("createdAt", "datetime", "La signature du contrat, ou la décision qui a ajouté l'action (minuit UTC).", True),
    _col("updatedAt", "datetime", "La plus récente de la signature, des décisions sur l'action et de son suivi "
                                  "(minuit UTC).", True),
    _col("nom", "string", "Le titre de l'action.", True),
    _col("description", "string", "La description de l'action."),
    _col("budgetPrevisionnel", "integer", "Le coût total HT en vigueur, en euros, arrondi à l'euro le plus proche "
                                          "(un demi-euro arrondi au-dessus)."),
    _col("dateDebutPrevisionnelle", "string", "AAAA-MM-JJ." + _EMPTY + " (une année de lancement, pas un jour)."),
    _col("phase", "string", "La phase, d'après où en est l'action (tableau de /donnees/) ; vide sans suivi publié.",
         enum=list(PHASE_VALUES)),
    _col("phaseStatut", "string", "Le statut de cette phase ; « Abandonné » pour une action abandonnée par une "
                                  "décision ; vide sans suivi publié.", enum=list(STATUT_VALUES)),
    _col("programme", "string", f"Le programme d'où vient le projet : « {PROGRAMME} »."),
    _col("porteurCodeSiret", "string", "SIRET du maître d'ouvrage (14 chiffres), quand le suivi de l'action le donne "
                                       "(siret_maitre_ouvrage).", pattern="^[0-9]{14}$"),
    *(_col(f"porteurReferent{part}", "string", f"{label} de la personne référente chez le maître d'ouvrage." + _EMPTY)
      for part, label in (("Email", "Courriel"), ("Telephone", "Téléphone"), ("Prenom", "Prénom"), ("Nom", "Nom"),
                          ("Fonction", "Fonction"))),
    _col("competences", "array", "Codes du référentiel des compétences M57 (liste JSON)." + _EMPTY),
    _col("leviers", "array", "Les leviers du SGPE que le suivi de l'action retient (liste JSON) ; vide tant qu'aucun "
                             "n'est retenu."),
    *(_col(name, "string", f"Identifiant du projet sur {label}, quand le suivi de l'action le donne (identifiants).")
      for name, label in (("mecId", "Mon Espace Collectivité"), ("tetId", "Territoires en Transition"),
                          ("recocoId", "Recoco"))),
    _col("collectiviteIds", "array", f"Les collectivités concernées (liste JSON des `id` de {COLLECTIVITES_FILE}) : "
                                     "les communes où l'action est située, et l'EPCI signataire."),
]
COLLECTIVITE_COLUMNS = [
    _col("id", "string", "UUID version 5 (espace URL) de l'adresse permanente de la page de la commune, ou de "
                         "l'accueil du site pour l'EPCI.", True, "uuid"),
    _col("nom", "string", "Nom de la commune, ou nom officiel de l'EPCI (territoire.yaml).", True),
    _col("type", "string", "« Commune » ou « EPCI ».", True, enum=["Commune", "EPCI"]),
    _col("codeInsee", "string", "Code INSEE d'une commune (5 caractères), requis par le schéma national pour une "
                                "commune ; vide tant que communes.yaml ne le donne pas (code_insee).",
         pattern="^[0-9][0-9AB][0-9]{3}$"),
    _col("codeDepartements", "array", "Codes des départements (liste JSON)." + _EMPTY),
    _col("codeRegions", "array", "Codes des régions (liste JSON)." + _EMPTY),
    _col("codeEpci", "string", "Le SIREN de l'EPCI, requis par le schéma national pour un EPCI ; vide tant que "
                               "territoire.yaml ne le donne pas (siren).", pattern="^[0-9]{9}$"),
    _col("siren", "string", "SIREN (9 chiffres) de l'EPCI, vide tant que territoire.yaml ne le donne pas.",
         pattern="^[0-9]{9}$"),
    _col("createdAt", "datetime", "La signature du contrat (minuit UTC).", True),
    _col("updatedAt", "datetime", "La signature du contrat (minuit UTC).", True),
]


def uuid_of(url: str) -> str:
    """The UUID (version 5, namespace URL) of an absolute address."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, url))


def budget(cost: Decimal) -> int:
    """A cost in euros as the national integer field: the nearest euro, a half rounded up."""
    return int(cost.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _moment(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _array(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False) if values else ""


def epci_id(site_url: str) -> str:
    return uuid_of(routes.absolute(site_url, routes.HOME))


def commune_id(site_url: str, slug: str) -> str:
    return uuid_of(routes.absolute(site_url, routes.commune(slug)))


def action_id(site_url: str, a: Action) -> str:
    first = a.anciens_ids[0] if a.anciens_ids else a.id
    return uuid_of(routes.absolute(site_url, routes.action(first)))


def project_rows(views: Views, site_url: str) -> list[dict[str, str]]:
    """The rows of projets-transition-ecologique.csv, as text: in force, then abandoned."""
    rows = []
    signature = views.crte.contract.signature.date
    for av in (*views.action_list(), *views.abandoned_list()):
        a = av.action
        status, standing = views.status(a.id), views.standing(a.id)
        phase, statut = PHASES["abandonnée" if standing.abandoned else standing.statut]
        communes = list(a.localisation.communes) if a.localisation else []
        tracked = views.signed_suivi.actions.get(a.id) if views.signed_suivi else None
        levers = list(tracked.leviers.leviers) if tracked is not None and tracked.leviers is not None else []
        ids = tracked.identifiants if tracked is not None and tracked.identifiants is not None else None
        rows.append({
            "id": action_id(site_url, a),
            "createdAt": _moment(status.added_by.date if status.added_by else signature),
            "updatedAt": _moment(data_date(a, views)),
            "nom": a.titre, "description": a.description, "budgetPrevisionnel": str(budget(a.cout_total)),
            "phase": phase, "phaseStatut": statut, "programme": PROGRAMME, "leviers": _array(levers),
            "porteurCodeSiret": tracked.siret_maitre_ouvrage if tracked is not None else None,
            "mecId": ids.mon_espace_collectivite if ids else None, "tetId": ids.territoires_en_transition if ids else None,
            "recocoId": ids.recoco if ids else None,
            "collectiviteIds": _array([commune_id(site_url, c) for c in communes] + [epci_id(site_url)]),
        })
    return [{c.name: row.get(c.name) or "" for c in PROJECT_COLUMNS} for row in rows]


def collectivite_rows(views: Views, site_url: str) -> list[dict[str, str]]:
    """The rows of collectivites.csv, as text: the communes (communes.yaml's order), then the EPCI."""
    signed = _moment(views.crte.contract.signature.date)
    rows = [{"id": commune_id(site_url, c.slug), "nom": c.nom, "type": "Commune", "codeInsee": c.code_insee or ""}
            for c in views.crte.communes]
    siren = views.territory.siren or ""
    rows.append({"id": epci_id(site_url), "nom": views.territory.nom, "type": "EPCI", "codeEpci": siren,
                 "siren": siren})
    return [{c.name: {**row, "createdAt": signed, "updatedAt": signed}.get(c.name, "") for c in COLLECTIVITE_COLUMNS}
            for row in rows]


def _resource(name: str, path: str, title: str, schema: str, version: str, columns: list[Column]) -> dict[str, Any]:
    return {"name": name, "path": path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": title, "description": f"Au format du {_source(schema, version)}.",
            "sources": [{"title": f"Schéma national « {schema} » {version}", "path": SOURCE}],
            "schema": {"fields": [c.schema() for c in columns], "primaryKey": "id", "missingValues": [""]}}


def resources() -> list[dict[str, Any]]:
    """The two files' resources of datapackage.json, with their Table Schemas."""
    return [
        _resource("projets-transition-ecologique", PROJECTS_FILE, "Projets de transition écologique (format national)",
                  "projets-transition-ecologique", PROJECTS_VERSION, PROJECT_COLUMNS),
        _resource("collectivites", COLLECTIVITES_FILE, "Collectivités (format national)", "collectivites",
                  COLLECTIVITES_VERSION, COLLECTIVITE_COLUMNS),
    ]
