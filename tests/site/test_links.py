"""Links that travel: sharing tags on every page, each action's JSON record and
embeddable card, the <iframe> code to copy, the edit link, CRTE_SITE_URL and a
site deployed under a sub-path. The redirects in a browser: test_browser_links.py.
"""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from crte import routes
from crte.data.loader import load
from crte.data.model import Crte
from crte.fr import euros
from crte.mkdocs.dataset import edit_file
from crte.outputs import share_image
from crte.outputs.manifest import published, read
from crte.pages.pages import action_source
from crte.views.views import Views

from ..conftest import ROOT
from ..sitebuild import page, soup
from .conftest import SUB
from .test_hostile import HOSTILE, site_with

SITE_URL = "https://crte.agglo-henincarvin.fr/"  # mkdocs.yml's


def pages_of(site: Path) -> list[Path]:
    """The theme's pages: not the cards, redirects, Pagefind's files or the staff's editor (/edition/)."""
    return [p for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts and p.parent.name != "carte"
            and "edition" not in p.relative_to(site).parts[:1]
            and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def meta(html: BeautifulSoup, key: str) -> str | None:
    tag = html.find("meta", attrs={"property": key}) or html.find("meta", attrs={"name": key})
    return None if tag is None else tag["content"]


# --- Sharing tags ----------------------------------------------------------------------------------

def test_every_page_has_open_graph_and_twitter_tags(site: Path) -> None:
    pages = pages_of(site)
    assert len(pages) > 60
    for path in pages:
        html = soup(path)
        canonical = html.find("link", rel="canonical")
        assert meta(html, "og:title") and meta(html, "og:description"), path
        assert meta(html, "og:url") == (canonical["href"] if canonical else None), path
        assert (meta(html, "og:locale"), meta(html, "twitter:card")) == ("fr_FR", "summary_large_image"), path
        title = html.title.get_text()  # the page's title with the site's name, as in <title>
        expected = "CRTE Hénin-Carvin" if path == site / "index.html" or title == "CRTE Hénin-Carvin" \
            else title.removesuffix(" - CRTE Hénin-Carvin") + " — CRTE Hénin-Carvin"
        assert meta(html, "og:title") == expected, path
        route = path.parent.relative_to(site).as_posix() + "/"
        image = routes.action_image(route.split("/")[1]) if re.fullmatch(r"actions/[^/]+/", route) \
            else share_image.PATH  # an action's own image, the site's for every other page
        assert meta(html, "og:image") == SITE_URL + image and (site / image).is_file(), path
    action = page(site, "actions/cite-declercq/")
    assert meta(action, "og:title") == action.h1.get_text().rstrip("¶") + " — CRTE Hénin-Carvin"
    assert meta(action, "og:description") == action.find("meta", attrs={"name": "description"})["content"]
    # What a preview says of an action: its amounts as the page gives them, where it stands.
    summary = [dd.get_text(" ", strip=True) for dd in action.select("dl.crte-resume dd")]
    description = meta(action, "og:description")
    assert summary[0] in description and summary[1].split(" (")[0] in description, (summary, description)
    assert "aucun suivi publié" in description
    image = (site / share_image.PATH).read_bytes()  # served by the site itself
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and image[16:24] == bytes.fromhex("000004b000000276")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_with(tmp_path_factory.mktemp("partage-hostile"), HOSTILE)


def test_sharing_tags_and_card_carry_a_hostile_title_escaped_once(hostile: Path, crte: Crte) -> None:
    a = next(a for a in crte.actions if a.id == "cite-declercq")
    title = HOSTILE + a.titre
    html = page(hostile, "actions/cite-declercq/")
    site_name = f"CRTE {HOSTILE}Hénin-Carvin"  # territoire.yaml's names are data too: as hostile
    # parsed back: neither broken out of nor escaped twice
    assert meta(html, "og:title") == f"{title} — {site_name}"
    assert meta(html, "og:description").startswith(title + " : ")
    assert meta(html, "og:site_name") == site_name
    raw = (hostile / "actions" / "cite-declercq" / "index.html").read_text(encoding="utf-8")
    assert '"q"' not in re.search(r'<meta property="og:title" content="([^>]*)">', raw)[1]
    snippet = BeautifulSoup(html.select_one("pre.crte-integration code").get_text(), "html.parser")
    assert snippet.iframe["title"] == f"{site_name} : {title}"
    card = page(hostile, "actions/cite-declercq/carte/")
    assert card.h1.get_text() == title and card.title.get_text() == f"{title} — {site_name}"


# --- Each action's JSON record and card ---------------------------------------------------------------

def test_each_action_has_its_json_record_listed_in_the_manifest(site: Path) -> None:
    records = json.loads((site / "donnees" / "actions.json").read_text(encoding="utf-8"),
                         parse_float=Decimal)["actions"]
    manifest = set(read(ROOT / "urls.txt"))
    tracked = {row["action"] for name in ("suivi.csv", "financements.csv")
               for row in csv.DictReader(io.StringIO((site / "donnees" / name).read_text(encoding="utf-8")))}
    for record in records:
        path = site / "actions" / f"{record['id']}.json"
        document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        assert {k: document[k] for k in record} == record  # its record of the open data, then what its page adds
        # Its tracking when data/suivi/ has some (the same as suivi.csv and financements.csv), else null.
        assert (document["suivi"] is not None) == (record["id"] in tracked) and "exemple" not in document
        assert document["licence"]["name"] == "etalab-2.0" and document["source"]["contrat"].endswith(
            f"annexe 3, fiche {record['fiche']}")
        assert record["url"] == f"{SITE_URL}actions/{record['id']}/"
        assert {f"/actions/{record['id']}.json", f"/actions/{record['id']}/carte/"} <= manifest
        assert f"/actions/{record['id']}.json" in published(site)
    link = page(site, "actions/cite-declercq/").select_one("a.crte-json")
    assert link["href"] == "../cite-declercq.json"


def test_the_card_is_small_static_and_self_contained(site: Path, crte: Crte) -> None:
    for a in crte.actions:
        raw = (site / "actions" / a.id / "carte" / "index.html").read_text(encoding="utf-8")
        html = BeautifulSoup(raw, "html.parser")
        assert html.find("script") is None and html.find(["iframe", "img", "object", "embed", "form"]) is None
        assert "url(" not in raw and "@import" not in raw
        for tag in html.find_all(True):
            for name in ("href", "src", "action"):
                ref = tag.get(name, "")
                assert not urlsplit(ref).scheme and not ref.startswith("//"), (a.id, ref)
        assert html.html["lang"] == "fr" and html.h1.get_text() == a.titre
        text = " ".join(html.get_text(" ").split())
        assert a.maitre_ouvrage in text and " ".join(euros(a.cout_total).split()) in text
        if a.part_cahc is not None:
            assert " ".join(euros(a.part_cahc).split()) in text
        back = html.select_one("a[href='../']")
        assert back is not None and "montants en vigueur" in text


def test_each_action_page_gives_the_iframe_code_under_citer(site: Path) -> None:
    html = page(site, "actions/cite-declercq/")
    code = html.select_one("#citer ~ pre.crte-integration > code")
    assert code is not None
    iframe = BeautifulSoup(code.get_text(), "html.parser").iframe
    assert iframe["src"] == f"{SITE_URL}actions/cite-declercq/carte/"
    assert iframe["title"] == "CRTE Hénin-Carvin : Cité Declercq - espaces publics - Part CAHC + ville"
    assert html.select_one("a[href='carte/']") is not None


# --- The edit link --------------------------------------------------------------------------------

COMPUTED = ["finances/", "recherche/", "suivi/", "evolutions/", "donnees/", "indicateurs/", "financeurs/"]
EDITED = {"": "docs/index.md", "contrat/": "data/contract.yaml", "actions/cite-declercq/": "data/actions.yaml",
          "finances/controles/": "data/actions.yaml",
          "indicateurs/o4-taux-chomage/": "data/indicators.yaml"}


def test_the_edit_link_says_modifier_and_is_hidden_on_computed_pages(site: Path) -> None:
    for route in COMPUTED:
        assert page(site, route).select("a[rel=edit]") == [], route
    for route, file in EDITED.items():
        links = page(site, route).select("a[rel=edit]")
        assert [(a["title"], a["aria-label"]) for a in links] == [("Modifier cette page",) * 2], route
        assert links[0]["href"] == "https://github.com/cahc/crte-henin-carvin/edit/main/" + file, route
    assert "CRTE_EDIT_URI" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_edit_link_opens_the_file_that_holds_the_record(monkeypatch: pytest.MonkeyPatch) -> None:
    example = "examples/contrat-vivant"
    views = Views(load(ROOT / example))
    added = next(a for a in views.crte.actions if views.status(a.id).added_by)
    source = action_source(views, added.id)
    assert source == f"data/decisions/{views.status(added.id).added_by.id}.yaml"
    monkeypatch.setenv("CRTE_DATA", example)
    assert edit_file(source, ROOT) == source.replace("data/", f"{example}/", 1)
    assert (ROOT / edit_file(source, ROOT)).is_file()
    # The example's signed contract is a link to data/: the link opens the real file.
    assert edit_file("data/actions.yaml", ROOT) == "data/actions.yaml"
    assert edit_file("docs/index.md", ROOT) == "docs/index.md" and edit_file(None, ROOT) is None


# --- A sub-path (moved_site; CRTE_SITE_URL is checked in test_siteurl.py) ----------------------------

def test_the_404_page_stays_in_the_sub_path(moved_site: Path) -> None:
    html = soup(moved_site / "404.html")
    sheets = [link["href"] for link in html.select("link[rel=stylesheet]")]
    assert sheets and all(h.startswith("/crte/") and (moved_site / h.removeprefix("/crte/")).is_file() for h in sheets)
    nav = [a["href"] for a in html.select("nav a[href]") if not a["href"].startswith("#")]
    assert len(nav) > 10 and all(h.startswith("/crte/") for h in nav), nav
    assert '"/crte/"' in html.find("script", string=re.compile("normalize")).string


@pytest.mark.parametrize("route", ["", "actions/cite-declercq-oignies/", "actions/cite-declercq-oignies/carte/",
                                   "actions/cite-declercq/", "donnees/", "communes/oignies/"])
def test_every_internal_link_stays_under_the_sub_path(moved_site: Path, route: str) -> None:
    here = SUB + route
    html = soup(moved_site / route / "index.html")
    checked = 0
    for tag in html.select("[href], [src]"):
        target = urljoin(here, tag.get("href") or tag.get("src"))
        parts = urlsplit(target)
        if parts.netloc == "exemple.fr":
            assert parts.path.startswith("/crte/"), (route, tag)
            checked += 1
    assert checked >= 2
    # A page of the theme is shared at its own address, which its canonical link gives; the card
    # (embedded, not shared) has neither; the former id's redirect has no og:url, and its
    # canonical link leads to the renamed action's page.
    og_url, canonical = meta(html, "og:url"), html.find("link", rel="canonical")
    if route.endswith("carte/"):
        assert (og_url, canonical) == (None, None)
    elif route == "actions/cite-declercq/":
        assert og_url is None and urljoin(here, canonical["href"]) == SUB + "actions/cite-declercq-oignies/"
    else:
        assert og_url == canonical["href"] == here


def test_a_former_id_keeps_its_json_record_and_its_card(moved_site: Path) -> None:
    old, new = moved_site / "actions" / "cite-declercq.json", moved_site / "actions" / "cite-declercq-oignies.json"
    assert json.loads(old.read_text(encoding="utf-8"))["id"] == "cite-declercq-oignies"
    assert old.read_bytes() == new.read_bytes()
    card = (moved_site / "actions" / "cite-declercq" / "carte" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../cite-declercq-oignies/carte/">' in card
    assert "location.hash" in card
