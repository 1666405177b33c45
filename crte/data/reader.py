"""Read a YAML file's bytes (files.py reads them safely) into raw values that
remember where they were written. Anchors, aliases and sizes are checked first,
before any tree is built (bounds.py).

Why not `yaml.safe_load`: PyYAML silently keeps the last of two duplicate keys,
loses line numbers, and applies YAML 1.1 rules that change values (`NO` becomes
False, `0123` becomes 83, `19.10` becomes 19.1). We compose the node tree
instead and turn it into:

- `Scalar`: a `str` holding the text exactly as written, with its line, whether
  it was quoted, and the tag YAML resolved (so that the field types in
  `fields.py` can say « "NO" est lu par YAML comme le booléen faux »);
- `RawMap`: a `dict` of field name -> raw value, with its file, line, display
  path (`actions[voie-albert-carre]`) and the line of each key and list item;
- `RawList`: a `list` of raw values, with its line.

The declarations (pydantic models, `record.py`) validate these raw values;
`locate()` turns a pydantic error location back into `file:line` and a path.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from crte.data.bounds import Budget, Loader, refusals
from crte.data.codes import fichiers as K, valeurs as V
from crte.data.errors import ErrorList, Where
from crte.data.syntax import syntax, too_deep

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
# Records whose list paths name them by this key rather than by their index.
KEYS = ("id", "slug")
SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SLUG_MAX = 80


class Scalar(str):
    """A scalar as written in the file: `str(s)` is its text."""

    line: int
    plain: bool  # not quoted, not a block: YAML reads it as it likes
    tag: str  # the type YAML 1.1 resolves it to (str, int, float, bool, null, timestamp)

    def __new__(cls, value: str, line: int, plain: bool, tag: str) -> Scalar:
        s = super().__new__(cls, value)
        s.line, s.plain, s.tag = line, plain, tag
        return s

    @property
    def is_null(self) -> bool:
        return self.plain and self.tag == NULL_TAG


class RawList(list):  # type: ignore[type-arg]
    line: int


class RawMap(dict):  # type: ignore[type-arg]
    file: str
    line: int
    path: str
    keylines: dict[str, int]  # line of each key
    itemlines: dict[str, list[int]]  # line of each item of a list value


def _decode(raw: bytes, display: str, errors: ErrorList) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(Where(display, line), "(fichier)", K.ENCODAGE())
        return None
    return text[1:] if text.startswith("\ufeff") else text


def parse(raw: bytes, display: str, errors: ErrorList, budget: Budget) -> yaml.Node | None:
    """Compose the bytes of one YAML file (files.py reads them); report encoding,
    nesting, anchors and aliases, size (bounds.py), syntax and emptiness problems, in
    French, at the line to fix. `display` is the name used in messages (a path
    relative to the project); `budget`: the values the other files leave to this one."""
    text = _decode(raw, display, errors)
    if text is None:
        return None
    if (deep := too_deep(text)) is not None:
        errors.add(Where(display, deep[0]), "(syntaxe YAML)", deep[1])
        return None
    if refused := refusals(text, budget):
        for line, message in refused:
            errors.add(Where(display, line), "(syntaxe YAML)", message)
        return None
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        line, what = syntax(exc, text)
        errors.add(Where(display, line), "(syntaxe YAML)", what)
        return None
    except yaml.reader.ReaderError as exc:  # a control character in the file itself
        line = text[: exc.position].count("\n") + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        errors.add(Where(display, line), "(syntaxe YAML)", K.CONTROLE_FICHIER(hex=f"{ord(char[:1] or ' '):04X}"))
        return None
    except (yaml.YAMLError, RecursionError):
        errors.add(Where(display, 1), "(syntaxe YAML)", K.SYNTAXE("fichier"))
        return None
    if node is None:
        errors.add(Where(display, 1), "(fichier)", K.FICHIER_VIDE())
    return node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _step(path: str, key: str | int) -> str:
    return (f"{path}.{key}" if path else key) if isinstance(key, str) else f"{path}[{key}]"


def _item_path(path: str, i: int, node: yaml.Node) -> str:
    """`actions[voie-albert-carre]` for a record with an id or slug, `articles[5]` otherwise."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in KEYS and isinstance(value, yaml.ScalarNode) \
                    and len(value.value) <= SLUG_MAX and SLUG_RE.fullmatch(value.value):
                return f"{path}[{value.value}]"
    return f"{path}[{i}]"


def _names(node: yaml.MappingNode) -> list[str]:
    return [key.value if isinstance(key, yaml.ScalarNode) else str(key.value) for key, _ in node.value]


def _next_item(names: list[str], j: int) -> bool:
    """In a list item whose key `names[j]` is already defined: do the keys from j on
    begin the next item, its « - » forgotten? Yes when the repeated key is the item's
    first one, or when more than one key repeats from there."""
    return names[j] == names[0] or sum(1 for n in names[j:] if n in names[:j]) > 1


def to_raw(node: yaml.Node, file: str, errors: ErrorList, path: str = "", item: bool = False) -> Any:
    """The raw value of a node; duplicate keys are reported (the first is kept). In a
    list item (`item`), a repeated key that begins the next item means a forgotten
    « - »: said once, and the lines of that lost item are not mixed into this one."""
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, _line(node), not node.style, node.tag)
    if isinstance(node, yaml.SequenceNode):
        items = RawList(to_raw(child, file, errors, _item_path(path, i, child), item=True)
                        for i, child in enumerate(node.value))
        items.line = _line(node)
        return items
    m = RawMap()
    m.file, m.line, m.path, m.keylines, m.itemlines = file, _line(node), path, {}, {}
    assert isinstance(node, yaml.MappingNode)  # scalars and sequences were handled above
    names = _names(node)
    for j, (key, value) in enumerate(node.value):
        name = names[j]
        if name in m.keylines:
            if item and _next_item(names, j):
                errors.add(Where(file, _line(key)), _step(path, name), K.TIRET_MANQUANT(key=name,
                                                                                       line=m.keylines[name]))
                break
            errors.add(Where(file, _line(key)), _step(path, name), K.CLE_EN_DOUBLE(line=m.keylines[name]))
            continue
        m.keylines[name] = _line(key)
        m[name] = to_raw(value, file, errors, _step(path, name))
        if isinstance(value, yaml.SequenceNode):
            m.itemlines[name] = [_line(v) for v in value.value]
    return m


# The keys that name a record: what refers to it uses one of these values.
IDENTITY_KEYS = ("id", "slug", "numero", "libelle_annexe")


def identities(raw: Any, keys: tuple[str, ...] = IDENTITY_KEYS) -> set[str]:
    """The values of the identity `keys` anywhere in a raw value (a record left out)."""
    out: set[str] = set()
    stack = [raw]
    while stack:
        value = stack.pop()
        if isinstance(value, RawMap):
            for key, item in value.items():
                if key in keys and isinstance(item, Scalar):
                    out.add(item.strip())
                else:
                    stack.append(item)
        elif isinstance(value, RawList):
            stack.extend(value)
    return out


def file_identities(raw: bytes, keys: tuple[str, ...] = IDENTITY_KEYS) -> set[str]:
    """The same, from the lines « key: value » of a file's bytes, whatever YAML makes
    of them (it may not parse, or lose an item whose « - » is missing)."""
    text = raw.decode("utf-8", errors="replace")
    line = re.compile(r"^[ -]*(?:" + "|".join(keys) + r") *: *[\"']?([^\"'#\n]*?)[\"']? *(?:#.*)?$", re.MULTILINE)
    return {m.group(1).strip() for m in line.finditer(text) if m.group(1).strip()}


def locate(root: Any, loc: tuple[str | int, ...], file: str) -> tuple[Where, str, Any]:
    """Where a pydantic error location points: (file:line, display path, parent value).

    The line is the deepest value that exists along `loc` (a missing field is
    reported at its record's first line); the parent is the last mapping met."""
    value, path, line, parent = root, "", getattr(root, "line", 1), root
    for i, key in enumerate(loc):
        if isinstance(value, RawMap) and isinstance(key, str) and key in value:
            parent, value = value, value[key]
            path = _step(path, key)
            line = getattr(value, "line", line)
        elif isinstance(value, RawList) and isinstance(key, int) and 0 <= key < len(value):
            value = value[key]
            # A record of a list already knows its path (by id when it has one: _item_path).
            path = value.path if isinstance(value, RawMap) else _step(path, key)
            line = getattr(value, "line", line)
        else:
            rest = [k for k in loc[i:] if isinstance(k, (str, int))]
            for k in rest:
                path = _step(path, k)
            if isinstance(value, RawMap):
                parent = value
            break
    return Where(file, line), path, parent


# --- YAML 1.1 traps ---------------------------------------------------------------

def _constructed(s: Scalar) -> object:
    """The value PyYAML (YAML 1.1) would give this scalar."""
    node = yaml.ScalarNode(s.tag, str(s))
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError):
        return str(s)


def not_text(s: Scalar) -> str | None:
    """Explain why this plain scalar is not text, or None if it is.

    YAML 1.1 (PyYAML) and YAML 1.2 (editors) read unquoted `NO`, `0123`, `19.10`,
    `2021-12-13` or `2022` as booleans, numbers or dates, sometimes changing the
    value (`0123` is 83, `19.10` is 19.1). A text field must therefore be text
    for YAML too: quoted whenever YAML would read anything else. The JSON Schemas
    that editors use say the same (`"type": "string"`).
    """
    if s.tag in (STR_TAG, NULL_TAG) or not s.plain:
        return None
    value = _constructed(s)
    if isinstance(value, bool):
        kind = f"le booléen {'vrai' if value else 'faux'}"
    elif isinstance(value, int):
        kind = f"le nombre {value}" + (" (octal)" if re.fullmatch(r"[-+]?0[0-7_]+", s) else "")
    elif isinstance(value, float):
        kind = f"le nombre {value!r}"
    elif isinstance(value, (dt.date, dt.datetime)):
        kind = f"la date {value.isoformat()}"
    else:
        kind = f"une valeur de type {type(value).__name__}"
    return V.PAS_UN_TEXTE(value=s, kind=kind)
