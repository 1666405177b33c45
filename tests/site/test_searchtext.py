"""What the search index holds (crte/search/text.py, crte/search/indexer.py): words
of adjacent blocks kept apart, the parts of prefixed words, the citation, the
neighbouring actions and the rows of action tables left out, no stemmer. Read from
the index of the real site; the search in a browser is tested in test_search_ui.py."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from crte.search.text import indexed_body, separate_blocks, word_parts


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's fragment of each page, by URL: {"content", "meta", "anchors", ...}."""
    out = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[data["url"]] = data
    return out


def test_block_boundaries_separate_words() -> None:
    assert separate_blocks("<dl><dt>Lieu</dt><dd>Oignies</dd></dl>") == \
        "<dl>\n<dt>Lieu</dt>\n<dd>Oignies</dd>\n</dl>\n"
    assert separate_blocks("<p>a<span>b</span><div>c</div></p>") == "<p>a<span>b</span>\n<div>c</div>\n</p>\n"
    # Already apart: unchanged; preformatted text and scripts: untouched.
    assert separate_blocks("<p>a</p>\n<p>b</p>\n") == "<p>a</p>\n<p>b</p>\n"
    code = "<pre><code>x</code></pre><script>var t = '</p><p>';</script>"
    assert separate_blocks(code) == code


def test_prefixed_words_give_their_part() -> None:
    html = ("<h1>Travaux de désamiantage</h1><p>La dépollution du site, la revégétalisation, "
            "la cofinancement ; la commune, le dessin, décembre, l'information.</p>")
    assert word_parts(html) == ["amiantage", "financement", "pollution", "vegetalisation"]
    # Text Pagefind leaves out gives no part: a neighbour's title is not this page's word.
    assert word_parts('<ul><li data-pagefind-ignore>Action suivante : Désamiantage</li></ul><nav>Désamiantage</nav>') == []


def test_the_indexed_body_carries_the_parts() -> None:
    assert indexed_body("<p>Le désamiantage</p>") == \
        '<div data-pagefind-body data-pagefind-meta="parties:amiantage">\n<p>Le désamiantage</p>\n\n</div>'
    assert indexed_body("<p>Texte</p>") == "<div data-pagefind-body>\n<p>Texte</p>\n\n</div>"


def test_the_index_keeps_the_words_of_adjacent_blocks_apart(site: Path) -> None:
    content = fragments(site)["/actions/cite-declercq/"]["content"]
    assert "Maître d'ouvrage CAHC" in content and "Lieu Oignies" in content
    assert "ouvrageCAHC" not in content and "LieuOignies" not in content


@pytest.mark.parametrize("text", ["Citer cette action", "Lien permanent", "Dans le même chantier",
                                  "Action précédente", "Action suivante", "Pour afficher la carte"])
def test_the_citation_and_the_neighbours_are_not_indexed(site: Path, text: str) -> None:
    actions = {url: f for url, f in fragments(site).items() if url.startswith("/actions/") and url.count("/") == 3}
    assert len(actions) >= 24
    assert [url for url, f in actions.items() if text in f["content"]] == []
    assert [url for url, f in actions.items() if {"citer", "voisines", "citation"} & {a["id"] for a in f["anchors"]}] == []


def test_the_rows_of_action_tables_are_not_indexed(site: Path) -> None:
    # Each row repeats an action that its own page holds (templates/blocks/actions-table.html):
    # a query for an action's words finds its page, not every list of actions.
    pages = fragments(site)
    titles = {url: f["meta"]["title"] for url, f in pages.items() if url.startswith("/actions/") and url.count("/") == 3}
    assert len(titles) >= 24 and all(titles[url] in pages[url]["content"] for url in titles)
    lists = [url for url in pages if url == "/actions/" or url.startswith(("/communes/", "/maitres-ouvrage/"))]
    assert len(lists) >= 10
    assert [(url, t) for url in lists for t in titles.values() if t in pages[url]["content"]] == []
    # A list is still found by its own words: a commune's page by the commune's name.
    assert "Carvin" in pages["/communes/carvin/"]["content"]


def test_the_page_of_a_prefixed_word_carries_its_part(site: Path) -> None:
    page = fragments(site)["/actions/batidekor-zac-sainte-henriette/"]
    assert "désamiantage" in page["content"]
    assert "amiantage" in page["meta"]["parties"].split()


def test_words_are_indexed_without_a_stemmer(site: Path) -> None:
    # A French stemmer made « amiante » « ami » (crte/search/indexer.py).
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["und"]
    assert entry["languages"]["und"]["wasm"] is None
