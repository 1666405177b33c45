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

from functools import lru_cache

from slugify import slugify as _slugify

from crte.data.codes import contrat as C
from crte.data.reader import SLUG_MAX

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


@lru_cache(maxsize=65_536)
def slugify(text: str) -> str:
    """"Commune d'Hénin-Beaumont" -> "commune-d-henin-beaumont", "Maître d'œuvre" ->
    "maitre-d-oeuvre" (python-slugify: transliterated, lower case, hyphens). The data is
    plain text, never HTML: « &amp; » is five characters, not an entity to decode.
    Remembered: the same few names (owners, communes) are asked for thousands of times."""
    return _slugify(text, entities=False, decimal=False, hexadecimal=False)


def owners(maitre_ouvrage: str) -> list[str]:
    """The project owners named in a published cell: "CAHC/ Commune de Drocourt" -> two."""
    return [" ".join(part.split()) for part in maitre_ouvrage.split("/") if part.strip()]


def address_problem(folder: str, name: str, owner: str | None = None) -> str | None:
    """Why `name` cannot form the address /`folder`/`name`/ (a codes.Message), or None.
    The message names the identifier itself, or `owner`, the name of the project
    owner it comes from (then it asks for that name in full, not another identifier)."""
    variant = "" if owner is None else "maitre-ouvrage"
    subject = name if owner is None else owner
    if not name:
        return C.SANS_ADRESSE(variant, name=subject)
    if name in RESERVED:
        return C.RESERVE(variant, name=subject, folder=folder, slug=name)
    if len(name) > SLUG_MAX:
        return C.ADRESSE_TROP_LONGUE(variant, name=subject, n=len(name), max=SLUG_MAX)
    return None


def owner_problems(maitre_ouvrage: str) -> list[str]:
    """A message for each owner named in a cell that cannot have its own page:
    a reserved or empty address, or the same owner named twice (the action would
    count twice). Used for the annex rows (checks.py) and the decisions (timeline.py)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in owners(maitre_ouvrage):
        slug = slugify(name)
        if (bad := address_problem(OWNERS, slug, name)) is not None:
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
