"""/evolutions/: the decisions taken after the signature, one page each, and their Atom feed.

Built from the fictitious example (examples/contrat-vivant: the signed contract and
4 invented decisions) and from the real data (no decision). Expected figures are
computed here from the example's YAML, with Decimal.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml

from crte.data.loader import load
from crte.fr import euros, long_date
from crte.outputs.feed import atom
from crte.outputs.manifest import read
from crte.pages.pages import generate
from crte.views.views import Views

from ..conftest import ROOT
from ..sitebuild import page, resolves, soup, target, text
from .conftest import EXAMPLE, SITE_URL, built

FIRST = "2022-06-14-comite-de-pilotage"
NONE_YET = "Aucune évolution enregistrée depuis la signature du contrat, le 13 décembre 2021."


def signed(x: Decimal) -> str:
    return ("+" if x > 0 else "") + euros(x)


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- The sites (conftest.py): example_site, read here as `site`, and real_site -----------------

@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:
    return example_site


@pytest.fixture(scope="module")
def decisions(example_project: Path) -> list[dict]:
    """The example's decisions as written, with their id, oldest first."""
    out = [dict(read_yaml(p), id=p.stem) for p in (example_project / EXAMPLE / "decisions").glob("*.yaml")]
    return sorted(out, key=lambda d: (d["date"], d["id"]))


# --- The list ---------------------------------------------------------------------------------

def test_the_list_shows_every_decision_newest_first_with_working_links(site: Path, decisions: list[dict]) -> None:
    here = site / "evolutions" / "index.html"
    rows = soup(here).select("article table tbody tr")
    newest_first = list(reversed(decisions))
    assert len(rows) == len(decisions) == 4
    for row, d in zip(rows, newest_first):
        day = dt.date.fromisoformat(d["date"])
        assert row.select_one("time")["datetime"] == d["date"]
        assert text(row.select_one("time")) == long_date(day)
        link = row.select_one("a")
        assert link["href"] == f"{d['id']}/"
        assert resolves(site, here, link["href"])
        assert d["objet"] in text(row)
    assert text(rows[-1].select_one("a")) == "Comité de pilotage du 14 juin 2022"
    assert text(rows[1].select_one("a")) == "Avenant n° 1 du 2 mars 2023"
    assert NONE_YET not in text(soup(here).select_one("article"))


def test_the_list_is_in_the_navigation_after_the_contract_and_decisions_are_not(site: Path) -> None:
    nav = soup(site / "index.html").select_one("nav.md-nav--primary")
    labels = [text(a) for a in nav.select("a[href]")]
    assert labels.index("Évolutions") == labels.index("Le contrat") + 1
    assert not [a["href"] for a in nav.select("a[href]") if "evolutions/20" in a["href"]]


# --- One decision ----------------------------------------------------------------------------

def test_a_decision_page_shows_its_date_instance_source_and_object(site: Path, decisions: list[dict]) -> None:
    d = decisions[0]
    fields = page(site, f"evolutions/{FIRST}/").select_one("article dl.crte-champs")
    values = dict(zip([text(t) for t in fields.select("dt")], [text(t) for t in fields.select("dd")]))
    assert values["Date"] == "14 juin 2022"
    assert values["Instance"].startswith("Comité de pilotage")
    assert values["Source"].startswith(d["source"]["titre"])
    assert values["Objet"] == d["objet"]
    # A source published online is linked.
    other = next(x for x in decisions if x["source"].get("url"))
    links = page(site, f"evolutions/{other['id']}/").select("article dl.crte-champs a[href]")
    assert [a["href"] for a in links] == [other["source"]["url"]]
    assert "Avenant n° 1" in text(page(site, "evolutions/2023-03-02-avenant-1/").select_one("dl.crte-champs"))


def test_a_decision_page_lists_its_changes(site: Path, example_project: Path, decisions: list[dict]) -> None:
    here = site / "evolutions" / FIRST / "index.html"
    rows = soup(here).select("article table.crte-changements tbody tr")
    signed_actions = {a["id"]: a for a in read_yaml(example_project / EXAMPLE / "actions.yaml")["actions"]}
    change = next(c["modifier_action"] for c in decisions[0]["changements"] if "modifier_action" in c)
    assert change["action"] == "voie-albert-carre"
    cost = next(r for r in rows if "coût total HT" in text(r))
    cells = [text(c) for c in cost.select("th, td")]
    assert cells[0] == "Action modifiée"
    assert cells[3] == euros(Decimal(signed_actions["voie-albert-carre"]["cout_total"])).replace("\u202f", " ") \
        .replace("\xa0", " ") == "1 950 206,00 €"
    assert cells[4] == euros(Decimal(change["cout_total"])).replace("\u202f", " ").replace("\xa0", " ") \
        == "2 100 000,00 €"
    assert cost.select_one("a")["href"] == "../../actions/voie-albert-carre/"
    assert cells[5] == change["motif"]  # the reason the decision gives, in its own column
    # One row per field changed, per fiche and per action added; none of them without a label.
    assert [text(r.select_one("th")) for r in rows] == ["Action modifiée", "Action modifiée", "Fiche ajoutée",
                                                         "Action ajoutée"]
    # No link without a target: « — » where there is no value.
    fiche = next(r for r in rows if "Fiche ajoutée" in text(r))
    assert fiche.select_one("a") is None and [text(c) for c in fiche.select("td")][1:] == ["—", "—", "—", "—"]
    for path in (site / "evolutions").glob("*/index.html"):
        for a in soup(path).select("article a[href]"):
            if not urlsplit(a["href"]).scheme:
                assert resolves(site, path, a["href"]), f"{path}: {a['href']}"


def expected_money(project: Path, decision: dict) -> dict[int, tuple[Decimal, Decimal, Decimal, Decimal]]:
    """{orientation: (cost before, cost after, share before, share after)} of the first decision,
    computed from the example's YAML: the signed actions, then the decision's changes."""
    orientation = {o["libelle_annexe"]: o["numero"]
                   for o in read_yaml(project / EXAMPLE / "orientations.yaml")["orientations"] if "libelle_annexe" in o}
    numbers = [o["numero"] for o in read_yaml(project / EXAMPLE / "orientations.yaml")["orientations"]]
    before = {a["id"]: dict(a) for a in read_yaml(project / EXAMPLE / "actions.yaml")["actions"]}
    after = {k: dict(a) for k, a in before.items()}
    for change in decision["changements"]:
        if "modifier_action" in change:
            values = dict(change["modifier_action"])
            after[values.pop("action")].update(values)
        elif "ajouter_action" in change:
            after[change["ajouter_action"]["id"]] = change["ajouter_action"]

    def sums(actions: dict, n: int, field: str) -> Decimal:
        return sum((Decimal(a[field]) for a in actions.values()
                    if orientation[a["enjeu"]] == n and a.get(field) is not None), Decimal(0))

    return {n: (sums(before, n, "cout_total"), sums(after, n, "cout_total"), sums(before, n, "part_cahc"),
                sums(after, n, "part_cahc")) for n in numbers}


def test_a_decision_page_shows_its_effect_on_money_by_orientation(site: Path, example_project: Path,
                                                                  decisions: list[dict]) -> None:
    table = page(site, f"evolutions/{FIRST}/").select_one("article table.crte-effet")
    assert table.select_one("caption") and table.find_parent("div", class_="crte-table")["role"] == "region"
    expected = expected_money(example_project, decisions[0])

    def amount(cell) -> str:  # noqa: ANN001 - the amount, without the « n sans part indiquée » note
        return cell.find(string=True, recursive=False).strip()

    rows = table.select("tbody tr")
    assert [int(text(r.select_one("th")).split(".")[0]) for r in rows] == sorted(expected)
    for row in rows:
        n = int(text(row.select_one("th")).split(".")[0])
        cb, ca, pb, pa = expected[n]
        assert [amount(c) for c in row.select("td")] == [euros(cb), euros(ca), signed(ca - cb), euros(pb),
                                                         euros(pa), signed(pa - pb)]
    total = [amount(c) for c in table.select("tfoot td")]
    cb, ca, pb, pa = (sum((v[i] for v in expected.values()), Decimal(0)) for i in range(4))
    assert total == [euros(cb), euros(ca), signed(ca - cb), euros(pb), euros(pa), signed(pa - pb)]
    # The example's figures (fixed fictitious data): the voie Albert Carré (orientation 4, as
    # published) costs 149 794 € more; the cycle path (orientation 2) adds 850 000 €.
    differences = {int(text(r.select_one("th")).split(".")[0]): amount(r.select("td")[2]) for r in rows}
    assert differences[4] == "+149\u202f794,00\xa0€" and differences[2] == "+850\u202f000,00\xa0€"
    assert differences[1] == "0,00\xa0€"
    # An abandon lowers the total: the sign is « - ».
    later = page(site, "evolutions/2022-11-22-comite-de-pilotage/").select_one("table.crte-effet tfoot")
    assert amount(later.select("td")[2]) == "-18\u202f300,00\xa0€"


def test_every_page_links_to_the_feed_in_its_head(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.parent.name != "edition"]
    assert len(pages) > 60
    for path in pages:  # not the staff's editor (/edition/, its own page)
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:  # a former address that leads to the current one
            continue
        links = soup(path).select('head link[rel~="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, path
        href = links[0]["href"]
        assert not urlsplit(href).scheme and not href.startswith("//"), (path, href)
        assert target(site, path, href) == (site / "evolutions" / "atom.xml").resolve(), (path, href)
    assert page(site, f"evolutions/{FIRST}/").select_one("article a[href$='atom.xml']")["href"] == "../atom.xml"


# --- The feed --------------------------------------------------------------------------------

def test_the_feed_has_one_entry_per_decision_dated_by_the_decision(site: Path, decisions: list[dict]) -> None:
    raw = (site / "evolutions" / "atom.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.id == f"{SITE_URL}evolutions/"
    assert feed.feed.language == "fr"
    newest_first = list(reversed(decisions))
    assert feed.feed.updated.startswith(newest_first[0]["date"])
    assert [e.id for e in feed.entries] == [f"{SITE_URL}evolutions/{d['id']}/" for d in newest_first]
    for entry, d in zip(feed.entries, newest_first):
        assert entry.link == entry.id
        assert entry.published.startswith(d["date"]) and entry.updated.startswith(d["date"])
        # The object, then the reason of each change that gives one (a changed or abandoned action).
        first, *reasons = entry.summary.split("\n")
        assert first == d["objet"] and entry.summary_detail.type == "text/plain"
        motifs = [v["motif"] for c in d["changements"] for k, v in c.items()
                  if k in ("modifier_action", "abandonner_action") and "motif" in v]
        assert len(reasons) == len(motifs) and all(r.startswith("Motif (") and r.endswith(f") : {m}")
                                                   for r, m in zip(reasons, motifs)), (reasons, motifs)
    assert feed.entries[-1].title == "Comité de pilotage du 14 juin 2022"
    # No date is the build's: each one is a decision's, at midnight UTC.
    days = {d["date"] for d in decisions}
    stamps = re.findall(r"<(?:updated|published)>([^<]+)<", raw.decode("utf-8"))
    assert stamps and all(s[:10] in days and s.endswith("T00:00:00+00:00") for s in stamps)
    assert b"feedgen" not in raw and raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_the_feed_is_the_same_bytes_for_two_builds(site: Path, example_project: Path, tmp_path: Path) -> None:
    again = built(example_project, tmp_path / "site", EXAMPLE)
    assert (again / "evolutions" / "atom.xml").read_bytes() == (site / "evolutions" / "atom.xml").read_bytes()


def test_text_from_the_data_is_escaped_in_the_feed_and_the_pages(example_project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "donnees"
    shutil.copytree(example_project / EXAMPLE, folder, symlinks=False)
    objet = 'Coût < 5 % & part "R&D" > 0 ; a_b *c* [x](y) &amp; fin'
    path = folder / "decisions" / f"{FIRST}.yaml"
    path.write_text(re.sub(r'(?m)^objet: .*$', lambda _: f"objet: {yaml.safe_dump(objet).strip()}",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    views = Views(load(folder, "donnees"))
    raw = atom(views, SITE_URL)
    assert "&lt; 5 % &amp; part" in raw.decode("utf-8")
    assert feedparser.parse(raw).entries[-1].summary.split("\n")[0] == objet
    content = next(p.content for p in generate(views, SITE_URL) if p.src_uri == f"evolutions/{FIRST}.md")
    assert objet not in content and "&lt; 5 % &amp; part" in content and "&amp;amp; fin" in content


# --- The real data: no decision yet -----------------------------------------------------------

def test_without_decision_the_list_says_so_and_the_feed_is_empty(real_site: Path, example_project: Path) -> None:
    signature = load(example_project / "data").contract.signature.date
    assert NONE_YET.endswith(f"le {long_date(signature)}.")
    article = page(real_site, "evolutions/").select_one("article")
    assert NONE_YET in text(article) and article.select("table") == []
    assert sorted(p.name for p in (real_site / "evolutions").iterdir()) == ["atom.xml", "index.html"]
    feed = feedparser.parse((real_site / "evolutions" / "atom.xml").read_bytes())
    assert feed.bozo == 0 and feed.entries == []
    assert feed.feed.updated.startswith(signature.isoformat())
    assert "/evolutions/" in read(ROOT / "urls.txt") and "/evolutions/atom.xml" in read(ROOT / "urls.txt")
