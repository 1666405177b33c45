"""The site built from the staff record (tests/fixtures/staff-record/ as data's living layers):
an action added to orientation 1 is counted there, and every change says why."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import feedparser
import pytest

from ..data.test_staff_record import record_data
from ..sitebuild import build, copy_project, page

COPIL = "2024-06-18-comite-de-pilotage"
MOTIF = "Les études de sol imposent un cuvelage du lit sur 400 mètres."


def text(el) -> str:  # noqa: ANN001 - a BeautifulSoup element
    return re.sub(r"\s+", " ", el.get_text(" ", strip=True).replace("\u202f", " ").replace("\xa0", " "))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("temoin") / "p")
    record = record_data(tmp_path_factory.mktemp("donnees"))
    for part in ("decisions", "suivi"):
        (record / part).rename(project / "data" / part)
    out = tmp_path_factory.mktemp("site")
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def row(html, label: str) -> list[str]:  # noqa: ANN001
    return [text(tr) for tr in html.select("article tr") if text(tr).startswith(label)]


def test_orientation_1_counts_the_actions_added_to_it(site: Path) -> None:
    finances = page(site, "finances/")  # both groupings (the home page shows the published one)
    by_label, by_chantier = row(finances, "Orientation 1 :")[:2]
    assert row(page(site, ""), "Orientation 1 :") == [by_label]
    # Filed under orientation 1 by their chantier; the note is about the two signed rows only.
    assert by_label == ("Orientation 1 : Un territoire de renouveau économique Ses chantiers comptent aussi 2 actions,"
                        " que l'annexe 3 range sous l'orientation 4. 2 1 430 000,00 € 234 000,00 € 1 sans part"
                        " indiquée 30,0 %")
    assert by_chantier.startswith("Orientation 1 : Un territoire de renouveau économique Dont 2 actions que l'annexe 3"
                                  " range sous l'orientation 4. 4 3 429 806,00 €")
    [tracking] = row(page(site, "suivi/"), "Orientation 1 :")
    assert tracking.startswith("Orientation 1 : Un territoire de renouveau économique 2 1 430 000,00 € 250 000,00 €")
    listed = [text(a) for a in page(site, "orientations/1/").select("article a[href*='actions/']")]
    assert "Légumerie pour la restauration collective" in listed and "Ressourcerie intercommunale" in listed


def test_an_action_added_to_orientation_1_is_shown_there(site: Path) -> None:
    html = page(site, "actions/legumerie-restauration-collective/")
    assert text(html.select_one("nav.crte-fil li")) == "Orientation 1 : Un territoire de renouveau économique"
    body = text(html.select_one("article"))
    assert "Orientation à vérifier" not in body and "range sous l'orientation" not in body
    assert "Enjeu" not in [text(dt) for dt in html.select("dl.crte-champs dt")]  # no label: none shown


def test_the_motif_is_in_the_history_the_decision_page_the_feed_and_the_open_data(site: Path) -> None:
    history = text(page(site, "actions/courant-de-la-motte/").find(id="historique").find_next("ul"))
    assert ("18 juin 2024 : coût total HT : 4 508 156,00 € → 4 950 000,00 € ( le comité de pilotage du 18 juin 2024 )"
            f" : {MOTIF}") in history
    rows = page(site, f"evolutions/{COPIL}/").select("article table.crte-changements tbody tr")
    cells = next([text(c) for c in r.select("th, td")] for r in rows if "Courant de la Motte" in text(r))
    assert cells[2:] == ["coût total HT", "4 508 156,00 €", "4 950 000,00 €", MOTIF]
    abandoned = next([text(c) for c in r.select("th, td")] for r in rows if "Action abandonnée" in text(r))
    assert abandoned[-1] == "Le syndicat mixte porte la zone d'expansion des crues hors CRTE."
    entry = next(e for e in feedparser.parse((site / "evolutions" / "atom.xml").read_bytes()).entries
                 if e.id.endswith(f"/{COPIL}/"))
    assert f"Motif (Reconquête hydraulique et environnementale du Courant de la Motte) : {MOTIF}" in \
        entry.summary.split("\n")
    evolutions = list(csv.DictReader(io.StringIO((site / "donnees" / "evolutions.csv").read_text(encoding="utf-8"))))
    changed = next(r for r in evolutions if r["action"] == "courant-de-la-motte")
    assert (changed["champ"], changed["motif"]) == ("cout_total", MOTIF)
