"""One data file read into its declared record, every error turned into French.

`read_record(data, path, cls)`: the file's bytes (files.py), its raw values with their
lines (bounds.py, reader.py), validated by the record `cls` (pydantic); each pydantic
error becomes `file:line: path: message` (`_report`). When some items of a list are
wrong, the others are still validated, so that the checks across records run on them.
Used by the loader for every file, and by tracking_checks for data/suivi/.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crte.data.codes import fichiers as K
from crte.data.errors import ErrorList, Where
from crte.data.files import DataFolder
from crte.data.reader import RawList, RawMap, Scalar, file_identities, identities, locate, parse, to_raw
from crte.data.record import Record, record_type, unwrap

# Pydantic's own kinds of error, as staff read them.
MESSAGES = {
    "missing": K.CHAMP_MANQUANT,
    "model_type": K.BLOC_ATTENDU, "model_attributes_type": K.BLOC_ATTENDU, "dict_type": K.BLOC_ATTENDU,
    "tuple_type": K.LISTE_ATTENDUE, "list_type": K.LISTE_ATTENDUE,
    "too_short": K.LISTE_VIDE,
}


def _model_at(cls: type[Record], loc: tuple[Any, ...]) -> type[Record] | None:
    """The record type found at `loc` inside `cls` (None past a plain value)."""
    current: type[Record] | None = cls
    for key in loc:
        if isinstance(key, int) or current is None:
            continue
        info = current.model_fields.get(key)
        current = record_type(unwrap(info.annotation)[0]) if info else None
    return current


def _report(err: Mapping[str, Any], raw: Any, file: str, cls: type[Record], errors: ErrorList) -> Where:
    """Report one pydantic error; return where."""
    loc = tuple(err["loc"])
    kind = err["type"]
    where, path, parent = locate(raw, loc, file)
    value = err.get("input")
    code = ""
    if kind == "crte":
        message, code = err["ctx"]["message"], err["ctx"].get("code", "")
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        if isinstance(parent, RawMap) and name in parent.keylines:
            where = Where(file, parent.keylines[name])
        known = sorted((_model_at(cls, loc[:-1]) or cls).model_fields)
        near = difflib.get_close_matches(name, known, n=1)
        message = K.CHAMP_INCONNU(near=near[0]) if near else K.CHAMP_INCONNU("liste", known=", ".join(known))
    elif isinstance(value, Scalar) and value.is_null and kind != "missing":
        message = K.VALEUR_VIDE()
    else:
        message = MESSAGES[kind]() if kind in MESSAGES else K.VALEUR_REFUSEE(why=err["msg"])
    errors.add(where, path or "(document)", message, code)
    return where


def _prune(raw: RawMap, bad: set[tuple[str, int]]) -> RawMap:
    """A copy of a file's raw mapping without the list items that failed."""
    out = RawMap({k: v for k, v in raw.items()})
    out.file, out.line, out.path, out.keylines, out.itemlines = raw.file, raw.line, raw.path, raw.keylines, {}
    for name, value in raw.items():
        if isinstance(value, RawList) and any(n == name for n, _ in bad):
            kept = RawList(v for i, v in enumerate(value) if (name, i) not in bad)
            kept.line = value.line
            out[name] = kept
            out.itemlines[name] = [ln for i, ln in enumerate(raw.itemlines.get(name, [])) if (name, i) not in bad]
    return out


def validate(cls: type[Record], raw: Any, file: str, errors: ErrorList, source: str | None = None) -> Any:
    """The record of a whole file, or, when some list items are wrong, the record
    made of the others (its errors are reported; None when nothing is usable).

    What is left out is remembered (ErrorList.leave_out): the ids and numbers it
    holds, with the place of its first error (or `source`, e.g. « la décision … »),
    so that what refers to them is not reported as unknown too."""
    try:
        return cls.model_validate(raw)
    except ValidationError as exc:
        bad: dict[tuple[str, int], Where] = {}
        whole: Where | None = None
        found = exc.errors(include_url=False)
        for err in found:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(tuple(e["loc"])[:len(loc)] == loc and len(e["loc"]) > len(loc)
                                                  for e in found):
                continue  # the list is not empty: its items are wrong, and reported as such
            if errors.full(file):  # a file made of mistakes: counted, not located one by one
                errors.count(file)
                where = locate(raw, tuple(err["loc"]), file)[0]
            else:
                where = _report(err, raw, file, cls, errors)
            loc = err["loc"]
            if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
                bad[(loc[0], loc[1])] = min(where, bad.get((loc[0], loc[1]), where))
            else:
                whole = min(where, whole or where)
    if whole is not None or not isinstance(raw, RawMap):
        errors.leave_out(identities(raw), source or str(whole))
        return None
    for (name, i), where in bad.items():
        items = raw.get(name)
        errors.leave_out(identities(items[i]) if isinstance(items, RawList) and i < len(items) else set(),
                         source or str(where))
    try:
        return cls.model_validate(_prune(raw, set(bad)))
    except ValidationError:
        errors.leave_out(identities(raw), source or str(min(bad.values(), default=Where(file, 1))))
        return None


def read_record(data: DataFolder, path: Path, cls: type[Record], source: str | None = None,
                unsure: tuple[str, ...] = ()) -> Any:
    """One file's record (complete, partial or None: `validate`), its bytes read by
    `data` (files.py). A file with any error, even one that loses lines (a syntax
    error, a forgotten « - »), has what its lines define left out, so that what
    refers to it is said once to depend on it; `source` names it in that message (by
    default the place of its first error). The values of its `unsure` keys are
    remembered as unsure (ErrorList.unsure)."""
    errors, display = data.errors, data.name(path)
    before, left = len(errors.errors), data.budget.left
    raw = data.read(path)
    text = _text(raw)
    if data.memo is not None and text is not None \
            and (record := data.memo.read(display, cls, text, data.budget)) is not None:
        return record
    node = None if raw is None else parse(raw, display, errors, data.budget)
    values = None if node is None else to_raw(node, display, errors)
    record = None if node is None else validate(cls, values, display, errors, source)
    if len(errors.errors) > before and raw is not None:
        first = min(e.where for e in errors.errors[before:])
        errors.leave_out(file_identities(raw), source or str(first))
        errors.unsure |= file_identities(raw, unsure) if unsure else set()
    if data.memo is not None:
        if len(errors.errors) > before or text is None or record is None:
            data.memo.forget(display, cls)
        else:
            data.memo.keep(display, cls, text, left - data.budget.left, values, record)
    return record


def _text(raw: bytes | None) -> str | None:
    """The text of a file's bytes as reader.py reads it (None when it is not UTF-8)."""
    try:
        return None if raw is None else raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
