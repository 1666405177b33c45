"""Every text is published as text: a hostile value in every plain-text field of
every record (Markdown link syntax, attribute lists, quotes, ampersands, list
markers) goes through validation, and the built site carries no markup that the
templates did not put there.

Two builds of the same data: one where each plain-text value is prefixed with
NEUTRAL, one where it is prefixed with HOSTILE. Both prefixes have the same
letters and digits, so every address (slugs of owners) is the same; if the
values are escaped everywhere, every page has exactly the same tags and
attribute names in both builds. The Markdown fields of the contract (the only
ones that may produce markup) get the same hostile Markdown in both builds:
it must come out without event handlers or `javascript:`/`data:` links.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup

from crte.data.fields import MARKDOWN, TEXT
from crte.data.model import FILES, Crte
from crte.data.record import Record, field_type, record_type, unwrap
from crte.outputs.opendata import FORMULA_START, neutralised

from ..sitebuild import build, copy_project

HOSTILE = '+ *z* [x](data:a){onclick=b} "q" &amp; `c` #'
NEUTRAL = "+ " + re.sub(r"[^A-Za-z0-9]+", " ", HOSTILE).strip() + " "  # sorts like HOSTILE
HOSTILE_MARKDOWN = ("\n\n[lien](data:text/html;base64,AAAA) [autre](JaVaScRiPt&#58;alert(1)) "
                    "{onclick=alert(1)} ![image](https://e.invalid/i.png)")
BAD_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def transform(value: Any, cls: type[Record], prefix: str) -> Any:
    """`value` (a file's YAML as PyYAML reads it) with `prefix` before every plain text."""
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for name, v in value.items():
        info = cls.model_fields[name]
        inner, _, many = unwrap(info.annotation)
        ft = field_type(inner) or next((m for m in info.metadata if m in (TEXT, MARKDOWN)), None)
        sub = record_type(inner)
        if sub is not None:
            out[name] = [transform(x, sub, prefix) for x in v] if many else transform(v, sub, prefix)
        elif ft is TEXT:
            out[name] = [prefix + x for x in v] if many else prefix + v
        elif ft is MARKDOWN:
            out[name] = v + HOSTILE_MARKDOWN
    return out


def site_with(tmp: Path, prefix: str) -> Path:
    project = copy_project(tmp / "p")
    for spec in FILES:
        path = project / "data" / spec.name
        doc = transform(yaml.safe_load(path.read_text(encoding="utf-8")), spec.record, prefix)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10000), encoding="utf-8")
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return (site_with(tmp_path_factory.mktemp("neutre"), NEUTRAL),
            site_with(tmp_path_factory.mktemp("hostile"), HOSTILE))


def skeleton(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [(t.name, tuple(sorted(t.attrs))) for t in soup.find_all(True)]


def test_the_hostile_values_reach_the_pages_as_written(sites: tuple[Path, Path], crte: Crte) -> None:
    _, hostile = sites
    action = next(a for a in crte.actions if a.id == "cite-declercq")
    text = (hostile / "actions" / "cite-declercq" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    assert soup.h1.get_text().rstrip("¶") == HOSTILE + action.titre
    assert soup.title.get_text().startswith(HOSTILE + action.titre)
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith(HOSTILE + action.titre + " : ")
    assert soup.select_one("#description + p").get_text() == HOSTILE + action.description


def test_no_page_has_markup_that_the_templates_did_not_write(sites: tuple[Path, Path]) -> None:
    neutral, hostile = sites
    pages = sorted(p.relative_to(neutral) for p in neutral.rglob("*.html"))
    assert len(pages) > 60
    assert pages == sorted(p.relative_to(hostile) for p in hostile.rglob("*.html"))
    different = [str(p) for p in pages if skeleton(neutral / p) != skeleton(hostile / p)]
    assert different == []


def test_no_event_handler_and_no_dangerous_link_anywhere(sites: tuple[Path, Path]) -> None:
    _, hostile = sites
    for path in hostile.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag)
            for attr in ("href", "src", "action", "formaction", "xlink:href"):
                assert not BAD_URL.match(str(tag.get(attr, ""))), (path, tag)
        assert not soup.find_all("img", src=re.compile("e.invalid")), path


# --- Open data cannot carry formulas ---------------------------------------------------------------

FORMULA = '=HYPERLINK("http://e.invalid","x") '


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_with(tmp_path_factory.mktemp("formule"), FORMULA)


def test_no_csv_text_cell_starts_a_formula(formula_site: Path) -> None:
    package = json.loads((formula_site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for resource in package["resources"]:
        if resource["format"] != "csv":
            continue
        text = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "string"}
        rows = csv.DictReader(io.StringIO((formula_site / "donnees" / resource["path"]).read_text(encoding="utf-8")))
        for row in rows:
            for name, value in row.items():
                assert not value.startswith(FORMULA_START), (resource["path"], name, value)
                if name in text and value.startswith("'="):
                    assert value == "'" + FORMULA + value[len(FORMULA) + 1:]
                    checked += 1
    assert checked > 24 * 5


def test_no_spreadsheet_cell_is_a_formula(formula_site: Path) -> None:
    workbook = openpyxl.load_workbook(formula_site / "donnees" / "maquette-financiere.xlsx")
    texts = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                texts += isinstance(cell.value, str) and cell.value.startswith(FORMULA)
    assert texts > 24 * 5  # the text is kept as written, as text


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(first: str) -> None:
    assert neutralised(first + "1+1") == "'" + first + "1+1"
    assert neutralised("Texte " + first) == "Texte " + first
