"""The first screen of an action's page, on a phone (375 × 812) and a laptop (1280 × 800), in
Debian's Chromium: how much, with whose money, where, when, by whom and where it stands, read
from the DOM as laid out; what is for re-users (identifier, citation, embed code) after the
content. The real site (no tracking published) and the fictitious example (tracking)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import served

SCREENS = [(375, 812), (1280, 800)]
LABELS = ["Coût total HT", "Part CAHC", "Où en est-elle", "Où", "Lancement", "Maître d'ouvrage"]
# What the summary shows, and where on the page the same figure is given in full.
SUMMARY = """() => {
  const dl = document.querySelector("article dl.crte-resume");
  const cell = (label) => [...document.querySelectorAll("table.crte-financement tbody tr")]
    .find((tr) => tr.querySelector("th").textContent.trim() === label).querySelector("td").textContent.trim();
  const status = document.querySelector("dl.crte-suivi-action dd");
  return {
    bottom: dl.getBoundingClientRect().bottom,
    labels: [...dl.querySelectorAll("dt")].map((dt) => dt.textContent.trim()),
    values: [...dl.querySelectorAll("dd")].map((dd) => dd.textContent.replace(/[ \\n\\t]+/g, " ").trim()),
    cost: cell("Coût total HT"), share: cell("Part CAHC"),
    status: status ? status.textContent.replace(/[ \\n\\t]+/g, " ").trim() : null,
    // true when the description comes before the identifier
    identifier_after: Boolean(document.querySelector("#description").compareDocumentPosition(
      [...document.querySelectorAll("article dt")].find((dt) => dt.textContent === "Identifiant"))
      & Node.DOCUMENT_POSITION_FOLLOWING),
  };
}"""


@pytest.fixture(scope="module")
def addresses(site: Path, example_site: Path) -> Iterator[dict[str, str]]:
    yield {"reel": served(site), "exemple": served(example_site)}


@pytest.mark.parametrize("width, height", SCREENS, ids=[f"{w}" for w, _ in SCREENS])
@pytest.mark.parametrize("which, route", [("reel", "actions/chevalements-9-9bis-corps/"),
                                          ("exemple", "actions/voie-albert-carre/")])
def test_the_first_screen_answers_how_much_who_where_when_and_where_it_stands(
        browser: object, addresses: dict[str, str], which: str, route: str, width: int, height: int) -> None:
    ctx = browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    try:
        tab = ctx.new_page()
        tab.goto(addresses[which] + route, wait_until="load")
        s = tab.evaluate(SUMMARY)
    finally:
        ctx.close()
    assert s["labels"] == LABELS
    assert s["bottom"] <= height, s  # all of it on the first screen
    cost, share, status, where, year, owner = s["values"]
    assert cost == s["cost"] and share.startswith(s["share"]), s
    if s["status"] is None:  # no tracking published for it: said so, never a guess
        assert status == "aucun suivi publié (suivi)", s
    else:  # the status of the tracking section, its first words
        assert status.split(" (")[0].split(",")[0] == s["status"].split(" (")[0], s
    assert where and year.isdigit() and owner
    assert s["identifier_after"], "the identifier comes after the description"
