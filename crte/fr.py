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


MILLION = Decimal(1_000_000)
MILLIARD = Decimal(1_000_000_000)


@cache
def readable_euros(amount: Decimal) -> str:
    """An amount for a headline, in words a reader says: `Decimal("90713853.98")` ->
    `90,7 millions d'euros`, `Decimal("1000000")` -> `1 million d'euros`,
    `Decimal("1234567890")` -> `1,2 milliard d'euros`, `Decimal("666362")` -> `666 362 €`
    (under a million: to the euro). One decimal, half-up; « million » agrees as French
    does (singular below 2). The exact amount stays in the tables (`euros`).

    Babel's `format_compact_decimal` is not used: its French long form says « 1 millions »
    and « 2 million » (for 1 950 206) and « 1000 mille » (Babel 2.18)."""
    for unit, word in ((MILLIARD, "milliard"), (MILLION, "million")):
        value = round_tenth(amount / unit)
        if abs(value) >= 1:  # 999 950 € is « 1 million d'euros », as it reads rounded
            figure = format_decimal(value, format="#,##0.#", locale=LOCALE)
            return f"{figure} {word if abs(value) < 2 else word + 's'} d'euros"
    return format_currency(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP), "EUR", format="#,##0\u00a0¤",
                           currency_digits=False, locale=LOCALE)


def round_tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


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
