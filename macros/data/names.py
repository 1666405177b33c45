"""Names that become addresses: the folders of the records' pages, reserved names,
slugs of project owners. One list and one rule for every kind of record.

Every page generated from a record lives at `<folder>/<name>/`, `folder` one of
FOLDERS: actions/<id>/ (and each former id), communes/<slug>/, financeurs/<slug>/,
indicateurs/<id>/, evolutions/<decision id>/, maitres-ouvrage/<slug of the owner's
name>/. A name must never replace another page: `index` is the folder's own page
(financeurs/index.md would replace /financeurs/), and the others are files or folders
the site writes beside the pages. A name longer than `SLUG_MAX` makes a file name some
systems refuse.

- `address_problem(folder, name)`: why a record's identifier cannot be its address,
  or None; the field type of those identifiers (fields.address) refuses it at its
  line, the loader refuses a decision's file name with it;
- `owner_problems(maitre_ouvrage)`: the same rule for the owners named in a cell.
"""
from __future__ import annotations

import re
import unicodedata

from .reader import SLUG_MAX

# The folder of each kind of record's pages (site/pages.py builds the routes from them).
ACTIONS = "actions"
COMMUNES = "communes"
OWNERS = "maitres-ouvrage"
FUNDERS = "financeurs"
INDICATORS = "indicateurs"
DECISIONS = "evolutions"
FOLDERS = (ACTIONS, COMMUNES, OWNERS, FUNDERS, INDICATORS, DECISIONS)

# Names that are a folder's own page or a file the site writes beside the pages.
RESERVED = frozenset({"index", "404", "assets", "pagefind", "search", "sitemap", "carte"})

IDENTIFIER = "choisissez un autre identifiant"
NAME = "écrivez son nom en entier"


def slugify(text: str) -> str:
    """"Commune d'Hénin-Beaumont" -> "commune-d-henin-beaumont"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def owners(maitre_ouvrage: str) -> list[str]:
    """The project owners named in a published cell: "CAHC/ Commune de Drocourt" -> two."""
    return [" ".join(part.split()) for part in maitre_ouvrage.split("/") if part.strip()]


def address_problem(folder: str, name: str, subject: str | None = None, advice: str = IDENTIFIER) -> str | None:
    """Why `name` cannot form the address /`folder`/`name`/, or None. `subject` is what
    the message names (« index » by default: the identifier itself); `advice`, what to
    do instead (another identifier; for an owner, its name in full)."""
    subject = subject or f"« {name} »"
    if not name:
        return f"{subject} ne contient aucune lettre ni aucun chiffre : il ne peut pas former d'adresse"
    if name in RESERVED:
        return f"{subject} donnerait l'adresse /{folder}/{name}/, qui remplacerait une page du site ; {advice}"
    if len(name) > SLUG_MAX:
        return f"{subject} donnerait une adresse trop longue ({len(name)} caractères, {SLUG_MAX} au plus)"
    return None


def owner_problems(maitre_ouvrage: str) -> list[str]:
    """A message for each owner named in a cell that cannot have its own page:
    a reserved or empty address, or the same owner named twice (the action would
    count twice). Used for the annex rows (checks.py) and the decisions (timeline.py)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in owners(maitre_ouvrage):
        slug = slugify(name)
        if (bad := address_problem(OWNERS, slug, f"le maître d'ouvrage « {name} »", NAME)) is not None:
            out.append(bad)
        elif slug in seen:
            out.append(f"« {name} » est nommé deux fois : l'action serait comptée deux fois pour ce maître "
                       f"d'ouvrage")
        seen.add(slug)
    return out
