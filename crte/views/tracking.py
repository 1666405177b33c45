"""The tracking dashboard (article 8), computed from data/suivi/ and the contract in force.

Three kinds of money are kept apart and never added together (article 6.1: the
annex's amounts are forecasts):

- `prevu`: the forecast, the cost HT of the actions in force;
- `accorde`: the financing granted, line by line (`demande`: requested);
- `depense`: the money spent, the last amount a tracking entry gives.

Unknown is never zero: a sum of spent money counts only the actions whose
spending is known (`depense_connue` of them) and the realisation rate divides it
by the forecast of those same actions. The coverage rate is granted ÷ forecast.

- `ActionProgress`: one action's status, progress, spending and financing;
- `MoneyRow`: forecast, granted, spent and rates for a set of actions;
- `FunderRow`: requested and granted by one funder, with the actions;
- `LeverRow`: the actions in force that pull one SGPE lever, and their cost;
- `IndicatorSeries`: one indicator's values, last value, age and trend;
- `Board`: all of it for /suivi/ and the home page.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from crte import routes
from crte.data.levers import LEVERS
from crte.data.model import Action, Indicator, Measure
from crte.data.tracking import STATUSES, Financing, IndicatorTracking, Levers, Step
from crte.data.tracking_checks import Tracking
from crte.fr import percent_value

ABANDONED, UNTRACKED = "abandonnée", "sans suivi"
STATUS_ORDER = (*STATUSES, ABANDONED, UNTRACKED)
OLD_AFTER_YEARS = 2  # a last value older than this is flagged « valeur ancienne »


@dataclass(frozen=True)
class ActionProgress:
    action: Action
    steps: tuple[Step, ...]
    statut: str  # one of STATUS_ORDER
    date: dt.date | None  # of the last entry
    avancement: int | None  # last known progress, %
    depense: Decimal | None  # last known spending, HT
    financements: tuple[Financing, ...]
    leviers: Levers | None = None  # the SGPE levers retained, dated and sourced

    @property
    def demande(self) -> Decimal:
        return sum((f.demande for f in self.financements if f.demande is not None), Decimal(0))

    @property
    def accorde(self) -> Decimal:
        return sum((f.accorde for f in self.financements if f.accorde is not None), Decimal(0))


@dataclass(frozen=True)
class MoneyRow:
    libelle: str
    route: str | None
    actions: int
    prevu: Decimal  # forecast: cost HT in force
    accorde: Decimal  # granted
    depense: Decimal  # spent, over the actions whose spending is known
    depense_connue: int  # how many actions have a known spending
    prevu_depense_connue: Decimal  # forecast of those actions

    @property
    def taux_realisation(self) -> Decimal | None:
        """Spent ÷ forecast, over the actions whose spending is known (None: none is)."""
        return percent_value(self.depense, self.prevu_depense_connue) if self.prevu_depense_connue else None

    @property
    def taux_couverture(self) -> Decimal | None:
        """Granted ÷ forecast."""
        return percent_value(self.accorde, self.prevu) if self.prevu else None


@dataclass(frozen=True)
class FunderRow:
    slug: str
    nom: str
    groupe: str
    demande: Decimal
    accorde: Decimal
    lignes: tuple[tuple[Action, Financing], ...]


@dataclass(frozen=True)
class LeverRow:
    levier: str
    actions: tuple[Action, ...]  # in force, in the programme's order
    prevu: Decimal  # their cost HT in force: an action that pulls several levers counts in each


@dataclass(frozen=True)
class IndicatorSeries:
    indicator: Indicator
    values: IndicatorTracking | None

    @property
    def last(self) -> Measure | None:
        return max(self.values.mesures, key=lambda m: m.annee) if self.values and self.values.mesures else None

    def old(self, today: dt.date) -> bool:
        """The last value is more than OLD_AFTER_YEARS years old: « valeur ancienne »."""
        return self.last is not None and today.year - int(self.last.annee[:4]) > OLD_AFTER_YEARS

    @property
    def progres(self) -> Decimal | None:
        """How far the last value went from the reference towards the target, in %."""
        v = self.values
        if not v or not v.valeur_reference or not v.cible or not self.last or v.cible.valeur == v.valeur_reference.valeur:
            return None
        return percent_value(self.last.valeur - v.valeur_reference.valeur, v.cible.valeur - v.valeur_reference.valeur)

    @property
    def tendance(self) -> str | None:
        """« vers la cible », « s'en éloigne » or « stable », from the reference to the last value."""
        p = self.progres
        if p is None:
            return None
        return "vers la cible" if p > 0 else "s'en éloigne" if p < 0 else "stable"


def progress(action: Action, tracking: Tracking, abandoned: bool) -> ActionProgress:
    t = tracking.actions.get(action.id)
    steps = t.etapes if t else ()
    last = steps[-1] if steps else None
    status = ABANDONED if abandoned else last.statut if last else UNTRACKED
    return ActionProgress(action, steps, status, last.date if last else None,
                          next((s.avancement for s in reversed(steps) if s.avancement is not None), None),
                          next((s.depense for s in reversed(steps) if s.depense is not None), None),
                          t.financements if t else (), t.leviers if t else None)


def money(libelle: str, route: str | None, rows: Iterable[ActionProgress]) -> MoneyRow:
    rows = list(rows)
    known = [r for r in rows if r.depense is not None]
    return MoneyRow(libelle, route, len(rows), sum((r.action.cout_total for r in rows), Decimal(0)),
                    sum((r.accorde for r in rows), Decimal(0)), sum((r.depense or Decimal(0) for r in known), Decimal(0)),
                    len(known), sum((r.action.cout_total for r in known), Decimal(0)))


@dataclass
class Board:
    """Everything /suivi/ shows, for the actions in force (and the abandoned ones, counted apart)."""

    tracking: Tracking
    actions: dict[str, ActionProgress]  # in force, then abandoned
    orientations: list[tuple[int, str]]
    indicators: list[IndicatorSeries] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.tracking.empty

    def in_force(self) -> list[ActionProgress]:
        return [p for p in self.actions.values() if p.statut != ABANDONED]

    def by_status(self, orientation: int | None = None) -> dict[str, int]:
        out = {s: 0 for s in STATUS_ORDER}
        for p in self.actions.values():
            if orientation is None or p.action.orientation == orientation:
                out[p.statut] += 1
        return out

    def money_rows(self) -> list[MoneyRow]:
        rows = [money(f"Orientation {n} : {t}", routes.orientation(n),
                      (p for p in self.in_force() if p.action.orientation == n)) for n, t in self.orientations]
        return [*rows, money("Total", None, self.in_force())]

    def funders(self) -> list[FunderRow]:
        """Every funder of the referential, in its order (the State first), with its lines."""
        out = []
        for f in self.tracking.funders.financeurs if self.tracking.funders else ():
            lines = tuple((p.action, line) for p in self.actions.values() for line in p.financements
                          if line.financeur == f.slug)
            out.append(FunderRow(f.slug, f.nom, f.groupe,
                                 sum((ln.demande for _, ln in lines if ln.demande is not None), Decimal(0)),
                                 sum((ln.accorde for _, ln in lines if ln.accorde is not None), Decimal(0)), lines))
        return out

    def levers(self) -> list[LeverRow]:
        """Each SGPE lever an action in force pulls, in the national list's order."""
        rows = []
        for lever in LEVERS:
            acts = tuple(p.action for p in self.in_force() if p.leviers and lever in p.leviers.leviers)
            if acts:
                rows.append(LeverRow(lever, acts, sum((a.cout_total for a in acts), Decimal(0))))
        return rows

    def without_lever(self) -> list[Action]:
        """The actions in force whose levers are not given."""
        return [p.action for p in self.in_force() if p.leviers is None]

    def untracked(self) -> list[Action]:
        return [p.action for p in self.in_force() if p.statut == UNTRACKED]


def board(tracking: Tracking | None, in_force: Iterable[Action], abandoned: Iterable[Action],
          orientations: list[tuple[int, str]], indicators: Iterable[Indicator]) -> Board:
    t = tracking or Tracking()
    actions = {a.id: progress(a, t, False) for a in in_force}
    actions.update({a.id: progress(a, t, True) for a in abandoned})
    return Board(t, actions, orientations, [IndicatorSeries(i, t.indicators.get(i.id)) for i in indicators])
