"""/edition/: the browser editor of the living layer (Decap CMS), served by the site itself.

Staff record a decision or a tracking update in a form; with the editorial workflow
each entry becomes a pull request (GitHub) or a merge request (GitLab), which CI
checks like any other (CONTRIBUTING.md « Saisir dans le navigateur »).

What the build writes under edition/ (`files()`):
- `config.yml`: Decap's configuration. The forms come from the record declarations
  (data/cms.py); the lists of allowed values (actions in force, chantiers, fiches,
  funders…) from the data being built, so the configuration is built, never
  committed: a decision that adds an action lists it on the next build, and a
  committed copy would be stale after every decision. The repository and its
  branch come from CRTE_EDIT_URI (the pages' « Modifier » links): one address;
  the sign-in from CRTE_EDITION_AUTH (GitHub: the OAuth client's address) or
  CRTE_EDITION_APP_ID (GitLab: the OAuth application's id, PKCE, no server).
- `decap-cms.js` and its chunks, and the `yaml` package's browser build: copied
  from node_modules (`npm ci`, run by `make build`), never from a CDN. Without
  them the page says so (docs/edition/edition.js) and the build goes on.
- `robots.txt` (at the site's root): the editing page is not for search engines.
The page itself and the formatter are static files: docs/edition/index.html,
docs/edition/edition.js. No public page loads them.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from crte import routes
from crte.data.cms import FORMAT, collections, label as cms_label
from crte.siteurl import EDIT
from crte.views.views import Views

Made = Callable[[], str]  # a text, made when called

DIR = routes.EDITOR.rstrip("/")
AUTH = "CRTE_EDITION_AUTH"
APP_ID = "CRTE_EDITION_APP_ID"
LOCAL = "CRTE_EDITION_LOCAL"  # decap-server's address for `make edit` (and the tests)
LOCAL_DEFAULT = "http://127.0.0.1:8081/api/v1"
BUNDLE = ("decap-cms", "dist")  # under node_modules
YAML_LIB = ("yaml", "browser", "dist")


class EditionError(ValueError):
    """A configuration the editor cannot use (a French message)."""


def choices(views: Views) -> dict[str, list[Any]]:
    """The allowed values of the fields that name a record of the data (data/cms.py
    REFERENCES), from the contract in force."""
    crte = views.crte
    funders = views.signed_suivi.funders if views.signed_suivi else None
    return {
        "actions": [{"label": f"{a.id} — {a.titre}", "value": a.id} for a in crte.actions],
        "enjeux": list(dict.fromkeys(o.libelle_annexe for o in crte.orientations if o.libelle_annexe)),
        "chantiers": [{"label": f"{c.numero} — {c.titre}", "value": c.numero} for c in crte.chantiers],
        "fiches": [{"label": f"{x.numero} — {x.titre}", "value": x.numero} for x in crte.fiches],
        "orientations": [{"label": f"{o.numero} — {o.titre}", "value": o.numero} for o in crte.orientations],
        "indicateurs": [{"label": f"{i.id} — {i.libelle}", "value": i.id} for i in crte.indicators],
        "communes": [{"label": c.nom, "value": c.slug} for c in crte.communes],
        "articles": [{"label": f"{a.numero} — {a.titre}", "value": a.numero} for a in crte.contract.articles],
        "sections": [{"label": f"{s.numero} — {s.titre}", "value": s.numero}
                     for a in crte.contract.articles for s in a.sections],
        "financeurs": [{"label": x.nom, "value": x.slug} for x in funders.financeurs] if funders else [],
    }


def backend(edit_uri: str, environ: Mapping[str, str]) -> dict[str, Any]:
    """Decap's `backend` from the repository's edit address (mkdocs.yml `edit_uri`):
    `https://github.com/<owner>/<repo>/edit/<branch>/` or
    `https://<gitlab>/<group>/<project>/-/edit/<branch>/`."""
    parts = urlsplit(edit_uri)
    path = parts.path.strip("/")
    if m := re.fullmatch(r"([^/]+/[^/]+)/edit/([^/]+)", path) if parts.netloc == "github.com" else None:
        out: dict[str, Any] = {"name": "github", "repo": m[1], "branch": m[2]}
        if environ.get(AUTH, "").strip():
            out["base_url"] = environ[AUTH].strip().rstrip("/")
        return out
    if m := re.fullmatch(r"(.+)/-/edit/([^/]+)", path):
        out = {"name": "gitlab", "repo": m[1], "branch": m[2]}
        if parts.netloc != "gitlab.com":
            out |= {"api_root": f"{parts.scheme}://{parts.netloc}/api/v4", "base_url": f"{parts.scheme}://{parts.netloc}"}
        if environ.get(APP_ID, "").strip():
            out |= {"auth_type": "pkce", "app_id": environ[APP_ID].strip()}
        return out
    raise EditionError(f"CRTE_EDIT_URI « {edit_uri} » : l'éditeur du navigateur (/edition/) attend l'adresse "
                       "d'édition d'un dépôt GitHub (https://github.com/<compte>/<dépôt>/edit/<branche>/) ou GitLab "
                       "(https://<serveur>/<groupe>/<projet>/-/edit/<branche>/)")


def refusals(environ: Mapping[str, str]) -> list[str]:
    """Why CRTE_EDIT_URI cannot give the editor its repository, in French (none when unset
    or empty: mkdocs.yml's address, or no edit link)."""
    if not environ.get(EDIT, "").strip():
        return []
    try:
        backend(environ[EDIT], environ)
    except EditionError as exc:
        return [str(exc)]
    return []


def config(views: Views, folder: str, site_url: str, edit_uri: str,
           environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Decap's configuration for the data folder `folder` (relative to the repository)."""
    return {
        "backend": backend(edit_uri, environ),
        # Each entry saved is a branch and a pull request (merge request), checked by CI.
        "publish_mode": "editorial_workflow",
        # Decap uses decap-server only on a page of localhost/127.0.0.1, when it answers (make edit).
        "local_backend": {"url": environ.get(LOCAL, "").strip() or LOCAL_DEFAULT},
        "load_config_file": False,
        "locale": "fr",
        "site_url": site_url,
        "display_url": site_url,
        "show_preview_links": False,
        "media_folder": "docs/assets",  # required by Decap; no form uploads a file
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": _named(collections(folder, choices(views)), _labels(views)),
    }


def _labels(views: Views) -> dict[str, str]:
    sigle = views.territory.sigle
    return {cms_label("part_cahc"): f"Part {sigle}", cms_label("hors_cahc"): f"Hors {sigle}"}


def _named(value: Any, labels: Mapping[str, str]) -> Any:
    # The forms' labels come from the YAML keys (crte/data/cms.py): the keys part_cahc and
    # hors_cahc read « Part CAHC », « Hors CAHC »; their labels are the territory's
    # (territoire.yaml: « Part CCVE » elsewhere).
    if isinstance(value, dict):
        return {k: labels.get(v, v) if k == "label" else _named(v, labels) for k, v in value.items()}
    if isinstance(value, list):
        return [_named(v, labels) for v in value]
    return value


def config_text(cfg: Mapping[str, Any]) -> str:
    head = ("# Configuration de l'éditeur du navigateur (Decap CMS), écrite par la construction du site "
            "(crte/outputs/edition.py)\n# à partir des déclarations des champs (crte/data/cms.py) et des données. "
            f"Format des fichiers : {FORMAT} (docs/edition/edition.js).\n")
    # libyaml's dumper when PyYAML has it (the same text, ten times as fast: 4 s at 2 500 actions).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return head + yaml.dump(dict(cfg), Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _copies(modules: Path) -> Iterator[tuple[str, Path]]:
    bundle = modules.joinpath(*BUNDLE)
    for path in sorted(bundle.glob("*decap-cms.js")):  # the bundle and the chunks it loads
        yield f"{DIR}/{path.name}", path
    lib = modules.joinpath(*YAML_LIB)
    for path in sorted(lib.rglob("*.js")):
        yield f"{DIR}/yaml/{path.relative_to(lib).as_posix()}", path


def node_modules(project: Path) -> Path:
    return project / "node_modules"


def installed(project: Path) -> bool:
    modules = node_modules(project)
    return modules.joinpath(*BUNDLE, "decap-cms.js").is_file() and modules.joinpath(*YAML_LIB, "index.js").is_file()


def files(views: Views, project: Path, folder: str, site_url: str, edit_uri: str,
          environ: Mapping[str, str] = os.environ) -> list[tuple[str, Made | Path]]:
    """(path in the site, what makes its text, or the file to copy) of what /edition/ needs
    beyond its static files, and robots.txt. The configuration is decided here (EditionError
    when the edit address is of no known platform) and written as text when asked (under
    `make serve`, after the pages: 0.4 s at 2 500 actions)."""
    out: list[tuple[str, Made | Path]] = [
        (f"{DIR}/config.yml", partial(config_text, config(views, folder, site_url, edit_uri, environ)))]
    if installed(project):
        out += list(_copies(node_modules(project)))
    out.append(("robots.txt", partial(robots, site_url)))
    return out


def robots(site_url: str) -> str:
    base = urlsplit(site_url).path or "/"
    return f"User-agent: *\nDisallow: {base}{DIR}/\n\nSitemap: {site_url}sitemap.xml\n"
