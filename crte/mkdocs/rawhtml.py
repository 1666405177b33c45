"""Python-Markdown's raw HTML blocks, set aside without being parsed (issue 23).

The Markdown pages generated from the data (crte.pages) hold large HTML blocks: the tables
of actions, the breakdowns, the charts. Python-Markdown's `html_block` preprocessor runs
every one through its HTML parser only to find where it ends and keep it as it is; on those
pages that parse was a third of the conversion. `RawHtml` (added to the engine's Markdown
extensions by the plugin) sets such a block aside first, as `html_block` would: a block
that starts a line after a blank one with a block-level tag and ends on a later line with
that element's end tag, before a blank line. What `html_block` would split otherwise (an
element that ends mid-line, a blank line inside) is left to it. Either way the page is the
same: tests/pages/test_rawhtml.py converts every generated Markdown page both ways. At
2 500 actions a full build took 1.5 to 3.3 CPU-s less.
"""
from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# Block-level elements our templates open a block with.
_START = re.compile(r"<(div|table|dl|ul|ol|p|figure|section|details|nav|svg)(?=[\s>])")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")


def _closes_at_end(lines: list[str], name: str) -> bool:
    # The first element (`name`) closes at the end of the last line, and not before.
    depth = 0
    for i, line in enumerate(lines):
        for m in _TAG.finditer(line):
            if m[2].lower() != name or m[3]:
                continue
            depth += -1 if m[1] else 1
            if depth == 0:
                return i == len(lines) - 1 and line[m.end():].strip() == ""
    return False


class _SetAside(Preprocessor):  # type: ignore[misc]  # Python-Markdown has no types
    blocks = 0  # how many blocks it set aside (tests/pages/test_rawhtml.py)

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            start = _START.match(lines[i])
            if start and (i == 0 or not lines[i - 1].strip()):
                end = i
                while end + 1 < len(lines) and lines[end + 1].strip():
                    end += 1
                block = lines[i:end + 1]
                if _closes_at_end(block, start[1]):
                    out += [self.md.htmlStash.store("\n".join(block) + "\n"), ""]  # as html_block stores it
                    self.blocks += 1
                    i = end + 1
                    continue
            out.append(lines[i])
            i += 1
        return out


class RawHtml(Extension):  # type: ignore[misc]
    """The extension: its preprocessor runs right before `html_block` (priority 20), after
    the engine has read the ids of the page's raw HTML for its check of links to anchors
    (`properdocs_raw_html`, 21): a block set aside earlier would hide its ids from it."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  # Python-Markdown's name
        md.preprocessors.register(_SetAside(md), "crte_raw_html", 20.5)
