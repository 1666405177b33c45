"""The reference of messages as the page /aide/messages/ shows it: every kind of
problem `make check` reports (crte/data/codes/), by family, each with its code
(the anchor of its entry), what it means, how to fix it and an example message."""
from __future__ import annotations

from dataclasses import dataclass

from crte.data.codes import FAMILIES


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    meaning: str
    fix: str
    example: str  # as `make check` prints it: `file:line: field: message`


@dataclass(frozen=True)
class Group:
    slug: str
    title: str
    intro: str
    entries: tuple[Entry, ...]


def reference() -> tuple[Group, ...]:
    return tuple(Group(f.slug, f.title, f.intro, tuple(Entry(k.code, k.title, k.meaning, k.fix, k.example_message())
                                                       for k in f.kinds)) for f in FAMILIES)
