"""Under `make serve`: a data file read again after an edit keeps the records of
the lines that did not change (issue 23).

With 2 500 actions, data/actions.yaml is 2 MB: composing its YAML, turning it into
raw values and validating them takes about a second, for an edit of one sentence.
`Memo` remembers, for each file read without any error, its lines, its records and
the first line of each item of its lists. When the file is read again:

- the same lines: the same record (its computed fields are set again by the loader's
  checks, as for a new one);
- the lines changed inside items of one list, with as many lines as before (a value
  edited in place), the items that hold the changed lines are composed alone,
  preceded by as many empty lines as the file has before them (so that their lines
  are the file's), validated, and put among the other records; the file's record is
  validated again from them (pydantic takes the records as they are).

Anything else is read in full, as without a memo: another kind of edit, a changed
line outside the items of a list or in its last item, a line indented less than the
items, a syntax error, an anchor, an error of validation (the full reading then
reports it at its place, in the same words), a line break YAML reads but Python's
`split("\\n")` does not, a directive (`%TAG`: an item composed alone would not see
it). What the shortcut gives is what the full reading gives: tests/data/test_reuse.py
compares them for edits of every kind; a review tried some 200 more (block scalars,
quotes over lines, tabs, markers, moved dashes, sequences of edits) and found only the
directive.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from crte.data.bounds import MAX_NODES, Budget, Loader, values
from crte.data.errors import ErrorList
from crte.data.reader import RawList, RawMap, _item_path, _step, to_raw
from crte.data.record import Record, record_type, unwrap
from crte.data.syntax import too_deep

# Line breaks YAML knows besides "\n", and directives (`%TAG`, `%YAML`: an item composed
# alone would not see them): a file holding one is always read in full.
_READ_IN_FULL = re.compile("[\r\x85\u2028\u2029]|^%", re.M)
_DASH = re.compile(r" *- +")


@dataclass(frozen=True)
class _List:
    """One list of a file's record: the first line (0-based) of each item, the column of
    its « - », the items' records."""

    starts: tuple[int, ...]
    dash: int
    records: tuple[Record, ...]


@dataclass(frozen=True)
class _File:
    lines: list[str]
    values: int  # how many values the file holds (bounds.py)
    root: RawMap  # the file's raw mapping; a list of records stands for each list in `lists`
    record: Record
    lists: dict[str, _List]


class Memo:
    """What the files of a data folder gave at their last reading without error, by
    display name and record type.

    `read(display, cls, text, budget) -> record | None`: the record of the file whose
    decoded text is `text`, or None when it must be read in full;
    `keep(display, cls, text, values, raw, record)`: remember a file read in full
    without error. A record handed out is a copy (`_fresh`): the loader sets computed
    fields on records, and the last valid data, which serve still shows while the data
    has errors (devserver.py), must not change under it."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, type[Record]], _File] = {}
        self.taken: list[tuple[str, str]] = []  # (display, "same" | "edited"): each record made from the last

    def forget(self, display: str, cls: type[Record]) -> None:
        self._files.pop((display, cls), None)

    def keep(self, display: str, cls: type[Record], text: str, count: int, raw: Any, record: Any) -> None:
        """Remember a file read in full without any error: `text` its decoded text,
        `count` its values (bounds.py), `raw` its raw values, `record` what they gave."""
        self.forget(display, cls)
        if not isinstance(raw, RawMap) or not isinstance(record, Record) or _READ_IN_FULL.search(text):
            return
        lines = text.split("\n")
        kept = _fresh(record)  # a copy: the loader sets computed fields on the record it hands out
        lists = {}
        for name, value in raw.items():
            records = getattr(kept, name, None)
            if isinstance(value, RawList) and len(value) >= 2 and isinstance(records, tuple) \
                    and len(records) == len(value) and (dash := _dash_column(lines, value, records)) is not None:
                lists[name] = _List(tuple(item.line - 1 for item in value), dash, records)
        self._files[(display, cls)] = _File(lines, count, _root(raw, raw.itemlines), kept, lists)

    def read(self, display: str, cls: type[Record], text: str, budget: Budget) -> Any:
        """The record of the file whose decoded text is `text`, made from the last one,
        or None (then read it in full); takes its values from `budget`."""
        memo = self._files.get((display, cls))
        if memo is None or _READ_IN_FULL.search(text):
            return None
        lines = text.split("\n")
        if lines == memo.lines:
            if memo.values > budget.left:
                return None
            budget.left -= memo.values
            self.taken.append((display, "same"))
            return _fresh(memo.record)
        if len(lines) != len(memo.lines) or too_deep(text) is not None:
            return None
        first = next(n for n, (a, b) in enumerate(zip(lines, memo.lines)) if a != b)
        last = next(n for n in range(len(lines) - 1, -1, -1) if lines[n] != memo.lines[n])
        for name, spans in memo.lists.items():
            made = _edited(memo, name, spans, cls, lines, first, last, budget.left)
            if made is not None:
                record, count, root = made
                budget.left -= count
                # As many lines as before: each item of each list starts on the line of its record.
                lists = {other: _List(tuple(r.where.line - 1 for r in getattr(record, other)), kept.dash,
                                      getattr(record, other)) for other, kept in memo.lists.items()}
                self._files[(display, cls)] = _File(lines, count, root, record, lists)
                self.taken.append((display, "edited"))
                return _fresh(record)
        return None


def _root(raw: RawMap, itemlines: dict[str, list[int]], **lists: tuple[Record, ...]) -> RawMap:
    """A copy of a file's raw mapping, its lists `lists` replaced by their records."""
    root = RawMap({**raw, **lists})
    root.file, root.line, root.path, root.keylines, root.itemlines = raw.file, raw.line, raw.path, raw.keylines, \
        itemlines
    return root


def _edited(memo: _File, name: str, spans: _List, cls: type[Record], lines: list[str], first: int, last: int,
            left: int) -> tuple[Record, int, RawMap] | None:
    """(record, values, raw mapping) of the file whose lines `first` to `last` (0-based)
    changed, when they lie in items of the list `name`, not its last one; else None."""
    starts = spans.starts
    if not starts[0] <= first or not last < starts[-1]:
        return None
    i = max(k for k, s in enumerate(starts) if s <= first)
    j = max(k for k, s in enumerate(starts) if s <= last)
    begin, end = starts[i], starts[j + 1]
    if not _inside(lines[begin:end], spans.dash):
        return None
    snippet = "\n" * begin + "\n".join(lines[begin:end]) + "\n"
    before = values("\n" * begin + "\n".join(memo.lines[begin:end]) + "\n", 1)
    after = values(snippet, 1)  # the items of a list of the file's mapping
    if before is None or after is None or (count := memo.values - before + after) > min(MAX_NODES, left):
        return None
    try:
        node = yaml.compose(snippet, Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return None
    item_cls = record_type(unwrap(cls.model_fields[name].annotation)[0])
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != j + 1 - i or item_cls is None \
            or node.value[0].start_mark.line != begin:
        return None
    errors, path, new = ErrorList(), _step(memo.root.path, name), []
    for k, child in enumerate(node.value):
        line, column = child.start_mark.line, child.start_mark.column
        if not isinstance(child, yaml.MappingNode) or not _DASH.fullmatch(lines[line][:column]) \
                or lines[line].index("-") != spans.dash:
            return None
        raw = to_raw(child, memo.root.file, errors, _item_path(path, i + k, child), item=True)
        try:
            new.append(item_cls.model_validate(raw))
        except ValidationError:
            return None
        if errors.errors:
            return None
    records = (*spans.records[:i], *new, *spans.records[j + 1:])
    root = _root(memo.root, {**memo.root.itemlines, name: [r.where.line for r in records]}, **{name: records})
    try:
        return cls.model_validate(root), count, root
    except ValidationError:
        return None


def _fresh(value: Any) -> Any:
    """A copy of a record and of the records inside it that have computed fields (the
    loader sets them: record.set_computed); the rest is shared."""
    if isinstance(value, Record):
        update = {name: _fresh(getattr(value, name)) for name in _holding(type(value))}
        return value.model_copy(update=update) if update or _computed(type(value)) else value
    if isinstance(value, tuple):
        return tuple(_fresh(item) for item in value)
    return value


_BASE = frozenset(Record.__private_attributes__)


@functools.cache
def _computed(cls: type[Record]) -> bool:
    """Whether records of `cls` have computed fields of their own."""
    return bool(set(cls.__private_attributes__) - _BASE)


@functools.cache
def _holding(cls: type[Record]) -> tuple[str, ...]:
    """The fields of `cls` that may hold records with computed fields."""
    def holds(inner: type[Record], seen: frozenset[type[Record]]) -> bool:
        return _computed(inner) or any(
            (sub := record_type(unwrap(info.annotation)[0])) is not None and sub not in seen
            and holds(sub, seen | {sub}) for info in inner.model_fields.values())
    return tuple(name for name, info in cls.model_fields.items()
                 if (sub := record_type(unwrap(info.annotation)[0])) is not None and holds(sub, frozenset({sub})))


def _dash_column(lines: list[str], raw: RawList, records: tuple[Any, ...]) -> int | None:
    """The column of the « - » of every item of `raw`, when each is a record written on
    the line of its « - », at the same column (else None: the list is read in full)."""
    dash = None
    for item, record in zip(raw, records):
        if not isinstance(item, RawMap) or not isinstance(record, Record) or record.where.line != item.line:
            return None
        line = lines[item.line - 1]
        if not _DASH.match(line) or (dash is not None and line.index("-") != dash):
            return None
        dash = line.index("-")
    return dash


def _inside(lines: list[str], dash: int) -> bool:
    """Every line of `lines` belongs to items of the list whose « - » is at column `dash`:
    blank, a comment, more indented, or a « - » at that column."""
    for line in lines:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("#") or indent > dash:
            continue
        if indent < dash or not re.match(r"-( |$)", stripped):
            return False
    return True
