"""Jinja filters and link helpers of the page templates (pages.py builds the
environment with them).

- `md`: plain text made safe for Markdown prose; `meta`: text for front matter;
  `markdown`: the Markdown fields (the contract's text), sanitised; `value_text`:
  a field's value in words; `_finalize`: every `{{ … }}` of a Markdown template
  is at least HTML-escaped.
- `url`, `link`: relative links from the page being rendered (HTML and Markdown).
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from decimal import Decimal
from typing import Any

import markdown as python_markdown
import nh3
from jinja2 import pass_context, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from ..data.model import Localisation
from ..views import formatting


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


