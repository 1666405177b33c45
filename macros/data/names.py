"""Names that become addresses: slugs of project owners, reserved slugs.

Every generated page lives at `<folder>/<slug>/` (actions/<id>/, communes/<slug>/,
maitres-ouvrage/<slug of the owner's name>/). A slug must never replace another
page: `index` is the folder's own page, and a slug longer than `SLUG_MAX` makes
a file name some systems refuse. checks.py refuses both, with file:line.
"""
from __future__ import annotations

import re
import unicodedata

from .codes import contrat as C
from .fields import SLUG_MAX

# Slugs that name a folder's own page or a file the site writes beside the pages.
RESERVED = frozenset({"index", "404", "assets", "pagefind", "search", "sitemap", "carte"})


def slugify(text: str) -> str:
    """"Commune d'Hénin-Beaumont" -> "commune-d-henin-beaumont"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def owners(maitre_ouvrage: str) -> list[str]:
    """The project owners named in a published cell: "CAHC/ Commune de Drocourt" -> two."""
    return [" ".join(part.split()) for part in maitre_ouvrage.split("/") if part.strip()]


def slug_problem(slug: str, owner: str | None = None) -> str | None:
    """Why `slug` cannot be a page address (a codes.Message), or None; `owner`: the
    name of the project owner it comes from, named in the message."""
    variant = "" if owner is None else "maitre-ouvrage"
    if not slug:
        return C.SANS_ADRESSE(variant, name=owner)
    if slug in RESERVED:
        return C.RESERVE(variant, slug=slug, name=owner)
    if len(slug) > SLUG_MAX:
        return C.ADRESSE_TROP_LONGUE(variant, n=len(slug), max=SLUG_MAX, name=owner)
    return None


def owner_problems(maitre_ouvrage: str) -> list[str]:
    """A message for each owner named in a cell that cannot have its own page:
    a reserved or empty address, or the same owner named twice (the action would
    count twice). Used for the annex rows (checks.py) and the decisions (timeline.py)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in owners(maitre_ouvrage):
        slug = slugify(name)
        if (bad := slug_problem(slug, name)) is not None:
            out.append(bad)
        elif slug in seen:
            out.append(C.NOMME_DEUX_FOIS(name=name))
        seen.add(slug)
    return out


def named(value: str, known: dict[str, str]) -> str | None:
    """The identifier among `known` ({identifier: name}) that `value` names by its
    name or its spelling: « Hénin-Beaumont » for henin-beaumont, « Etat » for etat."""
    folded = slugify(value)
    for key, name in known.items():
        if folded == key or folded == slugify(name):
            return key
    return None
