"""The tracking dashboard (article 8): /suivi/, the funders' pages, the « Suivi » of
each action, the home page's figures and the open data (suivi.csv, financements.csv).

Built once from the fictitious example (examples/contrat-vivant: tracking for 10
of its 25 actions in force) and once from the real data (signed contract only: no
tracking). Every expected figure is computed here from the example's YAML, with
Decimal: the signed actions, the decisions applied in order, the tracking files.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from crte.fr import euros, long_date, percent_text

from ..sitebuild import page, resolves, text
from .conftest import EXAMPLE

STATUSES = ("à l'étude", "engagée", "en cours", "réalisée", "abandonnée", "sans suivi")
NONE_YET = "Aucun suivi publié à ce jour."
ZERO = re.compile(r"(?<!\d)0,00 €")  # a zero amount, not the end of « 3 000 000,00 € »


def fr(value: str) -> str:
    """French formatting as `text()` reads it: narrow and no-break spaces as spaces."""
    return value.replace("\u202f", " ").replace("\xa0", " ")


def money(x: Decimal) -> str:
    return fr(euros(x))


def rate(part: Decimal, whole: Decimal) -> str:
    return fr(percent_text((part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))


def day(iso: str) -> str:
    """« 2024-02-01 » as the pages write it: « 1er février 2024 »."""
    return long_date(dt.date.fromisoformat(iso))


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- What the example's YAML says -------------------------------------------------------------

@dataclass
class Expected:
    """The example's contract in force and tracking, read from its YAML."""

    actions: dict[str, dict]  # in force, in order: the signed ones, then the added ones
    abandoned: dict[str, dict]
    orientation: dict[str, int]  # action id -> orientation (from its ENJEU label)
    orientations: list[int]
    steps: dict[str, list[dict]]
    lines: dict[str, list[dict]]
    funders: list[dict]
    dashboard: dict
    status: dict[str, str] = field(default_factory=dict)

    def spent(self, action_id: str) -> Decimal | None:
        known = [s["depense"] for s in self.steps.get(action_id, []) if "depense" in s]
        return Decimal(known[-1]) if known else None

    def money(self, ids: list[str]) -> dict:
        known = [i for i in ids if self.spent(i) is not None]
        return {"actions": len(ids),
                "prevu": sum((Decimal(self.actions[i]["cout_total"]) for i in ids), Decimal(0)),
                "accorde": sum((Decimal(ln["accorde"]) for i in ids for ln in self.lines.get(i, [])
                                if "accorde" in ln), Decimal(0)),
                "depense": sum((self.spent(i) for i in known), Decimal(0)), "connue": len(known),
                "prevu_connue": sum((Decimal(self.actions[i]["cout_total"]) for i in known), Decimal(0))}

    def counts(self, orientation: int | None = None) -> dict[str, int]:
        ids = [i for i in [*self.actions, *self.abandoned] if orientation in (None, self.orientation[i])]
        return {s: sum(self.status[i] == s for i in ids) for s in STATUSES}


@pytest.fixture(scope="module")
def ex(example_project: Path) -> Expected:
    root = example_project / EXAMPLE
    plan = read_yaml(root / "orientations.yaml")["orientations"]
    by_label = {o["libelle_annexe"]: o["numero"] for o in plan if "libelle_annexe" in o}
    actions = {a["id"]: dict(a) for a in read_yaml(root / "actions.yaml")["actions"]}
    abandoned = {}
    decisions = sorted((dict(read_yaml(p), id=p.stem) for p in (root / "decisions").glob("*.yaml")),
                       key=lambda d: (d["date"], d["id"]))
    for d in decisions:
        for change in d["changements"]:
            (kind, body), = change.items()
            if kind == "modifier_action":
                actions[body["action"]].update({k: v for k, v in body.items() if k != "action"})
            elif kind == "ajouter_action":
                actions[body["id"]] = dict(body)
            elif kind == "abandonner_action":
                abandoned[body["action"]] = actions.pop(body["action"])
    tracked = {p.stem: read_yaml(p) for p in sorted((root / "suivi" / "actions").glob("*.yaml"))}
    e = Expected(actions, abandoned, {i: by_label[a["enjeu"]] for i, a in {**actions, **abandoned}.items()},
                 [o["numero"] for o in plan], {i: t.get("etapes", []) for i, t in tracked.items()},
                 {i: t.get("financements", []) for i, t in tracked.items()},
                 read_yaml(root / "suivi" / "financeurs.yaml")["financeurs"],
                 read_yaml(root / "suivi" / "tableau-de-bord.yaml"))
    e.status = {i: ("abandonnée" if i in abandoned else e.steps[i][-1]["statut"] if e.steps.get(i) else "sans suivi")
                for i in [*actions, *abandoned]}
    return e


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:  # the example's site (conftest.py); real_site: its real data
    return example_site


def test_the_example_is_what_the_brief_describes(ex: Expected) -> None:
    assert len(ex.actions) == 25 and len(ex.steps) == 10 and list(ex.abandoned) == ["lecture-spectacle"]
    assert ex.funders[0]["slug"] == "etat"


# --- /suivi/ ----------------------------------------------------------------------------------

def section(html, anchor: str) -> str:  # noqa: ANN001 - a BeautifulSoup page
    """The text under the heading `anchor`, up to the next heading of its level."""
    heading = html.select_one(f"h2#{anchor}")
    out = []
    for el in heading.find_next_siblings():
        if el.name == "h2":
            break
        out.append(fr(text(el)))
    return " ".join(out)


def rows_of(table) -> list[list[str]]:  # noqa: ANN001 - a BeautifulSoup table
    return [[text(c) for c in tr.select("th, td")] for tr in table.select("tbody tr, tfoot tr")]


def test_the_dashboard_gives_its_date_and_body_and_is_in_the_navigation(site: Path, ex: Expected) -> None:
    article = text(page(site, "suivi/").select_one("article"))
    assert f"mis à jour le {day(ex.dashboard['date'])} par le {ex.dashboard['instance']}" in article
    assert "mis à jour le 15 octobre 2025 par le comité technique" in article
    assert NONE_YET not in article
    nav = page(site, "").select_one("nav.md-nav--primary")
    labels = [text(a) for a in nav.select("a[href]")]
    assert labels.index("Suivi") == labels.index("Actions") + 1


def test_counts_by_status_overall_and_by_orientation(site: Path, ex: Expected) -> None:
    html = page(site, "suivi/")
    table = html.select_one("#tableau-statuts")
    assert table.find_parent("div", class_="crte-cote") is not None  # the chart beside the table
    assert [text(th) for th in table.select("thead th")][1:] == [s[0].upper() + s[1:] for s in STATUSES] + ["Total"]
    expected = [[f"Orientation {n}", *map(str, ex.counts(n).values()), str(sum(ex.counts(n).values()))]
                for n in ex.orientations]
    total = ex.counts()
    expected.append(["Total", *map(str, total.values()), str(len(ex.actions) + len(ex.abandoned))])
    assert rows_of(table) == expected
    assert total == {"à l'étude": 1, "engagée": 2, "en cours": 3, "réalisée": 4, "abandonnée": 1,
                     "sans suivi": 15}
    chart = html.select_one("svg[aria-labelledby='graphique-statuts-titre graphique-statuts-desc']")
    assert text(chart.select_one("desc")) == " ".join(
        f"{s} : {n} action{'s' if n > 1 else ''}." for s, n in total.items())
    assert [text(t) for t in chart.select("text.crte-graphique-valeur")] == [str(n) for n in total.values()]


def expected_money_cells(m: dict) -> list[str]:
    if not m["actions"]:
        return ["0", "sans objet : aucune action"]
    cells = [str(m["actions"]), money(m["prevu"])]
    cells += [money(m["accorde"]), rate(m["accorde"], m["prevu"])] if m["accorde"] else \
        ["aucun accord publié", "non connu"]
    if m["connue"]:
        n = m["connue"]
        cells += [f"{money(m['depense'])} sur {n} action{'s' if n > 1 else ''} dont la dépense est connue",
                  f"{rate(m['depense'], m['prevu_connue'])} du prévu de ces actions ({money(m['prevu_connue'])})"]
    else:
        cells += ["non connu", "non connu"]
    return cells


def test_forecast_granted_spent_and_both_rates(site: Path, ex: Expected) -> None:
    html = page(site, "suivi/")
    table = html.select_one("#tableau-montants")
    groups = [(f"Orientation {n}", [i for i in ex.actions if ex.orientation[i] == n]) for n in ex.orientations]
    groups.append(("Total", list(ex.actions)))
    rows = rows_of(table)
    assert len(rows) == len(groups)
    for row, (label, ids) in zip(rows, groups):
        assert row[0].startswith(label)
        assert row[1:] == expected_money_cells(ex.money(ids)), label
    # The headline figures, as built (golden).
    total = ex.money(list(ex.actions))
    assert (total["prevu"], total["accorde"], total["depense"], total["connue"], total["prevu_connue"]) == (
        Decimal("92895347.98"), Decimal("3460000.00"), Decimal("3635000.00"), 8, Decimal("49846858.00"))
    assert rows[-1][4] == "3,7 %" and rows[-1][6].startswith("7,3 %")
    assert "sur 8 actions dont la dépense est connue" in rows[-1][5]
    # Orientation 5: money granted, none spent known: « non connu », never 0,00 €.
    assert rows[4][5:] == ["non connu", "non connu"]
    chart = html.select_one("svg[aria-labelledby='graphique-montants-titre graphique-montants-desc']")
    desc = fr(text(chart.select_one("desc")))
    assert (f"Total : {money(total['prevu'])} prévus, {money(total['accorde'])} accordés (taux de couverture 3,7 %), "
            f"{money(total['depense'])} dépensés sur 8 actions dont la dépense est connue, taux de réalisation "
            f"7,3 %.") in desc
    values = [text(t) for t in chart.select("text.crte-graphique-valeur")]
    assert values == ["sans objet", "sans objet"] + [
        v for _, ids in groups[1:] for m in [ex.money(ids)]
        for v in ((rate(m["accorde"], m["prevu"]) if m["accorde"] else "non connu"),
                  (rate(m["depense"], m["prevu_connue"]) if m["connue"] else "non connu"))]


def funder_totals(ex: Expected) -> list[tuple[str, Decimal, Decimal, int, int]]:
    out = []
    for f in ex.funders:
        lines = [(i, ln) for i in [*ex.actions, *ex.abandoned] for ln in ex.lines.get(i, [])
                 if ln["financeur"] == f["slug"]]
        out.append((f["slug"], sum((Decimal(ln["demande"]) for _, ln in lines if "demande" in ln), Decimal(0)),
                    sum((Decimal(ln["accorde"]) for _, ln in lines if "accorde" in ln), Decimal(0)),
                    len({i for i, _ in lines}), sum("accorde" in ln for _, ln in lines)))
    return out


def test_money_by_funder_the_state_first_with_links(site: Path, ex: Expected) -> None:
    here = site / "suivi" / "index.html"
    table = page(site, "suivi/").select_one("#tableau-financeurs")
    rows = rows_of(table)
    totals = funder_totals(ex)
    names = {f["slug"]: f for f in ex.funders}
    for row, (slug, asked, granted, n, granted_lines) in zip(rows, totals):
        assert row == [names[slug]["nom"], names[slug]["groupe"],
                       money(asked) if n else "aucune demande publiée",
                       money(granted) if granted_lines else "aucun accord publié", str(n)]
    assert rows[0][:4] == ["État", "État", money(Decimal("3320000.00")), money(Decimal("2405000.00"))]
    assert rows[-1] == ["Tous financeurs", money(sum(t[1] for t in totals)), money(sum(t[2] for t in totals)),
                        str(len({i for i, lines in ex.lines.items() if lines}))]
    assert sum(t[2] for t in totals) == ex.money(list(ex.actions))["accorde"]  # the same granted money
    links = [a["href"] for a in table.select("tbody a")]
    assert links == [f"../financeurs/{f['slug']}/" for f in ex.funders]
    assert all(resolves(site, here, h) for h in links)


def test_the_untracked_actions_are_named_and_linked(site: Path, ex: Expected) -> None:
    here = site / "suivi" / "index.html"
    html = page(site, "suivi/")
    untracked = [i for i in ex.actions if not ex.steps.get(i)]
    assert len(untracked) == 15
    items = html.select_one("h2#sans-suivi").find_next_sibling("ul").select("li a")
    assert [(text(a), a["href"]) for a in items] == [(ex.actions[i]["titre"], f"../actions/{i}/") for i in untracked]
    assert all(resolves(site, here, a["href"]) for a in items)
    assert "15 actions en vigueur n'ont encore aucune étape de suivi publiée" in text(html.select_one("article"))
    rules = html.select_one("h2#regles").find_next_sibling("ul")
    assert "taux de réalisation" in text(rules) and "jamais additionnés" in text(rules)


# --- An action's « Suivi » --------------------------------------------------------------------

def test_an_action_page_shows_status_progress_financing_and_timeline(site: Path, ex: Expected) -> None:
    here = site / "actions" / "cite-crombez" / "index.html"
    html = page(site, "actions/cite-crombez/")
    steps, lines = ex.steps["cite-crombez"], ex.lines["cite-crombez"]
    fields = html.select_one("dl.crte-suivi-action")
    values = dict(zip([text(t) for t in fields.select("dt")], [text(t) for t in fields.select("dd")]))
    assert values["Statut"] == f"{steps[-1]['statut']} au {day(steps[-1]['date'])}" == "en cours au 1er février 2024"
    bar = fields.select_one("progress")
    assert (bar["value"], bar["max"]) == (str(steps[-1]["avancement"]), "100")
    assert html.select_one(f"label[for='{bar['id']}']") is not None
    assert values["Avancement physique"].endswith(f"{steps[-1]['avancement']} % au {day(steps[-1]['date'])}")
    cost = Decimal(ex.actions["cite-crombez"]["cout_total"])
    spent = Decimal(steps[-1]["depense"])
    assert fr(values["Dépensé à ce jour"]).replace(" ,", ",") == (
        f"{money(spent)} au {day(steps[-1]['date'])}, soit {rate(spent, cost)} du coût total HT en vigueur "
        f"({money(cost)})")
    table = html.select_one("#tableau-financements")
    assert rows_of(table) == [
        *[["État", ln["dispositif"], money(Decimal(ln["demande"])), money(Decimal(ln["accorde"])),
           f"{day(ln['date'])} : {ln['reference']}"] for ln in lines],
        ["Total", money(sum(Decimal(ln["demande"]) for ln in lines)),
         money(sum(Decimal(ln["accorde"]) for ln in lines)), ""]]
    assert resolves(site, here, table.select_one("a")["href"])
    timeline = html.select_one("#tableau-etapes")
    assert rows_of(timeline) == [[day(s["date"]), s["statut"], f"{s['avancement']} %", money(Decimal(s["depense"])),
                                  s.get("commentaire", "—"), s["source"]] for s in steps]
    # Under its own heading, after the financing.
    headings = [h["id"] for h in html.select("article h2[id]")]
    assert headings.index("suivi") == headings.index("financement") + 1


def test_unknown_progress_and_spending_say_so(site: Path, ex: Expected) -> None:
    html = page(site, "actions/salle-des-sports-dourges/")
    values = dict(zip([text(t) for t in html.select("dl.crte-suivi-action dt")],
                      [text(t) for t in html.select("dl.crte-suivi-action dd")]))
    assert values["Avancement physique"] == "non connu" and values["Dépensé à ce jour"] == "non connu"
    rows = rows_of(html.select_one("#tableau-financements"))
    assert rows[0][:4] == ["État", "DETR", money(Decimal("400000.00")), "pas d'accord publié"]
    assert not ZERO.search(section(html, "suivi"))
    # Nowhere in the tracking's pages is an unknown amount written as zero.
    routes = ["suivi/", "financeurs/", *[f"financeurs/{f['slug']}/" for f in ex.funders]]
    for route in routes:
        assert not ZERO.search(fr(text(page(site, route).select_one("article")))), route
    for path in (site / "actions").glob("*/index.html"):
        assert not ZERO.search(section(page(site, f"actions/{path.parent.name}/"), "suivi")), path
    for action_id in ("cite-darcy", "lecture-spectacle"):
        after = page(site, f"actions/{action_id}/").select_one("h2#suivi").find_next_sibling("p")
        assert text(after) == "Aucun suivi publié pour cette action."


# --- Funders ----------------------------------------------------------------------------------

def test_a_funder_page_lists_its_lines_and_totals(site: Path, ex: Expected) -> None:
    here = site / "financeurs" / "etat" / "index.html"
    html = page(site, "financeurs/etat/")
    assert text(html.select_one("article h1")).startswith("État")
    schemes = ", ".join(ex.funders[0]["dispositifs"])
    assert f"Groupe de financeurs : État. Dispositifs : {schemes}." in text(html.select_one("article"))
    lines = [(i, ln) for i in ex.actions for ln in ex.lines.get(i, []) if ln["financeur"] == "etat"]
    rows = rows_of(html.select_one("#tableau-lignes"))
    assert rows[:-1] == [[ex.actions[i]["titre"], ln.get("dispositif", "—"), money(Decimal(ln["demande"])),
                          money(Decimal(ln["accorde"])) if "accorde" in ln else "pas d'accord publié",
                          day(ln["date"]) if "date" in ln else "—", ln.get("reference", "—")] for i, ln in lines]
    asked, granted = (sum((Decimal(ln[k]) for _, ln in lines if k in ln), Decimal(0)) for k in ("demande", "accorde"))
    assert rows[-1] == [f"Total ({len(lines)} lignes, {len({i for i, _ in lines})} actions)", money(asked),
                        money(granted), ""]
    assert (asked, granted) == (Decimal("3320000.00"), Decimal("2405000.00"))
    assert all(resolves(site, here, a["href"]) for a in html.select("#tableau-lignes a"))
    assert "Aucune ligne de financement publiée pour ce financeur." in text(page(site, "financeurs/anru/"))
    listing = page(site, "financeurs/")
    assert [text(a) for a in listing.select("#tableau-financeurs tbody a")] == [f["nom"] for f in ex.funders]


# --- Home page and open data ------------------------------------------------------------------

def test_the_home_page_shows_the_headline_figures(site: Path, ex: Expected) -> None:
    figures = [fr(text(d)) for d in page(site, "").select(".crte-chiffres-suivi > div")]
    total = ex.money(list(ex.actions))
    assert figures == [
        f"{ex.counts()['réalisée']} actions réalisées", f"{ex.counts()['en cours']} actions en cours",
        f"{money(total['accorde'])} de financements accordés, soit {rate(total['accorde'], total['prevu'])} du coût "
        f"prévu",
        f"{money(total['depense'])} dépensés, sur {total['connue']} actions dont la dépense est connue "
        f"({rate(total['depense'], total['prevu_connue'])} de leur coût prévu)"]
    assert figures[0] == "4 actions réalisées" and figures[1] == "3 actions en cours"


def read_csv(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "donnees" / name).read_text(encoding="utf-8"))))


def test_open_data_one_row_per_entry_and_per_financing_line(site: Path, ex: Expected) -> None:
    order = [*ex.actions, *ex.abandoned]
    steps = read_csv(site, "suivi.csv")
    assert [(r["action"], r["date"], r["statut"], r["avancement"], r["depense"]) for r in steps] == [
        (i, s["date"], s["statut"], str(s.get("avancement", "")), s.get("depense", ""))
        for i in order for s in ex.steps.get(i, [])]
    assert all(r["orientation"] == str(ex.orientation[r["action"]]) for r in steps)
    lines = read_csv(site, "financements.csv")
    assert [(r["action"], r["financeur"], r["dispositif"], r["demande"], r["accorde"], r["date_accord"])
            for r in lines] == [(i, ln["financeur"], ln.get("dispositif", ""), ln.get("demande", ""),
                                 ln.get("accorde", ""), ln.get("date", ""))
                                for i in order for ln in ex.lines.get(i, [])]
    assert sum(Decimal(r["accorde"]) for r in lines if r["accorde"]) == Decimal("3460000.00")
    package = (site / "donnees" / "datapackage.json").read_text(encoding="utf-8")
    assert '"path": "suivi.csv"' in package and '"path": "financements.csv"' in package
    wb = openpyxl.load_workbook(site / "donnees" / "maquette-financiere.xlsx")
    assert wb["Suivi"].max_row == len(steps) + 1 and wb["Financements"].max_row == len(lines) + 1


# --- The real data: nothing published, nothing invented -----------------------------------------

def test_the_real_data_says_no_tracking_is_published_and_shows_no_zero(real_site: Path) -> None:
    assert NONE_YET in text(page(real_site, "suivi/").select_one("article"))
    home = [p for p in page(real_site, "").select("article p") if "suivi" in text(p)]
    assert any(text(p).startswith(NONE_YET) for p in home)
    assert page(real_site, "").select_one(".crte-chiffres-suivi") is None
    for route in ("suivi/", "financeurs/"):
        assert not ZERO.search(fr(text(page(real_site, route).select_one("article")))), route
    assert not [fr(text(p)) for p in home if ZERO.search(fr(text(p)))]
    for path in (real_site / "actions").glob("*/index.html"):
        assert section(page(real_site, f"actions/{path.parent.name}/"), "suivi") == \
            "Aucun suivi publié pour cette action.", path
    for name in ("suivi.csv", "financements.csv"):
        assert read_csv(real_site, name) == []
