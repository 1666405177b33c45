"""The two charts of /suivi/, drawn at build time as inline SVG (templates/blocks/
suivi-statuts.html, suivi-montants.html), from the same Board as the tables
beside them (views/tracking.py): a chart never shows a figure the table does not.

- `status_chart(board) -> StatusChart`: one bar per status, the number of actions
  (those in force, and the abandoned ones counted apart);
- `money_chart(board) -> MoneyChart`: per orientation and in total, two bars over
  a track that stands for 100 % of the forecast: granted ÷ forecast (coverage) and
  spent ÷ forecast of the actions whose spending is known (realisation). A rate
  that is not known draws no bar and says « non connu »; a rate above 100 % fills
  the track and says its value.

Each chart carries its `titre` and `desc` (SVG <title>/<desc>): every figure in words.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crte.fr import count, euros, percent_text
from crte.views.tracking import STATUS_ORDER, Board, MoneyRow

WIDTH = 340  # as wide as a phone's content column, in CSS pixels (like views/finance.py)
BAR_MAX = 200


def actions_text(n: int) -> str:
    """`1` -> « 1 action », `3` -> « 3 actions »."""
    return count(n, 'action', 'actions')


def known_text(row: MoneyRow) -> str:
    """« sur 3 actions dont la dépense est connue »."""
    n = row.depense_connue
    return f"sur {count(n, 'action', 'actions')} dont la dépense est connue"


def coverage(row: MoneyRow) -> Decimal | None:
    """Granted ÷ forecast; None (« non connu ») while no amount granted is published."""
    return row.taux_couverture if row.accorde else None


def rate_text(row: MoneyRow, rate: Decimal | None) -> str:
    """« 24,0 % », « non connu », or « sans objet » for a row without any action."""
    return "sans objet" if not row.actions else "non connu" if rate is None else percent_text(rate)


def width(part: Decimal, whole: Decimal) -> Decimal:
    """A bar's width in chart units, capped at BAR_MAX."""
    if not whole:
        return Decimal(0)
    return min(Decimal(BAR_MAX), part * BAR_MAX / whole).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class StatusBar:
    statut: str
    nombre: int
    y: int
    width: Decimal


@dataclass(frozen=True)
class StatusChart:
    """Compact, to sit beside its table: the label left of each bar, the number after it."""

    bars: tuple[StatusBar, ...]
    titre: str
    desc: str
    WIDTH = 240
    LABEL = 96  # the bars start after the labels
    BAR_MAX = 110
    ROW_HEIGHT = 26

    @property
    def height(self) -> int:
        return self.ROW_HEIGHT * len(self.bars) + 4


def status_chart(board: Board) -> StatusChart:
    counts = board.by_status()
    biggest = Decimal(max(counts.values(), default=0))
    scale = Decimal(StatusChart.BAR_MAX) / BAR_MAX
    bars = tuple(StatusBar(s, counts[s], i * StatusChart.ROW_HEIGHT,
                           (width(Decimal(counts[s]), biggest) * scale).quantize(Decimal("0.1")))
                 for i, s in enumerate(STATUS_ORDER))
    desc = " ".join(f"{b.statut} : {actions_text(b.nombre)}." for b in bars)
    return StatusChart(bars, "Nombre d'actions par statut", desc)


@dataclass(frozen=True)
class MoneyBar:
    row: MoneyRow
    court: str  # « Orientation 2 », « Total »
    y: int
    accorde_width: Decimal | None  # None: nothing granted published
    depense_width: Decimal | None  # None: realisation rate not known

    @property
    def accorde_text(self) -> str:
        return rate_text(self.row, coverage(self.row))

    @property
    def depense_text(self) -> str:
        return rate_text(self.row, self.row.taux_realisation)


@dataclass(frozen=True)
class MoneyChart:
    bars: tuple[MoneyBar, ...]
    titre: str
    desc: str
    WIDTH = WIDTH
    ROW_HEIGHT = 62
    TRACK = BAR_MAX

    @property
    def height(self) -> int:
        return self.ROW_HEIGHT * len(self.bars) + 4


def row_text(row: MoneyRow) -> str:
    """One row of the money table in words, for the chart's <desc>."""
    if not row.actions:
        return f"{row.libelle} : aucune action."
    rate = coverage(row)
    if rate is None:
        granted = "aucun montant accordé publié"
    else:
        granted = f"{euros(row.accorde)} accordés (taux de couverture {percent_text(rate)})"
    if row.taux_realisation is None:
        spent = "dépense non connue"
    else:
        spent = (f"{euros(row.depense)} dépensés {known_text(row)}, taux de réalisation "
                 f"{percent_text(row.taux_realisation)}")
    return f"{row.libelle} : {euros(row.prevu)} prévus, {granted}, {spent}."


def money_chart(board: Board) -> MoneyChart:
    bars = []
    for i, row in enumerate(board.money_rows()):
        court = row.libelle.split(" : ")[0]
        spent = None if row.taux_realisation is None else width(row.depense, row.prevu_depense_connue)
        granted = None if coverage(row) is None else width(row.accorde, row.prevu)
        bars.append(MoneyBar(row, court, i * MoneyChart.ROW_HEIGHT, granted, spent))
    return MoneyChart(tuple(bars), "Accordé et dépensé en part du coût prévu, par orientation",
                      " ".join(row_text(b.row) for b in bars))
