"""Field types: what a value in data/ may be, each declared once.

A `FieldType` gathers everything the project says about one kind of value:

- `read`: the validator, which reads the value from the YAML scalar as written
  (a `reader.Scalar`) and refuses it with a French message;
- `json`: the JSON Schema editors check while typing (schemas/);
- `table`: the Table Schema type of open data (datapackage.json);
- `label`, `example`: the field reference for staff (CHAMPS.md).

Records (record.py and the modules that declare them) use the aliases at the
bottom: `titre: Text = Field(description=...)`. Pydantic finds the validator
and the JSON Schema in the `Annotated` metadata; `field_type()` finds the
`FieldType` for the other consumers.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, PlainValidator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from crte.data import names, text
from crte.data.codes import fichiers as K, valeurs as V
from crte.data.field_readers import (  # noqa: F401
    CONTRACT_YEARS,
    DATE_RE,
    FICHE_RE,
    HTML_JSON,
    MONEY_RE,
    NUMBER_RE,
    YEAR_RE,
    _boolean,
    _date,
    _integer,
    _money,
    _number,
    _percent,
    _share,
    fold,
    nearest,
    period_reader,
    refuse,
    text_reader,
)
from crte.data.reader import SLUG_MAX, SLUG_RE, Scalar


@dataclass(frozen=True, eq=False)
class FieldType:
    name: str  # its name in the field reference, e.g. "montant"
    label: str  # what staff read in the field reference
    what: str  # "un montant": for « … est attendu »
    json: dict[str, Any]
    table: str  # Table Schema type
    example: str  # as written in YAML
    read: Callable[[Scalar], Any] = field(repr=False)

    def validate(self, value: Any) -> Any:
        if not isinstance(value, Scalar):
            raise refuse(K.VALEUR_ATTENDUE(what=self.what))
        if value.is_null:
            raise refuse(K.VALEUR_VIDE())
        return self.read(value)

    # Pydantic reads a FieldType in `Annotated[str, TEXT]` metadata: its validator and its schema.
    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return PlainValidator(self.validate).__get_pydantic_core_schema__(source, handler)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {**self.json, "description": self.label}


# --- The types ----------------------------------------------------------------------

TEXT_JSON = {"type": "string", "pattern": "\\S", "maxLength": text.SINGLE_LINE_MAX,
             "not": {"pattern": f"{HTML_JSON}|{text.JSON_FORBIDDEN}|{text.JSON_SINGLE_LINE}"}}
MARKDOWN_JSON = {"type": "string", "pattern": "\\S", "maxLength": text.MARKDOWN_MAX,
                 "not": {"pattern": f"{HTML_JSON}|{text.JSON_FORBIDDEN}"}}


def _pattern_json(regex: re.Pattern[str]) -> dict[str, Any]:
    return {"type": "string", "pattern": f"^{regex.pattern}$"}


TEXT = FieldType("texte", "Texte, entre guillemets ; sans HTML.", "un texte", TEXT_JSON, "string",
                 '"…"', text_reader())
MARKDOWN = FieldType("texte Markdown", "Texte en Markdown (**gras**, *italique*, listes « - ») ; sans HTML.",
                     "un texte", MARKDOWN_JSON, "string", "|- (bloc de texte, une ligne vide entre deux paragraphes)",
                     text_reader(multiline=True))
SLUG = FieldType("identifiant", f"Identifiant : minuscules sans accents, chiffres et tirets, {SLUG_MAX} caractères "
                 "au plus ; ne change jamais une fois publié.", "un texte",
                 {**_pattern_json(SLUG_RE), "maxLength": SLUG_MAX}, "string", "cite-declercq",
                 text_reader(SLUG_RE, " : minuscules sans accents, chiffres et tirets (ex. « cite-declercq »)",
                             max_length=SLUG_MAX))
FICHE = FieldType("numéro de fiche", "Numéro de fiche « chantier.fiche », entre guillemets.", "un texte",
                  _pattern_json(FICHE_RE), "string", '"19.10"',
                  text_reader(FICHE_RE, " : « chantier.fiche » entre guillemets, ex. \"14.3\""))
SECTION = FieldType("numéro de section", "Numéro « article.section », entre guillemets.", "un texte",
                    _pattern_json(FICHE_RE), "string", '"6.3"',
                    text_reader(FICHE_RE, " : « article.section », ex. \"6.3\""))
PERIOD = FieldType("année ou période", f"Année ou période de la période du contrat ({CONTRACT_YEARS[0]}-"
                   f"{CONTRACT_YEARS[1]}), entre guillemets, telle que publiée.", "un texte",
                   _pattern_json(YEAR_RE), "string", '"2021-2022"',
                   period_reader(" : une année (\"2021\") ou une période (\"2021-2022\")", CONTRACT_YEARS))
CONTRACT_YEAR = FieldType("année", f"Année de la période du contrat ({CONTRACT_YEARS[0]}-{CONTRACT_YEARS[1]}), "
                          "entre guillemets.", "un texte", _pattern_json(YEAR_RE), "string", '"2021"',
                          period_reader(" : une année, ex. \"2021\"", CONTRACT_YEARS))
YEAR = FieldType("année", "Année, entre guillemets.", "un texte", _pattern_json(YEAR_RE), "string", '"2021"',
                 period_reader(" : une année, ex. \"2021\"", (1900, 2100)))
INTEGER = FieldType("nombre entier", "Nombre entier, sans guillemets ni zéro initial.", "un nombre entier",
                    {"type": "integer", "minimum": 1}, "integer", "14", _integer)
PERCENT = FieldType("pourcentage", "Nombre entier de 0 à 100, sans guillemets ni %.", "un nombre entier",
                    {"type": "integer", "minimum": 0, "maximum": 100}, "integer", "40", _percent)
MONEY = FieldType("montant", "Montant en euros : point décimal, au plus deux décimales, sans espace ni €, "
                  "entre guillemets.", "un montant", _pattern_json(MONEY_RE), "number", '"1950206.00"', _money)
NUMBER = FieldType("nombre", "Nombre décimal (point décimal), entre guillemets.", "un nombre",
                   _pattern_json(NUMBER_RE), "number", '"12.5"', _number)
DATE = FieldType("date", "Date AAAA-MM-JJ, entre guillemets.", "une date", _pattern_json(DATE_RE), "date",
                 '"2021-12-13"', _date)
BOOLEAN = FieldType("booléen", "true ou false, sans guillemets.", "true ou false", {"type": "boolean"}, "boolean",
                    "true", _boolean)

# Public identifiers of the national exchange formats (crte/outputs/national.py), optional.
INSEE_RE = re.compile(r"[0-9][0-9AB][0-9]{3}")
SIREN_RE = re.compile(r"[0-9]{9}")
SIRET_RE = re.compile(r"[0-9]{14}")


def _identifier(name: str, label: str, regex: re.Pattern[str], example: str, hint: str) -> FieldType:
    return FieldType(name, label, "un texte", _pattern_json(regex), "string", f'"{example}"',
                     text_reader(regex, f" : {hint}, ex. \"{example}\""))


INSEE = _identifier("code INSEE", "Code officiel géographique (COG) de l'INSEE d'une commune : 5 caractères, entre "
                    "guillemets.", INSEE_RE, "62427", "le code INSEE de la commune, 5 caractères entre guillemets")
SIREN = _identifier("SIREN", "Numéro SIREN : 9 chiffres, entre guillemets, sans espace.", SIREN_RE, "200000000",
                    "9 chiffres entre guillemets, sans espace")
SIRET = _identifier("SIRET", "Numéro SIRET : 14 chiffres, entre guillemets, sans espace.", SIRET_RE,
                    "20000000000000", "14 chiffres entre guillemets, sans espace")


SHARE = replace(MONEY, name="part", label="Montant en euros, comme un montant, jamais 0 : une part qui n'est pas "
                "connue s'omet.", json={**MONEY.json, "not": {"pattern": "^0+(\\.0+)?$"}}, read=_share)
REF = FieldType("référence", "Identifiant d'un élément qui existe (pas son nom) : minuscules sans accents, chiffres et "
                "tirets.", "un texte", {**_pattern_json(SLUG_RE), "maxLength": SLUG_MAX}, "string", "cite-declercq",
                text_reader())  # what it names is checked by checks.py, which lists the known identifiers


def address(folder: str) -> FieldType:
    """The identifier of a record whose page is /`folder`/<identifiant>/: a slug that is
    not reserved (names.py: one list and one rule for every such record)."""
    def read(s: Scalar) -> str:
        value = SLUG.read(s)
        if (bad := names.address_problem(folder, value)) is not None:
            raise refuse(bad)
        return str(value)
    reserved = ", ".join(sorted(names.RESERVED))
    return FieldType(SLUG.name, f"{SLUG.label} Il forme l'adresse /{folder}/<identifiant>/ : ni {reserved}.",
                     SLUG.what, {**SLUG.json, "not": {"enum": sorted(names.RESERVED)}}, SLUG.table, SLUG.example,
                     read)


def choice(*values: str, aliases: dict[str, str] | None = None) -> FieldType:
    """A text among `values`; a value not among them is refused with the one it most
    likely meant (`nearest`)."""
    base = text_reader()

    def read(s: Scalar) -> str:
        value = base(s)
        if value not in values:
            near = nearest(value, values, aliases)
            raise refuse(V.VALEUR_INCONNUE("proche" if near else "", value=value, near=near, values=", ".join(values)))
        return value
    return FieldType("choix", f"Une valeur parmi : {', '.join(values)}.", "un texte",
                     {"type": "string", "enum": list(values)}, "string", values[0], read)


Text = Annotated[str, TEXT]
Markdown = Annotated[str, MARKDOWN]
Slug = Annotated[str, SLUG]
# Identifiers that form a page's address (names.FOLDERS).
ActionId = Annotated[str, address(names.ACTIONS)]
CommuneSlug = Annotated[str, address(names.COMMUNES)]
FunderSlug = Annotated[str, address(names.FUNDERS)]
IndicatorId = Annotated[str, address(names.INDICATORS)]
FicheNumber = Annotated[str, FICHE]
SectionNumber = Annotated[str, SECTION]
Period = Annotated[str, PERIOD]
Year = Annotated[str, YEAR]
ContractYear = Annotated[str, CONTRACT_YEAR]
Integer = Annotated[int, INTEGER]
Percent = Annotated[int, PERCENT]
Money = Annotated[Decimal, MONEY]
InseeCode = Annotated[str, INSEE]
Siren = Annotated[str, SIREN]
Siret = Annotated[str, SIRET]
Share = Annotated[Decimal, SHARE]
Ref = Annotated[str, REF]
Number = Annotated[Decimal, NUMBER]
Date = Annotated[dt.date, DATE]
Boolean = Annotated[bool, BOOLEAN]
