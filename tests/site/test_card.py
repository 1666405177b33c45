"""The embeddable card of each action (/actions/<id>/carte/) in the <iframe> its page gives to copy
(`pre.crte-integration`), in Debian's Chromium: at 320, 375 and 768 px wide the card fits the
<iframe> without a scroll bar, and shows where the action stands, its communes and its launch year
as the action's page says them; the fictitious example's notice stays in view. Every action of the
real site and of the example, then a card whose every text is as long as a text can be; no
WCAG 2.1 A/AA violation (axe-core) in the card's frame.
One browser page for the whole module; only its viewport changes between widths."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from ..sitebuild import page, text
from .conftest import AXE, WCAG, served

WIDTHS = (320, 375, 768)
# What the card's document measures inside its <iframe>, and where its texts are laid out.
MEASURE = """() => {
  const box = (e) => e ? {top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom,
                          text: e.textContent.replace(/\\s+/g, " ").trim()} : null;
  const dd = (label) => box([...document.querySelectorAll("dt")]
    .find((dt) => dt.textContent.trim() === label)?.nextElementSibling);
  const root = document.documentElement;
  return {scrollHeight: root.scrollHeight, scrollWidth: root.scrollWidth,
          width: innerWidth, height: innerHeight, scripts: document.scripts.length,
          status: dd("Où en est-elle"), where: dd("Où"), year: dd("Lancement"),
          title: box(document.querySelector("h1")), link: box(document.querySelector("a[href='../']")),
          notice: box(document.querySelector(".crte-exemple"))};
}"""
# Every text of the card as long as it can be: its title, each value, its notice, its last line.
LONGEST = """() => {
  const long = "Réhabilitation-des-chevalements-et-puits-Hénin-Beaumont-Noyelles-Godault " + "et encore ".repeat(60);
  for (const e of document.querySelectorAll("h1, dd, body > p, main > p")) e.textContent = long;
}"""


@pytest.fixture(scope="module")
def tab(browser: object) -> Iterator[object]:
    ctx = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    tab = ctx.new_page()
    yield tab
    ctx.close()


def snippet(site: Path, action_id: str, origin: str) -> tuple[BeautifulSoup, dict[str, str]]:
    """The <iframe> to copy from the action's page, its address moved to `origin` (where the
    site is served; its other attributes as given), and what the page's summary says."""
    html = page(site, f"actions/{action_id}/")
    iframe = BeautifulSoup(html.select_one("pre.crte-integration code").get_text(), "html.parser").iframe
    iframe["src"] = origin + urlsplit(iframe["src"]).path.lstrip("/")
    summary = {text(dt): " ".join(dd.get_text().split()) for dt, dd in
               zip(html.select("dl.crte-resume dt"), html.select("dl.crte-resume dd"), strict=True)}
    return iframe, summary


def embed(tab: object, iframe: BeautifulSoup) -> object:
    """The card's frame, in a partner's page that holds nothing but the <iframe>."""
    tab.set_content(f'<!doctype html><html lang="fr"><body style="margin:0">{iframe}</body></html>')
    tab.wait_for_function("document.querySelector('iframe').getBoundingClientRect().height > 0")
    frame = tab.frame_locator("iframe")
    frame.locator("main").wait_for()
    return tab.main_frame.child_frames[0]


def fits(m: dict, width: int, height: int) -> None:
    """The card's document inside its <iframe> of `width` × `height`: no scroll bar either way."""
    assert (m["width"], m["height"]) == (width, height), m
    assert m["scrollHeight"] <= height and m["scrollWidth"] <= width, m


@pytest.mark.parametrize("which", ["reel", "exemple"])
def test_every_card_fits_its_iframe_and_says_where_the_action_stands(
        tab: object, site: Path, example_site: Path, which: str) -> None:
    root = site if which == "reel" else example_site
    origin = served(root)
    cards = sorted(p.parent.parent.name for p in (root / "actions").glob("*/carte/index.html")
                   if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))  # a former id redirects
    assert len(cards) > 20
    for action_id in cards:
        iframe, summary = snippet(root, action_id, origin)
        height = int(iframe["height"])
        frame = embed(tab, iframe)
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": height + 200})  # type: ignore[attr-defined]
            m = frame.evaluate(MEASURE)  # type: ignore[attr-defined]
            fits(m, width, height)
            assert m["scripts"] == 0
            # where it stands, where and when, as the page's summary says them, on the card's face
            assert m["status"]["text"] == summary["Où en est-elle"].removesuffix(" (suivi)"), (action_id, m)
            assert (m["where"]["text"], m["year"]["text"]) == (summary["Où"], summary["Lancement"]), action_id
            for shown in ("title", "status", "where", "year", "link"):
                assert 0 <= m[shown]["top"] < m[shown]["bottom"] <= height, (action_id, width, shown, m)
            if which == "exemple":
                assert m["notice"]["text"].startswith("Exemple fictif — "), action_id
                assert 0 <= m["notice"]["top"] < m["notice"]["bottom"] <= height, (action_id, width, m)
            else:
                assert m["notice"] is None


@pytest.mark.parametrize("which", ["reel", "exemple"])
def test_a_card_whose_every_text_is_the_longest_still_fits(
        tab: object, site: Path, example_site: Path, which: str) -> None:
    root = site if which == "reel" else example_site
    iframe, _ = snippet(root, "voie-albert-carre", served(root))
    frame = embed(tab, iframe)
    frame.evaluate(LONGEST)  # type: ignore[attr-defined]
    for width in (300, *WIDTHS, 1280):
        tab.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
        fits(frame.evaluate(MEASURE), width, int(iframe["height"]))  # type: ignore[attr-defined]


@pytest.mark.parametrize("which", ["reel", "exemple"])
def test_a_card_passes_wcag_in_its_iframe(tab: object, site: Path, example_site: Path, which: str) -> None:
    root = site if which == "reel" else example_site
    iframe, _ = snippet(root, "voie-albert-carre", served(root))
    frame = embed(tab, iframe)
    tab.set_viewport_size({"width": 320, "height": 900})  # type: ignore[attr-defined]
    frame.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    assert frame.evaluate(WCAG) == []  # type: ignore[attr-defined]
