"""The reference of messages, /aide/messages/: one entry per code of crte/data/codes/,
at #<code> (CI annotations link there), with what it means, how to fix it and an
example, read from the built site."""
from __future__ import annotations

from pathlib import Path

from crte.data.codes import CATALOGUE, FAMILIES, ROUTE

from ..sitebuild import page


def test_the_page_lists_every_code_at_its_anchor(site: Path) -> None:
    html = page(site, ROUTE)
    entries = html.select("article h3[id]")
    assert [h["id"] for h in entries] == [k.code for f in FAMILIES for k in f.kinds] == list(CATALOGUE)
    for h in entries:
        kind = CATALOGUE[h["id"]]
        assert h.get_text(strip=True).rstrip("¶") == kind.title
        texts = []
        for sibling in h.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            texts.append(sibling.get_text(" ", strip=True))
        assert texts == [f"Code : {kind.code}", f"Ce que cela veut dire. {kind.meaning}",
                         f"Comment corriger. {kind.fix}", "Exemple :", kind.example_message()], kind.code
    assert [h["id"] for h in html.select("article h2[id]")] == [f.slug for f in FAMILIES]


def test_the_page_is_for_staff_not_in_the_search_index(site: Path) -> None:
    assert "data-pagefind-body" not in (site / ROUTE / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in (site / "donnees" / "index.html").read_text(encoding="utf-8")
