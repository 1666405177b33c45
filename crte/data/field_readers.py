"""How each kind of value is read from the YAML scalar as written, and refused
with its French message (codes/valeurs.py): the `read` functions of the field
types of fields.py, and the bounds (regular expressions) that their JSON Schemas
repeat for editors.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticCustomError

from crte.data import text
from crte.data.codes import code_of, valeurs as V
from crte.data.reader import Scalar, not_text

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
    """A refusal carrying its French message and its code (a codes.Message), and,
    optionally, the field it concerns."""
    return PydanticCustomError("crte", "{message}", {"message": str(message), "code": code_of(message), **ctx})


# --- Readers -------------------------------------------------------------------------

def _html(value: str, markdown: bool) -> str | None:
    m = HTML_RE.search(value)
    if not m:
        return None
    rest = value[m.start():]
    end = rest.find(">") + 1 if rest.startswith("<") and 0 < rest.find(">") < 60 else len(rest.split()[0])
    snippet = rest[:min(end, 60)] + ("…" if min(end, 60) < end else "")
    return V.HTML("markdown" if markdown else "", snippet=snippet)


def text_reader(pattern: re.Pattern[str] | None = None, hint: str = "",
                multiline: bool = False, max_length: int | None = None) -> Callable[[Scalar], str]:
    def read(s: Scalar) -> str:
        if surprise := not_text(s):
            raise refuse(surprise)
        value = str(s)
        if not value.strip():
            raise refuse(V.TEXTE_VIDE())
        if bad := text.problem(value, multiline):
            raise refuse(bad)
        if html := _html(value, multiline):
            raise refuse(html)
        if max_length is not None and len(value) > max_length:
            raise refuse(V.IDENTIFIANT_TROP_LONG(n=len(value), max=max_length))
        if pattern is not None and not pattern.fullmatch(value):
            raise refuse(V.FORME(value=value, hint=hint))
        return value
    return read


def period_reader(hint: str, bounds: tuple[int, int]) -> Callable[[Scalar], str]:
    """A year ("2021") or a period ("2021-2022") within `bounds`, in order."""
    base = text_reader(YEAR_RE, hint)

    def read(s: Scalar) -> str:
        value = base(s)
        years = [int(y) for y in value.split("-")]
        if len(years) == 2 and years[0] >= years[1]:
            raise refuse(V.PERIODE_A_L_ENVERS(value=value, fixed=f"{years[1]}-{years[0]}"))
        if not all(bounds[0] <= y <= bounds[1] for y in years):
            raise refuse(V.HORS_PERIODE("contrat" if bounds == CONTRACT_YEARS else "", value=value,
                                        first=bounds[0], last=bounds[1]))
        return value
    return read


def _integer(s: Scalar) -> int:
    raw = s.strip()
    if not s.plain and INT_RE.fullmatch(raw):
        raise refuse(V.GUILLEMETS_EN_TROP(raw=raw))
    if not INT_RE.fullmatch(raw):
        if re.fullmatch(r"0[0-9]+", raw):
            raise refuse(V.ZERO_INITIAL(raw=raw, fixed=int(raw)))
        if re.fullmatch(r"[1-9][0-9]*", raw):
            raise refuse(V.TROP_GRAND(raw=_cut(raw, 20)))
        raise refuse(V.ENTIER(raw=raw))
    return int(raw)


def _cut(raw: str, n: int) -> str:
    return raw[:n] + ("…" if len(raw) > n else "")


def _percent(s: Scalar) -> int:
    raw = s.strip()
    if re.fullmatch(r"0|[1-9][0-9]?|100", raw):
        if not s.plain:
            raise refuse(V.GUILLEMETS_EN_TROP(raw=raw))
        return int(raw)
    if re.fullmatch(r"(0|[1-9][0-9]?|100) ?%", raw):
        raise refuse(V.POURCENTAGE("signe", fixed=raw.rstrip("% ")))
    raise refuse(V.POURCENTAGE(raw=raw))


def _money(s: Scalar) -> Decimal:
    """An amount in euros, read from its text: never through float."""
    raw = s.strip()
    if MONEY_RE.fullmatch(raw):
        if s.plain:  # unquoted, YAML reads a float: the JSON Schema refuses it, and so do we
            raise refuse(V.MONTANT_SANS_GUILLEMETS(raw=raw))
        return Decimal(raw)
    if re.fullmatch(r"-\s*[0-9.]+", raw):
        raise refuse(V.MONTANT_NEGATIF(raw=raw))
    if re.fullmatch(r"[0-9]+\.[0-9]{3,}", raw):
        raise refuse(V.MONTANT_DECIMALES(raw=raw))
    if re.fullmatch(r"0[0-9]+(\.[0-9]+)?", raw):
        raise refuse(V.ZERO_INITIAL("montant", raw=raw))
    if re.fullmatch(r"[1-9][0-9]{10,}(\.[0-9]{1,2})?", raw):
        raise refuse(V.TROP_GRAND("montant", raw=_cut(raw, 30)))
    raise refuse(V.MONTANT(raw=raw))


def _share(s: Scalar) -> Decimal:
    """A share of a cost: an amount, never 0 (an unknown share is written as no share)."""
    amount = _money(s)
    if amount == 0:
        raise refuse(V.PART_NULLE())
    return amount


def _number(s: Scalar) -> Decimal:
    raw = s.strip()
    if NUMBER_RE.fullmatch(raw):
        if s.plain:  # YAML reads a float (18.10 is 18.1): the JSON Schema refuses it too
            raise refuse(V.NOMBRE_SANS_GUILLEMETS(raw=raw))
        return Decimal(raw)
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", raw):
        raise refuse(V.TROP_GRAND("chiffres", raw=_cut(raw, 30)))
    raise refuse(V.NOMBRE(raw=raw))


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def _date(s: Scalar) -> dt.date:
    raw = s.strip()
    if DATE_RE.fullmatch(raw):
        year, month, day = (int(x) for x in raw.split("-"))
        if not 1 <= month <= 12:
            raise refuse(V.DATE_INEXISTANTE("mois", raw=raw, month=f"{month:02d}"))
        days = calendar.monthrange(year, month)[1] if year else 31
        if not 1 <= day <= days or not year:
            raise refuse(V.DATE_INEXISTANTE(raw=raw, month=f"{MONTHS[month - 1]} {year}", days=days))
        if s.plain:
            raise refuse(V.DATE_SANS_GUILLEMETS(raw=raw))
        return dt.date(year, month, day)
    if m := re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", raw):  # 14/06/2022, as in French
        raise refuse(V.DATE("francaise", raw=raw, iso=f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"))
    raise refuse(V.DATE(raw=raw))


def _boolean(s: Scalar) -> bool:
    if s.plain and s in ("true", "false"):
        return s == "true"
    if not s.plain and s.strip() in ("true", "false"):
        raise refuse(V.GUILLEMETS_EN_TROP(raw=s.strip()))
    raise refuse(V.BOOLEEN(raw=s))


def fold(text: str) -> str:
    """`text` without case nor accents, for comparisons that forgive both."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().strip()


def nearest(value: str, values: tuple[str, ...], aliases: dict[str, str] | None = None) -> str | None:
    """The value of `values` that `value` most likely meant: the same but for case and
    accents, a known other name (`aliases`: {"pourcent": "%"}), or a close spelling."""
    folded = {fold(v): v for v in values}
    key = fold(value)
    if key in folded:
        return folded[key]
    if aliases and (alias := {fold(k): v for k, v in aliases.items()}.get(key)) is not None:
        return alias
    near = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.8)
    return folded[near[0]] if near else None
