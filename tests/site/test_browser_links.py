"""Links that travel, in Debian's Chromium (Playwright): the site served under a
sub-path (/crte/) by a server that answers unknown addresses with the 404 page,
as GitHub Pages or nginx's `error_page` do.

- an address in capitals or with accents leads to the action's page;
- a former action address keeps the part after « # »;
- the 404 page is styled and asks nothing of another host;
- the card of an action works inside an <iframe> of another site.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from .servers import SiteHandler, serve

PREFIX = "/crte"  # the path of conftest.SUB, moved_site's address


@pytest.fixture(scope="module")
def origin(moved_site: Path) -> Iterator[str]:
    with serve(SiteHandler, directory=moved_site, prefix=PREFIX) as (address, _):
        yield address


@pytest.fixture
def tab(browser: object, origin: str) -> Iterator[object]:
    ctx = browser.new_context(locale="fr-FR")
    page = ctx.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    ctx.close()
    assert [u for u in page.requests if not u.startswith(origin)] == []  # nothing from another host


@pytest.mark.parametrize("typed", ["actions/CITE-CROMBEZ/", "actions/Cit%C3%A9-Crombez/", "actions/cité-crombez",
                                   "ACTIONS/CITE-CROMBEZ/#financement"])
def test_an_address_in_capitals_or_with_accents_leads_to_the_page(tab: object, origin: str, typed: str) -> None:
    tab.goto(f"{origin}{PREFIX}/{typed}")
    fragment = "#financement" if "#" in typed else ""
    tab.wait_for_url(f"{origin}{PREFIX}/actions/cite-crombez/{fragment}", timeout=10_000)
    assert tab.locator("h1").first.inner_text().startswith("Cité Crombez")


def test_an_unknown_address_stays_on_a_styled_404_page(tab: object, origin: str) -> None:
    styles: list[tuple[str, int]] = []
    tab.on("response", lambda r: styles.append((r.url, r.status)) if r.url.endswith(".css") else None)
    response = tab.goto(f"{origin}{PREFIX}/actions/INCONNUE/", wait_until="networkidle")
    assert response.status == 404
    assert tab.url == f"{origin}{PREFIX}/actions/INCONNUE/"
    assert tab.locator("h1").inner_text() == "Page introuvable"
    assert len(styles) >= 3 and all(url.startswith(f"{origin}{PREFIX}/") and status == 200 for url, status in styles)
    assert tab.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"
    home = tab.get_by_role("link", name="Accueil du site").get_attribute("href")
    assert unquote(home).startswith(f"{PREFIX}/")


def test_a_former_action_address_keeps_its_fragment(tab: object, origin: str) -> None:
    tab.goto(f"{origin}{PREFIX}/actions/cite-declercq/#financement")
    tab.wait_for_url(f"{origin}{PREFIX}/actions/cite-declercq-oignies/#financement", timeout=10_000)
    assert tab.evaluate("location.hash") == "#financement"


def test_the_card_works_inside_an_iframe(tab: object, origin: str) -> None:
    card = f"{origin}{PREFIX}/actions/cite-crombez/carte/"
    tab.goto(f"{origin}{PREFIX}/")  # any page of the site's origin, as a partner's page would be another one
    tab.set_content(f'<iframe src="{card}" title="Carte" width="600" height="260"></iframe>')
    frame = tab.frame_locator("iframe")
    assert frame.locator("h1").inner_text().startswith("Cité Crombez")
    link = frame.get_by_role("link")
    assert link.get_attribute("target") == "_blank"
    assert tab.evaluate("document.querySelector('iframe').contentWindow.length") == 0
    scripts = tab.frames[1].evaluate("document.scripts.length")
    assert scripts == 0
