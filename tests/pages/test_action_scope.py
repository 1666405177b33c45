"""An action's page reads only what its key covers (crte/pages/action_scope.py): under
`make serve`, the pages whose key did not change are taken from the previous build
(`generate(memo=...)`). For an edit of every kind of record, the pages generated with the
memo are those generated without it, and only the pages of the records edited are made
again (an action's, an indicator's); a template reading what the key does not cover fails."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from crte.data.loader import load
from crte.dates import build_date
from crte.pages.action_scope import (
    ACTION_VIEW_FIELDS,
    ActionTracking,
    ActionViews,
    ContractScope,
    Memo,
    ScopeError,
    SignedScope,
)
from crte.pages.pages import GeneratedPage, generate, make_environment
from crte.views.indicator_view import indicator_pages as views_of
from crte.views.views import ActionView, Views

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "contrat-vivant"
ACTION = "voie-albert-carre"  # a decision and a tracking file of the example name it
TRACKED = f"suivi/actions/{ACTION}.yaml"
DECISION = "decisions/2022-06-14-comite-de-pilotage.yaml"
INDICATOR = "o1-donnees-observatoire-economique-nombre-entreprises"  # a tracking file of the example
ADDED = "piste-cyclable-rouvroy-drocourt"  # by DECISION
SITE = "https://crte.exemple.fr/"

# Edits of the example's own files: (file of the data folder, text, replacement, the action
# pages made again: None for « some »).
TEXT_EDITS = [
    # the decision also adds an action, whose page names it
    (DECISION, 'cout_total: "2100000.00"', 'cout_total: "2100500.00"', {ACTION, ADDED}),
    (DECISION, "Le diagnostic des réseaux impose", "Le diagnostic des réseaux, revu, impose", {ACTION, ADDED}),
    (TRACKED, "avancement: 45", "avancement: 55", {ACTION}),
    (TRACKED, "Convention départementale (exemple fictif)", "Convention du Département (exemple fictif)", {ACTION}),
    ("suivi/tableau-de-bord.yaml", "comité technique du 15 octobre 2025", "comité technique du 16 octobre 2025",
     set()),
    (f"suivi/indicateurs/{INDICATOR}.yaml", "valeur: '138'", "valeur: '139'", set()),
]


def _chosen(views: Views) -> dict[str, tuple[object, str, set[str] | None]]:
    """Edits of the files the example shares with data/, chosen in the data as it is
    (whatever data/ holds): {name: (record, field, the action pages made again)}."""
    middle = next(av for av in views.action_list() if av.precedente and av.suivante)
    tracking = views.signed_suivi
    funders = tracking.funders.financeurs if tracking and tracking.funders else ()
    chosen: dict[str, tuple[object, str, set[str] | None]] = {
        "description": (views.signed_action[ACTION], "description", {ACTION}),
        # a title: the neighbours' pages hold it (precedente, suivante)
        "titre": (middle.action, "titre", {middle.action.id, middle.precedente.id, middle.suivante.id}),
        "commune": (views.crte.communes[0], "nom", None),
        "orientation": (views.crte.orientations[0], "titre", None),
        "territoire": (views.territory, "sigle", None),
        "indicateur": (views.crte.indicators[0], "libelle", None),
    }
    if views.signed.glossaire:
        chosen["glossaire"] = (views.signed.glossaire[0], "definition", None)
    if funders:
        chosen["financeur"] = (funders[0], "nom", None)
    return chosen


def _folder(tmp: Path) -> Path:
    """The example as plain files (its links followed), with the glossary of data/."""
    folder = tmp / "donnees"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(EXAMPLE, folder, symlinks=False)
    shutil.copy(ROOT / "data" / "glossaire.yaml", folder / "glossaire.yaml")
    return folder


def _replace(folder: Path, name: str, old: str, new: str, line: int | None = None) -> None:
    # `old` replaced once: on its 1-based `line` when given.
    lines = (folder / name).read_text("utf-8").splitlines(keepends=True)
    at = range(len(lines)) if line is None else [line - 1]
    index = next((i for i in at if old in lines[i]), None)
    assert index is not None, (name, line, old)
    lines[index] = lines[index].replace(old, new, 1)
    (folder / name).write_text("".join(lines), "utf-8")


def _views(folder: Path) -> Views:
    return Views(load(folder, "donnees", root=folder))  # no sources/: the signed layer is not compared


def _remade(pages: list[GeneratedPage], memo: Memo, folder: str = "actions") -> set[str]:
    """The ids of the pages of `folder` (action pages, indicator pages) not taken from the memo."""
    kept = {id(page) for _, page in memo.values()}
    return {p.src_uri.removeprefix(f"{folder}/").removesuffix(".md") for p in pages
            if p.src_uri.startswith(f"{folder}/") and id(p) not in kept}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Views, Memo]:
    tmp = tmp_path_factory.mktemp("scope")
    memo: Memo = {}
    views = _views(_folder(tmp))
    generate(views, SITE, memo=memo)
    return tmp, views, memo


def _check(tmp: Path, memo: Memo, folder: Path, remade: set[str] | None) -> set[str]:
    # The pages with the memo are those without; the action pages made again are `remade`;
    # returns the indicator pages made again.
    views = _views(folder)
    with_memo = generate(views, SITE, memo=dict(memo))
    assert with_memo == generate(views, SITE)  # what a full build makes
    made = _remade(with_memo, memo)
    if remade is None:  # a record many pages show
        assert made, "aucune page d'action refaite"
    else:
        assert made == remade
    return _remade(with_memo, memo, "indicateurs")


@pytest.mark.parametrize("edit", TEXT_EDITS, ids=[f"{e[0]}:{e[2][:24]}" for e in TEXT_EDITS])
def test_an_edit_of_the_example_remakes_its_pages_only(base: tuple[Path, Views, Memo], edit: tuple) -> None:
    tmp, _, memo = base
    name, old, new, remade = edit
    folder = _folder(tmp)
    _replace(folder, name, old, new)
    indicators = _check(tmp, memo, folder, remade)
    # An indicator's page shows its values and its actions: made again when those change, not when
    # another indicator's do (it does not read the catalogue).
    if name.startswith("suivi/indicateurs/"):
        assert indicators == {INDICATOR}
    elif name == "suivi/tableau-de-bord.yaml":
        assert indicators == set()
    elif name == DECISION:
        ips = views_of(_views(folder), build_date())
        assert indicators <= {ip.id for ip in ips if {a.id for a in (*ip.suivies, *ip.rattachees)} & {ACTION, ADDED}}


@pytest.mark.parametrize("kind", ["description", "titre", "commune", "orientation", "territoire", "indicateur",
                                  "glossaire", "financeur"])
def test_an_edit_of_a_record_remakes_the_pages_that_show_it(base: tuple[Path, Views, Memo], kind: str) -> None:
    tmp, views, memo = base
    chosen = _chosen(views)
    if kind not in chosen:
        pytest.skip(f"pas de {kind} dans les données")
    record, field, remade = chosen[kind]
    where = record.where_of(field)  # type: ignore[attr-defined]
    value = getattr(record, field)
    folder = _folder(tmp)
    _replace(folder, where.file.removeprefix("donnees/"), value, f"{value[:-1]}X{value[-1]}", where.line)
    _check(tmp, memo, folder, remade)


def test_the_key_covers_every_field_of_an_action_view() -> None:
    # Keys.page lists ActionView's fields: a new field must be digested there too.
    assert tuple(f.name for f in dataclasses.fields(ActionView)) == ACTION_VIEW_FIELDS


@pytest.mark.parametrize(("source", "error"), [
    ("{{ v.totaux }}", ScopeError), ("{{ v.status('cite-declercq') }}", ScopeError), ("{{ suivi.board }}", ScopeError),
    ("{{ suivi.progress('cite-declercq') }}", ScopeError), ("{{ crte.actions }}", ScopeError),
    ("{{ crte.colonnes }}", ScopeError), ("{{ v.signed.actions }}", ScopeError),
    ("{% for f in data_files %}{% endfor %}", UndefinedError),
])
def test_a_page_that_reads_beyond_its_scope_fails(tmp_path: Path, source: str, error: type[Exception]) -> None:
    views = _views(_folder(tmp_path))
    env = make_environment(views)
    with pytest.raises(error):
        env.from_string(source).render(v=ActionViews(views, ACTION), suivi=ActionTracking(env.globals["suivi"], ACTION),
                                       crte=ContractScope(views.crte.contract), data_files=env.undefined(name="data_files"))


@pytest.mark.parametrize(("source", "error"), [
    ("{{ v.signed.colonnes }}", ScopeError), ("{{ v.indicator_block }}", ScopeError), ("{{ v.status('x') }}", ScopeError),
    ("{{ indicateurs }}", UndefinedError),  # the catalogue: not in an indicator page's context, nor in its key
])
def test_an_indicator_page_reads_the_signed_contract_only(tmp_path: Path, source: str, error: type[Exception]) -> None:
    views = _views(_folder(tmp_path))
    env = make_environment(views)
    assert env.from_string("{{ v.signed.contract.signature.date }}").render(v=SignedScope(views))
    with pytest.raises(error):
        env.from_string(source).render(v=SignedScope(views))
