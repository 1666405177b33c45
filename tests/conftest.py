"""Shared fixtures: the project's paths and the real data, loaded once."""
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
