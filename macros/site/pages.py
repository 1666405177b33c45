"""Pages generated from the data, rendered from the Jinja templates in templates/.

Adding a record to the YAML adds its page: there is no stub file per record.
Routes (the URLs partners link to) are defined here, once.

Templates named `*.md` are Markdown pages: data inserted into Markdown prose goes
through the `md` filter, which escapes it. Templates named `*.html` are HTML
fragments, autoescaped by Jinja. Links between pages are relative, computed by
`url()` from the current page, so the site works from any base path.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown as python_markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, pass_eval_context, select_autoescape
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from ..data import reconcile
from ..data.model import Localisation
from ..views.living import FIELD_LABELS, compare
from ..views import formatting
from ..views.finance import breakdowns
from .opendata import DataFile
from ..data.names import owners, slugify
from ..views.views import Views

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# Which YAML file holds each kind of record: the pages' "edit" links point there.
SOURCES = {
    "communes": "data/communes.yaml",
    "contract": "data/contract.yaml",
    "orientations": "data/orientations.yaml",
    "actions": "data/actions.yaml",
    "indicators": "data/indicators.yaml",
}


# --- Routes -------------------------------------------------------------------------------
# A route is a page's URL relative to the site root, as MkDocs serves it with
# use_directory_urls. These never change: partners link to them.

def action_route(action_id: str) -> str:
    return f"actions/{action_id}/"


def orientation_route(numero: int) -> str:
    return f"orientations/{numero}/"


def chantier_route(views: Views, numero: int) -> str:
    return f"{orientation_route(views.chantier[numero].orientation)}#chantier-{numero}"


def fiche_route(views: Views, numero: str) -> str:
    chantier = views.fiche[numero].chantier
    return f"{orientation_route(views.chantier[chantier].orientation)}#fiche-{numero.replace('.', '-')}"


def indicator_route(indicator_id: str) -> str:
    return f"indicateurs/#{indicator_id}"


def commune_route(slug: str) -> str:
    return f"communes/{slug}/"


def owner_route(slug: str) -> str:
    return f"maitres-ouvrage/{slug}/"


def evolutions_route() -> str:
    return "evolutions/"


def evolution_route(decision_id: str) -> str:
    return f"evolutions/{decision_id}/"


def src_uri(route: str) -> str:
    """The Markdown file MkDocs builds into `route` (`actions/x/` <- `actions/x.md`)."""
    return "index.md" if route == "" else route.rstrip("/") + ".md"


# --- Filters ------------------------------------------------------------------------------

# What Python-Markdown lets a backslash escape (`|` with the tables extension).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|!])")


def md(text: str) -> Markup:
    """Plain text made safe for Markdown prose: no markup, no emphasis, no HTML,
    wherever it lands in a line, and it reads exactly as written. At the start of
    a line, "- ", "+ ", "* ", "1. ", ": " or "=" would begin a list, a definition or
    a heading underline: that first character is written as an HTML entity."""
    out = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    if m := re.match(r"[0-9]+(\.)", out):
        out = f"{out[:m.start(1)]}&#46;{out[m.end(1):]}"
    elif out[:1] in ("-", "+", "*", ":", "="):
        out = f"&#{ord(out[0])};{out[1:]}"
    return Markup(out)


_META_UNSAFE = re.compile(r'[<>"]|&(?=[#A-Za-z])')


def value_text(value: Any) -> str:
    """A field's value in words, for a history line: amounts in euros, lists
    joined, a localisation by its places, nothing as « — »."""
    if value is None or value == ():
        return "—"
    if isinstance(value, Decimal):
        return formatting.euros(value)
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, Localisation):
        places = [*value.communes, *value.hors_cahc] + (["tout le territoire"] if value.territoire else [])
        return ", ".join(places)
    return str(value)


def meta(text: str) -> Markup:
    """Text for a page's front matter (title, description). The theme prints these
    into HTML text and double-quoted attributes without escaping (and escapes the
    title again in some aria-labels): only what could break out or read as an
    entity is escaped (`<`, `>`, `"`, `&` before a name), so an apostrophe or a
    lone « & » stays as it is in both places. Written as a JSON string (valid
    YAML), every non-ASCII character escaped."""
    safe = _META_UNSAFE.sub(lambda m: {"<": "&lt;", ">": "&gt;", '"': "&quot;"}.get(m.group(), "&amp;"), text)
    return Markup(json.dumps(safe, ensure_ascii=True))


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """Every `{{ … }}` of a Markdown template (*.md, not autoescaped) is at least
    HTML-escaped unless a filter made it Markup (`md`, `markdown`, `meta`, `url`):
    data can never become HTML there. HTML templates are autoescaped by Jinja."""
    if eval_ctx.autoescape or isinstance(value, (Markup, int, Decimal)) or value is None:
        return value
    return escape(value)


# What Markdown in the contract text may produce. No images: a page must load
# nothing from another host.
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "code", "pre", "blockquote"}


def markdown(text: str) -> Markup:
    """Markdown from the data rendered to HTML, then sanitised.

    The loader already refuses raw HTML in text fields; nh3 (Ammonia) removes
    whatever markup could still get through (entity-encoded `javascript:` links,
    event attributes), so that data never reaches a page as markup. The result
    is one HTML block without blank lines, which MkDocs' Markdown leaves as is.
    """
    html = nh3.clean(python_markdown.markdown(text, output_format="html"), tags=ALLOWED_TAGS,
                     url_schemes={"http", "https", "mailto"})
    lines = [line for line in html.split("\n") if line.strip()]
    return Markup('<div class="crte-texte">\n' + "\n".join(lines) + "\n</div>")


def relative(target: str, here: str) -> str:
    """Relative path between two site-relative directory paths (`here` is a
    directory): what posixpath.relpath gives, without its calls to getcwd, which
    cost seconds on 10 000 pages."""
    t = [p for p in target.split("/") if p]
    h = [p for p in here.split("/") if p]
    common = 0
    while common < min(len(t), len(h)) and t[common] == h[common]:
        common += 1
    return "/".join([".."] * (len(h) - common) + t[common:]) or "."


@pass_context
def url(ctx: Any, route: str) -> str:
    """Relative URL from the page being rendered to `route` (which may carry #anchor)."""
    here = ctx["page_route"]
    path, sep, anchor = route.partition("#")
    if sep and path == here:
        return "#" + anchor
    rel = relative(path, here)
    return ("./" if rel == "." else rel + "/") + sep + anchor


@pass_context
def link(ctx: Any, route: str) -> str:
    """Markdown link target from the page being rendered to `route`: the relative
    path of the target's .md file, which MkDocs checks (target and anchor) and
    turns into a URL. Used in Markdown; `url()` is for HTML fragments."""
    here = src_uri(ctx["page_route"])
    path, sep, anchor = route.partition("#")
    if sep and path == ctx["page_route"]:
        return "#" + anchor
    target = src_uri(path)
    folder, name = posixpath.split(target)
    rel = relative(folder, posixpath.dirname(here))
    return (name if rel == "." else f"{rel}/{name}") + sep + anchor


def make_environment(views: Views, site_url: str = "", data_files: tuple[DataFile, ...] = ()) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(
        euros=formatting.euros, nombre=formatting.number, md=md, markdown=markdown, meta=meta,
        pourcent=formatting.percent_text, date_longue=formatting.long_date, valeur=value_text,
    )
    env.globals.update(
        url=url, link=link, v=views, crte=views.crte, sources=SOURCES,
        action_route=action_route, orientation_route=orientation_route, indicator_route=indicator_route,
        commune_route=commune_route, owner_route=owner_route, owners=owners, slugify=slugify,
        site_url=site_url, data_files=data_files, evolutions_route=evolutions_route, evolution_route=evolution_route,
        chantier_route=lambda n: chantier_route(views, n), fiche_route=lambda n: fiche_route(views, n),
        finances=breakdowns(views), signed_finances=breakdowns(views.signed_views, "signe-") if views.decisions else [],
        comparison=compare(views.signed, views.crte), reconciliations=reconcile.reconciliations(views.signed),
        findings=reconcile.findings(views.signed), labels=FIELD_LABELS,
    )
    return env


# --- Pages --------------------------------------------------------------------------------

@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "actions/cite-declercq.md"
    content: str  # Markdown
    edit_path: str | None  # the YAML file holding the record, relative to the repository; None: no edit link


def generate(views: Views, site_url: str = "", data_files: tuple[DataFile, ...] = ()) -> list[GeneratedPage]:
    """Every page built from the data, in a stable order. `site_url` makes the
    permanent links printed on the pages absolute; `data_files` are listed on /donnees/."""
    env = make_environment(views, site_url, data_files)

    def page(template: str, route: str, edit: str | None, **context: Any) -> GeneratedPage:
        content = env.get_template(template).render(page_route=route, **context)
        return GeneratedPage(src_uri(route), content, edit)

    pages = [
        page("pages/contrat.md", "contrat/", SOURCES["contract"]),
        page("pages/orientations.md", "orientations/", SOURCES["orientations"]),
        page("pages/actions.md", "actions/", SOURCES["actions"]),
        page("pages/indicateurs.md", "indicateurs/", SOURCES["indicators"]),
        page("pages/finances.md", "finances/", SOURCES["actions"]),
        page("pages/controles.md", "finances/controles/", SOURCES["actions"]),
    ]
    pages += [page("pages/orientation.md", orientation_route(n), SOURCES["orientations"], ov=ov)
              for n, ov in views.orientations.items()]
    pages += [page("pages/action.md", action_route(av.action.id), SOURCES["actions"], av=av)
              for av in (*views.action_list(), *views.abandoned_list())]
    pages.append(page("pages/communes.md", "communes/", SOURCES["actions"]))
    pages += [page("pages/commune.md", commune_route(slug), SOURCES["actions"], g=g)
              for slug, g in views.communes.items()]
    pages.append(page("pages/maitres-ouvrage.md", "maitres-ouvrage/", SOURCES["actions"]))
    pages += [page("pages/maitre-ouvrage.md", owner_route(slug), SOURCES["actions"], g=g)
              for slug, g in views.maitres_ouvrage.items()]
    pages.append(page("pages/donnees.md", "donnees/", SOURCES["actions"]))
    pages.append(page("pages/evolutions.md", evolutions_route(), None))  # a list: no one file to edit
    pages += [page("pages/evolution.md", evolution_route(dv.id), f"data/decisions/{dv.id}.yaml", dv=dv)
              for dv in views.decision_views]
    return pages


def redirects(views: Views) -> dict[str, str]:
    """Former action URLs and the current route each leads to: {old route: new route}."""
    return {action_route(old): action_route(a.id) for a in views.state.actions.values() for old in a.anciens_ids}


def render_redirect(views: Views, old: str, new: str) -> str:
    return make_environment(views).get_template("redirect.html").render(page_route=old, target=new)


@lru_cache(maxsize=2)
def _block_environment(views: Views) -> Environment:
    # One environment per build for all bloc() calls: building one computes the
    # finance breakdowns and the checks.
    return make_environment(views)


def render_block(views: Views, name: str, route: str) -> str:
    """An HTML fragment of templates/blocks/, for the hand-written pages (via macros)."""
    return _block_environment(views).get_template(f"blocks/{name}.html").render(page_route=route)
