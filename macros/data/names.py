"""Names that become addresses: slugs of project owners, reserved slugs.

Every generated page lives at `<folder>/<slug>/` (actions/<id>/, communes/<slug>/,
maitres-ouvrage/<slug of the owner's name>/). A slug must never replace another
page: `index` is the folder's own page, and a slug longer than `SLUG_MAX` makes
a file name some systems refuse. checks.py refuses both, with file:line.
"""
from __future__ import annotations

import re
import unicodedata

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


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot be a page address, or None."""
    if not slug:
        return "ne contient aucune lettre ni aucun chiffre : il ne peut pas former d'adresse"
    if slug in RESERVED:
        return f"« {slug} » est réservé (il remplacerait une page du site) ; choisissez un autre identifiant"
    if len(slug) > SLUG_MAX:
        return f"donne une adresse trop longue ({len(slug)} caractères, {SLUG_MAX} au plus)"
    return None


def owner_problems(maitre_ouvrage: str) -> list[str]:
    """A message for each owner named in a cell that cannot have its own page:
    a reserved or empty address, or the same owner named twice (the action would
    count twice). Used for the annex rows (checks.py) and the decisions (timeline.py)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in owners(maitre_ouvrage):
        slug = slugify(name)
        if slug in RESERVED:
            out.append(f"le maître d'ouvrage « {name} » donnerait l'adresse /maitres-ouvrage/{slug}/, qui "
                       f"remplacerait une page du site ; écrivez son nom en entier")
        elif (bad := slug_problem(slug)) is not None:
            out.append(f"le maître d'ouvrage « {name} » {bad}")
        elif slug in seen:
            out.append(f"« {name} » est nommé deux fois : l'action serait comptée deux fois pour ce maître "
                       f"d'ouvrage")
        seen.add(slug)
    return out
