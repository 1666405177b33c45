"""Shared fixtures: the project's paths and the real data, loaded once."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.loader import load
from macros.data.model import Crte

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE = ROOT / "sources" / "crte-cahc-2021-12-13.txt"


@pytest.fixture(scope="session")
def crte() -> Crte:
    return load(DATA)
