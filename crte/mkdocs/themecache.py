"""Parts of Material's page rendered once and reused (overrides/main.html).

Material renders the whole navigation tree for every page. Thousands of pages
in folders (actions, communes, maîtres d'ouvrage) are deliberately left out of
the navigation, so for each of them no item is active, there is no previous or next
page in the footer, and the tree and the footer differ only by their relative
links, which depend only on the folder the page's URL is in (all actions are in
actions/, all communes in communes/). The theme asks `key(page)`: None means
"render it as usual", otherwise the rendered part is kept under that key and
reused. The theme's configuration script depends only on the page's base URL:
the theme keys it by that.
"""
from __future__ import annotations

import posixpath

from properdocs.structure.nav import Navigation
from properdocs.structure.pages import Page


class ThemeCache:
    def __init__(self, nav: Navigation) -> None:
        self._in_nav = {id(page) for page in nav.pages}
        self._nav_urls = [page.url for page in nav.pages]
        self._html: dict[tuple[str, str], str] = {}

    def key(self, page: object) -> str | None:
        """The key of the parts that depend only on the navigation, or None."""
        # The 404 page and other theme templates have no Page: render as usual.
        if not isinstance(page, Page) or id(page) in self._in_nav:
            return None
        # MkDocs makes a link relative to the page's URL (mkdocs.utils.get_relative_url):
        # "actions/x/" and "actions/y/" reach every other page through the same
        # path, unless the target is the page itself or lies under its URL. The
        # navigation links to its own pages; the footer to top-level pages
        # (overrides/partials/copyright.html): only pages in a folder are keyed.
        folder = posixpath.dirname(page.url.rstrip("/"))
        if not folder or any(url.startswith(page.url) for url in self._nav_urls):
            return None
        return f"{folder}/*/" if page.url.endswith("/") else f"{folder}/*.html"

    # `part` names what is kept ("nav", "footer", "config"), `key` for which pages.
    def has(self, part: str, key: str) -> bool:
        return (part, key) in self._html

    def get(self, part: str, key: str) -> str:
        return self._html[part, key]

    def put(self, part: str, key: str, html: str) -> str:
        self._html[part, key] = html
        return html
