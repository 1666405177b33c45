"""The real site, built from the real data: read its HTML and check every route."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crte.data.model import Crte
from crte.fr import euros

from ..sitebuild import build, copy_project, page, soup

NNBSP, NBSP = "\u202f", "\u00a0"


def article_text(site: Path, route: str) -> str:
    return page(site, route).select_one("article").get_text(" ", strip=True)


# --- Pages and routes ------------------------------------------------------------------------

def test_every_action_has_its_page_with_exact_amounts(site: Path, crte: Crte) -> None:
    for a in crte.actions:
        html = page(site, f"actions/{a.id}/")
        assert html.select_one("h1").get_text(strip=True).rstrip("¶") == a.titre
        rows = {tr.th.get_text(strip=True): tr.td.get_text(strip=True)
                for tr in html.select("table.crte-financement tr")}
        assert rows["Coût total HT"] == euros(a.cout_total)
        if a.part_cahc is None:
            assert rows["Part CAHC"] == "non indiquée dans l'annexe 3"
            assert rows["Reste porté par d'autres financeurs"] == "non calculable"
        else:
            assert rows["Part CAHC"] == euros(a.part_cahc)
            assert rows["Reste porté par d'autres financeurs"] == euros(a.cout_total - a.part_cahc)


def test_golden_action_page_financing(site: Path) -> None:
    html = page(site, "actions/cite-darcy/")
    rows = [(tr.th.get_text(strip=True), tr.td.get_text(strip=True)) for tr in html.select("table.crte-financement tr")]
    assert rows == [
        ("Coût total HT", f"15{NNBSP}314{NNBSP}732,00{NBSP}€"),
        ("Part CAHC", f"4{NNBSP}594{NNBSP}419,62{NBSP}€"),
        ("Part CAHC en % du coût", f"30,0{NBSP}%"),
        ("Reste porté par d'autres financeurs", f"10{NNBSP}720{NNBSP}312,38{NBSP}€"),
    ]
    crumbs = [a.get_text(strip=True) for a in html.select("nav.crte-fil a")]
    assert crumbs == ["Orientation 3 : Un territoire qui s'affirme par la préservation de son patrimoine culturel et naturel",
                      "Chantier 14 : Reconquérir les paysages",
                      "Fiche 14.3 : Veiller à la préservation des éléments classés"]
    assert [a["href"] for a in html.select("nav.crte-fil a")] == [
        "../../orientations/3/", "../../orientations/3/#chantier-14", "../../orientations/3/#fiche-14-3"]


def test_row_without_share_says_so_and_prints_no_zero(site: Path) -> None:
    html = page(site, "actions/chef-de-projet-opah-ru/")
    cells = [td.get_text(strip=True) for td in html.select("table.crte-financement td")]
    assert cells == [f"55{NNBSP}000,00{NBSP}€", "non indiquée dans l'annexe 3", "non calculable", "non calculable"]


def test_action_with_contradictory_orientation_is_flagged(site: Path) -> None:
    html = page(site, "actions/projet-alimentaire-territorial/")
    warning = html.select_one(".admonition.warning").get_text(" ", strip=True)
    assert "sous l'orientation 4" in warning and "relève de l'orientation 1" in warning


def test_action_links_to_neighbours_and_indicators(site: Path) -> None:
    html = page(site, "actions/cite-declercq/")
    links = {a.get_text(strip=True): a["href"] for a in html.select("article a")}
    assert links["Cité la Parisienne - espaces publics - Part CAHC +ville"] == "../cite-la-parisienne/"
    assert links["Cité Crombez - espaces publics - part CAHC + ville"] == "../cite-crombez/"
    assert links["voir les indicateurs de l'orientation 3"] == "../../indicateurs/#orientation-3"


def test_golden_orientation_table(site: Path) -> None:
    html = page(site, "orientations/2/")
    table = html.select_one("div.crte-table table")
    assert table.caption.get_text(strip=True) == "Actions de l'orientation 2 inscrites à l'annexe 3"
    body = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
    assert body == [
        ["Etude OPAH-RU Hénin Beaumont et Carvin", "7.1", "CAHC", "2021",
         f"71{NNBSP}250,00{NBSP}€", f"42{NNBSP}250,00{NBSP}€"],
        ["Chef de projet OPAH-RU Hénin et Carvin", "7.1", "CAHC", "2021-2022",
         f"55{NNBSP}000,00{NBSP}€", "non indiquée"],
        ["Centre Gare Libercourt (parking et voirie)", "6.5", "CAHC / Ville de Libercourt", "2022",
         f"3{NNBSP}000{NNBSP}000,00{NBSP}€", f"900{NNBSP}000,00{NBSP}€"],
        ["Réhabilitation de la friche Mecastamp porté par Gespatrium", "10.1", "GESPATRIM", "2022",
         f"2{NNBSP}244{NNBSP}748,00{NBSP}€", f"673{NNBSP}424,40{NBSP}€"],
    ]
    foot = [c.get_text(" ", strip=True) for c in table.tfoot.find_all(["th", "td"])]
    assert foot == ["Total (4 actions)", f"5{NNBSP}370{NNBSP}998,00{NBSP}€",
                    f"1{NNBSP}615{NNBSP}674,40{NBSP}€ hors 1 action sans part indiquée"]


def test_orientation_pages_show_article_3_and_chantiers(site: Path, crte: Crte) -> None:
    for o in crte.orientations:
        html = page(site, f"orientations/{o.numero}/")
        text = html.select_one("article").get_text(" ", strip=True)
        assert f"Orientation {o.numero} : {o.titre}" in text
        assert o.description in text
        for c in o.chantiers:
            assert html.find(id=f"chantier-{c.numero}")
            for f in c.fiches:
                assert html.find(id=f"fiche-{f.numero.replace('.', '-')}")
    one = article_text(site, "orientations/1/")
    assert "L'annexe 3 ne range aucune action sous cette orientation." in one
    assert "Mise en oeuvre Projet Alimentaire Territorial CAHC" in one  # listed as filed elsewhere


def test_contract_page_has_every_article_with_stable_anchors_in_toc(site: Path, crte: Crte) -> None:
    html = page(site, "contrat/")
    toc = {a["href"] for a in html.select("nav.md-nav--secondary a")}
    for a in crte.contract.articles:
        heading = html.find(id=a.anchor)
        assert heading and heading.name == "h2"
        assert heading.get_text(strip=True).rstrip("¶") == f"Article {a.numero} {a.separateur} {a.titre}"
        assert f"#{a.anchor}" in toc
        for s in a.sections:
            h = html.find(id=s.anchor)
            assert h and h.name == "h3" and f"#{s.anchor}" in toc
    assert html.find(id="article-6-3").get_text(strip=True).startswith("6.3 L'État")


def test_indicator_catalogue(site: Path, crte: Crte) -> None:
    html = page(site, "indicateurs/")
    for i in crte.indicators:
        li = html.find(id=i.id)
        assert li is not None and li.name == "li"
        assert li.a.get_text(strip=True) == i.libelle
    for g in ("Implication des citoyens dans la vie de la cité :", "Engagement associatif", "Coopération",
              "Exemplarité (patrimoine communautaire) :"):
        assert any(h.get_text(strip=True).rstrip("¶") == g for h in html.select("h3"))


def test_home_key_figures_are_computed(site: Path, crte: Crte) -> None:
    text = article_text(site, "")
    assert "24 actions inscrites à l'annexe 3" in text
    assert f"90,7 millions d'euros de coût total HT prévisionnel 90{NNBSP}713{NNBSP}853,98{NBSP}€" in text
    assert (f"26,1 millions d'euros de part CAHC, soit 28,8{NBSP}% du coût des actions où elle est indiquée"
            f" (1 action sans part indiquée) 26{NNBSP}115{NNBSP}217,83{NBSP}€") in text
    for o in crte.orientations:
        assert f"Orientation {o.numero} : {o.titre}" in text


def test_edit_links_point_at_the_yaml_file(site: Path) -> None:
    def edit(route: str) -> str:
        return page(site, route).select_one("a.md-content__button[title]")["href"]
    assert edit("actions/cite-darcy/").endswith("/data/actions.yaml")
    assert edit("orientations/3/").endswith("/data/orientations.yaml")
    assert edit("indicateurs/o4-taux-chomage/").endswith("/data/indicators.yaml")
    assert page(site, "indicateurs/").select("a[rel=edit]") == []  # a computed list (test_links.py)
    assert edit("contrat/").endswith("/data/contract.yaml")
    assert edit("").endswith("/docs/index.md")


def test_actions_are_not_in_the_navigation(site: Path, crte: Crte) -> None:
    # The sidebar must stay usable with thousands of actions: only their index is listed.
    for route in ("", "actions/", "actions/cite-darcy/"):
        nav = page(site, route).select_one("nav.md-nav--primary")
        hrefs = [a["href"].rstrip("/") for a in nav.select("a[href]")]
        assert not [h for h in hrefs for a in crte.actions if h.endswith(a.id)]
        assert len(hrefs) <= 26  # the pages of the nav (mkdocs.yml), 5 orientations, the page's own headings


# --- Links, anchors, hosts -------------------------------------------------------------------

def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {el["id"] for el in soup(path).select("[id]")}
        return ids[path]

    broken, checked = [], 0
    for path in html_files(site):
        for el in soup(path).select("a[href], link[href], script[src], img[src]"):
            ref = el.get("href") or el.get("src")
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//") or ref.startswith("mailto:"):
                continue
            base = site if parts.path.startswith("/") else path.parent  # 404.html uses root paths
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {ref}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{path.relative_to(site)}: {ref} (ancre)")
    assert not broken
    assert checked > 1000


def test_no_resource_from_another_host(site: Path) -> None:
    offenders = []
    for path in html_files(site):
        for el in soup(path).select("script[src], link[rel=stylesheet], link[rel=preconnect], img[src], iframe"):
            ref = el.get("src") or el.get("href") or ""
            if urlsplit(ref).scheme or ref.startswith("//"):
                offenders.append(f"{path.relative_to(site)}: {ref}")
    assert not offenders
    css = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_pagefind_indexes_every_content_page_in_french(site: Path, crte: Crte) -> None:
    # Search itself is tested in the browser (test_browser.py); here, what is indexed.
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Not the search page, nor the actions' cards (/actions/<id>/carte/, made to be embedded elsewhere),
    # nor the staff's editor (/edition/, tests/site/test_edition.py), nor the reference of the
    # data check's messages (/aide/messages/, for staff).
    pages = [p for p in site.rglob("index.html") if "recherche" not in p.parts and p.parent.name != "carte"
             and p.parent.name != "edition" and p.parent != site / "aide" / "messages"]
    # French pages, indexed without a stemmer (crte/search/indexer.py): language "und".
    assert list(entry["languages"]) == ["und"]
    assert entry["languages"]["und"]["page_count"] == len(pages) >= len(crte.actions) + 10
    for p in pages:
        assert "data-pagefind-body" in p.read_text(encoding="utf-8"), p
    assert "data-pagefind-body" not in (site / "recherche" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "aide" / "messages" / "index.html").read_text(encoding="utf-8")



def test_search_index_is_the_one_pagefind_makes_of_the_finished_pages(site: Path, tmp_path: Path) -> None:
    """The build feeds Pagefind each page's content before the theme wraps it
    (crte/mkdocs/plugin.py), and writes the index files itself (crte/search/indexer.py). The
    result must be what Pagefind's own command makes of the published pages: the
    same fragments (search results: titles, text, anchors), and every file whole
    (the service once left its scripts cut at 4 KiB)."""
    from pagefind_bin import get_executable

    from crte.search.indexer import CONFIG

    reference = tmp_path / "pagefind"
    subprocess.run([str(get_executable()), "--site", str(site), "--output-path", str(reference),
                    "--exclude-selectors", *CONFIG["exclude_selectors"], "--force-language", CONFIG["force_language"]],
                   check=True, capture_output=True)
    built = site / "pagefind"

    def files(root: Path) -> dict[str, bytes]:
        # The index's own files are named by page numbers, which follow the order the
        # pages were met in (MkDocs' order here, the file system's there).
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and p.parent.name != "index" and not p.name.endswith((".pf_meta", "entry.json"))}

    ours, theirs = files(built), files(reference)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    # The cards, the staff's editor and the reference of messages are not indexed, nor the search page.
    pages = [p for p in site.rglob("index.html") if p.parent.name not in ("carte", "edition")
             and p.parent != site / "aide" / "messages"]
    assert sum(name.startswith("fragment/") for name in ours) == len(pages) - 1
    def count(root: Path) -> int:
        return json.loads((root / "pagefind-entry.json").read_text("utf-8"))["languages"]["und"]["page_count"]

    assert count(built) == count(reference)



def test_reused_theme_parts_are_materials_own_on_every_page(site: Path, tmp_path: Path) -> None:
    """overrides/main.html reuses one rendering of the navigation, the footer and
    the configuration script (crte/mkdocs/themecache.py). Built without that override,
    with Material's own template (plus what main.html adds to the head: the link to the
    feed), every page must be the same, down to each link."""
    project = copy_project(tmp_path / "project")
    main = project / "overrides" / "main.html"
    head = re.search(r"{% block extrahead %}.*?{% endblock %}", main.read_text("utf-8"), re.S)[0]
    main.write_text('{% extends "base.html" %}\n' + head, "utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*.html"))
    differ = [str(p) for p in pages
              if re.sub(r"\s+", "", (site / p).read_text("utf-8"))
              != re.sub(r"\s+", "", (tmp_path / "site" / p).read_text("utf-8"))]
    assert differ == []
    # Pages outside the navigation, in three folders, at two depths: the case the cache is for.
    assert {"actions", "communes", "maitres-ouvrage", "recherche"} <= {p.parts[0] for p in pages}


# --- Data drives the pages ------------------------------------------------------------------

NEW_ACTION = '''  - id: nouvelle-action-test
    enjeu: "UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE"
    chantier: 7
    fiche: "7.1"
    maitre_ouvrage: "CAHC"
    titre: "Action ajoutée par le test"
    description: "Une ligne de plus dans le YAML."
    annee_lancement: "2022"
    cout_total: "1000.00"
    part_cahc: "200.00"
'''
# An avenant adding an action also reprints the annex totals (see test_finances.py
# for what happens when they are not updated).
NEW_TOTALS = {'cout_total: "90713853.73"': 'cout_total: "90714853.73"',
              'part_cahc: "25715256.83"': 'part_cahc: "25715456.83"',
              'cout_total: "87240774.75"': 'cout_total: "87241774.75"',
              'part_cahc: "25401102.63"': 'part_cahc: "25401302.63"'}


def test_adding_a_record_adds_its_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    actions = project / "data" / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    text = text.replace("# Lignes de totaux", NEW_ACTION + "# Lignes de totaux")
    for old, new in NEW_TOTALS.items():
        text = text.replace(old, new)
    actions.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "actions/nouvelle-action-test/")
    assert html.select_one("h1").get_text(strip=True).rstrip("¶") == "Action ajoutée par le test"
    assert "25 actions inscrites" in page(tmp_path / "site", "").get_text(" ", strip=True)


def test_a_data_error_stops_the_build_with_file_line_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    actions = project / "data" / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    actions.write_text(text.replace('cout_total: "49600.00"', 'cout_total: "49 600 €"'), encoding="utf-8")
    n = next(i + 1 for i, line in enumerate(actions.read_text(encoding="utf-8").split("\n")) if "49 600 €" in line)
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (f"data/actions.yaml:{n}: actions[projet-alimentaire-territorial].cout_total: « 49 600 € » n'est pas un montant"
            in result.stderr)
    assert not (tmp_path / "site" / "index.html").exists()


def test_search_document_gives_a_page_without_heading_its_title() -> None:
    # As Material does: a page whose content has no <h1> gets its title as one,
    # and Pagefind takes the result's title from the first <h1>.
    from crte.search.indexer import search_document

    doc = search_document("<div data-pagefind-body>\n<p>Texte</p>\n</div>", "Mentions & crédits", "fr")
    assert '<html lang="fr">' in doc
    assert "<h1>Mentions &amp; crédits</h1>\n<div data-pagefind-body>" in doc
    assert search_document("<h1>Titre</h1>", "Autre", "fr").count("<h1>") == 1
