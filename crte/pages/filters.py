"""Jinja filters and link helpers of the page templates (pages.py builds the
environment with them).

- `md`: plain text made safe for Markdown prose; `meta`: text for front matter;
  `markdown`: the Markdown fields (the contract's text), sanitised, its references to
  articles and annexes linked (`contract_markdown`, the templates' filter); `value_text`:
  a field's value in words; `_finalize`: every `{{ … }}` of a Markdown template
  is at least HTML-escaped.
- `url`, `link`: relative links from the page being rendered (HTML and Markdown).
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from html import unescape as html_unescape
from typing import Any

import markdown as python_markdown
import nh3
from jinja2 import pass_context, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from crte import fr as formatting, routes
from crte.data.model import Localisation
from crte.routes import src_uri

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


def text(value: str | Markup) -> Markup:
    """Plain text for an HTML template (`texte`), escaped as Python-Markdown escapes prose
    (`&`, `<`, `>`; quotes left as they are); Markup is left as it is."""
    return value if isinstance(value, Markup) else Markup(html.escape(value, quote=False))


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
    return Markup(json.dumps(meta_text(text), ensure_ascii=True))


def meta_text(text: str) -> str:
    """`meta`'s escaping, without the JSON quotes: for a value set in a page's meta directly."""
    return _META_UNSAFE.sub(lambda m: {"<": "&lt;", ">": "&gt;", '"': "&quot;"}.get(m.group(), "&amp;"), text)


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


def markdown(text: str, links: Mapping[str, str] | None = None) -> Markup:
    """Markdown from the data rendered to HTML, then sanitised.

    The loader already refuses raw HTML in text fields; nh3 (Ammonia) removes
    whatever markup could still get through (entity-encoded `javascript:` links,
    event attributes), so that data never reaches a page as markup. The result
    is one HTML block without blank lines, which MkDocs' Markdown leaves as is.
    `links` ({anchor: URL}): the contract's cross-references become links to these
    anchors (`link_references`), in the sanitised text, nothing else changed.
    """
    html = _sanitised(text)
    if links:
        html = link_references(html, links)
    lines = [line for line in html.split("\n") if line.strip()]
    return Markup('<div class="crte-texte">\n' + "\n".join(lines) + "\n</div>")


@lru_cache(maxsize=4096)
def _sanitised(text: str) -> str:
    # Remembered: the contract's articles are converted again on every rebuild under serve.
    return str(nh3.clean(python_markdown.markdown(text, output_format="html"), tags=ALLOWED_TAGS,
                         url_schemes={"http", "https", "mailto"}))


@pass_context
def contract_markdown(ctx: Any, text: str) -> Markup:
    """The `markdown` filter of the templates: `markdown`, with the contract's references
    (« article 6.3 », « l'article 9 », « annexe 3 ») linked to their anchors on /contrat/,
    those that exist only (articles, sub-articles, annexes of the contract in force)."""
    contract = ctx["crte"].contract
    anchors = [a.anchor for a in contract.articles] + [s.anchor for a in contract.articles for s in a.sections]
    anchors += [f"annexe-{x.numero}" for x in contract.annexes]
    return glossed(ctx, markdown(text, {a: url(ctx, f"contrat/#{a}") for a in anchors}))


# --- The glossary's terms, explained where they appear ------------------------------------

def _abbr(ctx: Any, form: str) -> str:
    """`form` (plain text) explained by its glossary entry the first time the page shows it
    (the render's `termes_vus` set), as an <abbr> that a pointer, a tap or the keyboard
    opens (Material's tooltips, content.tooltips); afterwards, or for no entry, `form` alone."""
    entry = ctx["glossaire"].entry(form)
    seen = ctx.get("termes_vus")
    if entry is None or (seen is not None and entry.slug in seen):
        return str(escape(form))
    if seen is not None:
        seen.add(entry.slug)
    return f'<abbr title="{escape(entry.definition)}" tabindex="0">{escape(form)}</abbr>'


@pass_context
def term(ctx: Any, label: str) -> Markup:
    """The templates' `terme("Maître d'ouvrage")`: a label, explained (`_abbr`) if the glossary has it."""
    return Markup(_abbr(ctx, label))


@pass_context
def terms(ctx: Any, text: Markup) -> Markup:
    """The templates' `| termes`: already escaped text (`md`, HTML) with the glossary's forms explained."""
    return glossed(ctx, text)


def glossed(ctx: Any, html: Markup) -> Markup:
    """Sanitised HTML (`markdown`) with the glossary's forms explained (`_abbr`), in the
    text only: never inside a tag, a link, code or another <abbr>."""
    pattern = ctx["glossaire"].pattern
    if pattern is None:
        return html
    out, inside = [], 0
    for part in re.split(r"(<[^>]*>)", str(html)):
        if part.startswith("<"):
            if re.match(r"</?(a|code|pre|abbr)\b", part):
                inside += -1 if part.startswith("</") else 1
            out.append(part)
        else:  # text between tags is already escaped: the forms are matched as escaped
            out.append(part if inside else pattern.sub(lambda m: _abbr(ctx, html_unescape(m[0])), part))
    return Markup("".join(out))


@pass_context
def article(ctx: Any, number: str, text: str) -> Markup:
    """A Markdown link `text` to article `number` ("6-1" for 6.1) of the contract on /contrat/,
    or `text` alone when the contract has no such article (another contract's numbering)."""
    contract = ctx["crte"].contract
    anchor = f"article-{number}"
    if anchor in {a.anchor for a in contract.articles} | {s.anchor for a in contract.articles for s in a.sections}:
        return Markup(f"[{md(text)}]({link(ctx, routes.CONTRACT + '#' + anchor)})")
    return md(text)


# « article 6.3 », « articles 4 et 7.1 », « l'article 1er », « annexe 3 », « Annexe n°1 »; not the
# article of another text (« l'article 23 de la loi du 25 juin 1999 »).
_NUMBER = r"\d+(?:\.\d+)*(?:er)?(?![\w.]\w)"
_REFERENCE = re.compile(
    rf"\b(?P<kind>[Aa]rticles?|[Aa]nnexes?)(?P<sep>\s+(?:n°\s*)?)(?P<num>{_NUMBER})"
    rf"(?P<more>(?:(?:,\s*|\s+(?:et|ou)\s+){_NUMBER})*)"
    r"(?!\s+(?i:de\s+la\s+(?:loi|directive|constitution|convention)|du\s+(?:code|décret|règlement|traité)"
    r"|de\s+l['’](?:ordonnance|arrêté)))")
_MORE = re.compile(rf"(?P<sep>,\s*|\s+(?:et|ou)\s+)(?P<num>{_NUMBER})")


def link_references(html: str, links: Mapping[str, str]) -> str:
    """`html` (sanitised) with each reference to an anchor of `links` made a link, in the
    text only: never inside a tag, a link or code."""
    def anchor(kind: str, number: str) -> str | None:
        key = ("article-" if kind.lower().startswith("article") else "annexe-") + number.removesuffix("er")
        return links.get(key.replace(".", "-"))

    def linked(text: str, href: str | None) -> str:
        return text if href is None else f'<a href="{escape(href)}">{text}</a>'

    def reference(m: re.Match[str]) -> str:
        kind = m["kind"]
        more = _MORE.sub(lambda n: n["sep"] + linked(n["num"], anchor(kind, n["num"])), m["more"])
        return linked(m["kind"] + m["sep"] + m["num"], anchor(kind, m["num"])) + more

    out, inside = [], 0
    for part in re.split(r"(<[^>]*>)", html):
        if part.startswith("<"):
            tag = re.match(r"</?(a|code|pre)\b", part)
            if tag:
                inside += -1 if part.startswith("</") else 1
            out.append(part)
        else:
            out.append(part if inside else _REFERENCE.sub(reference, part))
    return "".join(out)


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
    """Relative URL from the page being rendered to `route` (crte.routes), which may carry
    an #anchor: a page's route ends in "/", a file's (`donnees/actions.csv`) does not."""
    here = ctx["page_route"]
    path, sep, anchor = route.partition("#")
    if sep and path == here:
        return "#" + anchor
    rel = relative(path, here)
    if path and not path.endswith("/"):  # a file
        return rel + sep + anchor
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


