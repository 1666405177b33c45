"""A row of a table of actions (templates/blocks/actions-table.html), rendered once for
what it shows.

An action's row appears on /actions/, on its orientation's page, on its owner's and its
communes' pages: about four times per action, 10 000 rows at 2 500 actions, most of the
time of those pages. `Rows(reuse)` gives the templates `ligne_action(a)`: the row's HTML
(templates/blocks/action-row.html), made from `ActionRow`, the only values its template
gets, and the two addresses it links to, relative to the page rendered. The same values
give the same HTML: within a build (a commune's and an owner's pages link alike), and,
under `make serve`, from the previous build's (action_scope.Reuse), so that an edit of an
action's description renders no row again. A field the row shows is added to
`ActionRow`, which the key is: the template cannot read anything else.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from crte import routes
from crte.data.actions import Action
from crte.pages.filters import url

TEMPLATE = "blocks/action-row.html"


@dataclass(frozen=True)
class ActionRow:
    """What a row shows of an action: id (its address), title, fiche, owner, launch year,
    total cost and CAHC share (None: not given) in euros."""

    id: str
    titre: str
    fiche: str
    maitre_ouvrage: str
    annee_lancement: str
    cout_total: Decimal
    part_cahc: Decimal | None

    @classmethod
    def of(cls, a: Action) -> ActionRow:
        return cls(a.id, a.titre, a.fiche, a.maitre_ouvrage, a.annee_lancement, a.cout_total, a.part_cahc)


class Rows:
    """`ligne_action` for the templates of one build; `reuse` (action_scope.Reuse) keeps each
    row's HTML by what it shows, for this build and, under serve, the next."""

    def __init__(self, reuse: Any) -> None:
        self._reuse = reuse

    @pass_context
    def ligne_action(self, ctx: Any, a: Action) -> Markup:
        row = ActionRow.of(a)
        href, fiche = url(ctx, routes.action(a.id)), url(ctx, ctx["fiche_route"](a.fiche))
        sigle = ctx["territoire"].sigle
        key = ("ligne", row, href, fiche, sigle)  # a frozen dataclass: compared and hashed by its fields
        made: Markup = self._reuse.fragment(key, lambda: Markup(ctx.environment.get_template(TEMPLATE).render(
            r=row, href=href, fiche_href=fiche, sigle=sigle)))
        return made
