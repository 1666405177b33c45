"""CRTE_SITE_URL and CRTE_EDIT_URI, the site's public address and the repository's
edit address (mkdocs.yml `site_url`, `edit_uri`), checked by `make build`
(build.py) before MkDocs runs.

Each is parsed as a URL and refused, with a message in French, when a public
address should not carry it: anything but http(s)://host[:port]/path/; a
character that would need escaping anywhere it is written (quotes, < >, %,
spaces, control or invisible characters...: the path takes only letters without
accents, digits and « - . _ ~ / »); a user name or password; a query or
fragment; a `.` or `..` segment or a doubled « / »; a host that is not a plain DNS
name in lowercase ASCII (a name with accents is given in its xn-- form); a
missing final « / ». CRTE_SITE_URL cannot be empty (MkDocs would take it for « no
address »: an empty sitemap, relative permanent links); an empty CRTE_EDIT_URI
means no edit link.

The check is not the only guard: everything that writes these addresses escapes
them for its context (Jinja autoescape, `tojson` in scripts, XML escaping in the
sitemap and the feed, JSON, the theme's `url` filter: `escaped_url_filter`), so
that a value that slipped through could never become markup or code
(tests/site/test_siteurl.py).

Deploying under a sub-path (https://exemple.fr/crte/) works: links between
pages are relative, and the 404 page, served at any depth, uses the sub-path
(README.md, tests/site/test_links.py).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import pass_context
from markupsafe import Markup, escape

from crte import fr

SITE = "CRTE_SITE_URL"
EDIT = "CRTE_EDIT_URI"
EXAMPLES = {SITE: "https://crte.agglo-henincarvin.fr/", EDIT: "https://github.com/cahc/crte-henin-carvin/edit/main/"}

LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
PATH_CHARS = re.compile(r"[A-Za-z0-9._~/-]")
HOST_PORT = re.compile(r"(.*?)(?::([^:\]]*))?")


def refusals(environ: Mapping[str, str]) -> list[str]:
    """Why CRTE_SITE_URL or CRTE_EDIT_URI is refused, in French: one message per
    variable refused; none when unset (mkdocs.yml's value) or valid."""
    out = []
    for name in (SITE, EDIT):
        if name in environ and (bad := problem(name, environ[name])) is not None:
            out.append(bad)
    return out


def problem(name: str, value: str) -> str | None:
    """Why `value` cannot be the address `name` (SITE or EDIT), or None."""
    example = f"par exemple {name}={EXAMPLES[name]}"
    if name == EDIT and not value:
        return None  # no edit link
    if name == SITE and not value.strip():
        return (f"{name} est vide : donnez l'adresse publique du site, terminée par « / » ({example}), ou retirez "
                "la variable pour garder celle de mkdocs.yml. Sans adresse, le plan du site (sitemap.xml) serait "
                "vide et les liens permanents seraient relatifs.")
    for i, c in enumerate(value):
        if unicodedata.category(c)[0] in "CZ":  # control, invisible (format), space, separator
            return (f"{name} contient un caractère invisible ou une espace (U+{ord(c):04X}, position {i + 1}) : "
                    f"une adresse publique n'en porte pas ; supprimez-le")
    try:
        parts = urlsplit(value)
    except ValueError:  # a « [ » without its « ] »
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not value.startswith(f"{parts.scheme}://") \
            or not parts.netloc:
        return (f"{name} doit être une adresse complète, commençant par https:// (ou http://), sans espace : "
                f"« {value} » ne l'est pas ({example}).")
    if "@" in parts.netloc:
        return (f"{name} contient un nom d'utilisateur ou un mot de passe (avant « @ ») : une adresse publique "
                f"n'en porte pas ; retirez-le ({example}).")
    if "?" in value or "#" in value:
        return (f"{name} contient « ? » ou « # » (des paramètres ou une ancre) : l'adresse d'un dossier n'en porte "
                f"pas ; retirez-les ({example}).")
    host, port = HOST_PORT.fullmatch(parts.netloc).groups()  # type: ignore[union-attr]  # always matches
    if (bad := _host_problem(host)) is not None:
        return f"{name} : {bad} ({example})."
    if port is not None and not (re.fullmatch(r"[1-9][0-9]{0,4}", port) and int(port) <= 65535):
        return f"{name} : le port de « {parts.netloc} » doit être un nombre de 1 à 65535 ({example})."
    if others := sorted({c for c in parts.path if not PATH_CHARS.fullmatch(c)}):
        shown = ", ".join(f"« {c} »" for c in others)
        these = fr.plural(len(others), "ce caractère", "ces caractères")
        return (f"{name} contient {shown} : une adresse publique ne porte pas {these}, qu'il faudrait échapper "
                f"partout où elle est écrite ; son chemin ne prend que des lettres sans accents, des chiffres et "
                f"« - . _ ~ / » ({example}).")
    segments = parts.path.split("/")[1:-1]
    if any(s in (".", "..") for s in segments):
        return (f"{name} contient un segment « . » ou « .. » : écrivez le chemin tel qu'il est servi, sans "
                f"détour ({example}).")
    if any(not s for s in segments):
        return f"{name} contient « // » dans son chemin : écrivez-le avec un seul « / » entre deux dossiers ({example})."
    if not value.endswith("/"):
        return (f"{name} doit se terminer par « / » : écrivez {name}={value}/ (« {value} » désignerait une page, pas "
                f"{'le dossier du site' if name == SITE else 'un dossier'}).")
    return None


def _host_problem(host: str) -> str | None:
    if not host.isascii():
        try:
            ascii_form = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"le nom d'hôte « {host} » n'est pas un nom de domaine valide"
        return f"écrivez le nom d'hôte « {host} » sous sa forme ASCII : « {ascii_form} »"
    labels = host.split(".")
    if len(host) > 253 or not all(LABEL.fullmatch(label.lower()) for label in labels):
        return (f"le nom d'hôte « {host} » n'est pas un simple nom de domaine (lettres sans accents, chiffres et "
                f"tirets, séparés par des points)")
    if host != host.lower():
        return f"écrivez le nom d'hôte en minuscules : « {host.lower()} »"
    return None


def escaped_url_filter(url_filter: Callable[..., str]) -> Callable[..., Markup]:
    """The theme's `url` filter, its result escaped for HTML: Material prints it in
    attributes unescaped, and on the 404 page it starts with CRTE_SITE_URL's path."""
    @pass_context
    def url(context: Any, value: str) -> Markup:
        return escape(url_filter(context, value))
    return url


MKDOCS_YML = Path(__file__).resolve().parents[1] / "mkdocs.yml"


def site_url(environ: Mapping[str, str]) -> str:
    """The public address the build uses: CRTE_SITE_URL when set, else mkdocs.yml's default
    (`site_url: !ENV [CRTE_SITE_URL, "<default>"]`), read from the file so that it is given once."""
    if environ.get(SITE, "").strip():
        return environ[SITE]
    class loader(yaml.SafeLoader):  # noqa: N801 - a local Loader class
        pass


    loader.add_constructor("!ENV", lambda node_loader, node: node_loader.construct_sequence(node)[-1])  # type: ignore[arg-type]
    return str(yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=loader)["site_url"])  # noqa: S506 - safe
