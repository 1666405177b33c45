"""What the home page says of the money, once, in the order a reader asks: how much,
where it goes, which projects hold it (templates/blocks/accueil-*.html).

`story(views, breakdowns) -> Story`, `breakdowns` the build's tables of /finances/
(crte.views.finance.breakdowns, computed once per build). Amounts are the contract in force (`views.totaux`); the orientation
is the one the annex's ENJEU column gives (the reference grouping of /finances/).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from crte.data.model import Action
from crte.views.finance import Breakdown
from crte.views.totals import Totals
from crte.views.views import OrientationView, Views

LARGEST = 5  # how many of the largest actions the home page lists


@dataclass(frozen=True)
class Story:
    largest: OrientationView | None  # the orientation holding the largest cost; None without any cost
    largest_share: Decimal | None  # its cost in % of the contract's total (one decimal)
    top: tuple[Action, ...]  # the LARGEST costliest actions, costliest first, ties in published order
    top_share: Decimal | None  # their cost together in % of the total
    regrouped: int  # actions whose chantier belongs to another orientation than their ENJEU label
    by_orientation: Breakdown  # /finances/' table by ENJEU, without its note on the next table (the home has one)


def story(views: Views, breakdowns: list[Breakdown]) -> Story:
    by_cost = sorted(views.crte.actions, key=lambda a: -a.cout_total)  # stable: published order on ties
    top = tuple(by_cost[:LARGEST])
    costly = [ov for ov in views.orientations.values() if ov.totaux.cout_total > 0]
    largest = max(costly, key=lambda ov: ov.totaux.cout_total, default=None)
    return Story(
        largest=largest,
        largest_share=views.part_du_total(largest.totaux) if largest else None,
        top=top,
        top_share=views.part_du_total(Totals.of(top)) if top else None,
        regrouped=sum(1 for av in views.action_list() if av.chantier_ailleurs),
        by_orientation=replace(next(b for b in breakdowns if b.id == "orientation"), note=""),
    )
