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
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from . import names, text
from .reader import SLUG_MAX, SLUG_RE, Scalar, not_text

# Bounds that keep a typo from reaching the pages (and Decimal's 28 digits):
# amounts below 10 milliards d'euros, numbers of 15 digits, 4-digit numbers.
MONEY_RE = re.compile(r"(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?")
NUMBER_RE = re.compile(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?")
INT_RE = re.compile(r"[1-9][0-9]{0,3}")
# The contract's period: « la période contractuelle 2021-2026 » (article 1).
CONTRACT_YEARS = (2021, 2026)
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR_RE = re.compile(r"[0-9]{4}(-[0-9]{4})?")
FICHE_RE = re.compile(r"[1-9][0-9]*\.[0-9]+")
# Raw HTML is refused in every text field: text and Markdown only (the pages
# escape plain text and sanitise Markdown as well).
# « a < b » is text (no tag starts with a space); « <b> » and « </i> » are not.
HTML_RE = re.compile(r"<[A-Za-z!/?]|javascript\s*:", re.IGNORECASE)
HTML_JSON = "<[A-Za-z!/?]|[jJ][aA][vV][aA][sS][cC][rR][iI][pP][tT]\\s*:"


def refuse(message: str, **ctx: Any) -> PydanticCustomError:
    """A refusal carrying its French message (and, optionally, the field it concerns)."""
    return PydanticCustomError("crte", "{message}", {"message": message, **ctx})


class _JsonSchema(WithJsonSchema):
    # Annotated metadata must be hashable (typing hashes it); the schema is a dict.
    __hash__ = object.__hash__


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
            raise refuse(f"{self.what} est attendu, pas une liste ou un bloc de champs")
        if value.is_null:
            raise refuse("valeur vide ; ce champ est obligatoire")
        return self.read(value)

    def annotated(self, python_type: Any) -> Any:
        return Annotated[python_type, PlainValidator(self.validate),
                         _JsonSchema({**self.json, "description": self.label}), self]


# --- Readers -------------------------------------------------------------------------

def _html(value: str, markdown: bool) -> str | None:
    m = HTML_RE.search(value)
    if not m:
        return None
    rest = value[m.start():]
    end = rest.find(">") + 1 if rest.startswith("<") and 0 < rest.find(">") < 60 else len(rest.split()[0])
    snippet = rest[:min(end, 60)] + ("…" if min(end, 60) < end else "")
    return (f"contient du HTML ou un lien javascript (« {snippet} ») : écrivez du texte"
            + (", éventuellement en Markdown, sans balises" if markdown else ", sans balises"))


def text_reader(pattern: re.Pattern[str] | None = None, hint: str = "",
                multiline: bool = False, max_length: int | None = None) -> Callable[[Scalar], str]:
    def read(s: Scalar) -> str:
        if surprise := not_text(s):
            raise refuse(surprise)
        value = str(s)
        if not value.strip():
            raise refuse("texte vide ; ce champ est obligatoire")
        if bad := text.problem(value, multiline):
            raise refuse(bad)
        if html := _html(value, multiline):
            raise refuse(html)
        if max_length is not None and len(value) > max_length:
            raise refuse(f"trop long ({len(value)} caractères, {max_length} au plus) : il forme une adresse web")
        if pattern is not None and not pattern.fullmatch(value):
            raise refuse(f"« {value} » n'a pas la forme attendue{hint}")
        return value
    return read


def period_reader(hint: str, bounds: tuple[int, int]) -> Callable[[Scalar], str]:
    """A year ("2021") or a period ("2021-2022") within `bounds`, in order."""
    base = text_reader(YEAR_RE, hint)

    def read(s: Scalar) -> str:
        value = base(s)
        years = [int(y) for y in value.split("-")]
        if len(years) == 2 and years[0] >= years[1]:
            raise refuse(f"la période « {value} » est à l'envers ou vide ; écrivez \"{years[1]}-{years[0]}\"")
        if not all(bounds[0] <= y <= bounds[1] for y in years):
            raise refuse(f"« {value} » est hors de la période {bounds[0]}-{bounds[1]}"
                         + (" du contrat (article 1 : « la période contractuelle 2021-2026 »)"
                            if bounds == CONTRACT_YEARS else "") + " ; vérifiez l'année")
        return value
    return read


def _integer(s: Scalar) -> int:
    raw = s.strip()
    if not s.plain and INT_RE.fullmatch(raw):
        raise refuse(f"« {raw} » est entre guillemets ; écrivez le nombre sans guillemets : {raw}")
    if not INT_RE.fullmatch(raw):
        if re.fullmatch(r"0[0-9]+", raw):
            raise refuse(f"« {raw} » commence par un zéro, que YAML lit comme un nombre octal ; écrivez {int(raw)}")
        if re.fullmatch(r"[1-9][0-9]*", raw):
            raise refuse(f"« {raw[:20]}{'…' if len(raw) > 20 else ''} » est trop grand (9999 au plus)")
        raise refuse(f"« {raw} » n'est pas un nombre entier positif (ex. 14)")
    return int(raw)


def _percent(s: Scalar) -> int:
    raw = s.strip()
    if not s.plain or not re.fullmatch(r"0|[1-9][0-9]*", raw) or int(raw) > 100:
        raise refuse(f"« {raw} » n'est pas un pourcentage : écrivez un nombre entier de 0 à 100, sans guillemets "
                     f"ni signe % (ex. 40)")
    return int(raw)


def _money(s: Scalar) -> Decimal:
    """An amount in euros, read from its text: never through float."""
    raw = s.strip()
    if MONEY_RE.fullmatch(raw):
        if s.plain:  # unquoted, YAML reads a float: the JSON Schema refuses it, and so do we
            raise refuse(f"écrivez le montant entre guillemets : \"{raw}\"")
        return Decimal(raw)
    if re.fullmatch(r"-\s*[0-9.]+", raw):
        raise refuse(f"montant négatif « {raw} » ; un montant est positif ou nul")
    if re.fullmatch(r"[0-9]+\.[0-9]{3,}", raw):
        raise refuse(f"« {raw} » a plus de deux décimales ; arrondissez au centime (ex. \"1950206.00\")")
    if re.fullmatch(r"0[0-9]+(\.[0-9]+)?", raw):
        raise refuse(f"« {raw} » commence par un zéro ; écrivez le montant sans zéro initial")
    if re.fullmatch(r"[1-9][0-9]{10,}(\.[0-9]{1,2})?", raw):
        raise refuse(f"« {raw[:30]}{'…' if len(raw) > 30 else ''} » dépasse 9 999 999 999,99 € ; vérifiez la saisie")
    raise refuse(f"« {raw} » n'est pas un montant ; écrivez des chiffres avec un point décimal, "
                 f"sans espace ni symbole € (ex. \"1950206.00\")")


def _number(s: Scalar) -> Decimal:
    raw = s.strip()
    if NUMBER_RE.fullmatch(raw) and not s.plain:
        return Decimal(raw)
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", raw) and not s.plain:
        raise refuse(f"« {raw[:30]}{'…' if len(raw) > 30 else ''} » a trop de chiffres (15 avant la virgule et 6 "
                     f"après au plus) ; vérifiez la saisie")
    raise refuse(f"« {raw} » n'est pas un nombre ; écrivez des chiffres avec un point décimal (ex. \"12.5\")")


def _date(s: Scalar) -> dt.date:
    raw = s.strip()
    if s.plain:
        raise refuse(f"écrivez la date entre guillemets : \"{raw}\"")
    try:
        if not DATE_RE.fullmatch(raw):
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise refuse(f"« {raw} » n'est pas une date AAAA-MM-JJ (ex. \"2021-12-13\")") from None


def _boolean(s: Scalar) -> bool:
    if s.plain and s in ("true", "false"):
        return s == "true"
    raise refuse(f"« {s} » : écrivez true ou false")


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


def address(folder: str) -> FieldType:
    """The identifier of a record whose page is /`folder`/<identifiant>/: a slug that is
    not reserved (names.py: one list and one rule for every such record)."""
    def read(s: Scalar) -> str:
        value = SLUG.read(s)
        if (bad := names.address_problem(folder, value)) is not None:
            raise refuse(bad)
        return value
    reserved = ", ".join(sorted(names.RESERVED))
    return FieldType(SLUG.name, f"{SLUG.label} Il forme l'adresse /{folder}/<identifiant>/ : ni {reserved}.",
                     SLUG.what, {**SLUG.json, "not": {"enum": sorted(names.RESERVED)}}, SLUG.table, SLUG.example,
                     read)


def choice(*values: str) -> FieldType:
    """A text among `values`."""
    base = text_reader()

    def read(s: Scalar) -> str:
        value = base(s)
        if value not in values:
            raise refuse(f"« {value} » inconnu ; valeurs possibles : {', '.join(values)}")
        return value
    return FieldType("choix", f"Une valeur parmi : {', '.join(values)}.", "un texte",
                     {"type": "string", "enum": list(values)}, "string", values[0], read)


Text = TEXT.annotated(str)
Markdown = MARKDOWN.annotated(str)
Slug = SLUG.annotated(str)
# Identifiers that form a page's address (names.FOLDERS).
ActionId = address(names.ACTIONS).annotated(str)
CommuneSlug = address(names.COMMUNES).annotated(str)
FunderSlug = address(names.FUNDERS).annotated(str)
IndicatorId = address(names.INDICATORS).annotated(str)
FicheNumber = FICHE.annotated(str)
SectionNumber = SECTION.annotated(str)
Period = PERIOD.annotated(str)
Year = YEAR.annotated(str)
ContractYear = CONTRACT_YEAR.annotated(str)
Integer = INTEGER.annotated(int)
Percent = PERCENT.annotated(int)
Money = MONEY.annotated(Decimal)
Number = NUMBER.annotated(Decimal)
Date = DATE.annotated(dt.date)
Boolean = BOOLEAN.annotated(bool)
