"""The pages of the tracking (article 8): /suivi/, /financeurs/ and one page per
funder of data/suivi/financeurs.yaml, and what the templates read about it.

- `TrackingSite(views)`: the Jinja global `suivi` (pages.make_environment): the
  Board (views/tracking.py) of the build, its charts (views/tracking_charts.py),
  a funder by its slug, and per action the dates its figures date from;
- `tracking_pages(views, page) -> [GeneratedPage]`: the pages, rendered by
  `page(template, route, edit_path, **context)` of pages.generate().

Every figure comes from the Board: the home page, /suivi/, the funder pages and
the action pages show the same computation, and the open data too
(site/tracking_data.py).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from typing import Any

from crte import routes
from crte.data.model import Action
from crte.data.tracking import Funder
from crte.fr import percent_value
from crte.views.tracking import STATUS_ORDER, ActionProgress, Board, FunderRow
from crte.views.tracking_charts import MoneyChart, StatusChart, actions_text, known_text, money_chart, status_chart
from crte.views.views import Views

FUNDERS_FILE = "data/suivi/financeurs.yaml"


class TrackingSite:
    """What the templates read about the tracking (the Jinja global `suivi`)."""

    statuts = STATUS_ORDER
    actions_text = staticmethod(actions_text)
    known_text = staticmethod(known_text)

    def __init__(self, views: Views):
        self.views = views

    @cached_property
    def board(self) -> Board:
        return self.views.suivi

    @property
    def empty(self) -> bool:
        return self.board.empty

    @property
    def dashboard(self) -> Any:  # data.tracking.Dashboard | None
        return self.board.tracking.dashboard

    @cached_property
    def referential(self) -> dict[str, Funder]:
        """{slug: Funder} of suivi/financeurs.yaml, in its order (the State first)."""
        funders = self.board.tracking.funders
        return {f.slug: f for f in funders.financeurs} if funders else {}

    @cached_property
    def funder_rows(self) -> list[FunderRow]:
        return self.board.funders()

    @cached_property
    def funders_total(self) -> FunderRow:
        """Every funder's lines together (« Tous financeurs »)."""
        lines = tuple(ln for row in self.funder_rows for ln in row.lignes)
        return FunderRow("", "Tous financeurs", "", sum((r.demande for r in self.funder_rows), Decimal(0)),
                         sum((r.accorde for r in self.funder_rows), Decimal(0)), lines)

    def funder(self, slug: str) -> Funder | None:
        return self.referential.get(slug)

    @cached_property
    def status_chart(self) -> StatusChart:
        return status_chart(self.board)

    @cached_property
    def money_chart(self) -> MoneyChart:
        return money_chart(self.board)

    def progress(self, action_id: str) -> ActionProgress:
        return self.board.actions[action_id]

    @staticmethod
    def spent_on(p: ActionProgress) -> dt.date | None:
        """The date of the entry that gives the last known spending."""
        return next((s.date for s in reversed(p.steps) if s.depense is not None), None)

    @staticmethod
    def progress_on(p: ActionProgress) -> dt.date | None:
        """The date of the entry that gives the last known physical progress."""
        return next((s.date for s in reversed(p.steps) if s.avancement is not None), None)

    @staticmethod
    def spent_share(p: ActionProgress) -> Decimal | None:
        """The action's spending ÷ its cost in force, in % (None: spending not known)."""
        if p.depense is None or not p.action.cout_total:
            return None
        return percent_value(p.depense, p.action.cout_total)

    @staticmethod
    def granted_known(lines: Any) -> bool:
        """Some line gives an amount granted (else the total says « aucun accord publié », not 0)."""
        return any((ln[1] if isinstance(ln, tuple) else ln).accorde is not None for ln in lines)

    @staticmethod
    def requested_known(lines: Any) -> bool:
        return any((ln[1] if isinstance(ln, tuple) else ln).demande is not None for ln in lines)

    @staticmethod
    def actions_of(row: FunderRow) -> list[Action]:
        """The distinct actions a funder finances, in the order of its lines."""
        return list({a.id: a for a, _ in row.lignes}.values())

    def explanation(self, action_id: str) -> str | None:
        """What the action's tracking file explains (`explication`), or None."""
        tracked = self.board.tracking.actions.get(action_id)
        return None if tracked is None else tracked.explication

    def statut_of(self, action_id: str) -> str:
        return self.board.actions[action_id].statut


def tracking_pages(views: Views, page: Callable[..., Any]) -> list[Any]:
    """/suivi/, /financeurs/ and /financeurs/<slug>/, in this order."""
    site = TrackingSite(views)
    pages = [page("pages/suivi.md", routes.TRACKING, None),  # computed from many files: no one file to edit
             page("pages/financeurs.md", routes.FUNDERS, None)]  # a list: no one file to edit
    pages += [page("pages/financeur.md", routes.funder(row.slug), FUNDERS_FILE, f=row, funder=site.funder(row.slug))
              for row in site.funder_rows]
    return pages
