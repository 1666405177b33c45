"""/indicateurs/<id>/: one page per indicator, its values as a table and a line
chart drawn at build time; /indicateurs/ with each last value; /donnees/mesures.csv.

Built from the fictitious example (examples/contrat-vivant: values for 32 of the
indicators, in suivi/indicateurs/) and from the real data (no value). Expected
figures are read here from the example's YAML, with Decimal.
"""
from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from crte.data.loader import load
from crte.pages.pages import generate
from crte.views.indicator_chart import Chart, chart
from crte.views.indicator_view import indicator_pages
from crte.views.views import Views

from ..sitebuild import page, resolves, text
from .conftest import EXAMPLE, SITE_URL

NO_VALUE = "Aucune valeur publiée à ce jour pour cet indicateur."
NBSP = "\xa0"


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:  # the example's site (conftest.py); real_site: its real data
    return example_site


@pytest.fixture(scope="module")
def tracked(example_project: Path) -> dict[str, dict]:
    """The example's indicator values as written: {id: the YAML of suivi/indicateurs/<id>.yaml}."""
    folder = example_project / EXAMPLE / "suivi" / "indicateurs"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))}


@pytest.fixture(scope="module")
def catalogue(example_project: Path) -> list[str]:
    """The ids of the indicators of article 9, in published order."""
    data = yaml.safe_load((example_project / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    return [i["id"] for o in data["orientations"] for g in o["groupes"] for i in g["indicateurs"]]


def french(value: str, unite: str) -> str:
    """`"38.1"`, "%" -> "38,1 %" (as `text()` reads it: the no-break space as a space);
    `"44.0"` -> "44"; a count ("nombre") has no unit after it. The example writes no
    thousands."""
    assert unite in ("%", "nombre") and abs(Decimal(value)) < 1000
    number = (value.rstrip("0").rstrip(".") if "." in value else value).replace(".", ",")
    return number + (" %" if unite == "%" else "")


def measures(values: dict) -> list[dict]:
    return sorted(values.get("mesures", []), key=lambda m: m["annee"])


def old(values: dict) -> bool:
    return dt.date.today().year - int(measures(values)[-1]["annee"][:4]) > 2


# --- One indicator with values ------------------------------------------------------------------

def test_the_example_has_old_and_recent_values(tracked: dict[str, dict]) -> None:
    assert len(tracked) == 32
    assert any(old(v) for v in tracked.values()) and not all(old(v) for v in tracked.values())


def test_the_table_holds_exactly_the_values_of_the_yaml(site: Path, tracked: dict[str, dict]) -> None:
    for id_, values in tracked.items():
        article = page(site, f"indicateurs/{id_}/").select_one("article")
        rows = [(text(tr.th), text(tr.td)) for tr in article.select("table#tableau-valeurs tbody tr")]
        assert rows == [(m["annee"], french(m["valeur"], values["unite"])) for m in measures(values)], id_
        if values["unite"] == "%":  # the unit after the value, never alone at the start of a line
            assert all(td.get_text().endswith(f"{NBSP}%") for td in article.select("table#tableau-valeurs td"))
        fields = dict(zip([text(t) for t in article.select("dl.crte-champs dt")],
                          [text(t) for t in article.select("dl.crte-champs dd")]))
        assert fields["Unité"] == values["unite"] and fields["Source"] == values["source"]
        for name, key in (("Valeur de référence", "valeur_reference"), ("Cible", "cible")):
            assert fields[name] == f"{french(values[key]['valeur'], values['unite'])} ({values[key]['annee']})"
        assert NO_VALUE not in text(article)


def test_the_chart_has_one_point_per_value_a_description_and_the_target(site: Path,
                                                                          tracked: dict[str, dict]) -> None:
    for id_, values in tracked.items():
        svg = page(site, f"indicateurs/{id_}/").select_one("article .crte-graphique svg")
        assert svg["role"] == "img" and not svg.find_all("script")
        title, desc = svg.find("title"), svg.find("desc")
        assert svg["aria-labelledby"].split() == [title["id"], desc["id"]]
        ms = measures(values)
        points = svg.select("circle.crte-courbe-point")
        assert len(points) == len(ms), id_
        # Every value in words, its unit after it.
        said = text(desc)
        for m in ms:
            assert f"{french(m['valeur'], values['unite'])} en {m['annee']}" in said, (id_, said)
        assert f"Cible : {french(values['cible']['valeur'], values['unite'])} en {values['cible']['annee']}" in said
        # Left to right in time; higher values higher up (smaller y).
        xs = [Decimal(p["cx"]) for p in points]
        ys = [Decimal(p["cy"]) for p in points]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
        vs = [Decimal(m["valeur"]) for m in ms]
        for i in range(len(ms)):
            for j in range(len(ms)):
                if vs[i] > vs[j]:
                    assert ys[i] < ys[j], id_
        # The target, a line across the chart, at its place among the values.
        target = svg.select("line.crte-courbe-cible")
        assert len(target) == 1, id_
        ty, cible = Decimal(target[0]["y1"]), Decimal(values["cible"]["valeur"])
        assert ty == Decimal(target[0]["y2"])
        assert all((ty < y) == (cible > v) for y, v in zip(ys, vs) if v != cible), id_
        assert len(svg.select("line.crte-courbe-reference")) == 1


def test_the_trend_in_words_matches_the_data(site: Path, tracked: dict[str, dict]) -> None:
    seen = set()
    for id_, values in tracked.items():
        ref, cible = Decimal(values["valeur_reference"]["valeur"]), Decimal(values["cible"]["valeur"])
        last = measures(values)[-1]
        p = ((Decimal(last["valeur"]) - ref) * 100 / (cible - ref)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        words = "vers la cible" if p > 0 else "s'en éloigne" if p < 0 else "stable"
        seen.add(words)
        said = text(page(site, f"indicateurs/{id_}/").select_one("article"))
        assert f"Tendance : {words}. La dernière valeur ({french(last['valeur'], values['unite'])} " \
               f"en {last['annee']})" in said, id_
        assert f"{str(p).replace('.', ',')} % du chemin entre la référence " \
               f"({french(values['valeur_reference']['valeur'], values['unite'])} " \
               f"en {values['valeur_reference']['annee']}) et la cible" in said, id_
    assert "vers la cible" in seen


def test_a_value_more_than_two_years_old_is_flagged(site: Path, tracked: dict[str, dict]) -> None:
    for id_, values in tracked.items():
        article = page(site, f"indicateurs/{id_}/").select_one("article")
        warning = article.select_one(".admonition.warning")
        if old(values):
            assert warning is not None and text(warning.select_one(".admonition-title")) == "Valeur ancienne", id_
            assert f"date de {measures(values)[-1]['annee']}" in text(warning)
        else:
            assert warning is None and "valeur ancienne" not in text(article).lower(), id_


def test_the_page_links_the_actions_it_follows(site: Path, tracked: dict[str, dict]) -> None:
    followed = {id_: v["actions"] for id_, v in tracked.items() if v.get("actions")}
    assert followed
    for id_, actions in followed.items():
        here = site / "indicateurs" / id_ / "index.html"
        links = page(site, f"indicateurs/{id_}/").select("article ul a[href*='actions/']")
        assert [a["href"] for a in links] == [f"../../actions/{a}/" for a in actions]
        assert all(resolves(site, here, a["href"]) for a in links)


@pytest.fixture(scope="module")
def views(example_project: Path) -> Views:
    return Views(load(example_project / EXAMPLE, EXAMPLE))


def test_every_trend_is_said_in_words(views: Views) -> None:
    # The example's values all go towards their target: the other cases, on a copy of one.
    ip = next(p for p in indicator_pages(views, dt.date(2026, 1, 1)) if p.id == "o4-taux-chomage")
    values = ip.values
    assert (values.valeur_reference.valeur, values.cible.valeur) == (Decimal("38.1"), Decimal("50.1"))

    def said(last: str, **changes: object) -> str:
        mesures = (*values.mesures[:-1], values.mesures[-1].model_copy(update={"valeur": Decimal(last)}))
        copy = values.model_copy(update={"mesures": mesures, **changes})
        return dataclasses.replace(ip, series=dataclasses.replace(ip.series, values=copy)).trend

    assert said("36.9").startswith("Tendance : s'en éloigne. La dernière valeur (36,9\xa0% en 2024) s'écarte de la "
                                   "cible : -10,0\xa0% du chemin entre la référence (38,1\xa0% en 2020) et la cible")
    assert said("38.1").startswith("Tendance : stable. La dernière valeur (38,1\xa0% en 2024) est égale à la valeur "
                                   "de référence : 0,0\xa0% du chemin")
    assert said("50.1").endswith("100,0\xa0% du chemin entre la référence (38,1\xa0% en 2020) et la cible "
                                 "(50,1\xa0% en 2026). La cible est atteinte.")
    assert said("44", cible=None) == "Sans cible publiée, la progression vers la cible n'est pas calculée."
    assert said("44", valeur_reference=None).startswith("Sans valeur de référence publiée")


def test_the_chart_geometry_of_a_single_value_and_of_a_period(views: Views) -> None:
    values = next(s.values for s in views.suivi.indicators if s.indicator.id == "o4-taux-chomage")
    one = chart(values.model_copy(update={"valeur_reference": None, "cible": None, "mesures": values.mesures[:1]}))
    assert one is not None and len(one.points) == 1 and one.reference is None and one.cible is None
    assert Chart.LEFT < one.points[0].x < Chart.WIDTH - Chart.RIGHT and Chart.TOP <= one.points[0].y <= one.axis_y
    period = values.mesures[0].model_copy(update={"annee": "2021-2022"})
    two = chart(values.model_copy(update={"mesures": (period, *values.mesures[2:])}))
    x = {p.mesure.annee: p.x for p in two.points}
    assert x["2021-2022"] < x["2023"] and [y.annee for y in two.years][:2] == ["2020", "2021-2022"]
    assert chart(values.model_copy(update={"mesures": ()})) is None


def test_the_page_links_the_actions_that_list_it(views: Views) -> None:
    # No action of the data lists an indicator yet: one is given one here.
    indicator = "o4-taux-chomage"
    first = views.crte.actions[0]
    views = copy.copy(views)  # the module's views stay as loaded
    views.crte = dataclasses.replace(views.crte, actions=(first.model_copy(update={"indicateurs": (indicator,)}),
                                                         *views.crte.actions[1:]))
    content = next(p.content for p in generate(views, SITE_URL) if p.src_uri == f"indicateurs/{indicator}.md")
    section = content.split("## Actions", 1)[1]
    assert "qui se rattachent à cet indicateur" in section and f"(../actions/{first.id}.md)" in section


# --- Without values ----------------------------------------------------------------------------

def test_an_indicator_without_values_says_so_and_shows_no_table(site: Path, tracked: dict[str, dict],
                                                                catalogue: list[str]) -> None:
    without = [i for i in catalogue if i not in tracked]
    assert len(without) == len(catalogue) - 32
    for id_ in without:
        article = page(site, f"indicateurs/{id_}/").select_one("article")
        assert NO_VALUE in text(article), id_
        assert article.select("table") == [] and article.select("svg[role=img]") == []
        assert not re.search(r"(?<![\d,])0(?![\d,])", text(article.select_one("dl.crte-champs")))


# --- The catalogue -----------------------------------------------------------------------------

def test_the_catalogue_shows_each_last_value_and_links_each_page(site: Path, tracked: dict[str, dict],
                                                                 catalogue: list[str]) -> None:
    html = page(site, "indicateurs/")
    here = site / "indicateurs" / "index.html"
    article = text(html.select_one("article"))
    assert f"32 indicateurs sur {len(catalogue) + 1} ont au moins une valeur publiée" in article  # +1: avenant 1
    for id_ in catalogue:
        li = html.find(id=id_)
        assert li is not None and li.name == "li"  # the anchor partners link to
        assert li.a["href"] == f"{id_}/" and resolves(site, here, li.a["href"])
        if id_ in tracked:
            values = tracked[id_]
            last = measures(values)[-1]
            expected = f"Dernière valeur : {french(last['valeur'], values['unite'])} ({last['annee']})"
            assert expected in text(li), (id_, text(li))
            assert ("valeur ancienne" in text(li)) == old(values)
        else:
            assert "aucune valeur publiée" in text(li)


# --- Open data ---------------------------------------------------------------------------------

def test_mesures_csv_has_one_row_per_value_of_the_example(site: Path, tracked: dict[str, dict]) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "donnees" / "mesures.csv").read_text(encoding="utf-8"))))
    expected = []
    for id_, v in tracked.items():
        expected.append((id_, v["valeur_reference"]["annee"], v["valeur_reference"]["valeur"], "référence"))
        expected += [(id_, m["annee"], m["valeur"], "mesure") for m in v["mesures"]]
        expected.append((id_, v["cible"]["annee"], v["cible"]["valeur"], "cible"))
    assert sorted((r["indicateur"], r["annee"], r["valeur"], r["type"]) for r in rows) == sorted(expected)
    assert all(r["unite"] == tracked[r["indicateur"]]["unite"] and r["source"] == tracked[r["indicateur"]]["source"]
               for r in rows)
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "mesures.csv")
    assert [f["name"] for f in resource["schema"]["fields"]] == list(rows[0]) == \
        ["indicateur", "orientation", "annee", "valeur", "unite", "source", "type"]
    sheet = openpyxl.load_workbook(site / "donnees" / "maquette-financiere.xlsx")["Indicateurs (valeurs)"]
    assert sheet.max_row == len(expected) + 1


# --- The real data: no value yet ---------------------------------------------------------------

def test_the_real_data_publishes_no_value(real_site: Path, catalogue: list[str]) -> None:
    html = page(real_site, "indicateurs/")
    first = html.select_one("article p")
    assert text(first).startswith("Aucune valeur publiée à ce jour")
    for id_ in catalogue:
        assert "aucune valeur publiée" in text(html.find(id=id_))
        article = page(real_site, f"indicateurs/{id_}/").select_one("article")
        assert NO_VALUE in text(article) and article.select("table") == [] and article.select("svg[role=img]") == []
    assert (real_site / "donnees" / "mesures.csv").read_text(encoding="utf-8") == \
        "indicateur,orientation,annee,valeur,unite,source,type\n"
