"""The glossary (data/glossaire.yaml) as the pages use it: its entries in alphabetical order,
each with its anchor on /glossaire/, and what a written form (« maîtres d'ouvrage ») means.

`Glossary(terms)`: `entries` (tuple of Entry), `pattern` (one regex of every form, longest
first, whole words only; None without terms), `entry(form) -> Entry`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from crte.data.glossary import Term
from crte.data.names import slugify


@dataclass(frozen=True)
class Entry:
    terme: str
    definition: str
    slug: str  # its anchor on /glossaire/
    formes: tuple[str, ...]  # the term and its variants, as written in the pages


class Glossary:
    def __init__(self, terms: tuple[Term, ...]):
        self.entries = tuple(sorted((Entry(t.terme, t.definition, slugify(t.terme), (t.terme, *t.variantes))
                                     for t in terms), key=lambda e: e.terme.casefold()))
        self._by_form = {form: e for e in self.entries for form in e.formes}

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Every form, the longest first (« Coût total HT » before « HT »), as a whole word."""
        if not self._by_form:
            return None
        forms = sorted(self._by_form, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")

    def entry(self, form: str) -> Entry | None:
        return self._by_form.get(form)
