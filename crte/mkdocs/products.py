"""What the crte plugin adds to the site from the data (on_files): the generated pages,
and the generated files, each one made when first asked for.

- `products(views, root, site_url, dates, edit_uri, folder) -> Products`: every page
  built from the data (crte.pages), in a stable order; the per-action JSON files, cards
  and share images (crte.pages.sharing); the redirects of former addresses; the open
  data (crte.outputs.opendata); the Atom feed; what the search reads beside its index
  (amounts, words); the browser editor's page, configuration and code, robots.txt.
- `Once`: a file's content, made by its first call and kept. A full build asks for
  every one at once; under `make serve` the files a page view does not need at once are
  made after the pages (crte/mkdocs/incremental.py), and the products of unchanged
  inputs are kept whole from one rebuild to the next (`reused`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from crte import routes
from crte.dates import Dates
from crte.outputs import edition, feed
from crte.outputs.kept import Kept
from crte.outputs.opendata import DataFile, files as data_files
from crte.pages import sharing
from crte.pages.action_scope import Memo
from crte.pages.pages import GeneratedPage, generate, redirects, render_edition, render_redirect
from crte.search.amounts import amounts_json
from crte.search.words import words_json
from crte.views.views import Views

# In the project's folder, for the next build: the share images (crte/outputs/kept.py), the
# compiled templates (crte/pages/compiled.py). Ignored by git; safe to delete.
KEPT, TEMPLATES_KEPT = ".cache/partage", ".cache/gabarits"

Content = bytes | str


class Once:
    """A content made on the first call (`produce()`), then kept; `made` says whether it is."""

    __slots__ = ("_produce", "_value")

    def __init__(self, produce: Callable[[], Content]) -> None:
        self._produce: Callable[[], Content] | None = produce
        self._value: Content = b""

    def __call__(self) -> Content:
        if self._produce is not None:
            self._value, self._produce = self._produce(), None
        return self._value

    @property
    def made(self) -> bool:
        return self._produce is None


@dataclass(frozen=True)
class Products:
    """pages: built from the data, in order; files: (path in the site, its content);
    copies: (path in the site, file copied as is: the editor's code)."""

    pages: tuple[GeneratedPage, ...]
    files: tuple[tuple[str, Once], ...]
    copies: tuple[tuple[str, str], ...]


def products(views: Views, root: Path, site_url: str, dates: Dates, edit_uri: str, folder: str,
             memo: Memo | None = None) -> Products:
    """Everything the data adds to the site; see the module's docstring. `root`: the
    project's folder; `folder`: the data folder as named ($CRTE_DATA); `memo`: the
    action and indicator pages of the previous call, for `generate` (under serve)."""
    data = tuple(data_files(views, site_url, dates))
    pages = tuple(generate(views, site_url, data, dates.data_changed, memo))
    # The share images drawn by the previous builds of this project (crte/outputs/kept.py).
    made: list[tuple[str, Callable[[], Content]]] = list(sharing.files(views, site_url, Kept(root / KEPT)))
    # Former action URLs stay valid: a small page that leads to the current one.
    made += [(f"{old}index.html", partial(render_redirect, views, old, new)) for old, new in redirects(views).items()]
    made += [(routes.data_file(f.name), partial(_content, f)) for f in data]
    made.append((feed.PATH, partial(feed.atom, views, site_url)))
    # What the search reads beside its index: amounts, synonyms and suggestions (crte.search).
    made += [(routes.SEARCH_AMOUNTS, partial(amounts_json, views)), (routes.SEARCH_WORDS, partial(words_json, views))]
    # /edition/: the browser editor's configuration and code, robots.txt. An edit address
    # of no known platform is refused by `make build` (crte.cli.build); a plain engine build
    # still publishes the site, with an editor page that says it has no configuration
    # (edition.js) rather than one pointing at a wrong repository.
    made.append((f"{routes.EDITOR}index.html", partial(render_edition, views)))
    copies: list[tuple[str, str]] = []
    try:
        extra = edition.files(views, root, folder, site_url, edit_uri)
    except edition.EditionError:
        extra = [("robots.txt", partial(edition.robots, site_url))]
    for path, item in extra:
        if isinstance(item, Path):
            copies.append((path, str(item)))
        else:
            made.append((path, item))
    return Products(pages, tuple((path, Once(produce)) for path, produce in made), tuple(copies))


def _content(data_file: DataFile) -> bytes:
    return data_file.content


# Under serve: the last products and the inputs they were made from; the action and
# indicator pages of the last products, by the inputs other than the views they were made from.
_last: tuple[Views, str, Products] | None = None
_memo: tuple[str, Memo] = ("", {})


def reused(views: Views, root: Path, site_url: str, dates: Dates, edit_uri: str, folder: str) -> Products:
    """`products(...)`, or the previous call's when its inputs were the same: the same
    views (the loader keeps them while the data does not change: crte.mkdocs.dataset),
    the same templates/ files, address, dates, edit address and data folder. Otherwise
    the action and indicator pages whose inputs did not change are kept (crte/pages/action_scope.py),
    when those other inputs are the same."""
    global _last, _memo
    key = hashlib.sha256(repr((_templates(root), site_url, dates, edit_uri, folder)).encode()).hexdigest()
    if _last is None or _last[0] is not views or _last[1] != key:
        _last = None  # the previous products can be freed before making the new ones
        if _memo[0] != key:
            _memo = (key, {})
        _last = (views, key, products(views, root, site_url, dates, edit_uri, folder, _memo[1]))
    return _last[2]


def _templates(root: Path) -> list[tuple[str, int, int]]:
    folder = root / "templates"
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in folder.rglob("*") if p.is_file())
