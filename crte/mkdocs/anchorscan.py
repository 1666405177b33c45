"""The engine's search for anchors in raw HTML, without parsing every tag of the page.

To validate links to anchors, MkDocs 1.6 and ProperDocs 1.6 collect the `id`s (and `<a name>`s)
of the raw HTML of each page: `properdocs.structure.pages._RawHTMLPreprocessor`
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

It replaces a method of a private class of the engine: the only use of the
engine's internals in this project. It is checked by feature, not by version:
`install()` applies it only if the class and the parser exist as expected and,
on a probe page, the engine's own method and the narrow one find the same ids;
otherwise the engine is left as it is, and the build is slower (bench/README.md).
"""
from __future__ import annotations

import re
from typing import Any

from properdocs.structure import pages

# A page whose ids the engine's scan and the narrow one must both find, the same.
_PROBE = ['<div id="a"><p>texte <a name="b">x</a></p>', '<table class="t" id="c"><tr><td>1</td></tr></table>',
          '<span data-x=">" id="d">y</span></div>']

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


def _ids(run: object, cls: type, lines: list[str]) -> set[str] | None:
    try:
        instance: Any = object.__new__(cls)
        run(instance, lines)  # type: ignore[operator]
        return set(instance.present_anchor_ids)
    except Exception:  # the engine's class is not what it was: leave it alone
        return None


def install() -> bool:
    """Use the narrow scan if the engine's scan is still the one it replaces: its class
    and parser exist, and both find the same ids on a probe page. True when applied."""
    cls = getattr(pages, "_RawHTMLPreprocessor", None)
    if cls is None or not hasattr(pages, "_HTMLHandler"):
        return False
    if getattr(cls.run, "__module__", None) == __name__:
        return True  # already installed (serve builds again in the same process)
    expected = _ids(cls.run, cls, _PROBE)
    if not expected or expected != _ids(_run, cls, _PROBE):
        return False
    cls.run = _run
    return True
