"""The engine's page for the pages generated straight to HTML (crte.pages: `GeneratedPage`
with a `toc`): read and rendered without Python-Markdown.

`HtmlPage(file, config, meta, toc)` is made in `on_files`, before the engine makes its own
page for the file (it keeps the one a plugin made); its `read_source` takes the meta as given
(no front matter to parse), its `render` takes the HTML as the content, the table of contents
from the recorded headings (crte/pages/headings.py) and the anchors from the ids of the HTML,
for the engine's check of links to them. Every other event runs as for any page:
`on_page_markdown` (with the HTML as its source), `on_page_content` (search), the theme.
"""
from __future__ import annotations

import re
from typing import Any

from properdocs.config.defaults import MkDocsConfig
from properdocs.structure.files import File, Files
from properdocs.structure.pages import Page
from properdocs.structure.toc import get_toc

# Ids in HTML the templates wrote (double-quoted attributes): the anchors the page holds.
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')


class HtmlPage(Page):
    """A page whose content is HTML already. meta: title, description, image (text as the
    front matter would give it); toc: the toc extension's tokens, nested."""

    def __init__(self, file: File, config: MkDocsConfig, meta: dict[str, str], toc: list[dict[str, Any]]) -> None:
        super().__init__(None, file, config)
        self.given_meta, self.toc_tokens = meta, toc  # what the page is made of (incremental.py keys on it)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = self.file.content_string
        self.meta = dict(self.given_meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.markdown
        self.toc = get_toc(self.toc_tokens)  # type: ignore[arg-type]  # the toc extension's tokens
        self.present_anchor_ids = set(_ID.findall(self.content or ""))
        self.links_to_anchors = {}
