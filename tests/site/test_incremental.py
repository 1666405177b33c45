"""Under `make serve`, a rebuild redoes only what changed (crte/mkdocs/incremental.py), and
the site it serves is, file for file and byte for byte, the one a full build of the same
files gives, after every edit of a sequence a staff member could make: an action's
description, a decision's amount, a tracking value, a hand-written page, a template, a
data error and its correction, a tracking file removed. The builds run as the server
runs them (tests/incremental_build.py), on the fictitious example (decisions, tracking).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crte import routes

from ..conftest import ROOT
from ..sitebuild import copy_example_project

EXAMPLE = "examples/contrat-vivant"
PAGE = "index.html"  # a route's file in the site
ACTION = "voie-albert-carre"  # a decision and a tracking file of the example name it
DESCRIPTION = "La voie Albert Carré se situe au Nord"
EDITS = [
    {"path": "data/actions.yaml", "old": DESCRIPTION, "new": "La voie Albert Carré, modifiée, se situe au Nord"},
    {"path": f"{EXAMPLE}/decisions/2022-06-14-comite-de-pilotage.yaml", "old": 'cout_total: "2100000.00"',
     "new": 'cout_total: "2100500.00"'},
    {"path": f"{EXAMPLE}/suivi/actions/{ACTION}.yaml", "old": "avancement: 45", "new": "avancement: 55"},
    {"path": "docs/accessibilite.md", "old": "\n", "new": "\n\nUne phrase ajoutée.\n"},
    {"path": "templates/blocks/citation.html", "old": "<dt>Identifiant</dt>", "new": "<dt>Identifiant court</dt>"},
    {"path": f"{EXAMPLE}/suivi/actions/{ACTION}.yaml", "old": "avancement: 55", "new": "avancement: 555"},
    {"path": f"{EXAMPLE}/suivi/actions/{ACTION}.yaml", "old": "avancement: 555", "new": "avancement: 60"},
    # Saved again before the index of the first is written: that one is stopped, not waited for.
    {"path": "data/actions.yaml", "old": "La voie Albert Carré, modifiée,", "new": "La voie Albert Carré, revue,",
     "at_once": True},
    {"path": f"{EXAMPLE}/suivi/actions/{ACTION}.yaml", "old": "avancement: 60", "new": "avancement: 65"},
]
# The steps copied and compared (a step N is the site after EDITS[N - 1]).
STEPS = [n for n in range(len(EDITS) + 1) if not (n and EDITS[n - 1].get("at_once"))]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("incremental")
    project = copy_example_project(tmp / "project")
    out = tmp / "out"
    out.mkdir()
    (tmp / "edits.json").write_text(json.dumps(EDITS), "utf-8")
    env = dict(os.environ, CRTE_DATA=EXAMPLE, CRTE_SERVE_STATE=str(tmp / "state"), NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(ROOT))
    (tmp / "state").mkdir()
    result = subprocess.run([sys.executable, "-m", "tests.incremental_build", str(project), str(out),
                             str(tmp / "edits.json")], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.mark.parametrize("step", STEPS)
def test_the_served_site_is_the_full_build(builds: Path, step: int) -> None:
    served, clean = files(builds / f"step-{step}"), files(builds / f"clean-{step}")
    assert sorted(served) == sorted(clean)
    different = [path for path in served if served[path] != clean[path]]
    assert different == []


@pytest.mark.parametrize("step", STEPS)
def test_each_rebuild_sends_each_page_to_the_index_once(builds: Path, step: int) -> None:
    # The plugin outlives a build under serve: a list of pages kept from one build to the
    # next had sent 2 650, then 5 300, then 7 950 pages at 2 500 actions (same index, 4 s more each time).
    indexed = [p for p in (builds / f"step-{step}").rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert int((builds / f"step-{step}-indexed.txt").read_text()) == len(indexed)


def test_a_rebuild_writes_only_what_changed(builds: Path) -> None:
    first = json.loads((builds / "step-0.json").read_text())
    described = json.loads((builds / "step-1.json").read_text())
    page = json.loads((builds / "step-4.json").read_text())
    assert routes.action(ACTION) + PAGE in described
    assert routes.action("cite-crombez") + PAGE in first and routes.action("cite-crombez") + PAGE not in described
    assert len(described) < len(first) / 3
    assert "accessibilite/index.html" in page and routes.action(ACTION) + PAGE not in page


def test_a_data_error_shows_its_banner_then_goes(builds: Path) -> None:
    # 555 % is refused: every page says so over the last valid data, then no longer.
    for step, banner in ((5, False), (6, True), (7, False)):
        for page in (PAGE, routes.action(ACTION) + PAGE, routes.action("cite-crombez") + PAGE):
            html = (builds / f"step-{step}" / page).read_text("utf-8")
            assert ('class="crte-erreurs"' in html) is banner, (step, page)
    broken = (builds / "step-6" / (routes.action(ACTION) + PAGE)).read_text("utf-8")
    assert "« 555 » n&#39;est pas un pourcentage" in broken
    fixed = (builds / "step-7" / (routes.action(ACTION) + PAGE)).read_text("utf-8")
    assert 'value="60">60 %' in fixed or ">60 %<" in fixed
