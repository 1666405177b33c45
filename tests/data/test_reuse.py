"""Under `make serve`, a data file read again keeps the records of its unchanged lines
(crte/data/reuse.py). For edits of every kind, right or wrong, the load with the memo
gives what a load without it gives: the same model, every record at the same line, or
the same errors, in the same words; and the shortcut is taken where it should be.

The edits are chosen in the loaded data, at the lines its records give, so that an
edit of the example's files does not break the test."""
from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crte.data.errors import DataErrors
from crte.data.loader import load
from crte.data.model import Crte
from crte.data.record import Record
from crte.data.reuse import Memo

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "contrat-vivant"
ACTIONS = "donnees/actions.yaml"


def _folder(tmp: Path) -> Path:
    """The example as plain files (its links followed)."""
    folder = tmp / "donnees"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(EXAMPLE, folder, symlinks=False)
    return folder


def _state(value: Any) -> Any:
    """Everything a model holds, positions of its records included, as comparable values."""
    if isinstance(value, Record):
        fields = {name: _state(getattr(value, name)) for name in type(value).model_fields}
        private = {name: _state(v) for name, v in (value.__pydantic_private__ or {}).items()}
        return type(value).__name__, fields, private
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value).__name__, {f.name: _state(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_state(v) for v in value]
    if isinstance(value, dict):
        return {repr(k): _state(v) for k, v in value.items()}
    return repr(value)


def _outcome(folder: Path, memo: Memo | None) -> Any:
    try:
        return _state(load(folder, "donnees", memo=memo))
    except DataErrors as exc:
        return [(str(e), e.code) for e in exc.errors]


def _line_edit(path: Path, line: int, change: Callable[[str], str]) -> None:
    lines = path.read_text("utf-8").split("\n")
    lines[line - 1] = change(lines[line - 1])
    path.write_text("\n".join(lines), "utf-8")


def _retitled(line: str) -> str:
    """The line « titre: … » with a word more in its value, however it is quoted."""
    return re.sub(r"""(["']?)\s*$""", r" revu\1", line, count=1)


def _action(model: Crte, k: int) -> Record:
    return model.actions[k]


# (name, edit of the data folder given the model loaded before it, the shortcut expected on
# actions.yaml: "edited", "same" or None for a full reading)
EDITS: list[tuple[str, Callable[[Path, Crte], None], str | None]] = [
    ("titre du milieu", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("titre").line,
                                                 _retitled), "edited"),
    ("titre de la première", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 0).where_of("titre").line,
                                                      _retitled), "edited"),
    ("titre de la dernière", lambda f, m: _line_edit(f / "actions.yaml", _action(m, -1).where_of("titre").line,
                                                      _retitled), None),
    ("deux actions", lambda f, m: (_line_edit(f / "actions.yaml", _action(m, 3).where_of("titre").line, _retitled),
                                   _line_edit(f / "actions.yaml", _action(m, 7).where_of("titre").line, _retitled)),
     "edited"),
    ("ligne ajoutée", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("titre").line,
                                               lambda s: s + "\n    # une note"), None),
    ("montant refusé", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("cout_total").line,
                                                lambda s: re.sub(r":.*", ': "douze"', s)), None),
    ("guillemet jamais fermé", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("titre").line,
                                                        lambda s: re.sub(r":.*", ': "sans fin', s)), None),
    ("ancre", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("titre").line,
                                       lambda s: re.sub(r":.*", ": &a Durand", s)), None),
    ("clé moins indentée", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("titre").line,
                                                    lambda s: "titre: perdu"), None),
    ("identifiant en double", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("id").line,
                                                       lambda s: re.sub(r":.*", f": {_action(m, 4).id}", s)),
     "edited"),  # the file reads well; the check across records says it
    ("champ inconnu", lambda f, m: _line_edit(f / "actions.yaml", _action(m, 5).where_of("titre").line,
                                               lambda s: s.replace("titre:", "tittre:")), None),
    ("chantier", lambda f, m: _line_edit(f / "orientations.yaml",
                                          m.orientations[0].chantiers[0].where_of("titre").line, _retitled), "same"),
    ("rien", lambda f, m: None, "same"),
]


def test_a_directive_of_the_file_is_not_lost(tmp_path: Path) -> None:
    """An item composed alone would not see the file's directives: `%TAG !! …` makes `!!str`
    another tag, which a text field refuses (found by a review); such a file is read in full."""
    folder = _folder(tmp_path)
    actions = folder / "actions.yaml"
    lines = actions.read_text("utf-8").split("\n")
    assert lines[0].startswith("#") and lines[1].startswith("#")
    lines[:2] = ["%TAG !! tag:example.com,2000:", "---"]
    actions.write_text("\n".join(lines), "utf-8")
    memo = Memo()
    model = load(folder, "donnees", memo=memo)
    _line_edit(actions, model.actions[5].where_of("titre").line, lambda s: re.sub(r":.*", ": !!str Durand", s))
    assert _outcome(folder, memo) == _outcome(folder, None)
    assert isinstance(_outcome(folder, None), list)  # refused
    assert (ACTIONS, "edited") not in memo.taken


@pytest.mark.parametrize(("name", "edit", "shortcut"), EDITS, ids=[e[0] for e in EDITS])
def test_a_load_with_the_memo_gives_what_a_full_load_gives(tmp_path: Path, name: str,
                                                            edit: Callable[[Path, Crte], None],
                                                            shortcut: str | None) -> None:
    folder = _folder(tmp_path)
    memo = Memo()
    before = load(folder, "donnees", memo=memo)
    edit(folder, before)
    memo.taken.clear()
    with_memo = _outcome(folder, memo)
    assert with_memo == _outcome(folder, None), name
    assert dict(memo.taken).get(ACTIONS) == shortcut, memo.taken
    assert with_memo != _state(before) or name == "rien"


def test_wrong_then_right_again(tmp_path: Path) -> None:
    """A mistake, then its correction, then an edit: each load as without the memo."""
    folder = _folder(tmp_path)
    memo = Memo()
    model = load(folder, "donnees", memo=memo)
    actions = folder / "actions.yaml"
    right = actions.read_text("utf-8")
    line = model.actions[5].where_of("cout_total").line
    _line_edit(actions, line, lambda s: re.sub(r":.*", ': "douze"', s))
    assert isinstance(_outcome(folder, memo), list)
    actions.write_text(right, "utf-8")
    memo.taken.clear()
    assert _outcome(folder, memo) == _state(model)
    assert (ACTIONS, "same") not in memo.taken  # forgotten with its error: read in full
    _line_edit(actions, model.actions[5].where_of("titre").line, _retitled)
    memo.taken.clear()
    assert _outcome(folder, memo) == _outcome(folder, None)
    assert (ACTIONS, "edited") in memo.taken


def test_the_records_handed_out_are_copies(tmp_path: Path) -> None:
    """The loader sets computed fields on the records it hands out; the model serve still
    shows while the data has errors must not change under it."""
    folder = _folder(tmp_path)
    memo = Memo()
    first = load(folder, "donnees", memo=memo)
    _line_edit(folder / "actions.yaml", first.actions[5].where_of("titre").line, _retitled)
    second = load(folder, "donnees", memo=memo)
    assert all(a is not b for a, b in zip(first.actions, second.actions))
    third, fourth = load(folder, "donnees", memo=memo), load(folder, "donnees", memo=memo)  # unchanged
    assert all(a is not b for a, b in zip(second.actions, third.actions))
    assert all(a is not b for a, b in zip(third.actions, fourth.actions))
    assert _state(fourth) == _state(third) == _state(second)
