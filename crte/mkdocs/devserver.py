"""Under `properdocs serve` only: a data error does not stop the development server.

`properdocs build` (and `make build`) still stops at the first build with the French
report: nothing here runs unless `start("serve")` was called (on_startup hook).

Under `properdocs serve`, when the data of a rebuild is invalid (dataset.py):

- the site is built from the LAST VALID data of this session (`fallback`):
  kept in memory, and copied as YAML files into `$CRTE_SERVE_STATE/data` when
  that folder is given (crte.cli.serve gives one), so that a restart of
  the engine's server after a change of crte/**/*.py still has it;
- every page shows a banner listing the errors, `file:line: field: message`
  (`add_banner`, from the on_post_page and on_post_template hooks);
- when there is no valid data at all in this session (the data was already
  wrong when `make serve` started), the site is a single page that explains
  it (`error_site`) and the banner lists the errors. The macros receive a
  stand-in (`unavailable`) that raises the report if anything uses it. Other
  addresses get the 404 page, with the banner too; MkDocs adds its reload
  script only to the pages it finds, so that one must be reloaded by hand.

The build succeeds, so MkDocs' livereload reloads the open pages: the banner
appears, then disappears once the data is valid again.

Every text of the banner is escaped by Jinja's autoescape: error messages quote
values typed in the YAML (`<script>` is shown, never run).
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol, cast

from jinja2 import Environment
from properdocs.config.defaults import MkDocsConfig
from properdocs.exceptions import PluginError
from properdocs.structure.files import File, Files

from crte import fr
from crte.data.errors import DataError, DataErrors, system_reason
from crte.data.loader import load
from crte.views.views import Views

STATE_ENV = "CRTE_SERVE_STATE"  # a folder for the copy of the last valid data

log = logging.getLogger("mkdocs.plugins.crte.devserver")  # INFO only: a warning fails --strict

_serving = False
_last: Views | None = None  # the views of the last valid data


class Shown(Protocol):
    """What a page shows (dataset.Dataset): its errors, and whether any data is shown."""

    @property
    def errors(self) -> tuple[DataError, ...]: ...

    @property
    def available(self) -> bool: ...


def serving() -> bool:
    """True under `properdocs serve`."""
    return _serving


def start(command: str) -> None:
    """From on_startup: `command` is "serve" under `properdocs serve`, "build" otherwise."""
    global _serving
    _serving = command == "serve"


def _snapshot() -> Path | None:
    state = os.environ.get(STATE_ENV)
    return Path(state) / "data" if state else None


def remember(data_dir: Path, views: Views) -> None:
    """After a valid load under serve: keep its views, and a copy of its files."""
    global _last
    if not _serving:
        return
    _last = views
    if (snapshot := _snapshot()) is None:
        return
    # Copied beside, then swapped: a copy cut short never replaces a good one.
    tmp = snapshot.with_name("data.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        shutil.copytree(data_dir, tmp, ignore=_not_data)
        shutil.rmtree(snapshot, ignore_errors=True)
        tmp.rename(snapshot)
    except OSError as exc:  # the session goes on: only a restart would lose these data
        shutil.rmtree(tmp, ignore_errors=True)
        log.info("La copie des dernières données valides n'a pas pu être écrite dans %s (%s) : après un "
                 "redémarrage du serveur, elles ne seront plus affichées en cas d'erreur.", tmp.parent,
                 system_reason(exc))


def _not_data(folder: str, names: list[str]) -> list[str]:
    """What the loader never reads and a copy cannot take: a pipe, a broken link (the
    loader refuses them where it reads, not elsewhere)."""
    paths = {n: os.path.join(folder, n) for n in names}
    return [n for n, path in paths.items() if not (os.path.isfile(path) or os.path.isdir(path))]


def _last_good(display_dir: str) -> Views | None:
    """The views of the last valid data of this session, or None if there was none.

    After a restart, the copy in $CRTE_SERVE_STATE is loaded again (with the new
    code); its errors are named as the real folder's (`display_dir`)."""
    global _last
    snapshot = _snapshot()
    if _last is None and snapshot is not None and snapshot.is_dir():
        try:
            _last = Views(load(snapshot, display_dir))
        except DataErrors:
            return None  # valid for the old code, not for the new one
    return _last


def fallback(exc: DataErrors, display_dir: str) -> Views | None:
    """What to show instead of data with errors `exc`.

    Outside serve: raises PluginError with the report (MkDocs prints it without a
    traceback and stops). Under serve: prints the report and returns the views of
    the last valid data, or None if there is none (the caller shows `error_site`)."""
    if not _serving:
        raise PluginError(exc.report()) from None
    last = _last_good(display_dir)
    if last is None:
        log.info("%s\nAucune version valide des données depuis le lancement : seules les erreurs "
                 "sont affichées.", exc.report())
    else:
        log.info("%s\nLa dernière version valide des données reste affichée.", exc.report())
    return last


class _Unavailable:
    """Stands for the views when there is no valid data: any use raises the report."""

    def __init__(self, report: str) -> None:
        self._report = report

    def __getattr__(self, name: str) -> NoReturn:
        raise PluginError(self._report)


def unavailable(exc: DataErrors) -> Views:
    return cast(Views, _Unavailable(exc.report()))


# --- What the pages show -----------------------------------------------------------------------

_TEMPLATES = Environment(autoescape=True, keep_trailing_newline=True)

BANNER = _TEMPLATES.from_string("""\
<div class="crte-erreurs" role="alert" lang="fr">
<p class="crte-erreurs__titre">{{ title }}</p>
<ul class="crte-erreurs__liste">
{%- for error in errors %}
<li><code>{{ error }}</code></li>
{%- endfor %}
</ul>
<p>{{ hint }}</p>
</div>
""")


def _count(n: int) -> str:
    return fr.count(n, 'erreur', 'erreurs')


def banner(errors: Sequence[DataError], available: bool) -> str:
    """The banner's HTML (escaped): one line `file:line: field: message` per error."""
    if available:
        title = f"Les données contiennent {_count(len(errors))} : la dernière version valide est affichée."
    else:
        title = (f"Les données contiennent {_count(len(errors))} : aucune version valide n'a été "
                 "construite depuis le lancement du serveur, le site ne peut pas être affiché.")
    hint = ("Corrigez les fichiers indiqués : la page se rechargera d'elle-même dès que les données "
            "seront valides. Ce bandeau n'apparaît qu'avec make serve.")
    return BANNER.render(title=title, errors=[str(e) for e in errors], hint=hint)


_BODY = re.compile(r"<body\b[^>]*>")


def add_banner(html: str, shown: Shown) -> str:
    """`html` with the banner right after `<body>` when the data has errors."""
    if not shown.errors:
        return html
    found = _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + "\n" + banner(shown.errors, shown.available) + html[at:]


ERROR_PAGE = """\
---
title: Erreurs dans les données
---

# Erreurs dans les données

Le site ne peut pas encore être affiché : les données contiennent des erreurs,
listées en haut de cette page, et aucune version valide n'a été construite
depuis le lancement de `make serve`.

Corrigez-les dans les fichiers indiqués : cette page se rechargera d'elle-même
et le site s'affichera dès que les données seront valides. La commande
`make check` donne la même liste.
"""


def error_site(files: Files, config: MkDocsConfig) -> Files:
    """The site when there is no valid data: its assets and one page, the home page."""
    kept = Files([f for f in files if not f.is_documentation_page()])
    kept.append(File.generated(config, "index.md", content=ERROR_PAGE))
    config["nav"] = [{"Erreurs dans les données": "index.md"}]
    return kept


def watch_data(server: Any, data_dir: Path) -> None:
    """From on_serve: rebuild when the data folder changes (`make serve DATA=...`)."""
    if data_dir.is_dir():
        server.watch(str(data_dir))
