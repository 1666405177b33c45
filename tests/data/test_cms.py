"""The browser editor's configuration (Decap CMS, /edition/config.yml) is generated from
the record declarations (crte/data/cms.py) and the loaded data (crte/outputs/edition.py):
every declared field of the living layer has its form field, the signed layer has none,
the allowed values are those of the contract in force, the repository is the one of
the pages' edit links. The editor itself is driven in Chromium in
tests/site/test_edition.py."""
from __future__ import annotations

from typing import Any

import pytest
import yaml

from crte.data.cms import FILE_FIELD, LEFT_OUT, REFERENCES, TYPE_KEY, label
from crte.data.decisions import Change, Decision
from crte.data.loader import load
from crte.data.model import DECISIONS, FILES, TRACKING
from crte.data.record import Record, declared, record_type
from crte.data.tracking import STATUSES
from crte.outputs import edition
from crte.views.views import Views

from ..conftest import ROOT

EXAMPLE = ROOT / "examples" / "contrat-vivant"
GITHUB = "https://github.com/cahc/crte-henin-carvin/edit/main/"


@pytest.fixture(scope="module")
def example() -> Views:
    return Views(load(EXAMPLE, "examples/contrat-vivant"))


@pytest.fixture(scope="module")
def cfg(example: Views) -> dict[str, Any]:
    built = edition.config(example, "examples/contrat-vivant", "https://exemple.fr/", GITHUB, {})
    # What the page reads is the YAML text the build writes.
    return yaml.safe_load(edition.config_text(built))


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for i in items}


def assert_declared(cls: type[Record], form: list[dict[str, Any]], within_optional: bool = False) -> None:
    """Each declared field of `cls` is a form field, required as declared, hinted by its description."""
    fields = by_name(form)
    expected = [n for n in cls.model_fields if (cls.__name__, n) not in LEFT_OUT]
    assert [f for f in fields if f != FILE_FIELD] == expected, cls.__name__
    for name in expected:
        info, field = cls.model_fields[name], fields[name]
        assert field["label"] == label(name)
        assert field["hint"].startswith(info.description), (cls.__name__, name)
        assert field.get("required", True) is (info.is_required() and not within_optional), (cls.__name__, name)
        inner, _, many = declared(info)
        sub = record_type(inner)
        if sub is Change:
            kinds = by_name(field["types"])
            assert field["typeKey"] == TYPE_KEY and list(kinds) == list(Change.model_fields)
            for kind, info_kind in Change.model_fields.items():
                assert_declared(record_type(declared(info_kind)[0]), kinds[kind]["fields"])
        elif sub is not None and (cls.__name__, name) not in REFERENCES:
            assert_declared(sub, field["fields"], within_optional or not (info.is_required() or many))


def test_every_declared_field_of_the_living_layer_has_its_form_field(cfg: dict[str, Any]) -> None:
    cols = by_name(cfg["collections"])
    assert list(cols) == [DECISIONS.key, *(t.key for t in TRACKING[2:]), *(t.key for t in TRACKING[:2])]
    for spec in (DECISIONS, *TRACKING):
        col = cols[spec.key]
        assert_declared(spec.record, col["fields"] if "fields" in col else col["files"][0]["fields"])
    date = by_name(cols[DECISIONS.key]["fields"])["date"]
    assert (date["widget"], date["date_format"], date["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    step = by_name(by_name(cols["suivi-action"]["fields"])["etapes"]["fields"])
    assert step["statut"]["options"] == list(STATUSES)
    assert (step["avancement"]["value_type"], step["avancement"]["min"], step["avancement"]["max"]) == ("int", 0, 100)
    assert step["depense"]["pattern"][0] == "^(0|[1-9][0-9]{0,9})(\\.[0-9]{1,2})?$"
    # A block left empty is not checked by the form (Decap would refuse it): make check does.
    where = by_name(by_name(cols[DECISIONS.key]["fields"])["changements"]["types"])["ajouter_action"]["fields"]
    assert by_name(by_name(where)["localisation"]["fields"])["source"]["required"] is False


def test_the_signed_layer_is_not_editable_and_files_are_named_as_the_loader_reads_them(cfg: dict[str, Any]) -> None:
    folder = "examples/contrat-vivant"
    places = {c["name"]: c.get("folder") or c["files"][0]["file"] for c in cfg["collections"]}
    assert places == {"decision": f"{folder}/decisions", "suivi-action": f"{folder}/suivi/actions",
                      "suivi-indicateur": f"{folder}/suivi/indicateurs",
                      "tableau-de-bord": f"{folder}/suivi/tableau-de-bord.yaml",
                      "financeurs": f"{folder}/suivi/financeurs.yaml"}
    assert not {f"{folder}/{spec.name}" for spec in FILES} & set(places.values())
    cols = by_name(cfg["collections"])
    assert cols["decision"]["slug"] == "{{fields.date}}-{{fields.instance}}"  # data/decisions/<date>-<instance>.yaml
    assert cols["suivi-action"]["slug"] == "{{fields." + FILE_FIELD + "}}"  # data/suivi/actions/<id>.yaml
    assert cfg["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert all(c["extension"] == "yaml" and c["delete"] is False for c in cfg["collections"])
    assert cols["decision"]["crte_entete"] == "# yaml-language-server: $schema=../../../schemas/decision.schema.json"
    assert cfg["publish_mode"] == "editorial_workflow"


def options(field: dict[str, Any]) -> list[Any]:
    return [o["value"] if isinstance(o, dict) else o for o in field["options"]]


def test_allowed_values_are_those_of_the_contract_in_force(cfg: dict[str, Any], example: Views) -> None:
    cols = by_name(cfg["collections"])
    kinds = by_name(by_name(cols["decision"]["fields"])["changements"]["types"])
    actions = options(by_name(kinds["modifier_action"]["fields"])["action"])
    assert actions == [a.id for a in example.crte.actions]
    assert "piste-cyclable-rouvroy-drocourt" in actions  # added by a decision of the example
    assert "lecture-spectacle" not in actions  # abandoned by one
    assert options(by_name(cols["suivi-action"]["fields"])[FILE_FIELD]) == actions
    added = by_name(kinds["ajouter_action"]["fields"])
    assert options(added["chantier"]) == [c.numero for c in example.crte.chantiers]
    assert 8 in options(added["chantier"])  # a chantier added by a decision
    assert options(added["fiche"]) == [f.numero for f in example.crte.fiches]
    assert options(by_name(added["localisation"]["fields"])["communes"]) == [c.slug for c in example.crte.communes]
    assert by_name(added["localisation"]["fields"])["communes"]["multiple"] is True
    lines = by_name(by_name(cols["suivi-action"]["fields"])["financements"]["fields"])
    assert options(lines["financeur"]) == [f.slug for f in example.signed_suivi.funders.financeurs]
    assert options(by_name(cols["suivi-indicateur"]["fields"])[FILE_FIELD]) == [i.id for i in example.crte.indicators]


def test_every_reference_names_a_declared_field() -> None:
    seen: dict[str, type[Record]] = {}

    def walk(cls: type[Record]) -> None:
        if cls.__name__ not in seen:
            seen[cls.__name__] = cls
            for info in cls.model_fields.values():
                if (sub := record_type(declared(info)[0])) is not None:
                    walk(sub)
    for spec in (DECISIONS, *TRACKING):
        walk(spec.record)
    for cls_name, name in (*REFERENCES, *LEFT_OUT):
        assert name in seen[cls_name].model_fields, (cls_name, name)
    assert seen["Decision"] is Decision


@pytest.mark.parametrize(("uri", "env", "expected"), [
    (GITHUB, {}, {"name": "github", "repo": "cahc/crte-henin-carvin", "branch": "main"}),
    (GITHUB, {edition.AUTH: "https://auth.exemple.fr/"},
     {"name": "github", "repo": "cahc/crte-henin-carvin", "branch": "main", "base_url": "https://auth.exemple.fr"}),
    ("https://gitlab.com/cahc/sites/crte/-/edit/main/", {edition.APP_ID: "abc123"},
     {"name": "gitlab", "repo": "cahc/sites/crte", "branch": "main", "auth_type": "pkce", "app_id": "abc123"}),
    ("https://git.agglo.fr/cahc/crte/-/edit/publication/", {},
     {"name": "gitlab", "repo": "cahc/crte", "branch": "publication", "api_root": "https://git.agglo.fr/api/v4",
      "base_url": "https://git.agglo.fr"}),
])
def test_the_repository_is_the_one_of_the_edit_links(uri: str, env: dict[str, str], expected: dict[str, str]) -> None:
    assert edition.backend(uri, env) == expected


def test_an_edit_address_of_no_known_platform_is_refused_in_french() -> None:
    with pytest.raises(edition.EditionError) as err:
        edition.backend("https://exemple.fr/depot/", {})
    assert str(err.value).startswith("CRTE_EDIT_URI « https://exemple.fr/depot/ » : l'éditeur du navigateur "
                                     "(/edition/) attend l'adresse d'édition d'un dépôt GitHub")


def test_search_engines_are_asked_not_to_index_the_editor() -> None:
    assert edition.robots("https://exemple.fr/crte/") == ("User-agent: *\nDisallow: /crte/edition/\n\n"
                                                          "Sitemap: https://exemple.fr/crte/sitemap.xml\n")
    html = (ROOT / "templates" / "edition.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_the_local_back_end_is_on_loopback(example: Views) -> None:
    built = edition.config(example, "data", "https://exemple.fr/", GITHUB, {})
    assert built["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    built = edition.config(example, "data", "https://exemple.fr/", GITHUB, {edition.LOCAL: "http://127.0.0.1:9/api/v1"})
    assert built["local_backend"] == {"url": "http://127.0.0.1:9/api/v1"}
