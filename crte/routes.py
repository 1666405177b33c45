"""Every address of the site, built here and nowhere else.

A route is an address relative to the site's root, as the engine serves it with
`use_directory_urls`: `""` for the home page, `"actions/cite-declercq/"` for a page
(always a trailing slash), `"actions/cite-declercq.json"` for a file, and maybe an
anchor (`"orientations/1/#chantier-5"`). Partners link to them: a published route
never changes (urls.txt, checked by every build, is the judge). The records' folders
are those of crte.data.names, which refuses the identifiers they cannot take.

Views, outputs, templates (the Jinja global `routes`), the feed and the tests use these
functions; turning a route into a link from a given page is crte.pages.filters' job
(`url`, `link`), into an absolute URL `absolute()`'s. tests/site/test_routes.py builds
the site and checks every route of every record against it.
"""
from __future__ import annotations

from crte.data import codes, names

HOME = ""
CONTRACT = "contrat/"
ACTIONS = f"{names.ACTIONS}/"
ORIENTATIONS = "orientations/"
INDICATORS = f"{names.INDICATORS}/"
COMMUNES = f"{names.COMMUNES}/"
OWNERS = f"{names.OWNERS}/"
FUNDERS = f"{names.FUNDERS}/"
DECISIONS = f"{names.DECISIONS}/"
TRACKING = "suivi/"
FINANCES = "finances/"
CONTROLS = "finances/controles/"
OPEN_DATA = "donnees/"
SEARCH = "recherche/"
GLOSSARY = "glossaire/"
SEARCH_AMOUNTS = f"{SEARCH}montants.json"  # the amounts a query can find (crte/search/amounts.py)
SEARCH_WORDS = f"{SEARCH}mots.json"  # synonyms and suggestions (crte/search/words.py)
EDITOR = "edition/"
FEED = f"{DECISIONS}atom.xml"
SHARE_IMAGE = "assets/partage.png"
MESSAGES = codes.ROUTE


def action(action_id: str) -> str:
    """`actions/<id>/`: the action's page (each former id redirects there)."""
    return f"{ACTIONS}{action_id}/"


def action_json(action_id: str) -> str:
    """`actions/<id>.json`: the action's record, as in the open data."""
    return f"{ACTIONS}{action_id}.json"


def action_card(action_id: str) -> str:
    """`actions/<id>/carte/`: the card partners embed in an <iframe>."""
    return f"{action(action_id)}carte/"


def action_image(action_id: str) -> str:
    """`actions/<id>/partage.png`: the image a shared link to the action shows (og:image)."""
    return f"{action(action_id)}partage.png"


def orientation(numero: int) -> str:
    return f"{ORIENTATIONS}{numero}/"


def chantier(orientation_numero: int, numero: int) -> str:
    """The chantier's section on its orientation's page."""
    return f"{orientation(orientation_numero)}#chantier-{numero}"


def fiche(orientation_numero: int, numero: str) -> str:
    """The fiche's section on its orientation's page: fiche "1.2" -> `#fiche-1-2`."""
    return f"{orientation(orientation_numero)}#fiche-{numero.replace('.', '-')}"


def indicator(indicator_id: str) -> str:
    """`indicateurs/<id>/`: the indicator's page (its definition, values and chart)."""
    return f"{INDICATORS}{indicator_id}/"


def indicator_entry(indicator_id: str) -> str:
    """The indicator's entry in the catalogue, `indicateurs/#<id>`."""
    return f"{INDICATORS}#{indicator_id}"


def glossary_term(slug: str) -> str:
    """A term's entry on the glossary: `glossaire/#maitre-d-ouvrage`."""
    return f"{GLOSSARY}#{slug}"


def commune(slug: str) -> str:
    return f"{COMMUNES}{slug}/"


def owner(slug: str) -> str:
    """A maître d'ouvrage's page; `slug` from crte.data.names.slugify of its name."""
    return f"{OWNERS}{slug}/"


def funder(slug: str) -> str:
    return f"{FUNDERS}{slug}/"


def decision(decision_id: str) -> str:
    """`evolutions/<id>/`: a decision's permanent page (its file name is its id)."""
    return f"{DECISIONS}{decision_id}/"


def data_file(name: str) -> str:
    """`donnees/<name>`: a file of the open data (`actions.csv`, `datapackage.json`…)."""
    return f"{OPEN_DATA}{name}"


def message(code: str = "") -> str:
    """The reference of the data check's messages, at the entry of `code` when given."""
    return codes.route(code) if code else MESSAGES


def absolute(site_url: str, route: str) -> str:
    """The absolute URL of `route` on a site published at `site_url` (which ends in "/")."""
    return site_url + route


def src_uri(route: str) -> str:
    """The Markdown file the engine turns into the page at `route`:
    `""` -> `index.md`, `actions/` -> `actions.md`, `actions/x/` -> `actions/x.md`."""
    return "index.md" if route == "" else route.rstrip("/") + ".md"
