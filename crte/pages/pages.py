"""Pages generated from the data, rendered from the Jinja templates in templates/.

Adding a record to the YAML adds its page: there is no stub file per record.
Routes (the URLs partners link to) are defined here, once.

Templates named `pages/*.md` are Markdown pages: data inserted into Markdown prose goes
through the `md` filter, which escapes it. Templates named `*.html` are HTML, autoescaped
by Jinja: fragments (`blocks/`), and the pages rendered straight to HTML (`pages/*.html`,
no Markdown conversion: the most numerous, one per action), whose top-level `{% set %}`
of `title`, `description` and `image` are their meta and whose `titre` headings make
their table of contents (crte/pages/headings.py). Links between pages are relative, computed by
`url()` from the current page, so the site works from any base path.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from crte import fr as formatting, routes
from crte.data import reconcile
from crte.data.names import owners, slugify
from crte.outputs import national
from crte.outputs.opendata import DataFile
from crte.pages.action_scope import ActionTracking, ActionViews, ContractScope, Keys, Memo, Reuse, SignedScope
from crte.pages.compiled import COMPILED
from crte.pages.filters import (  # noqa: F401
    _finalize,
    article,
    contract_markdown,
    link,
    markdown,
    md,
    meta,
    meta_text,
    relative,
    term,
    terms,
    text,
    url,
    value_text,
)
from crte.pages.headings import PERMALINK_TITLE, resolved, sommaire
from crte.pages.indicator_pages import indicator_pages
from crte.pages.rows import Rows
from crte.pages.tracking_pages import TrackingSite, tracking_pages
from crte.routes import src_uri
from crte.views.finance import breakdowns
from crte.views.glossary import Glossary
from crte.views.home import story
from crte.views.living import compare, field_labels
from crte.views.messages import reference
from crte.views.preview import action_summary, card_height
from crte.views.views import Views

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# Which YAML file holds each kind of record: the pages' "edit" links point there.
SOURCES = {
    "communes": "data/communes.yaml",
    "contract": "data/contract.yaml",
    "orientations": "data/orientations.yaml",
    "actions": "data/actions.yaml",
    "indicators": "data/indicators.yaml",
    "glossary": "data/glossaire.yaml",
}


# --- Routes that need the views: a chantier's or fiche's orientation (crte.routes builds them).

def chantier_route(views: Views, numero: int) -> str:
    return routes.chantier(views.chantier[numero].orientation, numero)


def fiche_route(views: Views, numero: str) -> str:
    return routes.fiche(views.chantier[views.fiche[numero].chantier].orientation, numero)


@lru_cache(maxsize=2)
def make_environment(views: Views) -> Environment:
    """The one Jinja environment of a build (cached per views): every template of templates/,
    pages, blocks, cards, redirects. What differs between builds of the same data (the site's
    address, the open data files, the day the data changed) is given to each render (`page_context`)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        bytecode_cache=COMPILED,
    )
    env.filters.update(
        euros=formatting.euros, euros_lisibles=formatting.readable_euros, nombre=formatting.number,
        md=md, markdown=contract_markdown, meta=meta,
        pourcent=formatting.percent_text, date_longue=formatting.long_date, valeur=value_text,
        enumeration=formatting.enumeration, termes=terms, texte=text, meta_texte=meta_text,
    )
    finances = breakdowns(views)
    # Each chantier's and fiche's address, asked for on every row of the tables of actions.
    chantiers = {n: chantier_route(views, n) for n in views.chantier}
    fiches = {n: fiche_route(views, n) for n in views.fiche}
    env.globals.update(
        url=url, link=link, article=article, v=views, crte=views.crte, territoire=views.territory,
        sources=SOURCES, routes=routes, owners=owners, slugify=slugify, plural=formatting.plural,
        chantier_route=chantiers.__getitem__, fiche_route=fiches.__getitem__,
        finances=finances, signed_finances=breakdowns(views.signed_views, "signe-") if views.decisions else [],
        comparison=compare(views.signed, views.crte), reconciliations=reconcile.reconciliations(views.signed),
        findings=reconcile.findings(views.signed), labels=field_labels(views.crte), suivi=TrackingSite(views),
        accueil=story(views, finances), glossaire=Glossary(views.signed.glossaire), terme=term,
        hauteur_carte=card_height(views), sommaire=sommaire, permalien=PERMALINK_TITLE,
        ligne_action=Rows(Reuse(None)).ligne_action,  # generate() gives its own (rows.py)
    )
    return env


def page_context(site_url: str = "", data_files: tuple[DataFile, ...] = (),
                 data_changed: dt.date | None = None) -> dict[str, Any]:
    """What a render needs beyond the views: `site_url` (permanent links printed absolute),
    `data_files` (listed on /donnees/), `donnees_modifiees` (the day the data last changed,
    crte/dates.py, or None)."""
    return {"site_url": site_url, "data_files": data_files, "donnees_modifiees": data_changed}


# --- Pages --------------------------------------------------------------------------------

@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "actions/cite-declercq.md"
    content: str  # Markdown with its front matter; or, when `toc` is not None, the page's HTML
    toc: list[dict[str, Any]] | None  # an HTML page's table of contents (toc extension tokens, nested)
    edit_path: str | None  # the YAML file holding the record, relative to the repository; None: no edit link
    meta: dict[str, str] | None = None  # an HTML page's title, description, image (None: in the front matter)

# The meta an HTML page's template sets at its top level.
HTML_META = ("title", "description", "image")


def generate(views: Views, site_url: str = "", data_files: tuple[DataFile, ...] = (),
             data_changed: dt.date | None = None, memo: Memo | None = None) -> list[GeneratedPage]:
    """Every page built from the data, in a stable order. `site_url` makes the
    permanent links printed on the pages absolute; `data_files` are listed on /donnees/,
    with `data_changed`, the day the data last changed. A page computed from many
    records (totals, lists, checks) has no one file to edit: no edit link (None).
    `memo` (under serve: {route: (key, page)} of the previous call with the same
    templates, updated here): an action's or an indicator's page whose inputs did not change
    is taken from it, not rendered again (crte/pages/action_scope.py)."""
    env = make_environment(views)
    common = page_context(site_url, data_files, data_changed)
    site, reuse = cast(TrackingSite, env.globals["suivi"]), Reuse(memo)
    env.globals["ligne_action"] = Rows(reuse).ligne_action  # the rows of the tables of actions (rows.py)
    keys = None if memo is None else Keys(views, site, (env.globals["labels"], env.globals["hauteur_carte"], site_url))
    outside = _outside(env, views)

    def page(template: str, route: str, edit: str | None, **context: Any) -> GeneratedPage:
        if not template.endswith(".html"):
            content = env.get_template(template).render({"page_route": route, "termes_vus": set(), **common, **context})
            return GeneratedPage(src_uri(route), content, None, edit)
        toc: list[dict[str, Any]] = []
        module = env.get_template(template).make_module(
            {"page_route": route, "termes_vus": set(), "toc": toc, **common, **context})
        meta = {key: getattr(module, key) for key in HTML_META if getattr(module, key, None) is not None}
        return GeneratedPage(src_uri(route), *resolved(str(module), toc), edit, meta)

    def indicator(template: str, route: str, edit: str | None, **context: Any) -> GeneratedPage:
        if template != "pages/indicateur.md":  # the catalogue: all of them, every time
            return page(template, route, edit, **context)
        key = None if keys is None else keys.indicator(context["ip"])
        made: GeneratedPage = reuse.page(route, key, lambda: page(template, route, edit, v=SignedScope(views),
                                                                  **context, **outside))
        return made

    pages = [
        page("pages/contrat.md", "contrat/", SOURCES["contract"]),
        page("pages/orientations.md", routes.ORIENTATIONS, SOURCES["orientations"]),
        page("pages/actions.md", routes.ACTIONS, SOURCES["actions"]),
        *indicator_pages(views, indicator, SOURCES["indicators"]),  # /indicateurs/, /indicateurs/<id>/
        page("pages/finances.md", routes.FINANCES, None),  # computed: no one file to edit
        page("pages/controles.md", routes.CONTROLS, SOURCES["actions"]),  # the gaps are explained there
    ]
    pages += [page("pages/orientation.md", routes.orientation(n), SOURCES["orientations"], ov=ov)
              for n, ov in views.orientations.items()]
    pages += _action_pages(views, page, site, keys, reuse, outside)
    pages += tracking_pages(views, page)  # /suivi/, /financeurs/, /financeurs/<slug>/
    pages.append(page("pages/communes.md", routes.COMMUNES, SOURCES["actions"]))
    pages += [page("pages/commune.html", routes.commune(slug), SOURCES["actions"], g=g)
              for slug, g in views.communes.items()]
    pages.append(page("pages/maitres-ouvrage.md", routes.OWNERS, SOURCES["actions"]))
    pages += [page("pages/maitre-ouvrage.html", routes.owner(slug), SOURCES["actions"], g=g)
              for slug, g in views.maitres_ouvrage.items()]
    pages.append(page("pages/donnees.md", routes.OPEN_DATA, None, national=national))
    pages.append(page("pages/glossaire.md", routes.GLOSSARY, SOURCES["glossary"]))
    pages.append(page("pages/evolutions.md", routes.DECISIONS, None))  # a list: no one file to edit
    pages.append(page("pages/messages.md", routes.MESSAGES, None, groups=reference()))  # from crte/data/codes/
    pages += [page("pages/evolution.md", routes.decision(dv.id), f"data/decisions/{dv.id}.yaml", dv=dv)
              for dv in views.decision_views]
    reuse.close()
    return pages


def _outside(env: Environment, views: Views) -> dict[str, Any]:
    # What a page rendered through scopes (action_scope.py) gets of the rest: the contract only.
    nothing = {name: env.undefined(name=name) for name in ("suivi", "data_files", "donnees_modifiees")}
    return {**nothing, "crte": ContractScope(views.crte.contract)}


def _action_pages(views: Views, page: Any, site: TrackingSite, keys: Keys | None, reuse: Reuse,
                  outside: dict[str, Any]) -> list[GeneratedPage]:
    # Each action's page reads only its scope (action_scope.py); with a memo, an unchanged key reuses the page.
    pages = []
    for av in (*views.action_list(), *views.abandoned_list()):
        action_id, route, resume = av.action.id, routes.action(av.action.id), action_summary(views, av)
        pages.append(reuse.page(route, None if keys is None else keys.page(av, resume), lambda: page(
            "pages/action.html", route, action_source(views, action_id), av=av, resume=resume,
            v=ActionViews(views, action_id), **{**outside, "suivi": ActionTracking(site, action_id)})))
    return pages


def action_source(views: Views, action_id: str) -> str:
    """The file that holds an action's record: the decision that added it, or actions.yaml."""
    added = views.status(action_id).added_by
    return f"data/decisions/{added.id}.yaml" if added else SOURCES["actions"]


def redirects(views: Views) -> dict[str, str]:
    """Former action URLs and the current route each leads to: {old route: new route}."""
    return {routes.action(old): routes.action(a.id) for a in views.state.actions.values() for old in a.anciens_ids}


def render_edition(views: Views) -> str:
    """The browser editor's page (/edition/, templates/edition.html), with the example's banner."""
    return make_environment(views).get_template("edition.html").render(page_route=routes.EDITOR,
                                                                         exemple=views.signed.exemple, **page_context())


def render_redirect(views: Views, old: str, new: str) -> str:
    return make_environment(views).get_template("redirect.html").render(page_route=old, target=new, **page_context())


def render_meta(views: Views, text: str) -> str:
    """A hand-written page's front-matter value that names the territory (`{{ territoire.site }}`,
    `{{ signature }}`), rendered and escaped as `meta` escapes generated pages' values."""
    env = make_environment(views)
    rendered = env.from_string(text).render(signature=formatting.long_date(views.crte.contract.signature.date),
                                            **page_context())
    return meta_text(html.unescape(rendered))


def render_block(views: Views, name: str, route: str) -> str:
    """An HTML fragment of templates/blocks/, for the hand-written pages (via macros)."""
    return make_environment(views).get_template(f"blocks/{name}.html").render(page_route=route, termes_vus=set(),
                                                                               **page_context())
