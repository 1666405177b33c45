"""The forms of the browser editor (Decap CMS, /edition/), generated from the record
declarations: one more consumer of the one declaration, like schemas.py.

`collections(folder, choices)` gives Decap's `collections`: one per kind of file staff
record in the browser (decisions, tracking of an action, of an indicator, the
dashboard, the funders). Each declared field becomes a form field: its widget from
its FieldType, `required` from the declaration, the hint from its description, the
allowed values from its `choice` or, for a field that names a record of the data
(an action, a chantier, a funder…), from `choices`, which the build computes from
the loaded data (site/edition.py). The signed layer (contract, actions,
orientations, indicators) has no collection: it changes only by a developer.

What Decap cannot write as our reader wants is left to the page's formatter
(templates/edition/edition.js), driven by this configuration:
- a change is written `- modifier_action: {...}`, Decap's typed list keeps its kind
  in the item (`TYPE_KEY`): the formatter moves it back to a key;
- a file named by an action or an indicator holds no field naming it: the form's
  `FILE_FIELD` names the file, and the formatter leaves it out of the file;
- strings double-quoted, numbers plain, empty optional fields left out.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic.fields import FieldInfo

from crte.data import fields as f
from crte.data.decisions import Change, Decision
from crte.data.model import DECISIONS, TRACKING, DataFileSpec
from crte.data.record import Record, declared, record_type

TYPE_KEY = "type_de_changement"
FILE_FIELD = "_fichier"
FORMAT = "crte-yaml"

Option = Mapping[str, Any]  # {"label": ..., "value": ...}

# Fields that name a record of the data: a list of the ones that exist (site/edition.py
# computes each list from the contract in force). Keyed by record type and field.
REFERENCES: dict[tuple[str, str], str] = {
    ("ActionChanges", "action"): "actions",
    ("Abandon", "action"): "actions",
    ("NewAction", "enjeu"): "enjeux",
    ("ActionChanges", "enjeu"): "enjeux",
    ("NewAction", "chantier"): "chantiers",
    ("ActionChanges", "chantier"): "chantiers",
    ("NewAction", "fiche"): "fiches",
    ("ActionChanges", "fiche"): "fiches",
    ("NewAction", "indicateurs"): "indicateurs",
    ("ActionChanges", "indicateurs"): "indicateurs",
    ("Localisation", "communes"): "communes",
    ("NewChantier", "orientation"): "orientations",
    ("NewIndicator", "orientation"): "orientations",
    ("Retitle", "chantier"): "chantiers",
    ("Retitle", "fiche"): "fiches",
    ("Amendment", "article"): "articles",
    ("Amendment", "section"): "sections",
    ("Financing", "financeur"): "financeurs",
    ("IndicatorTracking", "actions"): "actions",
}
# Fields a form does not offer: an action's former ids and its explanations of the signed
# document's contradictions belong to the signed layer (data/actions.yaml).
LEFT_OUT = {("NewAction", "anciens_ids"), ("NewAction", "constats")}

# Field names are French without accents (YAML keys): the labels put them back.
WORDS = {
    "cout": "coût", "cahc": "CAHC", "annee": "année", "maitre": "maître", "numero": "numéro", "depense": "dépense",
    "accorde": "accordé", "demande": "demandé", "reference": "référence", "unite": "unité", "etapes": "étapes",
    "libelle": "libellé", "url": "adresse web", "id": "identifiant", "evolution": "évolution",
}


def label(name: str) -> str:
    """« cout_total » -> « Coût total »."""
    words = [WORDS.get(w, w) for w in name.strip("_").split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _scalar(ft: f.FieldType | None) -> dict[str, Any]:
    """The widget of one value of a FieldType."""
    if ft is None or ft in (f.TEXT,):
        return {"widget": "string"}
    if ft is f.MARKDOWN:
        return {"widget": "text"}
    if ft is f.INTEGER:
        return {"widget": "number", "value_type": "int", "min": 1, "step": 1}
    if ft is f.PERCENT:
        return {"widget": "number", "value_type": "int", "min": 0, "max": 100, "step": 1}
    if ft is f.BOOLEAN:
        return {"widget": "boolean"}
    if ft is f.DATE:
        return {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": False}
    if "enum" in ft.json:
        return {"widget": "select", "options": list(ft.json["enum"])}
    out: dict[str, Any] = {"widget": "string"}
    if pattern := ft.json.get("pattern"):
        out["pattern"] = [pattern, f"attendu : {ft.name}, par exemple {ft.example.strip(chr(34))}"]
    return out


def _field(cls: type[Record], name: str, info: FieldInfo, choices: Mapping[str, Sequence[Option]],
           within_optional: bool) -> dict[str, Any]:
    inner, ft, many = declared(info)
    out: dict[str, Any] = {"name": name, "label": label(name)}
    if info.description:
        out["hint"] = info.description
    if not info.is_required():
        out["required"] = False
    elif within_optional:
        # Decap checks the fields of a block left empty: the check (make check) requires them
        # once the block is filled in.
        out |= {"required": False, "hint": f"{out.get('hint', '')} Obligatoire si le bloc est rempli.".strip()}
    if (ref := REFERENCES.get((cls.__name__, name))) is not None:
        return {**out, "widget": "select", "options": list(choices.get(ref, ())), **({"multiple": True} if many
                                                                                       else {})}
    if (sub := record_type(inner)) is not None:
        if sub is Change:
            return {**out, "widget": "list", "typeKey": TYPE_KEY, "types": _kinds(choices)}
        body = {"fields": record_fields(sub, choices, within_optional or not (info.is_required() or many))}
        if many:
            return {**out, "widget": "list", "collapsed": False, **body}
        return {**out, "widget": "object", "collapsed": not info.is_required(), **body}
    if many and ft is not None and "enum" in ft.json:  # several values of a fixed list: one list of choices
        return {**out, "widget": "select", "multiple": True, "options": list(ft.json["enum"])}
    if many:
        return {**out, "widget": "list", "field": {"name": name, "label": label(name), **_scalar(ft)}}
    return {**out, **_scalar(ft)}


def record_fields(cls: type[Record], choices: Mapping[str, Sequence[Option]],
                  within_optional: bool = False) -> list[dict[str, Any]]:
    """The form fields of a record, in declared order; `within_optional`: the record is
    an optional block."""
    return [_field(cls, name, info, choices, within_optional) for name, info in cls.model_fields.items()
            if (cls.__name__, name) not in LEFT_OUT]


def _kinds(choices: Mapping[str, Sequence[Option]]) -> list[dict[str, Any]]:
    """A decision's changes: one type of list item per key of `Change`."""
    out = []
    for name, info in Change.model_fields.items():
        inner, _, _ = declared(info)
        sub = record_type(inner)
        assert sub is not None, name
        out.append({"name": name, "label": label(name), "widget": "object", "hint": info.description or "",
                    "fields": record_fields(sub, choices)})
    return out


def _header(folder: str, spec: DataFileSpec) -> str:
    """The first line of a file the editor writes: the JSON Schema for editors (schemas.py)."""
    depth = len(f"{folder}/{spec.name}".split("/")) - 1
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{spec.key}.schema.json"


def _doc(cls: type[Record]) -> str:
    return " ".join((cls.__doc__ or "").split())


def _folder(folder: str, spec: DataFileSpec, plural: str, singular: str, choices: Mapping[str, Sequence[Option]],
            named_by: tuple[str, str] | None) -> dict[str, Any]:
    """A folder of files, one per record; `named_by`: (list of `choices`, label) of what the
    file is named by (an action, an indicator), or None for a decision (its date and instance)."""
    out: dict[str, Any] = {
        "name": spec.key, "label": plural, "label_singular": singular, "description": _doc(spec.record),
        "folder": f"{folder}/{spec.name.rsplit('/', 1)[0]}", "extension": "yaml", "format": FORMAT,
        "create": True, "delete": False, "crte_entete": _header(folder, spec), "editor": {"preview": False},
    }
    fields = record_fields(spec.record, choices)
    if named_by is None:
        return {**out, "slug": "{{fields.date}}-{{fields.instance}}", "identifier_field": "objet",
                "summary": "{{fields.date}} — {{fields.objet}}", "fields": fields}
    names, title = named_by
    named = {"name": FILE_FIELD, "label": title, "widget": "crte-fichier", "options": list(choices.get(names, ())),
             "hint": f"Le fichier porte son identifiant : {out['folder']}/<identifiant>.yaml ; il ne change plus."}
    return {**out, "slug": f"{{{{fields.{FILE_FIELD}}}}}", "identifier_field": FILE_FIELD,
            "summary": "{{filename}}", "fields": [named, *fields]}


def _single(folder: str, spec: DataFileSpec, title: str, choices: Mapping[str, Sequence[Option]]) -> dict[str, Any]:
    """A file of its own (the dashboard, the funders)."""
    return {"name": spec.key, "label": title, "description": _doc(spec.record), "format": FORMAT,
            "extension": "yaml", "crte_entete": _header(folder, spec), "delete": False, "editor": {"preview": False},
            "files": [{"name": spec.key, "label": title, "file": f"{folder}/{spec.name}",
                       "fields": record_fields(spec.record, choices)}]}


def collections(folder: str, choices: Mapping[str, Sequence[Option]]) -> list[dict[str, Any]]:
    """Decap's collections for the data folder `folder` (relative to the repository's root)."""
    dashboard, funders, action, indicator = TRACKING
    assert DECISIONS.record is Decision
    return [
        _folder(folder, DECISIONS, "Décisions", "décision", choices, None),
        _folder(folder, action, "Suivi des actions", "suivi d'une action", choices, ("actions", "Action suivie")),
        _folder(folder, indicator, "Suivi des indicateurs", "suivi d'un indicateur", choices,
               ("indicateurs", "Indicateur suivi")),
        _single(folder, dashboard, "Tableau de bord", choices),
        _single(folder, funders, "Financeurs", choices),
    ]
