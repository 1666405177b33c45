"""The financial tables ("maquette financière"), computed from the action rows.

Each breakdown groups the actions by one key and sums them with `Totals.of`,
the same computation as the orientation pages and the home page. Rules (stated
on /finances/):

- amounts are summed exactly, to the cent: every amount of the annex has at most
  two decimals, so no rounding happens and the displayed rows add up to the
  displayed total (`Breakdown.total` is computed from the rows, and checked);
- percentages are rounded half-up to one decimal, once, when displayed;
- the launch year is grouped as published: "2021-2022" is its own group;
- an action without a CAHC share counts in the cost and the number of actions,
  not in the share, and its cost is left out of the share's percentage.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..data.model import Action
from .views import Totals, Views


@dataclass(frozen=True)
class Row:
    key: str
    libelle: str  # full label, for tables
    court: str  # short label, for charts
    route: str | None  # page of the group, if it has one
    totaux: Totals


@dataclass(frozen=True)
class Bar:
    """Geometry of one row of a bar chart, in the chart's own units."""

    row: Row
    y: int
    cout_width: Decimal
    part_width: Decimal


@dataclass(frozen=True)
class Breakdown:
    id: str  # anchor on /finances/
    titre: str  # "Par orientation"
    colonne: str  # header of the key column
    rows: tuple[Row, ...]
    total: Totals
    note: str = ""

    # Chart layout: a label line above each bar, in a viewBox as wide as a phone's
    # content column (units are CSS pixels there), so that text stays readable.
    WIDTH = 340
    BAR_MAX = 200
    ROW_HEIGHT = 46

    @property
    def height(self) -> int:
        return self.ROW_HEIGHT * len(self.rows) + 8

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)

    def bars(self) -> list[Bar]:
        biggest = max((r.totaux.cout_total for r in self.rows), default=Decimal(0)) or Decimal(1)
        scale = Decimal(self.BAR_MAX) / biggest
        return [Bar(r, i * self.ROW_HEIGHT, (r.totaux.cout_total * scale).quantize(Decimal("0.1")),
                    (r.totaux.part_cahc * scale).quantize(Decimal("0.1")))
                for i, r in enumerate(self.rows)]


def _group(actions: tuple[Action, ...], key: Callable[[Action], str]) -> dict[str, list[Action]]:
    groups: dict[str, list[Action]] = {}
    for a in actions:
        groups.setdefault(key(a), []).append(a)
    return groups


def _fiche_order(numero: str) -> tuple[int, ...]:
    return tuple(int(p) for p in numero.split("."))


def breakdowns(views: Views, prefix: str = "") -> list[Breakdown]:
    """The tables of /finances/ for `views`' actions; `prefix` keeps the anchors of a
    second set (the signed contract's) apart."""
    actions = views.crte.actions
    total = views.totaux
    out: list[Breakdown] = []

    def breakdown(id_: str, titre: str, colonne: str, rows: list[Row], note: str = "") -> None:
        # Every action is in exactly one row: the displayed rows add up to the displayed total.
        assert sum(r.totaux.nombre for r in rows) == total.nombre, id_
        assert sum(r.totaux.cout_total for r in rows) == total.cout_total, id_
        assert sum(r.totaux.part_cahc for r in rows) == total.part_cahc, id_
        out.append(Breakdown(prefix + id_, titre, colonne, tuple(rows), total, note))

    g = _group(actions, lambda a: str(a.orientation))
    breakdown("orientation", "Par orientation", "Orientation (colonne ENJEU)", [
        Row(k, f"Orientation {o.numero} : {o.titre}", f"Orientation {o.numero}", f"orientations/{o.numero}/",
            Totals.of(g.get(k, ())))
        for o in views.crte.orientations for k in [str(o.numero)]],
        "Les actions sont comptées sous l'orientation que porte leur ligne dans l'annexe 3 (colonne ENJEU), "
        "même quand leur chantier relève d'une autre orientation (voir les contrôles de cohérence).")

    g = _group(actions, lambda a: str(a.chantier))
    breakdown("chantier", "Par chantier", "Chantier", [
        Row(k, f"Chantier {c.numero} : {c.titre}", f"Chantier {c.numero}",
            f"orientations/{c.orientation}/#chantier-{c.numero}", Totals.of(g[k]))
        for c in sorted(views.crte.chantiers, key=lambda c: c.numero) if (k := str(c.numero)) in g])

    g = _group(actions, lambda a: a.fiche)
    breakdown("fiche", "Par fiche", "Fiche", [
        Row(k, f"Fiche {k} : {views.fiche[k].titre}", f"Fiche {k}",
            f"orientations/{views.chantier[views.fiche[k].chantier].orientation}/#fiche-{k.replace('.', '-')}",
            Totals.of(g[k]))
        for k in sorted(g, key=_fiche_order)])

    g = _group(actions, lambda a: a.annee_lancement)
    breakdown("annee", "Par année de lancement", "Année de lancement", [
        Row(k, k, k, None, Totals.of(g[k])) for k in sorted(g)],
        "Les années sont celles publiées dans l'annexe 3 : une action lancée « 2021-2022 » forme son propre "
        "groupe ; elle n'est répartie ni sur 2021 ni sur 2022.")

    g = _group(actions, lambda a: a.maitre_ouvrage)
    breakdown("maitre-ouvrage", "Par maître d'ouvrage", "Maître d'ouvrage", [
        Row(k, k, k, None, Totals.of(g[k])) for k in sorted(g, key=lambda s: (s.casefold(), s))],
        "Les maîtres d'ouvrage sont écrits comme dans l'annexe 3 : deux graphies d'un même partenariat "
        "(« CAHC/ Commune de Drocourt », « CAHC / Commune d'Oignies ») restent distinctes.")
    return out
