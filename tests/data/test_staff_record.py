"""The staff record of tests/fixtures/staff-record/ (which `make test-staff-record` puts in
data/ of a clean copy of HEAD before running the whole suite): complete, and valid."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from crte.data.loader import load
from crte.views.views import Views

from ..conftest import FUNDERS, ROOT, SOURCE, STAFF_RECORD, copy_signed
from ..staff_record import overlay

# The funders' referential as the repository first published it (data/suivi/financeurs.yaml).
REFERENTIAL = {"etat", "region-hauts-de-france", "departement-pas-de-calais", "feder", "banque-des-territoires",
               "ademe", "anah", "anru", "caf", "cahc", "communes"}
KINDS = ("ajouter_action", "modifier_action", "abandonner_action", "ajouter_chantier", "ajouter_fiche", "renommer",
         "modifier_article", "ajouter_indicateur")


def record_data(tmp_path: Path) -> Path:
    data = copy_signed(tmp_path / "data")
    overlay(data)
    return data


def test_the_record_holds_every_kind_the_guide_describes() -> None:
    decisions = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                 for p in sorted((STAFF_RECORD / "decisions").glob("*.yaml"))}
    changes = [(d["instance"], kind, v) for d in decisions.values() for c in d["changements"] for kind, v in c.items()]
    assert {kind for _, kind, _ in changes} == set(KINDS)
    assert {"comité de pilotage", "avenant"} == {d["instance"] for d in decisions.values()}
    assert any(kind == "modifier_article" and body == "avenant" for body, kind, _ in changes)
    assert any(kind == "modifier_action" and "cout_total" in v and v.get("motif") for _, kind, v in changes)
    added = {v["id"] for _, kind, v in changes if kind == "ajouter_action"}
    tracked = {p.stem for p in (STAFF_RECORD / "suivi" / "actions").glob("*.yaml")}
    assert added & tracked, "the tracking of an action added by a decision"
    measured = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in (STAFF_RECORD / "suivi" / "indicateurs").glob("*.yaml")}
    new_indicators = {v["indicateur"]["id"] for _, kind, v in changes if kind == "ajouter_indicateur"}
    assert new_indicators & set(measured) and all(m["mesures"] for m in measured.values())
    funders = {f["slug"] for f in yaml.safe_load(FUNDERS.read_text(encoding="utf-8"))["financeurs"]}
    lines = {ln["financeur"] for p in (STAFF_RECORD / "suivi" / "actions").glob("*.yaml")
             for ln in yaml.safe_load(p.read_text(encoding="utf-8")).get("financements", ())}
    assert (funders - REFERENTIAL) & lines, "a funder that staff added, named by a financing line"
    assert any(yaml.safe_load(p.read_text(encoding="utf-8")).get("leviers")
               for p in (STAFF_RECORD / "suivi" / "actions").glob("*.yaml")), "the SGPE levers of an action"


def test_the_record_is_valid_as_make_check_sees_it(tmp_path: Path) -> None:
    views = Views(load(record_data(tmp_path), source=SOURCE))
    assert len(views.decisions) == 3
    # One action added to orientation 1, which has no ENJEU label in the annex: filed by its chantier.
    legumerie = views.state.actions["legumerie-restauration-collective"]
    assert (legumerie.orientation, legumerie.enjeu) == (1, None)
    assert views.orientations[1].totaux.cout_total == Decimal("780000.00") + Decimal("650000.00")
    assert views.status("zec-la-chapelle").abandoned_by is not None
    assert views.status("courant-de-la-motte").history[0].motif.startswith("Les études de sol")


def test_the_overlay_replaces_the_living_layers_only(tmp_path: Path) -> None:
    data = copy_signed(tmp_path / "data")
    (data / "decisions").mkdir()
    (data / "decisions" / "README.md").write_text("Notes.", encoding="utf-8")
    (data / "decisions" / "2024-06-18-comite-de-pilotage.yaml").write_text("une décision de staff", encoding="utf-8")
    (data / "suivi" / "actions").mkdir(parents=True)
    (data / "suivi" / "actions" / "cite-darcy.yaml").write_text("etapes: []", encoding="utf-8")
    overlay(data)
    assert sorted(p.name for p in (data / "decisions").iterdir()) == \
        sorted(["README.md", *(p.name for p in (STAFF_RECORD / "decisions").glob("*.yaml"))])
    assert (data / "decisions" / "2024-06-18-comite-de-pilotage.yaml").read_bytes() == \
        (STAFF_RECORD / "decisions" / "2024-06-18-comite-de-pilotage.yaml").read_bytes()
    assert not (data / "suivi" / "actions" / "cite-darcy.yaml").exists()
    assert (data / "actions.yaml").read_bytes() == (ROOT / "data" / "actions.yaml").read_bytes()
