"""The headings and table of contents of the pages rendered straight to HTML
(templates/pages/*.html, the `titre` macro of templates/macros.html).

They are what Python-Markdown's toc extension makes of `## Texte { #id }` with
mkdocs.yml's `toc` settings (`permalink: true`, `permalink_title`): the same id
(its `slugify` and `unique`, for a heading without one), the same entry for the
theme's table of contents (its token: level, id, name as escaped text, html,
children; nested by its `nest_toc_tokens`). The pages' tests compare them with
the Markdown route's.

- `sommaire(ctx, level, text, anchor) -> str`: records the heading in the render's
  `toc` list (flat) and returns its id, or a placeholder for it;
- `resolved(html, flat) -> (html, tokens)`: the ids filled in, and the tokens nested, for
  `properdocs.structure.toc.get_toc`;
- `PERMALINK_TITLE`: the permalink's title (mkdocs.yml's `permalink_title`, checked by a test).
"""
from __future__ import annotations

import html
from typing import Any

from jinja2 import pass_context
from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markupsafe import Markup

from crte.pages.filters import text as escape_text

PERMALINK_TITLE = "Lien vers cette section"


@pass_context
def sommaire(ctx: Any, level: int, text: str | Markup, anchor: str | None = None) -> str:
    """Record a heading of `level` (1 to 6) whose content is `text` (Markup, or plain text,
    escaped) in the render's `toc` (a list); return its id: `anchor`, or, for a heading
    without one, a placeholder that `resolved` replaces by the text's slug once every
    explicit id of the page is known (as the toc extension, which collects them first)."""
    inner = str(escape_text(text))
    toc: list[dict[str, Any]] = ctx["toc"]
    placeholder = anchor or f"\x00titre-{len(toc)}\x00"
    toc.append({"level": level, "id": anchor, "name": strip_tags(inner), "html": inner,
                "data-toc-label": "", "children": [], "placeholder": placeholder})
    return placeholder


def resolved(html_text: str, flat: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """The rendered page with its headings' ids filled in, and its table of contents: the
    toc extension's tokens, nested as it nests them (`nest_toc_tokens`)."""
    used = {recorded["id"] for recorded in flat if recorded["id"]}
    tokens: list[dict[str, Any]] = []
    for recorded in flat:
        token = {k: v for k, v in recorded.items() if k != "placeholder"} | {"children": []}
        if not token["id"]:
            token["id"] = unique(slugify(html.unescape(token["name"]), "-"), used)
            html_text = html_text.replace(recorded["placeholder"], token["id"])
        tokens.append(token)
    return html_text, nest_toc_tokens(tokens)
