"""The columns of the published tables (/donnees/), described from the record
declarations: a column that publishes a declared field takes its type, its
description and whether it is required from that declaration (crte/data/),
so that datapackage.json's Table Schema never drifts from the data.

A column that is not a field (a URL, a title looked up in another record) says
where it comes from in its own description.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crte.data.model import Action, Chantier, Fiche, Indicator, Localisation, Measure, Record
from crte.data.record import field_type, unwrap

_PYTHON_TYPES = {int: "integer", str: "string", bool: "boolean"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type
    description: str
    required: bool = False
    format: str | None = None  # Table Schema format ("uuid")
    constraints: tuple[tuple[str, Any], ...] = ()  # Table Schema constraints beside `required` (enum, pattern)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.format is not None:
            out["format"] = self.format
        if self.required or self.constraints:
            out["constraints"] = {**({"required": True} if self.required else {}), **dict(self.constraints)}
        if self.type == "boolean":
            out.update(trueValues=["true"], falseValues=["false"])
        return out


def declared(record: type[Record], field: str, name: str | None = None, *, optional: bool = False,
             note: str = "") -> Column:
    """A column publishing `record.field` as declared (`optional`: inside an optional block)."""
    if field in record.model_computed_fields:
        computed = record.model_computed_fields[field]
        ctype = _PYTHON_TYPES.get(unwrap(computed.return_type)[0], "string")
        return Column(name or field, ctype, (computed.description or "") + note, not optional)
    info = record.model_fields[field]
    inner, _, many = unwrap(info.annotation)
    ft = field_type(inner) or next((m for m in info.metadata if hasattr(m, "table")), None)
    ctype = "string" if many or ft is None else ft.table
    if many:
        note = " Plusieurs valeurs séparées par « ; »." + note
    return Column(name or field, ctype, (info.description or "") + note, info.is_required() and not optional)


def computed(name: str, ctype: str, description: str, required: bool = True) -> Column:
    return Column(name, ctype, description, required)


ACTION_COLUMNS = [
    declared(Action, "id"),
    computed("etat", "string", "« signée » (telle que dans l'annexe 3), « modifiée » ou « ajoutée » par une décision "
                               "postérieure à la signature (voir evolutions.csv) ; « abandonnée » seulement dans le "
                               "fichier /actions/<id>.json d'une action abandonnée."),
    computed("url", "string", "Adresse permanente de la page de l'action."),
    declared(Action, "orientation"),
    declared(Action, "enjeu", optional=True, note=" Vide pour une action ajoutée par une décision sans libellé "
                                                "(elle est rangée sous l'orientation de son chantier)."),
    declared(Action, "chantier"),
    declared(Chantier, "titre", "chantier_titre", note=" (titre du chantier, data/orientations.yaml)"),
    declared(Action, "fiche"),
    declared(Fiche, "titre", "fiche_titre", note=" (titre de la fiche, data/orientations.yaml)"),
    declared(Action, "maitre_ouvrage"),
    declared(Action, "titre"),
    declared(Action, "description"),
    declared(Action, "annee_lancement"),
    declared(Action, "cout_total"),
    declared(Action, "part_cahc", note=" Vide : non donnée par l'annexe (jamais 0)."),
    declared(Localisation, "communes", optional=True),
    declared(Localisation, "territoire", optional=True),
    declared(Localisation, "hors_cahc", optional=True),
]

INDICATOR_COLUMNS = [
    declared(Indicator, "id"),
    computed("url", "string", "Adresse permanente de l'indicateur."),
    declared(Indicator, "orientation"),
    declared(Indicator, "groupe", optional=True),
    declared(Indicator, "libelle"),
    declared(Indicator, "unite"),
    declared(Indicator, "source"),
    declared(Measure, "valeur", "valeur_reference", optional=True, note=" (valeur de référence)"),
    declared(Measure, "annee", "annee_reference", optional=True, note=" (année de la valeur de référence)"),
    declared(Measure, "valeur", "cible", optional=True, note=" (valeur cible)"),
    declared(Measure, "annee", "annee_cible", optional=True, note=" (année de la cible)"),
]


# One row per field a decision changed (and per action added or abandoned).
EVOLUTION_COLUMNS = [
    computed("date", "date", "Date de la décision (AAAA-MM-JJ)."),
    computed("decision", "string", "Identifiant de la décision ; sa page est /evolutions/<decision>/."),
    computed("instance", "string", "« comité de pilotage » ou « avenant »."),
    computed("action", "string", "Identifiant de l'action concernée ; sa page est /actions/<action>/. Vide pour un "
                                 "changement du plan ou du texte (voir objet).", required=False),
    computed("objet", "string", "Ce que le changement concerne : le titre de l'action, ou le chantier, la fiche, "
                                "l'article, l'indicateur."),
    computed("champ", "string", "Champ changé (noms de actions.csv), « ajout » / « abandon » de l'action, ou la sorte "
                                "de changement (ajouter_chantier, ajouter_fiche, renommer, modifier_article, "
                                "ajouter_indicateur)."),
    computed("avant", "string", "Valeur avant la décision ; vide pour un ajout.", required=False),
    computed("apres", "string", "Valeur après la décision ; pour un abandon, son motif.", required=False),
    computed("motif", "string", "Pourquoi, tel que la décision le dit : le motif d'une modification (obligatoire "
                                "pour un montant) ou d'un abandon.", required=False),
    computed("url", "string", "Adresse permanente de la page de la décision."),
]


def table_schema(columns: list[Column], key: str) -> dict[str, Any]:
    return {"fields": [c.schema() for c in columns], "primaryKey": key, "missingValues": [""]}


def names(columns: list[Column]) -> list[str]:
    return [c.name for c in columns]
