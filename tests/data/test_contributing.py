"""The error messages quoted in CONTRIBUTING.md are the tool's real output, with
today's line numbers: redo the edits it describes and compare."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from crte.data.errors import DataErrors
from crte.data.loader import load

from ..conftest import FUNDERS, ROOT, SOURCE
from ..data.test_loader_errors import Data
from ..sitebuild import copy_project, make

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_first_example(tmp_path: Path) -> None:
    data = Data(tmp_path)
    data.edit("actions.yaml", '    cout_total: "1950206.00"', '    cout_total: "1 950 206"')
    data.edit("actions.yaml", '    fiche: "19.10"', "    fiche: 19.10")
    errors = data.errors()
    assert len(errors) == 2
    assert all(e in GUIDE for e in errors), errors
    assert f"à la ligne {data.line('actions.yaml', '1 950 206')}," in GUIDE


def test_second_example(tmp_path: Path) -> None:
    # As `make check` prints it: compared with the signed text (sources/) too.
    data = Data(tmp_path)
    data.edit("actions.yaml", '    part_cahc: "3660.00"\n', "")
    with pytest.raises(DataErrors) as exc:
        load(data.dir, source=SOURCE)
    errors = [str(e) for e in exc.value.errors]
    assert len(errors) == 4 and any("le contrat signé porte 3" in e for e in errors)
    assert all(e in GUIDE for e in errors), errors


# --- « Enregistrer une décision »: every edit of the guide passes, every message is real ------------

DECISION_BLOCK = re.compile(r"```yaml\n# (data/decisions/[a-z0-9-]+\.yaml)\n(.*?)```", re.DOTALL)
EDITS = DECISION_BLOCK.findall(GUIDE)


def test_the_guide_shows_every_kind_of_change() -> None:
    text = "".join(body for _, body in EDITS)
    assert len(EDITS) == 3
    for kind in ("modifier_action", "ajouter_action", "abandonner_action", "ajouter_chantier", "ajouter_fiche",
                 "renommer", "ajouter_indicateur", "modifier_article"):
        assert f"- {kind}:" in text, kind


@pytest.mark.parametrize("applied", [[0], [1], [2], [0, 1, 2]], ids=["copil", "chantier-fiche-indicateur",
                                                                      "avenant", "toutes"])
def test_each_edit_of_the_guide_passes_check_and_build(tmp_path: Path, applied: list[int]) -> None:
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "sources", project / "sources")
    for k in applied:
        name, body = EDITS[k]
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(body, encoding="utf-8")
    for target in ("check", "build"):
        result = make(project, target)
        assert result.returncode == 0, result.stderr[-2000:]
    crte = load(project / "data")
    assert len(crte.decisions) == len(applied)


def test_the_refusals_quoted_in_the_guide_are_real(tmp_path: Path) -> None:
    data = Data(tmp_path / "a")
    (data.dir / "decisions").mkdir()
    name, body = EDITS[0]
    (data.dir / "decisions" / "2021-12-01-comite-de-pilotage.yaml").write_text(
        body.replace('date: "2022-06-14"', 'date: "2021-12-01"'), encoding="utf-8")
    early = data.errors()
    data = Data(tmp_path / "b")
    (data.dir / "decisions").mkdir()
    (data.dir / "decisions" / "2022-06-14-comite-de-pilotage.yaml").write_text(body, encoding="utf-8")
    (data.dir / "decisions" / "2023-01-10-comite-de-pilotage.yaml").write_text(
        'date: "2023-01-10"\ninstance: "comité de pilotage"\nobjet: "Relance de la tournée."\nsource:\n'
        '  titre: "Relevé de décisions du comité de pilotage du 10 janvier 2023"\n'
        '  url: "https://www.agglo-henincarvin.fr/crte/copil-2023-01-10.pdf"\nchangements:\n  - modifier_action:\n'
        '      action: lecture-spectacle\n      annee_lancement: "2023"\n', encoding="utf-8")
    abandoned = data.errors()
    assert len(early) == 1 and len(abandoned) == 1
    assert early[0] in GUIDE.splitlines() and abandoned[0] in GUIDE.splitlines(), (early, abandoned)


# --- « Saisir le suivi »: every edit of the guide passes check and build -----------------------------

TRACKING_BLOCK = re.compile(r"```yaml\n# (data/suivi/[a-z0-9/-]+\.yaml)\n(.*?)```", re.DOTALL)
TRACKING_EDITS = TRACKING_BLOCK.findall(GUIDE)


def test_the_tracking_edits_of_the_guide_pass_check_and_build(tmp_path: Path) -> None:
    assert [name for name, _ in TRACKING_EDITS] == [
        "data/suivi/tableau-de-bord.yaml", "data/suivi/actions/voie-albert-carre.yaml",
        "data/suivi/indicateurs/o4-taux-chomage.yaml"]
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "sources", project / "sources")
    (project / "data" / "suivi").mkdir()
    shutil.copy(FUNDERS, project / "data" / "suivi" / "financeurs.yaml")  # the referential the lines name
    for name, body in TRACKING_EDITS:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(body, encoding="utf-8")
    for target in ("check", "build"):
        result = make(project, target)
        assert result.returncode == 0, result.stderr[-2000:]
    crte = load(project / "data")
    assert crte.suivi.dashboard is not None and set(crte.suivi.actions) == {"voie-albert-carre"}
