"""The primary navigation, rendered once for all the pages that are not in it.

Material renders the whole navigation tree for every page. Thousands of pages
(actions, communes, maîtres d'ouvrage) are deliberately left out of the
navigation, so for each of them no item is active and the tree differs only by
its relative links, which depend only on the folder the page's URL is in (all
actions are in actions/, all communes in communes/). The theme
(overrides/main.html) asks `key(page)`: None means "render it as usual",
otherwise the rendered tree is kept under that key and reused.
"""
from __future__ import annotations

import posixpath

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


class SharedNav:
    def __init__(self, nav: Navigation) -> None:
        self._in_nav = {id(page) for page in nav.pages}
        self._nav_urls = [page.url for page in nav.pages]
        self._html: dict[tuple[str, bool], str] = {}

    def key(self, page: object) -> tuple[str, bool] | None:
        # The 404 page and other theme templates have no Page: render as usual.
        if not isinstance(page, Page) or id(page) in self._in_nav:
            return None
        # MkDocs makes a link relative to the page's URL (mkdocs.utils.get_relative_url):
        # "actions/x/" and "actions/y/" reach every other page through the same
        # path, unless the target lies under the page's own URL.
        if any(url.startswith(page.url) for url in self._nav_urls):
            return None
        return posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/")

    def has(self, key: tuple[str, bool]) -> bool:
        return key in self._html

    def get(self, key: tuple[str, bool]) -> str:
        return self._html[key]

    def put(self, key: tuple[str, bool], html: str) -> str:
        self._html[key] = html
        return html
