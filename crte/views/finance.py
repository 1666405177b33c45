"""The financial tables ("maquette financière"), computed from the action rows.

Each breakdown groups the actions by one key and sums them with `Totals.of`,
the same computation as the orientation pages and the home page. Rules (stated
on /finances/):

- amounts are summed exactly, to the cent: every amount of the annex has at most
  two decimals, so no rounding happens and the displayed rows add up to the
  displayed total (`Breakdown.total` is computed from the rows, and checked);
- percentages are rounded half-up to one decimal, once, when displayed;
- the launch year is grouped as published: "2021-2022" is its own group;
- an action without a territory's share counts in the cost and the number of actions,
  not in the share, and its cost is left out of the share's percentage;
- by orientation, the table of reference is the annex's label (ENJEU); where a
  row's chantier belongs to another orientation, a second table counts the actions
  under their chantier's orientation, and the rows say which actions moved.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from crte import fr as formatting, routes
from crte.data.model import Action
from crte.views.totals import Totals
from crte.views.views import Views


@dataclass(frozen=True)
class Row:
    key: str
    libelle: str  # full label, for tables
    court: str  # short label, for charts
    route: str | None  # page of the group, if it has one
    totaux: Totals
    note: str = ""  # said under the label: where the two groupings by orientation differ
    # An orientation with no action under its label whose chantiers have some, filed under
    # another: their totals, shown beside its zero (never a bare 0 €).
    chantiers: Totals | None = None


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


def _actions(n: int) -> str:
    return formatting.count(n, "action", "actions")


def _numbers(values: set[int]) -> str:
    """{4} -> "4", {1, 5} -> "1 et 5", {1, 2, 5} -> "1, 2 et 5"."""
    return formatting.enumeration(sorted(values))


def _published_note(numero: int, moved: list[Action], plan: dict[str, int], empty: bool) -> str:
    """What a row of the table by ENJEU leaves out (its chantiers' actions filed elsewhere) or takes in."""
    out = [a for a in moved if plan[a.id] == numero]
    into = [a for a in moved if a.orientation == numero]
    notes = []
    if out:
        under = _numbers({a.orientation for a in out})
        if empty:
            notes.append(f"Aucune action sous ce libellé : ses chantiers en comptent {len(out)}, que l'annexe 3 "
                         f"range sous l'orientation {under}.")
        else:
            notes.append(f"Ses chantiers comptent aussi {_actions(len(out))}, que l'annexe 3 range sous "
                         f"l'orientation {under}.")
    if into:
        origin = _numbers({plan[a.id] for a in into})
        notes.append(f"Dont {_actions(len(into))} de chantiers de l'orientation {origin}.")
    return " ".join(notes)


def _plan_note(numero: int, moved: list[Action], plan: dict[str, int]) -> str:
    """What a row of the table by chantier takes in from another label of the annex."""
    into = [a for a in moved if plan[a.id] == numero]
    if not into:
        return ""
    label = _numbers({a.orientation for a in into})
    return f"Dont {_actions(len(into))} que l'annexe 3 range sous l'orientation {label}."


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

    # By orientation: as labelled in the annex (ENJEU) first, then, where they differ, by the
    # orientation of each action's chantier (the plan of the contract).
    plan = {a.id: views.chantier[a.chantier].orientation for a in actions}
    moved = [a for a in actions if plan[a.id] != a.orientation]
    g = _group(actions, lambda a: str(a.orientation))
    by_plan = _group(actions, lambda a: str(plan[a.id]))
    breakdown("orientation", "Par orientation", "Orientation (colonne ENJEU)", [
        Row(k, f"Orientation {o.numero} : {o.titre}", f"Orientation {o.numero}", routes.orientation(o.numero),
            Totals.of(g.get(k, ())), _published_note(o.numero, moved, plan, k not in g),
            Totals.of(by_plan[k]) if k not in g and k in by_plan else None)
        for o in views.crte.orientations for k in [str(o.numero)]],
        "Les actions sont comptées sous l'orientation que porte leur ligne dans l'annexe 3 (colonne ENJEU), "
        "même quand leur chantier relève d'une autre orientation" + (
            " : le tableau suivant les compte sous l'orientation de leur chantier." if moved else "."))
    if moved:
        breakdown("orientation-chantier", "Par orientation du chantier", "Orientation du chantier", [
            Row(k, f"Orientation {o.numero} : {o.titre}", f"Orientation {o.numero}", routes.orientation(o.numero),
                Totals.of(by_plan.get(k, ())), _plan_note(o.numero, moved, plan))
            for o in views.crte.orientations for k in [str(o.numero)]],
            f"Les mêmes actions, comptées sous l'orientation dont relève leur chantier dans le plan du contrat : "
            f"{_actions(len(moved))} y {formatting.plural(len(moved), 'change', 'changent')} d'orientation par rapport au "
            "libellé publié dans l'annexe 3 (colonne ENJEU), qui reste le tableau de référence.")

    g = _group(actions, lambda a: str(a.chantier))
    breakdown("chantier", "Par chantier", "Chantier", [
        Row(k, f"Chantier {c.numero} : {c.titre}", f"Chantier {c.numero}",
            routes.chantier(c.orientation, c.numero), Totals.of(g[k]))
        for c in sorted(views.crte.chantiers, key=lambda c: c.numero) if (k := str(c.numero)) in g])

    g = _group(actions, lambda a: a.fiche)
    breakdown("fiche", "Par fiche", "Fiche", [
        Row(k, f"Fiche {k} : {views.fiche[k].titre}", f"Fiche {k}",
            routes.fiche(views.chantier[views.fiche[k].chantier].orientation, k),
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
        "restent deux lignes distinctes.")
    return out
