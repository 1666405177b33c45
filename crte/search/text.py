"""What the search index reads of a page: its content HTML, made readable word by word.

crte/mkdocs/plugin.py passes every page's content through `indexed_body(html) -> str`
before it is both published and sent to Pagefind (crte/search/indexer.py), so
that the published page and the index say the same thing (tests/site/test_site.py
rebuilds the index from the published pages and compares):

- `separate_blocks(html) -> str`: a newline at every block boundary.
  Pagefind 1.5 joins the text of adjacent elements it does not know as blocks:
  `<dt>Maître d'ouvrage</dt><dd>CAHC</dd>` was indexed as « Maître d'ouvrageCAHC »
  (and `lieuoignies` found the « Lieu / Oignies » line). A newline between two
  blocks changes nothing on screen and separates their words.
- `word_parts(html) -> list[str]`: the words of the page that French builds with
  a prefix, without it: « désamiantage » gives « amiantage », « dépollution »
  « pollution ». Indexed as the metadata field `parties` (searched by Pagefind,
  never shown), so that `amiante` finds « désamiantage » (see search.py).
- `indexed_body(html) -> str`: both, around the page: what is published.

Text in elements Pagefind leaves out (`data-pagefind-ignore`, `nav`, scripts,
styles, drawings) gives no parts: a page is not found for a word of its
neighbours' titles.
"""
from __future__ import annotations

import html as html_lib
import re
import unicodedata
from functools import lru_cache

# Elements that start a new line on screen. <pre>, <script>, <style> and <textarea>
# keep their text as written: nothing is inserted inside them.
BLOCKS = ("address|article|aside|blockquote|caption|dd|details|dialog|div|dl|dt|figcaption|figure|"
          "footer|form|h[1-6]|header|hr|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul")
_VERBATIM = re.compile(r"(<(?:pre|script|style|textarea)\b.*?</(?:pre|script|style|textarea)\s*>)", re.S | re.I)
_AFTER_CLOSE = re.compile(rf"</(?:{BLOCKS})\s*>(?!\s)", re.I)
# « < » first, then what precedes it: a pattern that starts with a literal is looked for
# by its first character, 4 times faster than one that starts with a look-behind.
_BEFORE_OPEN = re.compile(rf"<(?<=\S<)((?:{BLOCKS})\b)", re.I)


def separate_blocks(html: str) -> str:
    """`html` with a newline after each block's end tag and before each block's start
    tag that touch something else: « <dt>Lieu</dt><dd>Oignies</dd> » becomes
    « <dt>Lieu</dt>\\n<dd>Oignies</dd>\\n »."""
    pieces = _VERBATIM.split(html)
    for i in range(0, len(pieces), 2):  # odd pieces are the verbatim elements
        pieces[i] = _BEFORE_OPEN.sub("\n<\\1", _AFTER_CLOSE.sub("\\g<0>\n", pieces[i]))
        if i and pieces[i] and not pieces[i][0].isspace():  # after a verbatim element
            pieces[i] = "\n" + pieces[i]
    return "".join(pieces)


# The prefixes French readers look through, longest first, without accents, and the
# letters a word must keep without them. Not « in- » (« information » is no
# « formation »); « co- » not before m, n, l, r (« commune », « contrat »); the
# short « de- », « re- », « pre- » only before long words (« dépollution », not
# « décembre » nor « démarche »). A part no one types costs a word in the index.
PREFIXES = ("contre", "extra", "hyper", "inter", "micro", "multi", "super", "trans", "agro", "anti",
            "auto", "mini", "mono", "poly", "post", "semi", "sous", "tele", "bio", "des", "eco", "geo",
            "non", "pre", "sur", "co", "de", "re")
MIN_PART = 6
MIN_PART_SHORT = {"de": 7, "re": 7, "pre": 7}
ASSIMILATED = {"co": ("m", "n", "l", "r")}
_UNINDEXED = re.compile(r"<(nav|script|style|svg|noscript|template|form)\b.*?</\1\s*>"
                        r"|<(\w+)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\2\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+")
# What folds into words: word characters and the accents of a decomposed text.
_TOKEN = re.compile(r"[\w\u0300-\u036f]+")


def fold(text: str) -> str:
    """Lower case, without accents: « Désamiantage » → « desamiantage »."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_parts(html: str) -> list[str]:
    """The prefixed words of the indexed text of `html`, without their prefix, sorted:
    « <p>Le désamiantage</p> » → ["amiantage"]."""
    text = html_lib.unescape(_TAG.sub(" ", _UNINDEXED.sub(" ", html)))
    parts: set[str] = set()
    for token in set(_TOKEN.findall(text)):  # each distinct token once, folded once per build
        parts.update(_token_parts(token))
    return sorted(parts)


@lru_cache(maxsize=1 << 16)  # pages share most of their words
def _token_parts(token: str) -> tuple[str, ...]:
    out = []
    for word in _WORD.findall(fold(token)):
        if len(word) < _SHORTEST:
            continue
        for prefix in _BY_INITIAL.get(word[0], ()):
            part = word[len(prefix):]
            if (word.startswith(prefix) and len(part) >= MIN_PART_SHORT.get(prefix, MIN_PART)
                    and not part.startswith(ASSIMILATED.get(prefix, ()))):
                out.append(part)
                break
    return tuple(out)


# The prefixes by their first letter, in PREFIXES' order; no shorter word has a part.
_BY_INITIAL = {c: tuple(p for p in PREFIXES if p[0] == c) for c in {p[0] for p in PREFIXES}}
_SHORTEST = min(len(p) + MIN_PART_SHORT.get(p, MIN_PART) for p in PREFIXES)


def indexed_body(html: str) -> str:
    """The page content as published and indexed: blocks separated, inside the element
    Pagefind indexes (`data-pagefind-body`), which carries the word parts."""
    parts = word_parts(html)
    meta = f' data-pagefind-meta="parties:{" ".join(parts)}"' if parts else ""
    return f"<div data-pagefind-body{meta}>\n{separate_blocks(html)}\n</div>"
