"""crte/mkdocs/anchorscan.py must collect exactly the anchors the engine's own scan collects."""
from __future__ import annotations

import pytest
from properdocs.structure import pages

from crte.data.model import Crte
from crte.mkdocs import anchorscan
from crte.pages.pages import generate, render_block
from crte.views.views import Views

from ..conftest import ROOT


def mkdocs_ids(source: str) -> set[str]:
    """What the engine collects: its handler fed with the whole source."""
    parser = pages._HTMLHandler()
    parser.feed(source)
    parser.close()
    return parser.present_anchor_ids


def narrow_ids(source: str) -> set[str]:
    """What the build collects: the same, through anchorscan._run."""
    preprocessor = pages._RawHTMLPreprocessor()
    anchorscan._run(preprocessor, source.split("\n"))
    return preprocessor.present_anchor_ids


def test_it_is_applied_to_the_pinned_engine() -> None:
    # If this fails after an upgrade of ProperDocs, its _RawHTMLPreprocessor changed:
    # the build runs the engine's own scan until anchorscan is checked against it again.
    assert anchorscan.install()
    assert pages._RawHTMLPreprocessor.run is anchorscan._run


def test_an_engine_whose_scan_changed_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def other_scan(self: object, lines: list[str]) -> list[str]:
        self.present_anchor_ids = {"a"}  # type: ignore[attr-defined]  # not what the narrow scan finds
        return lines

    monkeypatch.setattr(pages._RawHTMLPreprocessor, "run", other_scan)
    assert not anchorscan.install()
    assert pages._RawHTMLPreprocessor.run is other_scan
    monkeypatch.delattr(pages, "_HTMLHandler")
    assert not anchorscan.install()


def sources(views: Views) -> list[tuple[str, str]]:
    found = [(p.src_uri, p.content) for p in generate(views, "https://example.org/")]
    found += [(str(p.relative_to(ROOT)), p.read_text("utf-8")) for p in sorted((ROOT / "docs").rglob("*.md"))]
    found += [(f"bloc {name}", render_block(views, name, "")) for name in
              ("chiffres-cles", "accueil-argent", "finances-orientation", "orientations")]
    return found


def test_same_anchors_on_every_page_of_the_site(crte: Crte) -> None:
    checked, full_parse = 0, []
    for name, source in sources(Views(crte)):
        assert narrow_ids(source) == mkdocs_ids(source), name
        checked += len(mkdocs_ids(source))
        if anchorscan.anchor_tags(source) is None:
            full_parse.append(name)
    # The narrow scan is the one used: only the search page (its <script>s) is read whole.
    assert full_parse == ["docs/recherche.md"]
    assert checked > 150  # the pages do have anchors in their HTML (172 on 28 November 2026)


@pytest.mark.parametrize("source", [
    '<div id="a">x</div>\n<p ID="B">y</p>',
    "<span id='single'></span><span id=unquoted></span>",
    '<a name="old-anchor">x</a><div name="not-an-anchor"></div>',
    '<a title="1 > 0" id="after-a-quoted-gt">x</a>',
    '<a title="x id=y" href="#">not an id in a value</a>',
    '<div\n  class="c"\n  id="on-another-line"\n>x</div>',
    '<span id="a&amp;b"></span><span id="caf&eacute;"></span>',
    '<!-- <div id="in-a-comment"></div> --><div id="after-comment"></div>',
    '<script id="s">var t = \'<div id="in-a-script"></div>\';</script><div id="after-script"></div>',
    '<style>/* <p id="in-a-style"> */</style>',
    'Du texte avec `<b id="in-code">` et a < b id="no-tag" > c.',
    # Found by review: unquoted values with an apostrophe, unusual markup.
    "<a id=\"x\" title=it's>",
    "<p title=it's>texte</p><a title='x>y' id=\"z\">",
    '<!-- a comment left open <div id="after-open-comment">',
    '<![CDATA[<a id="in-cdata">]]><a id="after-cdata">',
    '<?php echo "<a id=\'in-pi\'>"; ?><a id="after-pi">',
    '<!x <a id="in-declaration">> <a id="after-declaration">',
    '<script>var a = 1;</script foo><a id="after-odd-end-tag">',
    'Du code `<style>` sans fin, puis <a id="after-style-in-code">',
    '<a title="<b id=\'in-a-value\'>" id="real">',
    '<span id="self-closing"/><br/><img id="img" src="x.png">',
    "<p>no anchor at all</p>",
])
def test_same_anchors_on_awkward_markup(source: str) -> None:
    assert narrow_ids(source) == mkdocs_ids(source)
