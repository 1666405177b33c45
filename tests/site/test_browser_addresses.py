"""Addresses in Debian's Chromium (Playwright), the site served from loopback as
GitHub Pages or nginx's `error_page` serve it (404.html for what does not exist),
next to another origin on loopback that would answer anything, to anyone:

- the 404 page's script (overrides/404.html), given addresses crafted to lead
  elsewhere (percent-encoded slashes and backslashes, doubled slashes, case,
  control and invisible characters, dot segments, a redirect of the server),
  never sends a request to the other origin nor leaves the site and its base
  path; the addresses it is meant for still lead to their page;
- a site built from hostile CRTE_SITE_URL and CRTE_EDIT_URI values (MkDocs run
  without build.py's check, test_siteurl.py) runs none of their script.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .servers import OtherOrigin, SiteHandler, serve

# conftest.py's: `site` (built for /), `moved_site` (for /crte/), `hostile_address_site`, `browser`.
PREFIX = "/crte"


@pytest.fixture(scope="module")
def other() -> Iterator[tuple[str, list]]:
    with serve(OtherOrigin) as served:
        yield served


@pytest.fixture(scope="module")
def at_root(site: Path, other: tuple[str, list]) -> Iterator[tuple[str, list]]:
    with serve(SiteHandler, directory=site) as served:
        yield served


@pytest.fixture(scope="module")
def under_prefix(moved_site: Path, other: tuple[str, list]) -> Iterator[tuple[str, list]]:
    # A server whose own redirect leads to the other origin: the page the script asks for must
    # answer itself, not through a redirect, which is never followed.
    with serve(SiteHandler, directory=moved_site, prefix=PREFIX,
               redirects={f"{PREFIX}/redirige/": f"{other[0]}/"}) as served:
        yield served


def visit_all(browser: object, urls: list[str]) -> list[tuple[object, list[str], list[str]]]:
    """Open every address of `urls`, each in a tab of its own context, all at once, and wait
    until the 404 page's script has done what it does in each; for each, the tab, the requests
    it sent (the first: the address as the browser wrote it) and the dialogs (alert…) it
    opened. The tabs load together: waiting for quiet is paid once, not once per address.
    The caller closes each tab's context."""
    visits = []
    for url in urls:
        ctx = browser.new_context(locale="fr-FR")
        tab = ctx.new_page()
        requests: list[str] = []
        dialogs: list[str] = []
        # A redirect's target is announced by Playwright even when not followed (redirect:
        # "manual"): whether it was asked is for the other origin's server to say.
        tab.on("request", lambda r, requests=requests: requests.append(r.url) if r.redirected_from is None else None)
        tab.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        tab.goto(url, wait_until="commit")
        visits.append((tab, requests, dialogs))
    for tab, _, _ in visits:
        tab.wait_for_load_state("networkidle")
    visits[0][0].wait_for_timeout(300)  # a redirect found late would be under way by now
    for tab, _, _ in visits:
        tab.wait_for_load_state("networkidle")
    return visits


def visit(browser: object, url: str) -> tuple[object, list[str], list[str]]:
    """`visit_all` for one address."""
    return visit_all(browser, [url])[0]


def attacks(host: str) -> list[str]:
    """Paths crafted to make a script that builds its target from the decoded path
    ask `host`, or go there."""
    upper = host.replace("127.0.0.1", "LOCALHOST")
    return [f"/%2F{host}", f"/%2F{host}/", f"/%2F%2F{host}/", f"/%5C{host}/", f"/%5C%5C{host}/", f"//{host}/",
            f"//{upper}/", f"/%2F{upper}/ACTIONS/", f"/%2F%5C{host}/", f"/%09/{host}/", f"/%2F%09%2F{host}/",
            f"/%0A%2F{host}/", f"/%E2%80%8B%2F{host}/", f"/%EF%BC%8F%EF%BC%8F{host}/", f"/%2F%2Fagent@{host}/",
            f"/http:%2F%2F{host}/", f"/..%2F%2F{host}/", f"/%2F{host}%2F..%2Factions%2Fcite-crombez/",
            f"/%2F{host}/?q=1#financement"]


def stays(tab: object, requests: list[str], origin: str, base: str) -> None:
    """The tab is still at the address it was given (the script sent it nowhere), on the
    site's origin, under its base path. (Python's server, like some others, decodes « %2F »
    and « .. » itself: what it serves there is its own doing, not a redirect.)"""
    parts = urlsplit(tab.url)
    assert tab.url.split("#")[0] == requests[0], (requests[0], tab.url)  # a fragment is not sent
    assert f"{parts.scheme}://{parts.netloc}" == origin and parts.path.startswith(base), tab.url


def test_no_crafted_address_leads_to_another_origin(browser: object, at_root: tuple[str, list],
                                                    other: tuple[str, list]) -> None:
    origin, _ = at_root
    other_origin, asked = other
    paths = attacks(urlsplit(other_origin).netloc)
    for path, (tab, requests, dialogs) in zip(paths, visit_all(browser, [origin + p for p in paths])):
        try:
            stays(tab, requests, origin, "/")
            assert [u for u in requests if not u.startswith(origin + "/")] == [], path
            assert dialogs == []
        finally:
            tab.context.close()
    assert asked == []  # not one request reached the other origin


def test_no_crafted_address_leaves_the_base_path(browser: object, under_prefix: tuple[str, list],
                                                 other: tuple[str, list]) -> None:
    origin, served = under_prefix
    other_origin, asked = other
    host = urlsplit(other_origin).netloc
    crafted = [f"{PREFIX}{path}" for path in attacks(host)] + [
        f"{PREFIX}/..%2Factions%2Fcite-crombez/", f"{PREFIX}/..%5Cactions%5Ccite-crombez/",
        f"{PREFIX}/%2E%2E%2F%2E%2E%2Factions/", f"{PREFIX}/REDIRIGE/", f"{PREFIX}/redirige", f"{PREFIX}/Redirige/"]
    del served[:]
    for path, (tab, requests, _) in zip(crafted, visit_all(browser, [origin + p for p in crafted])):
        try:
            stays(tab, requests, origin, PREFIX + "/")
            assert [u for u in requests if not u.startswith(origin + PREFIX + "/")] == [], path
        finally:
            tab.context.close()
    # The only pages the scripts may ask for are under the base path.
    assert served and all(unquote(p).startswith(PREFIX + "/") for _, p in served), served
    assert asked == []


@pytest.mark.parametrize("typed, reached", [
    ("/ACTIONS/CITE-CROMBEZ/", "/actions/cite-crombez/"),
    ("/actions//Cite_Crombez", "/actions/cite-crombez/"),
    ("/Actions/Cit%C3%A9%20Crombez/?source=lettre#financement", "/actions/cite-crombez/?source=lettre#financement"),
    ("/DONNEES/", "/donnees/"),
])
def test_the_addresses_it_is_meant_for_still_lead_to_their_page(browser: object,
                                                                 at_root: tuple[str, list], typed: str,
                                                                 reached: str) -> None:
    origin, _ = at_root
    tab, requests, _ = visit(browser, origin + typed)
    try:
        assert tab.url == origin + reached
        assert tab.locator("h1").first.inner_text() != "Page introuvable"
        assert [u for u in requests if not u.startswith(origin + "/")] == []
    finally:
        tab.context.close()


@pytest.mark.parametrize("typed", ["/ACTIONS/CITE-CROMBEZ.JSON", "/Actions/Inconnue/", "/PAGEFIND/PAGEFIND.JS"])
def test_only_an_existing_page_is_a_target(browser: object, at_root: tuple[str, list], typed: str) -> None:
    origin, _ = at_root
    tab, requests, _ = visit(browser, origin + typed)
    try:
        stays(tab, requests, origin, "/")
        assert tab.locator("h1").first.inner_text() == "Page introuvable"
    finally:
        tab.context.close()


def test_hostile_addresses_run_no_script(browser: object, hostile_address_site: Path) -> None:
    with serve(SiteHandler, directory=hostile_address_site) as (origin, _):
        routes = ("/", "/actions/cite-crombez/", "/actions/cite-crombez/carte/", "/evolutions/",
                  "/page-inconnue/", "/%2F%22+alert(document.domain)+%22/")
        for route, (tab, _, dialogs) in zip(routes, visit_all(browser, [origin + r for r in routes])):
            try:
                assert dialogs == [], route
                assert tab.evaluate("document.querySelectorAll('img[src=x]').length") == 0, route
            finally:
                tab.context.close()
