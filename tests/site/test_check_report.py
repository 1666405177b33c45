"""`make check` on a review platform: each data error on the line of its file, in French,
with the link to its entry in the published reference of messages (crte/cli/check.py)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from crte.cli import check as report
from crte.data.errors import DataError, Where

from ..conftest import ROOT
from ..data.test_loader_errors import Data
from ..sitebuild import copy_project, make

SITE = "https://exemple.fr/crte/"
AMOUNT = ("« 1 950 206 » n'est pas un montant ; écrivez des chiffres avec un point décimal, sans espace ni symbole €"
          ' (ex. "1950206.00")')


@pytest.fixture
def broken(tmp_path: Path) -> Data:
    data = Data(tmp_path)
    data.edit("actions.yaml", '    cout_total: "1950206.00"', '    cout_total: "1 950 206"')
    return data


def test_github_annotations_and_job_summary_of_a_data_error(broken: Data, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "CRTE_SITE_URL": SITE}
    assert report.main([str(broken.dir)], env) == 1
    out, err = capsys.readouterr()
    n = broken.line("actions.yaml", "1 950 206")
    where = f"{broken.dir}/actions.yaml"
    # The terminal report, unchanged; then one workflow command per error, values escaped.
    assert err.splitlines() == ["1 erreur dans les données :", f"{where}:{n}: actions[voie-albert-carre].cout_total:"
                                                                f" {AMOUNT}"]
    assert out.splitlines() == [
        f"::error file={where},line={n},title=actions[voie-albert-carre].cout_total — aide %3A https%3A//exemple.fr"
        f"/crte/aide/messages/#montant-invalide::{AMOUNT}"]
    table = summary.read_text(encoding="utf-8").splitlines()
    assert table[0] == "### 1 erreur dans les données"
    assert table[-1] == (f"| {where.replace('-', chr(92) + '-').replace('_', chr(92) + '_')}:{n} |"
                         r" actions\[voie\-albert\-carre\].cout\_total | « 1 950 206 » n'est pas un montant ; écrivez"
                         r" des chiffres avec un point décimal, sans espace ni symbole € \(ex. "
                         r'"1950206.00"\) | [voir montant\-invalide](https://exemple.fr/crte/aide/messages/#montant-invalide) |')


def test_every_value_is_escaped_as_github_reads_it() -> None:
    error = DataError(Where("data/décisions/a,b:c.yaml", 7), "x%y", "ligne 1\r\nligne 2 : 100 %, fin",
                      "montant-invalide")
    assert report.annotation(error, SITE) == (
        "::error file=data/décisions/a%2Cb%3Ac.yaml,line=7,title=x%25y — aide %3A https%3A//exemple.fr/crte/aide/"
        "messages/#montant-invalide::ligne 1%0D%0Aligne 2 : 100 %25, fin")
    # In the summary's table a message stays text: no cell ends early, no markup, no HTML.
    hostile = DataError(Where("data/actions.yaml", 3), "titre", "« a | b » <b>*gras*</b> [lien](javascript:x)")
    row = report.step_summary([hostile], SITE).splitlines()[-1]
    assert row == (r"| data/actions.yaml:3 | titre | « a \| b » &lt;b&gt;\*gras\*&lt;/b&gt; \[lien\]\(javascript:x\) |"
                   " [les messages](https://exemple.fr/crte/aide/messages/) |")


def test_a_code_links_its_entry_of_the_reference() -> None:
    error = DataError(Where("data/actions.yaml", 38), "actions[x].cout_total", "message", "montant-invalide")
    assert report.reference(error, SITE) == "https://exemple.fr/crte/aide/messages/#montant-invalide"
    assert "[voir montant\\-invalide](https://exemple.fr/crte/aide/messages/#montant-invalide)" in \
        report.step_summary([error], SITE)
    assert report.reference(DataError(Where("a", 1), "f", "m"), SITE) == "https://exemple.fr/crte/aide/messages/"


def test_make_check_writes_a_gitlab_code_quality_report(broken: Data, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    signed = (project / "data" / "actions.yaml").read_text(encoding="utf-8")
    shutil.copy(broken.dir / "actions.yaml", project / "data" / "actions.yaml")
    n = broken.line("actions.yaml", "1 950 206")
    result = make(project, "check", "FORMAT=gitlab", env={"PATH": "/usr/bin:/bin", "CRTE_SITE_URL": SITE})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    [issue] = json.loads((project / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert issue == {"description": f"actions[voie-albert-carre].cout_total : {AMOUNT} (aide :"
                                    f" {SITE}aide/messages/#montant-invalide)",
                     "check_name": "montant-invalide", "fingerprint": issue["fingerprint"], "severity": "major",
                     "location": {"path": "data/actions.yaml", "lines": {"begin": n}}}
    assert len(issue["fingerprint"]) == 64
    # Fixed: the report is emptied, so that the merge request forgets the error.
    (project / "data" / "actions.yaml").write_text(signed, encoding="utf-8")
    result = make(project, "check", env={"PATH": "/usr/bin:/bin", "GITLAB_CI": "true"})
    assert result.returncode == 0, result.stderr
    assert json.loads((project / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []


def test_an_unknown_format_is_refused_in_french(broken: Data, capsys: pytest.CaptureFixture[str]) -> None:
    assert report.main([str(broken.dir), "sarif"], {}) == 2
    assert capsys.readouterr().err == "Format « sarif » inconnu : FORMAT=texte | github | gitlab\n"


def test_the_review_platforms_check_the_data_first_and_record_new_addresses_on_main() -> None:
    import yaml

    pr = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    jobs = pr["jobs"]
    assert [s.get("run") for s in jobs["donnees"]["steps"]] == [None, "make check"]
    assert jobs["verifier"]["needs"] == jobs["temoin"]["needs"] == "donnees"
    assert "make test" in [s.get("run") for s in jobs["verifier"]["steps"]]
    assert [s.get("run") for s in jobs["temoin"]["steps"]][-1] == "make test-staff-record"
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert deploy["permissions"]["contents"] == "write"
    runs = [s.get("run") or "" for s in deploy["jobs"]["construire"]["steps"]]
    assert "make urls" in runs and any("git push origin" in r and "-- urls.txt" in r for r in runs)
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["stages"][0] == gitlab["donnees"]["stage"] and gitlab["donnees"]["script"] == ["make check"]
    assert gitlab["donnees"]["artifacts"] == {"when": "always",
                                              "reports": {"codequality": str(report.CODE_QUALITY)}}
    assert gitlab["pages"]["script"][0].startswith("make urls") and "-o ci.skip" in gitlab["pages"]["script"][-1]
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()[-2:] == ["make test",
                                                                                    "make test-staff-record"]
