"""Tables and figures on a phone (375 px) and a laptop (1280 px), in Debian's Chromium: every
amount on screen without a sideways swipe (rows as cards when a table is too wide for its
column, still a table for screen readers), orientation 1 never a bare 0 €, an unknown CAHC
share never 0 (pages, chart, spreadsheet, CSV, JSON), the site's name whole, the contract's
cross-references linked. Real data, and the fictitious example for the living contract."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from crte.pages.filters import markdown

from ..sitebuild import page
from .conftest import AXE, WCAG, served

WIDTHS = (375, 1280)
# Every kind of page with a table, from the real data (signed contract) and the example.
REAL = ["", "actions/", "actions/cite-declercq/", "actions/chef-de-projet-opah-ru/", "orientations/3/", "finances/",
        "finances/controles/", "communes/", "communes/oignies/", "maitres-ouvrage/", "maitres-ouvrage/cahc/",
        "donnees/", "indicateurs/"]
LIVING = ["suivi/", "financeurs/", "financeurs/etat/", "evolutions/", "evolutions/2022-06-14-comite-de-pilotage/",
          "evolutions/2023-03-02-avenant-1/", "actions/voie-albert-carre/", "actions/cite-crombez/", "finances/",
          "maitres-ouvrage/", "maitres-ouvrage/commune-de-dourges/", "communes/dourges/",
          "indicateurs/o2-lineaire-voies-douces-deployees-territoire/"]
PAGES = [("reel", r) for r in REAL] + [("exemple", r) for r in LIVING]


# `site` and `base_url`: the real site (conftest.py); the living contract is the example's site.
@pytest.fixture(scope="module")
def living_site(example_site: Path) -> Path:
    return example_site


@pytest.fixture(scope="module")
def living_url(living_site: Path) -> str:
    return served(living_site)


def squash(text: str) -> str:
    """Text with its runs of spaces and line breaks made one space; the no-break spaces of
    amounts (U+202F, U+00A0) stay."""
    return re.sub(r"[ \t\n]+", " ", text).strip()


def open_page(context: object, url: str, width: int) -> object:
    p = context.new_page()
    p.set_viewport_size({"width": width, "height": 800})
    p.goto(url, wait_until="networkidle")
    return p


# Every table of the article: its width, its column's, and the amount cells out of sight (beyond
# the viewport or the content column, or in a region that scrolls sideways).
MEASURE = """() => {
  const col = document.querySelector('article').getBoundingClientRect();
  const right = Math.min(document.documentElement.clientWidth, col.right);
  return [...document.querySelectorAll('article table')].map(t => {
    const region = t.closest('.crte-table');
    const out = [...t.querySelectorAll('tbody td.crte-num, tfoot td.crte-num')].filter(c => {
      const r = c.getBoundingClientRect();
      return r.width && (r.right > right + 1 || r.left < col.left - 1);
    }).map(c => c.textContent.trim());
    return {id: t.id || t.caption.textContent.slice(0, 40), table: Math.round(t.getBoundingClientRect().width),
            column: Math.round(col.width), hidden: out,
            scrolls: region ? region.scrollWidth > region.clientWidth + 1 : false};
  });
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("where,route", PAGES)
def test_every_amount_is_on_screen_without_a_sideways_swipe(context: object, base_url: str,
                                                            living_url: str, width: int, where: str,
                                                            route: str) -> None:
    p = open_page(context, (base_url if where == "reel" else living_url) + route, width)
    tables = p.evaluate(MEASURE)
    print(f"\n{width}px /{route} ({where}) : " + ", ".join(f"{t['id']} {t['table']}/{t['column']}px"
                                                           for t in tables))
    assert [t for t in tables if t["hidden"] or t["scrolls"]] == []
    assert p.evaluate("document.documentElement.scrollWidth") <= width


def test_every_cell_of_a_card_table_is_labelled(site: Path, living_site: Path) -> None:
    for root, routes in ((site, REAL), (living_site, LIVING)):
        for route in routes:
            for t in page(root, route).select("article table.crte-cartes, article table.crte-cartes-larges"):
                assert all(td.get("data-label") for td in t.select("td") if td.get_text(strip=True)), (route, t)


# The left edge of every line of each card cell's value, and of its first line.
VALUE_LINES = """() => [...document.querySelectorAll("article table.crte-cartes td, article table.crte-cartes-larges td")]
  .filter((td) => getComputedStyle(td).display !== "table-cell" && td.textContent.trim()
                  && getComputedStyle(td).textAlign !== "right")
  .map((td) => { const r = document.createRange(); r.selectNodeContents(td);
                 const lefts = [...r.getClientRects()].filter((x) => x.width > 0).map((x) => x.left);
                 return [td.dataset.label, td.textContent.trim(), Math.min(...lefts), lefts[0]]; })"""


@pytest.mark.parametrize("where,route", [("reel", "communes/oignies/"), ("reel", "actions/"),
                                         ("exemple", "suivi/"), ("exemple", "actions/voie-albert-carre/")])
def test_a_long_value_of_a_card_wraps_in_its_own_column_not_under_its_label(
        context: object, base_url: str, living_url: str, where: str, route: str) -> None:
    p = open_page(context, (base_url if where == "reel" else living_url) + route, 375)
    cells = p.evaluate(VALUE_LINES)
    assert cells  # cards are shown at 375 px
    assert [c for c in cells if c[2] < c[3] - 1] == []  # no line starts left of the first one


@pytest.mark.parametrize("width", WIDTHS)
def test_cards_stay_a_table_for_screen_readers(context: object, base_url: str, width: int) -> None:
    p = open_page(context, base_url + "actions/", width)
    if width < 600:
        assert p.eval_on_selector("article tbody tr", "r => getComputedStyle(r).display") == "flex"
    cdp = p.context.new_cdp_session(p)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    roles = Counter(n["role"]["value"] for n in nodes)
    assert (roles["table"], roles["columnheader"], roles["rowheader"], roles["row"]) == (1, 6, 25, 26)
    cells = [n.get("name", {}).get("value") for n in nodes if n["role"]["value"] == "cell"]
    assert cells[:3] == ["5.4", "CAHC", "2021"]  # the visual label (data-label) is not read twice


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("route", ["", "finances/"])
def test_orientation_1_shows_the_actions_of_its_chantiers(context: object, base_url: str, width: int,
                                                          route: str) -> None:
    p = open_page(context, base_url + route, width)
    row = p.locator("#tableau-orientation tbody tr").first
    text = squash(row.inner_text())
    assert "Aucune action sous ce libellé : ses chantiers en comptent 2" in text
    assert "ses chantiers : 1\u202f999\u202f806,00\xa0€" in text and "ses chantiers : 399\u202f961,00\xa0€" in text
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    if route == "":  # the home page has the published grouping only (tests/views/test_orientations.py)
        return
    published, by_chantier = (p.locator(f"#tableau-{i}").bounding_box() for i in ("orientation", "orientation-chantier"))
    assert published["y"] < by_chantier["y"]
    first = squash(p.locator("#tableau-orientation-chantier tbody tr").first.inner_text())
    assert first.startswith("Orientation 1") and "1\u202f999\u202f806,00\xa0€" in first


UNKNOWN = [("finances/", "#tableau-annee", "2024"), ("finances/", "#tableau-maitre-ouvrage", "Commune de Dourges"),
           ("maitres-ouvrage/", "article table", "Commune de Dourges"),
           ("maitres-ouvrage/commune-de-dourges/", "article table tfoot", "Total"),
           ("communes/dourges/", "article table tfoot", "Total")]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_unknown_share_is_never_zero_on_screen(context: object, living_url: str, width: int) -> None:
    for route, table, label in UNKNOWN:
        p = open_page(context, living_url + route, width)
        row = p.locator(f"{table} tr", has=p.locator("th", has_text=label)).first
        cell = row.locator("td[data-label='Part CAHC']")
        assert cell.inner_text().split("\n")[0] == "non indiquée", (route, label)
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= width, (route, label)
        p.close()


def test_an_unknown_share_is_never_zero_in_the_chart_and_the_files(living_site: Path, site: Path) -> None:
    desc = page(living_site, "finances/").select_one("#graphique-annee-desc").get_text()
    assert "2024 : 1\u202f200\u202f000,00\xa0€ de coût total, part CAHC non indiquée." in desc
    for root, sheet, label in ((living_site, "Par année de lancement", "2024"), (site, "Par année de lancement",
                               "2021-2022"), (living_site, "Par maître d'ouvrage", "Commune de Dourges")):
        ws = openpyxl.load_workbook(root / "donnees" / "maquette-financiere.xlsx")[sheet]
        header = [c.value for c in ws[1]]
        row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == label)
        assert row[header.index("Part CAHC")] is None, (sheet, label, row)
    rows = list(csv.DictReader(io.StringIO((living_site / "donnees" / "actions.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["id"] == "salle-des-sports-dourges")["part_cahc"] == ""
    data = json.loads((living_site / "donnees" / "actions.json").read_text(encoding="utf-8"))
    action = next(a for a in data["actions"] if a["id"] == "salle-des-sports-dourges")
    assert action["part_cahc"] in (None, "")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_site_name_is_whole(context: object, base_url: str, width: int) -> None:
    p = open_page(context, base_url + "actions/", width)
    name = p.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text().strip() == "CRTE Hénin-Carvin"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert p.locator("#crte-q").is_visible() and p.locator(".crte-recherche-entete button").is_visible()


REFERENCES = {"Annexe n°1": "#annexe-1", "article 6.3": "#article-6-3", "article 8": "#article-8",
              "article 9": "#article-9", "annexe 2": "#annexe-2", "annexe 3": "#annexe-3"}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_contract_links_its_cross_references(context: object, base_url: str, width: int) -> None:
    p = open_page(context, base_url + "contrat/", width)
    links = p.eval_on_selector_all(".crte-texte a[href^='#']", "as => as.map(a => [a.textContent, a.hash])")
    assert REFERENCES.items() <= set(map(tuple, links))
    assert all(p.locator(f"[id='{h[1:]}']").count() == 1 for _, h in links)
    assert "article 23 de la loi" in p.inner_text("article")  # another text's article: not linked
    assert not [t for t, _ in links if "23" in t]
    p.locator(".crte-texte a", has_text="article 6.3").first.click()
    p.wait_for_function("location.hash == '#article-6-3'")
    top = p.locator("#article-6-3").bounding_box()["y"]
    assert 0 <= top < 800


def test_cross_references_link_only_existing_anchors_outside_links_and_code() -> None:
    text = ("Voir l'article 6.3. et les articles 4 et 7.1, l'article 14, l'annexe 3, l'article 23 de la loi, "
            "[article 8](https://example.org/) et `article 9`.")
    links = {"article-6-3": "#article-6-3", "article-4": "#article-4", "article-8": "#article-8",
             "article-9": "#article-9", "annexe-3": "#annexe-3"}
    html = str(markdown(text, links))
    assert '<a href="#article-6-3">article 6.3</a>.' in html
    assert '<a href="#article-4">articles 4</a> et 7.1' in html  # 7.1: no such anchor here
    assert "l'article 14" in html and '<a href="#annexe-3">annexe 3</a>' in html
    assert "l'article 23 de la loi" in html and "#article-23" not in html
    assert html.count("<a ") == 4 and "<code>article 9</code>" in html
    unlinked = re.sub(r'<a href="#[^"]*">([^<]*)</a>', r"\1", html)  # nothing else changed
    assert str(markdown(text, {})) == str(markdown(text)) == unlinked


@pytest.mark.parametrize("where,route", [("reel", "actions/"), ("reel", "finances/"), ("exemple", "suivi/"),
                                         ("exemple", "evolutions/2022-06-14-comite-de-pilotage/")])
def test_axe_finds_no_violation_on_the_cards(context: object, base_url: str, living_url: str, where: str,
                                             route: str) -> None:
    p = open_page(context, (base_url if where == "reel" else living_url) + route, 375)
    p.add_script_tag(path=str(AXE))
    assert p.evaluate(WCAG) == []
