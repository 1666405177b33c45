"""The error messages quoted in CONTRIBUTING.md are the tool's real output, with
today's line numbers: redo the edits it describes and compare."""
from __future__ import annotations

from pathlib import Path

from ..conftest import ROOT
from ..data.test_loader_errors import Data

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
    data = Data(tmp_path)
    data.edit("actions.yaml", '    part_cahc: "3660.00"\n', "")
    errors = data.errors()
    assert len(errors) == 3
    assert all(e in GUIDE for e in errors), errors
