"""French formatting of amounts and percentages, backed by Babel (CLDR).

Rounding is done here, once, half-up, before Babel sees the number: Babel would
otherwise round half-even. Amounts: to the cent. Percentages: to one decimal.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = Locale.parse("fr_FR")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
# CLDR's French percent pattern ("#,##0 %", with a no-break space), one decimal.
PERCENT_PATTERN = LOCALE.percent_formats[None].pattern.replace("#,##0", "#,##0.0")


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@cache
def euros(amount: Decimal) -> str:
    """`Decimal("1950206")` -> `1 950 206,00 €` (narrow no-break spaces, as CLDR).

    Cached: Babel takes about 15 µs a call, and big contracts print the same
    amounts on many pages."""
    return format_currency(round_cents(amount), "EUR", locale=LOCALE)


def percent_value(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole as a percentage rounded half-up to one decimal (30.0 for 30 %)."""
    return (part * 100 / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


def percent_text(value: Decimal) -> str:
    """A percentage already rounded by `percent_value`: `Decimal("30.0")` -> `30,0 %`."""
    return format_percent(value / 100, format=PERCENT_PATTERN, locale=LOCALE)


def number(value: Decimal | int) -> str:
    return format_decimal(value, locale=LOCALE)


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def long_date(day: dt.date) -> str:
    """`date(2022, 6, 1)` -> `1er juin 2022`, as French official documents write dates."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def plural(n: int, singular: str, plural: str) -> str:
    """The word for `n` things, as French agrees it: singular for 0 and 1 (« 0 action »,
    « 1 action »), plural from 2 (« 2 actions »)."""
    return singular if n < 2 else plural


def count(n: int, singular: str, plural_form: str) -> str:
    """`count(3, "action", "actions")` -> `3 actions`; `count(1, …)` -> `1 action`."""
    return f"{number(n)} {plural(n, singular, plural_form)}"


def enumeration(items: Iterable[object]) -> str:
    """French enumeration: `[4]` -> `4`, `[1, 5]` -> `1 et 5`, `[1, 2, 5]` -> `1, 2 et 5`."""
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1] if words else ""
