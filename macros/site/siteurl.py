"""CRTE_SITE_URL, the site's public address (mkdocs.yml `site_url`), checked by
`make build` (build.py) before MkDocs runs.

MkDocs takes an empty value for « no address »: the sitemap comes out empty
and the permanent links printed on the pages become relative. It adds a
missing final « / » itself, but the sharing tags and the <iframe> code would
then be built from an address that partners never see. Both are refused, with
a message in French; so is an address that is not a full http(s) one.

Deploying under a sub-path (https://exemple.fr/crte/) works: links between
pages are relative, and the 404 page, served at any depth, uses the sub-path
(README.md, tests/site/test_links.py).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml

VARIABLE = "CRTE_SITE_URL"
EXAMPLE = "https://crte.agglo-henincarvin.fr/"


def refusal(environ: Mapping[str, str]) -> str | None:
    """Why CRTE_SITE_URL is refused, in French, or None: unset (mkdocs.yml's address) or valid."""
    if VARIABLE not in environ:
        return None
    value = environ[VARIABLE]
    if not value.strip():
        return (f"{VARIABLE} est vide : donnez l'adresse publique du site, terminée par « / » (par exemple "
                f"{VARIABLE}={EXAMPLE}), ou retirez la variable pour garder celle de mkdocs.yml. Sans adresse, "
                "le plan du site (sitemap.xml) serait vide et les liens permanents seraient relatifs.")
    if not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", value):
        return (f"{VARIABLE} doit être une adresse complète, commençant par https:// (ou http://), sans "
                f"espace : « {value} » ne l'est pas (par exemple {VARIABLE}={EXAMPLE}).")
    if not value.endswith("/"):
        return (f"{VARIABLE} doit se terminer par « / » : écrivez {VARIABLE}={value}/ (« {value} » "
                "désignerait une page, pas le dossier du site).")
    return None


MKDOCS_YML = Path(__file__).resolve().parent.parent.parent / "mkdocs.yml"


def site_url(environ: Mapping[str, str]) -> str:
    """The public address the build uses: CRTE_SITE_URL when set, else mkdocs.yml's default
    (`site_url: !ENV [CRTE_SITE_URL, "<default>"]`), read from the file so that it is given once."""
    if environ.get(VARIABLE, "").strip():
        return environ[VARIABLE]
    loader = type("EnvLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda node_loader, node: node_loader.construct_sequence(node)[-1])
    return str(yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=loader)["site_url"])  # noqa: S506 - safe
