"""Shared fixtures: the project's paths, the real data loaded once, and the real site
(data/, signed contract only) built once per session, for tests/site/ and tests/views/
alike. The other sites (the example's, the sub-path's…) are in tests/site/conftest.py."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crte.data.loader import load
from crte.data.model import Crte

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# What a test copies of data/: the signed contract only. The layers staff add
# after the signature (decisions/, suivi/) change the contract in force; the
# suite pins the signed layer (checked against sources/ by the product itself)
# and tests the living layers on examples/, so that a staff edit never breaks it.
LIVING = ("decisions", "suivi")


def copy_signed(dest: Path) -> Path:
    """A copy of data/ without the layers added after the signature."""
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("__pycache__", *LIVING))
    return dest
SOURCE = ROOT / "sources" / "crte-cahc-2021-12-13.txt"
# A complete record of what staff add after the signature (decisions of every kind, tracking),
# kept as test data: `make test-staff-record` runs the whole suite with it in data/.
STAFF_RECORD = ROOT / "tests" / "fixtures" / "staff-record"
# A funders' referential that tests can rely on (data/suivi/financeurs.yaml is staff's to change).
FUNDERS = STAFF_RECORD / "suivi" / "financeurs.yaml"


@pytest.fixture(scope="session")
def crte(tmp_path_factory: pytest.TempPathFactory) -> Crte:
    """The signed contract, as the loader gives it (no decision applied)."""
    return load(copy_signed(tmp_path_factory.mktemp("signe") / "data"))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site: a copy of the project (data/: the signed contract only), built at
    mkdocs.yml's address. A module that reads another site overrides `site`."""
    from .sitebuild import build, copy_project  # sitebuild imports this module

    out = tmp_path_factory.mktemp("site")
    result = build(copy_project(tmp_path_factory.mktemp("projet") / "p"), out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out
