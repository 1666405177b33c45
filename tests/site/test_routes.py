"""Every address of the site is built by crte.routes, and every one it builds exists.

On the real site and on the fictitious example (decisions, tracking, funders): each
route of each record leads to a built file (and its anchor to an id of the page), and
each page of the built site is a route of crte.routes or one of the hand-written pages.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from crte import routes
from crte.data.loader import load
from crte.pages.pages import fiche_route
from crte.pages.tracking_pages import TrackingSite
from crte.views.views import Views

from ..sitebuild import soup
from .conftest import EXAMPLE

# The pages written by hand (docs/) and by the theme.
HAND_WRITTEN = {"", "accessibilite/", "donnees-personnelles/", "mentions-legales/", routes.SEARCH}


def every_route(views: Views) -> dict[str, str]:
    """{route: what it is}, for every route function of crte.routes and every record (a fiche's
    section is on its chantier's orientation, which the action's published enjeu may contradict)."""
    out = {r: name for name, r in vars(routes).items() if name.isupper() and isinstance(r, str)}
    for av in (*views.action_list(), *views.abandoned_list()):
        a = av.action
        out |= {routes.action(a.id): "action", routes.action_json(a.id): "action_json",
                routes.action_card(a.id): "action_card", fiche_route(views, a.fiche): "fiche"}
        for old in a.anciens_ids:
            out |= {routes.action(old): "ancien id", routes.action_json(old): "ancien id (JSON)",
                    routes.action_card(old): "ancien id (carte)"}
    for o in views.crte.orientations:
        out[routes.orientation(o.numero)] = "orientation"
        out |= {routes.chantier(o.numero, c.numero): "chantier" for c in o.chantiers}
    for i in views.crte.indicators:
        out |= {routes.indicator(i.id): "indicator", routes.indicator_entry(i.id): "indicator_entry"}
    out |= {routes.commune(slug): "commune" for slug in views.communes}
    out |= {routes.owner(slug): "owner" for slug in views.maitres_ouvrage}
    out |= {routes.funder(row.slug): "funder" for row in TrackingSite(views).funder_rows}
    out |= {routes.decision(dv.id): "decision" for dv in views.decision_views}
    out |= {routes.data_file(name): "data_file" for name in ("actions.csv", "datapackage.json")}
    out[routes.message("montant-invalide")] = "message"
    return out


def target(site: Path, route: str) -> tuple[Path, str]:
    path, _, anchor = route.partition("#")
    return (site / path / "index.html" if path == "" or path.endswith("/") else site / path), anchor


@pytest.mark.parametrize("which", ["reel", "exemple"])
def test_every_route_of_every_record_exists(which: str, site: Path, example_site: Path,
                                            example_project: Path) -> None:
    built, folder = (site, example_project / "data") if which == "reel" else (example_site,
                                                                                example_project / EXAMPLE)
    views = Views(load(folder, str(folder)))
    missing, pages = [], {}
    for route, kind in every_route(views).items():
        file, anchor = target(built, route)
        if not file.is_file():
            missing.append(f"{kind}: {route}")
        elif anchor:
            page = pages.setdefault(file, soup(file))
            if page.find(id=anchor) is None:
                missing.append(f"{kind}: {route} (ancre)")
    assert missing == []
    # The example has what the real data has not yet: decisions, funders, tracking.
    kinds = set(every_route(views).values())
    assert {"action", "action_card", "chantier", "fiche", "indicator", "commune", "owner"} <= kinds
    if which == "exemple":
        assert {"decision", "funder"} <= kinds


@pytest.mark.parametrize("which", ["reel", "exemple"])
def test_every_page_of_the_site_is_a_route(which: str, site: Path, example_site: Path,
                                           example_project: Path) -> None:
    built, folder = (site, example_project / "data") if which == "reel" else (example_site,
                                                                                example_project / EXAMPLE)
    known = {r.partition("#")[0] for r in every_route(Views(load(folder, str(folder))))} | HAND_WRITTEN
    folders = {p.parent.relative_to(built).as_posix() for p in built.rglob("index.html")}
    pages = {"" if f == "." else f + "/" for f in folders}
    assert sorted(pages - known) == []
