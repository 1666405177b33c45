"""/actions/<id>.json carries what the action's page shows (crte/outputs/action_file.py): its
tracking (status, progress, spent, financing lines), the date of the data, the licence and the
source, on the fictitious example (tracking, decisions, an abandoned action). The real site's
files (nothing published): test_links.py."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from crte import routes
from crte.outputs.action_file import KEYS, LINE_COLUMNS, STEP_COLUMNS

from ..sitebuild import page, text


def document(site: Path, action_id: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((site / routes.action_json(action_id)).read_text(encoding="utf-8"),
                                     parse_float=Decimal)
    return doc


def test_a_tracked_action_s_file_has_the_tracking_its_page_shows(example_site: Path) -> None:
    doc = document(example_site, "voie-albert-carre")
    suivi = doc["suivi"]
    assert (suivi["statut"], suivi["date"], suivi["avancement"], suivi["depense"]) == (
        "réalisée", "2024-11-20", 100, Decimal("2050000.00"))
    assert [(e["date"], e["statut"], e["avancement"]) for e in suivi["etapes"]] == [
        ("2022-03-10", "engagée", 10), ("2023-05-10", "en cours", 45), ("2024-11-20", "réalisée", 100)]
    assert [set(e) for e in suivi["etapes"]] == [{c.name for c in STEP_COLUMNS}] * 3
    lines = {(f["financeur"], f["dispositif"], f["demande"], f["accorde"], f["date_accord"])
             for f in suivi["financements"]}
    assert ("etat", "DSIL", Decimal("600000.00"), Decimal("500000.00"), "2022-02-15") in lines
    assert all(set(f) == {c.name for c in LINE_COLUMNS} and f["financeur_nom"] for f in suivi["financements"])
    # The same figures as the page's tracking section.
    section = text(page(example_site, routes.action("voie-albert-carre")).select_one("dl.crte-suivi-action"))
    assert "réalisée" in section and "100 %" in section and "20 novembre 2024" in section, section
    # Its source: the signed annex, and each decision that changed it; the example says it is one.
    assert [d["id"] for d in doc["source"]["decisions"]] == ["2022-06-14-comite-de-pilotage"]
    assert doc["source"]["decisions"][0]["url"] == "https://crte.exemple.fr/evolutions/2022-06-14-comite-de-pilotage/"
    assert doc["exemple"]  # built from a fictitious example: said in the file too
    assert set(doc) >= {k.name for k in KEYS if k.required}
    assert doc["date_donnees"] == "2024-11-20"  # its last tracking step, after the decision of 2022-06-14


def test_an_untracked_and_an_abandoned_action_say_so(example_site: Path) -> None:
    untracked = document(example_site, "chevalements-9-9bis-corps")
    assert untracked["suivi"] is None and untracked["date_donnees"] == "2021-12-13"  # never a zero; as signed
    doc = document(example_site, "lecture-spectacle")
    assert (doc["etat"], doc["date_donnees"]) == ("abandonnée", "2022-11-22")
    assert [(d["id"], d["instance"]) for d in doc["source"]["decisions"]] == [
        ("2022-11-22-comite-de-pilotage", "comité de pilotage")]
    assert doc["source"]["decisions"][0]["document"]["titre"].startswith("Compte rendu du comité de pilotage")
