"""The indicators' pages, called by pages.generate():

- /indicateurs/ (templates/pages/indicateurs.md): the catalogue of article 9,
  each indicator with its last value and a link to its page; each list item
  keeps its anchor, /indicateurs/#<id>, which partners link to;
- /indicateurs/<id>/ (templates/pages/indicateur.md): one page per indicator in
  force, a permanent address (`routes.indicator`).

Both templates get `indicateurs` ({id: views.indicator_view.IndicatorPage}) and
`routes`; a page also gets `ip`, its IndicatorPage. « Valeur
ancienne » is decided against the build date.

`indicator_pages(views, page, edit) -> [GeneratedPage]`, where `page(template,
route, edit_path, **context)` is generate()'s renderer and `edit` the YAML file
of the catalogue (data/indicators.yaml).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crte import routes
from crte.dates import build_date
from crte.views.indicator_view import IndicatorPage, indicator_pages as views_of
from crte.views.views import Views

TRACKING_FILE = "data/suivi/indicateurs/{}.yaml"


def edit_path(ip: IndicatorPage, edit: str) -> str:
    """The file to edit for a page: the tracking file that holds its values, if any."""
    return TRACKING_FILE.format(ip.id) if ip.values else edit


def indicator_pages(views: Views, page: Callable[..., Any], edit: str) -> list[Any]:
    ips = views_of(views, build_date())
    common = {"indicateurs": {ip.id: ip for ip in ips}}
    out = [page("pages/indicateurs.md", routes.INDICATORS, None, **common)]  # a list: no one file to edit
    # An indicator's page does not read the catalogue: a change of another indicator leaves it as it is.
    out += [page("pages/indicateur.md", routes.indicator(ip.id), edit_path(ip, edit), ip=ip) for ip in ips]
    return out
