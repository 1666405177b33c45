"""The rows of the tables of actions are rendered once for what they show (crte/pages/rows.py):
under `make serve`, an edit that no row shows renders no row again, an edit of a title renders
that action's rows only, and the pages are those a full build makes."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import UndefinedError

from crte.pages.action_scope import Memo, Reuse
from crte.pages.pages import generate, make_environment
from crte.pages.rows import ActionRow

from .test_action_scope import SITE, _folder, _replace, _views


def _made(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    made: list[tuple[Any, ...]] = []
    fragment = Reuse.fragment

    def spy(self: Reuse, key: tuple[Any, ...], make: Any) -> Any:
        return fragment(self, key, lambda: (made.append(key), make())[1])
    monkeypatch.setattr(Reuse, "fragment", spy)
    return made


@pytest.mark.parametrize("field", ["description", "titre"])
def test_an_edit_renders_again_only_the_rows_that_show_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          field: str) -> None:
    folder = _folder(tmp_path)
    views = _views(folder)
    memo: Memo = {}
    generate(views, SITE, memo=memo)
    action = next(a for a in views.crte.actions if a.description and len(a.titre) > 2)
    where, value = action.where_of(field), getattr(action, field)
    _replace(folder, where.file.removeprefix("donnees/"), value, f"{value[:-1]}X{value[-1]}", where.line)
    made = _made(monkeypatch)
    edited = _views(folder)
    pages = generate(edited, SITE, memo=dict(memo))
    rows = {key[1].id for key in made}  # the action of each row rendered again
    monkeypatch.undo()
    assert pages == generate(edited, SITE)  # what a full build makes
    if field == "description":
        assert rows == set(), "aucune ligne ne montre la description"
    else:
        assert rows == {action.id}


def test_a_row_reads_only_what_it_is_given(tmp_path: Path) -> None:
    env = make_environment(_views(_folder(tmp_path)))
    row = ActionRow("a", "Titre", "1.1", "CAHC", "2022", __import__("decimal").Decimal("1"), None)
    with pytest.raises(UndefinedError):
        env.from_string("{{ r.description }}").render(r=row)
