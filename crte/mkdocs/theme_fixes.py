"""Where the theme's markup is invalid HTML or costly, corrected on each rendered page (the
crte plugin's on_post_page), since its templates give no block to override there.

Costly: each heading's permalink (`¶`, Python-Markdown's toc `permalink_title`) is named by
a `title`, and Material's tooltips (feature `content.tooltips`, for the glossary's <abbr>)
mount a tooltip on every `[title]` of the content at load: ten on an action's page, about a
third of its script time on a phone (Lighthouse, bench/README.md). The permalink is named by
`aria-label` instead, which screen readers read as they read the title.

Invalid (the W3C Nu checker, tests/site/test_nu.py, reports each of these otherwise):

- `autocomplete="off"` on the two toggle checkboxes of base.html (`__drawer`, `__search`):
  the attribute is not allowed on a checkbox. Material sets it so that Firefox does not
  restore a toggle's state after a reload: without it, Firefox may show the drawer open
  again after a reload (never in Chromium; our header's search does not use `__search`);
- `<label … for="__toc">` (partials/toc.html) on a page that has no `__toc` checkbox (a page
  outside the navigation: an action, an indicator, the legal pages): `for` must name a
  control of the page; the label keeps its text, without `for`.

Exact strings of the theme's output, replaced as a whole: if a new Material version writes
them otherwise, nothing is changed and the checker's test says so.

`fixed(html) -> html`.
"""
from __future__ import annotations

import re

TOGGLES = (
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
)
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
PERMALINK = re.compile(r'(<a class="headerlink" href="[^"<>]*") title="([^"<>]*)"')


def fixed(html: str) -> str:
    for old, new in TOGGLES:
        html = html.replace(old, new, 1)
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return PERMALINK.sub(r'\1 aria-label="\2"', html)
