"""MkDocs' search for anchors in raw HTML, without parsing every tag of the page.

To validate links to anchors, MkDocs 1.6 collects the `id`s (and `<a name>`s)
of the raw HTML of each page: `mkdocs.structure.pages._RawHTMLPreprocessor`
feeds the page's whole Markdown source to an HTML parser written in Python. Our
generated pages are mostly HTML blocks (tables, definition lists), so that
second parse of every tag (Python-Markdown parses them once already) took 6.6 s
of a 66 s build of 10 000 actions (bench/README.md).

`install()` makes that step parse only the start tags that have an `id` or a
`name` attribute, found by a regular expression; MkDocs' own parser reads
them. Where a page's markup is unusual (declarations, CDATA, processing
instructions, <script> or <style>, a "<" the expression does not read as one
whole tag), the parser reads the whole page as before. tests/test_anchorscan.py
checks that both collect the same ids, on every page of the site and on awkward
markup. It changes nothing else.

It replaces a method of a private MkDocs class, so it is applied only to the
MkDocs version it was checked against (pinned in requirements.txt); with any
other, MkDocs is left as it is, and the build is slower.
"""
from __future__ import annotations

import re

import mkdocs
from mkdocs.structure import pages

CHECKED_VERSION = "1.6.1"

# HTML comments: the parser skips them, and the tags they contain.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A whole start tag: quoted attribute values may contain ">".
_START_TAG = re.compile(r"""<[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TAG_OPEN = re.compile(r"<[A-Za-z]")
# Markup the parser reads in its own ways: declarations, CDATA, processing
# instructions, the text of <script> and <style>.
_UNUSUAL = re.compile(r"<[!?]|<(?:script|style)\b", re.IGNORECASE)
# What the handler records: an id, or a name (kept for <a> by the handler).
_ANCHOR_ATTR = re.compile(r"""[\s"'/](?:id|name)\s*=""", re.IGNORECASE)


def anchor_tags(source: str) -> str | None:
    """The start tags of `source` that may carry an anchor, one per line; None
    where the markup is unusual, for the parser to read all of it as MkDocs does."""
    plain = _COMMENT.sub("", source)
    if _UNUSUAL.search(plain):
        return None
    tags = _START_TAG.findall(plain)
    if len(tags) != len(_TAG_OPEN.findall(plain)):  # a "<x" not read as one whole tag
        return None
    return "\n".join(tag for tag in tags if _ANCHOR_ATTR.search(tag))


def _run(self: pages._RawHTMLPreprocessor, lines: list[str]) -> list[str]:
    # MkDocs' own body of run(), fed with the candidate tags instead of the source.
    source = "\n".join(lines)
    tags = anchor_tags(source)
    parser = pages._HTMLHandler()
    parser.feed(source if tags is None else tags)
    parser.close()
    self.present_anchor_ids = parser.present_anchor_ids
    return lines


def install() -> bool:
    """Use the narrow scan if this is the MkDocs it was checked against."""
    cls = getattr(pages, "_RawHTMLPreprocessor", None)
    if mkdocs.__version__ != CHECKED_VERSION or cls is None or not hasattr(pages, "_HTMLHandler"):
        return False
    cls.run = _run  # type: ignore[method-assign]
    return True
