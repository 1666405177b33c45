"""A copy of the signed data with files written into one of the layers staff add
after the signature (decisions/, suivi/), and the loader's report on it."""
from __future__ import annotations

from pathlib import Path

import pytest

from crte.data.errors import DataErrors
from crte.data.loader import load

from ..conftest import copy_signed


class Layer:
    def __init__(self, root: Path, folder: str):
        self.dir = copy_signed(root / "data")
        self.folder = self.dir / folder
        self.folder.mkdir(parents=True)

    def write(self, name: str, text: str) -> None:
        (self.folder / name).write_text(text, encoding="utf-8")

    def line(self, name: str, needle: str, nth: int = 0) -> int:
        """1-based number of the line of `name` holding the nth occurrence of `needle`."""
        text = (self.folder / name).read_text(encoding="utf-8")
        return [i + 1 for i, line in enumerate(text.split("\n")) if needle in line][nth]

    def errors(self) -> list[str]:
        with pytest.raises(DataErrors) as exc:
            load(self.dir)
        return [str(e) for e in exc.value.errors]
