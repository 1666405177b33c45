"""The reference of messages: every kind of problem the loader and its checks report, declared once.

A `Kind` has a stable `code` (a slug: the anchor of its entry on the site's page
/aide/messages/#<code>, what tests and CI annotations refer to whatever the
wording), a French title, what it means, how to fix it, the template of its
message (with variants when one kind is worded differently in some places) and
an example. A check reports a kind by calling it with the template's values:

    errors.add(where, field, values.MONTANT_NEGATIF(raw="-3"))

The call gives a `Message`, a `str` that carries its code; `ErrorList.add`,
`DataError` and the field validators (fields.refuse) take the code from it, so no
call site types a code. The kinds are declared by family, one module each
(fichiers, continued in dossiers; valeurs, contrat, decisions, suivi); `FAMILIES` lists them in the
order of the published page, `CATALOGUE` maps each code to its kind.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# The page of the site that publishes this reference, one entry per code at #<code>
# (site/pages.py builds it; CI annotations link to <site_url><ROUTE>#<code>).
ROUTE = "aide/messages/"
CODE_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def route(code: str) -> str:
    """The site-relative address of a code's entry: `aide/messages/#montant-negatif`."""
    return f"{ROUTE}#{code}"


class Message(str):
    """A message as staff read it, which knows the kind of problem it reports."""

    code: str

    def __new__(cls, text: str, code: str) -> Message:
        m = super().__new__(cls, text)
        m.code = code
        return m


@dataclass(frozen=True, eq=False)
class Kind:
    code: str
    title: str  # « Montant négatif »
    template: str | dict[str, str]  # the message; several: {variant: template}, "" the usual one
    meaning: str  # « Ce que cela veut dire »
    fix: str  # « Comment corriger »
    at: str  # an example of where: "data/actions.yaml:38: actions[voie-albert-carre].cout_total"
    example: dict[str, Any] = field(default_factory=dict)  # the template's values in the example
    family: str = ""

    def templates(self) -> dict[str, str]:
        return self.template if isinstance(self.template, dict) else {"": self.template}

    def __call__(self, variant: str = "", **values: Any) -> Message:
        return Message(self.templates()[variant].format(**values), self.code)

    def example_message(self) -> str:
        """The example as `make check` prints it: `file:line: field: message`."""
        variant = self.example.get("variant", "")
        values = {k: v for k, v in self.example.items() if k != "variant"}
        return f"{self.at}: {self(variant, **values)}"


@dataclass
class Family:
    slug: str
    title: str  # the heading of the family on the page
    intro: str
    kinds: list[Kind] = field(default_factory=list)

    def kind(self, code: str, title: str, template: str | dict[str, str], meaning: str, fix: str, at: str,
             **example: Any) -> Kind:
        if not CODE_RE.fullmatch(code) or code in CATALOGUE:
            raise ValueError(f"code {code!r} malformed or declared twice")
        k = Kind(code, title, template, meaning, fix, at, example, self.slug)
        self.kinds.append(k)
        CATALOGUE[code] = k
        return k


CATALOGUE: dict[str, Kind] = {}
FAMILIES: list[Family] = []


def family(slug: str, title: str, intro: str) -> Family:
    f = Family(slug, title, intro)
    FAMILIES.append(f)
    return f


def code_of(message: str) -> str:
    """The code a message carries ("" for a plain string)."""
    return getattr(message, "code", "")


# The families, in the order of the page (each module registers its kinds on import).
from crte.data.codes import contrat, decisions, dossiers, fichiers, suivi, valeurs  # noqa: E402,F401
