"""The reference of messages (crte/data/codes/): each kind declared once, complete,
its example as `make check` prints it; no message typed at a call site, so that
every error carries the code of its entry on /aide/messages/."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from crte.data.codes import CATALOGUE, CODE_RE, FAMILIES, Kind, Message, route
from crte.data.errors import DataError, ErrorList, Where

from ..conftest import ROOT

DATA_CODE = ROOT / "crte" / "data"


@pytest.mark.parametrize("kind", CATALOGUE.values(), ids=list(CATALOGUE))
def test_each_kind_is_complete_and_its_example_reads_as_make_check_prints_it(kind: Kind) -> None:
    assert CODE_RE.fullmatch(kind.code)
    assert kind.title and (kind.title[0].isupper() or kind.title[0] == "«") and not kind.title.endswith(".")
    for text in (kind.meaning, kind.fix):
        assert text[0].isupper() and text.endswith((".", ")", "»")), text
    for template in kind.templates().values():
        assert template and template[0] in "«abcdefghijklmnopqrstuvwxyzéà*{(", template
        list(string.Formatter().parse(template))  # a stray brace would raise when the message is made
    example = kind.example_message()
    assert re.fullmatch(r"[A-Za-z0-9_./<>-]+:[0-9]+: \S.*: \S.*", example), example
    assert not re.search(r"\{[a-z_]+\}", example), example  # every value of the template given


def test_codes_are_unique_and_every_family_has_kinds() -> None:
    codes = [k.code for f in FAMILIES for k in f.kinds]
    assert len(codes) == len(set(codes)) == len(CATALOGUE)
    assert all(f.kinds for f in FAMILIES)
    assert route("montant-invalide") == "aide/messages/#montant-invalide"


def test_the_code_travels_with_the_message() -> None:
    message = CATALOGUE["montant-negatif"](raw="-3")
    assert isinstance(message, Message) and message == "montant négatif « -3 » ; un montant est positif ou nul"
    errors = ErrorList()
    errors.add(Where("data/actions.yaml", 3), "cout_total", message)
    assert errors.errors[0].code == "montant-negatif" and type(errors.errors[0].message) is str
    assert DataError(Where("f", 1), "x", message).code == "montant-negatif"


# Where each reporting function takes its message: (name, index of the message argument).
MESSAGE_ARGUMENT = {"add": 2, "unknown": 3, "DataError": 2, "refuse": 0, "self.refuse": 2, "report": 1}


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f"self.{f.attr}" if isinstance(f, ast.Attribute) and \
                isinstance(f.value, ast.Name) and f.value.id == "self" and f.attr == "refuse" else \
                f.attr if isinstance(f, ast.Attribute) else ""
            if name in MESSAGE_ARGUMENT:
                out.append((name, node))
    return out


def _typed(node: ast.AST) -> bool:
    """A message written in place: a string, an f-string, or strings put together."""
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr) \
        or (isinstance(node, ast.BinOp) and (_typed(node.left) or _typed(node.right))) \
        or (isinstance(node, ast.IfExp) and (_typed(node.body) or _typed(node.orelse)))


@pytest.mark.parametrize("path", sorted(p for p in DATA_CODE.rglob("*.py") if "codes" not in p.parts),
                         ids=lambda p: p.name)
def test_no_message_is_typed_at_a_call_site(path: Path) -> None:
    typed = []
    for name, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
        k = MESSAGE_ARGUMENT[name]
        if len(call.args) > k and _typed(call.args[k]):
            typed.append(f"{path.name}:{call.lineno}")
    assert not typed, f"messages écrits sur place plutôt que dans crte/data/codes/ : {typed}"


def test_the_check_itself_can_fail() -> None:
    tree = ast.parse('errors.add(w, "champ", f"la valeur {x} est fausse")\nraise refuse("non")\n'
                     'self.refuse(r, "x", "a" + b)\nerrors.add(w, "champ", K.OK())\ndata.report(p, "illisible")')
    assert [_typed(call.args[MESSAGE_ARGUMENT[name]]) for name, call in _calls(tree)] == [True, True, True, False, True]
