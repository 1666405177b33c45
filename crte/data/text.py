"""What a text typed by staff may contain, whatever field it is in.

Every text of data/ ends up in HTML, attributes, page front matter, the search
index, SVG charts, CSV and spreadsheets. The pages escape it (site/pages.py),
but some characters are refused at the source, with a message that says why:

- control characters (C0 but tab and line feed, DEL, C1) and the bidirectional
  overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can hide or
  reorder the text a reader sees (« Trojan Source »); they come from copy and
  paste and have no place in a public contract;
- in a single-line field (every field but the contract's Markdown text): line
  breaks and tabs, spaces at either end;
- a whole value wrapped in curly quotes (“…”, as Word types them): YAML keeps
  them as part of the text, which would then publish “Titre”;
- texts longer than a field's limit (`SINGLE_LINE_MAX`, `MARKDOWN_MAX`).

`problem(value, multiline)` returns the French message, or None. `JSON_NOT`
is the same rule for the editors' JSON Schemas.
"""
from __future__ import annotations

import re

from crte.data.codes import valeurs as V

SINGLE_LINE_MAX = 1000
MARKDOWN_MAX = 50000
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b-\u200d\u2060\ufeff"
_FORBIDDEN = re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}]")
_BREAKS = re.compile("[\n\r\t\u2028\u2029]")
_CURLY = re.compile("^[“‘„].*[”’“]$", re.DOTALL)

# The same rules as a regular expression for JSON Schema's "not": {"pattern": …}.
JSON_FORBIDDEN = ("[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069"
                  "\\ufeff]|^[“‘„].*[”’“]$")
JSON_SINGLE_LINE = "[\\n\\r\\t\\u2028\\u2029]|^\\s|\\s$"


def _name(char: str) -> str:
    return f"U+{ord(char):04X}"


def problem(value: str, multiline: bool) -> str | None:
    """Why `value` cannot be published as it is (a codes.Message), or None."""
    if m := _FORBIDDEN.search(value):
        char = m.group()
        variant = ("direction" if re.fullmatch(f"[{_BIDI}]", char) else "invisible"
                   if re.fullmatch(f"[{_INVISIBLE}]", char) else "")
        return V.CARACTERE_INVISIBLE(variant, char=_name(char), pos=m.start() + 1)
    if not multiline:
        if m := _BREAKS.search(value):
            return V.SAUT_DE_LIGNE("tabulation" if m.group() == "\t" else "", pos=m.start() + 1)
        if value != value.strip():
            return V.ESPACE_EN_BORD()
    if _CURLY.match(value.strip()):
        return V.GUILLEMETS_TYPOGRAPHIQUES(first=value.strip()[0], last=value.strip()[-1])
    limit = MARKDOWN_MAX if multiline else SINGLE_LINE_MAX
    if len(value) > limit:
        return V.TEXTE_TROP_LONG(n=len(value), max=limit)
    return None
