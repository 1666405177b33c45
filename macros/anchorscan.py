"""MkDocs' search for anchors in raw HTML, without parsing every tag of the page.

To validate links to anchors, MkDocs 1.6 collects the `id`s (and `<a name>`s)
of the raw HTML of each page: `mkdocs.structure.pages._RawHTMLPreprocessor`
feeds the page's whole Markdown source to an HTML parser written in Python. Our
generated pages are mostly HTML blocks (tables, definition lists), so that
second parse of every tag (Python-Markdown parses them once already) took 6.6 s
of a 66 s build of 10 000 actions (bench/README.md).

`install()` makes that step parse only the start tags that have an `id` or a
`name` attribute, found by a regular expression: MkDocs' own parser reads
them, so the ids it collects are the same (tests/test_anchorscan.py compares
both on every page of the site and on awkward markup). It changes nothing else.

It replaces a method of a private MkDocs class, so it is applied only to the
MkDocs version it was checked against (pinned in requirements.txt); with any
other, MkDocs is left as it is: the build is then slower, never wrong.
"""
from __future__ import annotations

import re

import mkdocs
from mkdocs.structure import pages

CHECKED_VERSION = "1.6.1"

# A whole start tag: quoted attribute values may contain ">".
_TAG = r"""<[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>"""
_START_TAG = re.compile(_TAG)
# The parser skips comments, and reads the content of <script> and <style> as
# text: tags there are not tags.
_SKIPPED = re.compile(r"<!--.*?-->|(?P<open>(?=<(?P<name>script|style)\b)" + _TAG + r").*?</(?P=name)\s*>",
                      re.DOTALL | re.IGNORECASE)
# What the parser would record: an id, or a name (kept for <a> by the handler).
_ANCHOR_ATTR = re.compile(r"""[\s"'/](?:id|name)\s*=""", re.IGNORECASE)


_CDATA_ELEMENT = re.compile(r"<(script|style)\b", re.IGNORECASE)


def anchor_tags(source: str) -> str:
    """The start tags of `source` that may carry an anchor, one per line."""
    kept = _SKIPPED.sub(lambda m: m.group("open") or "", source)
    tags = []
    for tag in _START_TAG.findall(kept):
        if _ANCHOR_ATTR.search(tag):
            tags.append(tag)
            if cdata := _CDATA_ELEMENT.match(tag):  # the parser reads text until its end tag
                tags.append(f"</{cdata.group(1)}>")
    return "\n".join(tags)


def _run(self: pages._RawHTMLPreprocessor, lines: list[str]) -> list[str]:
    # MkDocs' own body of run(), fed with the candidate tags instead of the source.
    parser = pages._HTMLHandler()
    parser.feed(anchor_tags("\n".join(lines)))
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
