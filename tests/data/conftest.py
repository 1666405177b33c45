"""Every error any loader test provokes names a kind of the reference of messages
(crte/data/codes/): checked where the loader raises, for every test of this folder."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from crte.data.codes import CATALOGUE
from crte.data.errors import DataErrors


@pytest.fixture(autouse=True)
def every_error_has_a_code(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    original = DataErrors.__init__

    def init(self: DataErrors, errors: list) -> None:  # type: ignore[type-arg]
        uncoded = [str(e) for e in errors if e.code not in CATALOGUE]
        assert not uncoded, f"erreurs sans code de crte/data/codes/ : {uncoded}"
        original(self, errors)

    monkeypatch.setattr(DataErrors, "__init__", init)
    yield
