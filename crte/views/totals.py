"""Sums over a set of actions, the one computation every table and page uses.

Counting rules (stated on the site):
- `cout_total` sums the total cost HT of every action.
- `part_cahc` sums the territory's shares that are given; an action without a share
  adds nothing and is counted in `sans_part`. It is never taken as zero in a
  percentage: `pourcentage` is the share over the cost of the actions whose
  share is given.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from crte.data.model import Action
from crte.fr import percent_value


@dataclass(frozen=True)
class Totals:
    """Sums over a set of actions (see the counting rules above)."""

    nombre: int
    cout_total: Decimal
    part_cahc: Decimal
    cout_avec_part: Decimal  # total cost of the actions whose share is given
    sans_part: int  # how many actions have no share given

    @classmethod
    def of(cls, actions: Iterable[Action]) -> Totals:
        n = missing = 0
        cost = share = cost_with_share = Decimal(0)
        for a in actions:
            n += 1
            cost += a.cout_total
            if a.part_cahc is None:
                missing += 1
            else:
                share += a.part_cahc
                cost_with_share += a.cout_total
        return cls(n, cost, share, cost_with_share, missing)

    @property
    def pourcentage(self) -> Decimal | None:
        """territory's share in % of the cost of the actions whose share is given."""
        return percent_value(self.part_cahc, self.cout_avec_part) if self.cout_avec_part else None

    @property
    def part_indiquee(self) -> Decimal | None:
        """The territory's share as published outputs give it: None (unknown, never zero) when
        none of the group's actions gives one; 0 only for a group with no action."""
        return None if self.nombre and self.sans_part == self.nombre else self.part_cahc
