"""`python -m crte.cli.schemas [ROOT]` (`make schemas`): write, from the record
declarations, what is generated from them and committed:

- `schemas/<file>.schema.json`: the JSON Schema editors use while staff type
  (first line of each data file: `# yaml-language-server: $schema=…`);
- `CHAMPS.md`: the field reference for staff, file by file and record by record:
  each field, its type, whether it is required, its description and an example.

Never edit these files by hand: change the declaration and run `make schemas`.
A test fails when the committed files differ from what this writes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from crte.data.model import DECISIONS, EXAMPLE, FILES, GLOSSARY, TRACKING, DataFileSpec
from crte.data.record import Record, declared, record_type, unwrap
from crte.outputs import action_file, national
from crte.outputs.columns import ACTION_COLUMNS

# The schemas' identifiers: names, not addresses (editors read the files from schemas/).
BASE_URL = "urn:crte:schemas:"
REFERENCE = "CHAMPS.md"


class _Generator(GenerateJsonSchema):
    """JSON Schema as editors need it: no generated titles, no defaults, and an
    optional field is one that may be left out (not one that may be null)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def nullable_schema(self, schema: core_schema.NullableSchema) -> dict[str, Any]:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> dict[str, Any]:
        return self.generate_inner(schema["schema"])

    def model_schema(self, schema: core_schema.ModelSchema) -> dict[str, Any]:
        out = super().model_schema(schema)
        out.pop("title", None)
        return out


def json_schema(spec: DataFileSpec) -> dict[str, Any]:
    body = spec.record.model_json_schema(schema_generator=_Generator)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URL}{spec.key}.schema.json",
        "title": f"data/{spec.name}" if spec is not EXAMPLE else "exemple.yaml (données fictives seulement)",
        **body,
        "$comment": "Généré par `make schemas` à partir des déclarations de crte/data/ : ne pas modifier à la main.",
    }


# --- The field reference ------------------------------------------------------------------------

def _records(root: type[Record]) -> list[tuple[str, type[Record]]]:
    """Every record type reachable from a file's root, with the path staff see, in order."""
    out: list[tuple[str, type[Record]]] = []
    seen: set[type[Record]] = set()

    def walk(path: str, cls: type[Record]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        out.append((path, cls))
        for name, info in cls.model_fields.items():
            inner, _, many = unwrap(info.annotation)
            if (sub := record_type(inner)) is not None:
                walk(f"{path}.{name}{'[]' if many else ''}".lstrip("."), sub)

    walk("", root)
    return out


def _type_label(info: FieldInfo) -> str:
    inner, ft, many = declared(info)
    if ft is not None:
        label = ft.name
    elif (sub := record_type(inner)) is not None:
        label = f"bloc [{sub.__name__}](#{sub.__name__.lower()})"
    else:
        label = getattr(inner, "__name__", str(inner))
    return f"liste de : {label}" if many else label


def _example(info: FieldInfo) -> str:
    _, ft, many = declared(info)
    if info.examples:
        value = info.examples[0]
        return f"`{json.dumps(value, ensure_ascii=False) if isinstance(value, (str, list)) else value}`"
    if ft is None:
        return ""
    return f"`[{ft.example}]`" if many and "\n" not in ft.example else f"`{ft.example}`".replace("\n", " ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference() -> str:
    lines = [
        "# Référence des champs de `data/`",
        "",
        "Généré par `make schemas` à partir des déclarations de `crte/data/` : ne pas modifier à la main.",
        "Les règles d'écriture et les modifications courantes sont dans [CONTRIBUTING.md](CONTRIBUTING.md).",
        "Un champ facultatif absent veut dire « non donné par le document » : on ne le remplace jamais par 0.",
        "",
    ]
    for spec in (*FILES, GLOSSARY, DECISIONS, *TRACKING, EXAMPLE):
        folder = "examples/<exemple>/" if spec is EXAMPLE else "data/"
        lines += [f"## `{folder}{spec.name}`", "", (spec.record.__doc__ or "").strip(), ""]
        for path, cls in _records(spec.record):
            title = path or "(le fichier)"
            lines += [f"### {cls.__name__}", "", f"`{title}` : {(cls.__doc__ or '').strip()}", "",
                      "| Champ | Type | Obligatoire | Description | Exemple |", "| --- | --- | --- | --- | --- |"]
            for name, info in cls.model_fields.items():
                lines.append(f"| `{name}` | {_type_label(info)} | {'oui' if info.is_required() else 'non'}"
                             f" | {_cell(info.description or '')} | {_cell(_example(info))} |")
            for name, computed in cls.model_computed_fields.items():
                lines.append(f"| `{name}` | calculé | — | {_cell(computed.description or '')} | |")
            lines.append("")
    return "\n".join(lines + _published())


# Table Schema types, in the words of the field reference.
_TYPES = {"string": "texte", "integer": "entier", "number": "nombre", "boolean": "booléen", "date": "date",
          "datetime": "date et heure", "object": "objet", "array": "liste"}


def _published() -> list[str]:
    """The per-action JSON file, /actions/<id>.json, key by key (crte/outputs/action_file.py)."""
    lines = ["## Publié : `/actions/<id>.json`", "", (action_file.__doc__ or "").split("\n\n")[0].strip(), "",
             "Les clés de son enregistrement sont les colonnes de `/donnees/actions.csv` (mêmes noms, mêmes "
             "valeurs ; en JSON, un montant est un nombre et une valeur absente `null`) :", "",
             ", ".join(f"`{c.name}`" for c in ACTION_COLUMNS) + ".", ""]
    for path, columns in action_file.documented():
        lines += [f"### {path or 'Clés ajoutées'}", "", "| Clé | Type | Toujours là | Description |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| `{c.name}` | {_TYPES.get(c.type, c.type)} | {'oui' if c.required else 'non'} | "
                  f"{_cell(c.description)} |" for c in columns]
        lines.append("")
    return lines + _national()


def _national() -> list[str]:
    """The national exchange formats (crte/outputs/national.py): the mapping and the columns."""
    lines = ["## Publié : les formats nationaux", "",
             f"`/donnees/{national.PROJECTS_FILE}` et `/donnees/{national.COLLECTIVITES_FILE}` suivent les schémas "
             f"nationaux « projets-transition-ecologique » {national.PROJECTS_VERSION} et « collectivites » "
             f"{national.COLLECTIVITES_VERSION} ({national.SOURCE}). Une valeur que nos données ne donnent pas reste "
             "vide. Phase et statut, d'après où en est l'action :", "",
             "| Où en est l'action | phase | phaseStatut |", "| --- | --- | --- |"]
    lines += [f"| {status} | {phase or '(vide)'} | {statut or '(vide)'} |" for status, phase, statut in
              national.phase_table()]
    for file, columns in ((national.PROJECTS_FILE, national.PROJECT_COLUMNS),
                          (national.COLLECTIVITES_FILE, national.COLLECTIVITE_COLUMNS)):
        lines += ["", f"### {file}", "", "| Colonne | Type | Toujours là | Description |", "| --- | --- | --- | --- |"]
        lines += [f"| `{c.name}` | {_TYPES.get(c.type, c.type)} | {'oui' if c.required else 'non'} | "
                  f"{_cell(c.description)} |" for c in columns]
    lines.append("")
    return lines


def write(root: Path) -> list[Path]:
    """Write every generated file under `root`; return their paths."""
    written = []
    for spec in (*FILES, GLOSSARY, DECISIONS, *TRACKING, EXAMPLE):
        path = root / "schemas" / f"{spec.key}.schema.json"
        path.write_text(json.dumps(json_schema(spec), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    path = root / REFERENCE
    path.write_text(reference(), encoding="utf-8")
    written.append(path)
    return written


if __name__ == "__main__":
    for p in write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()):
        print(p)
