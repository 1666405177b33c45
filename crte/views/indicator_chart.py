"""The line chart of one indicator's values, its geometry computed here, at build
time (templates/blocks/indicateur-graphique.html draws it as inline SVG, without
JavaScript).

Layout, in the SVG's own units (a viewBox as wide as a phone's content column,
as the bar charts of /finances/, so that its text stays readable):

- x: the years, from the earliest of the reference and the measures to the
  latest of the target and the measures; a period ("2021-2022") sits at its
  middle; each year that has a value is written under the axis;
- y: from the smallest to the largest of all the values (reference, target,
  measures), with a margin; the axis does not start at zero: every value is
  written beside its point, and in the table under the chart;
- the measures: one point each, joined by a line, oldest first;
- the reference and the target: one horizontal line each, across the chart.

`chart(values) -> Chart | None` (None without a measure: nothing to draw).
Coordinates are Decimals rounded to a tenth, so that the SVG is the same at
every build.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crte.data.indicators import Measure
from crte.data.tracking import IndicatorTracking
from crte.fr import number

TENTH = Decimal("0.1")


def year_position(annee: str) -> Decimal:
    """`"2021"` -> 2021, `"2021-2022"` -> 2021.5 (the middle of the period)."""
    years = [Decimal(y) for y in annee.split("-")]
    return sum(years, Decimal(0)) / len(years)


def ordered(mesures: tuple[Measure, ...]) -> list[Measure]:
    """The measures, oldest first (a period sorts by its first year)."""
    return sorted(mesures, key=lambda m: (year_position(m.annee), m.annee))


@dataclass(frozen=True)
class Point:
    """One measure: its point, and where its value is written (above it, or below
    when the point is near the top)."""

    mesure: Measure
    x: Decimal
    y: Decimal
    label_y: Decimal

    @property
    def valeur(self) -> str:
        return number(self.mesure.valeur)


@dataclass(frozen=True)
class Level:
    """A horizontal line across the plot: the reference or the target."""

    mesure: Measure
    y: Decimal


@dataclass(frozen=True)
class YearLabel:
    annee: str
    x: Decimal


@dataclass(frozen=True)
class Chart:
    points: tuple[Point, ...]  # oldest first
    reference: Level | None
    cible: Level | None
    years: tuple[YearLabel, ...]  # each year (or period) that has a value, left to right

    WIDTH = 340
    HEIGHT = 200
    LEFT = 36  # room for a value written at the first point
    RIGHT = 36
    TOP = 24  # room for a value written above the highest point
    BOTTOM = 30  # the axis and the years under it

    @property
    def axis_y(self) -> int:
        return self.HEIGHT - self.BOTTOM

    @property
    def x_end(self) -> int:
        return self.WIDTH - self.RIGHT

    @property
    def year_y(self) -> int:
        return self.HEIGHT - 10

    @property
    def polyline(self) -> str:
        """The `points` attribute of the line joining the measures: "x,y x,y …"."""
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def chart(values: IndicatorTracking | None) -> Chart | None:
    if values is None or not values.mesures:
        return None
    mesures = ordered(values.mesures)
    levels = [m for m in (values.valeur_reference, values.cible) if m is not None]
    amounts = [m.valeur for m in (*mesures, *levels)]
    lo, hi = min(amounts), max(amounts)
    if lo == hi:  # one value, or all equal: centred
        spread = abs(lo) / 10 or Decimal(1)
        lo, hi = lo - spread, hi + spread
    margin = (hi - lo) / 12
    lo, hi = lo - margin, hi + margin
    years = [year_position(m.annee) for m in (*mesures, *levels)]
    first, last = min(years), max(years)
    if first == last:
        first, last = first - 1, last + 1
    top, bottom = Chart.TOP, Chart.HEIGHT - Chart.BOTTOM
    left, right = Chart.LEFT, Chart.WIDTH - Chart.RIGHT

    def x(annee: str) -> Decimal:
        return (left + (year_position(annee) - first) * (right - left) / (last - first)).quantize(TENTH)

    def y(valeur: Decimal) -> Decimal:
        return (bottom - (valeur - lo) * (bottom - top) / (hi - lo)).quantize(TENTH)

    points = tuple(Point(m, x(m.annee), y(m.valeur), y(m.valeur) - 9 if y(m.valeur) - 9 > 12 else y(m.valeur) + 18)
                   for m in mesures)
    labelled: dict[str, Decimal] = {}
    for m in (*levels, *mesures):
        labelled.setdefault(m.annee, x(m.annee))
    ref, cible = values.valeur_reference, values.cible
    return Chart(points, Level(ref, y(ref.valeur)) if ref else None, Level(cible, y(cible.valeur)) if cible else None,
                 tuple(YearLabel(a, p) for a, p in sorted(labelled.items(), key=lambda kv: kv[1])))
