"""MkDocs hooks, each a thin call into a module of macros/:

- on_files: the pages generated from the data (pages.py), their "edit" link
  pointing at the YAML file that holds the record, redirects, open data files,
  the Atom feed of the decisions (feed.py), the per-action JSON files, cards and
  sharing image (sharing.py), the day the data last changed (dates.py);
- on_pre_build, on_files, on_page_content, on_env, on_post_build, on_build_error:
  the search index (search.py; what it reads of a page: searchtext.py);
- on_nav, on_env: the theme's parts rendered once (themecache.py);
- on_env: the theme's `url` filter escaped for HTML (siteurl.py);
- on_startup: MkDocs' anchor scan, narrowed (anchorscan.py);
- on_startup, on_serve, on_files, on_post_page, on_post_template: under
  `mkdocs serve`, a data error shows a banner over the last valid data
  instead of stopping the server (devserver.py).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# MkDocs loads a hook by its file path: make the project root importable so that
# this file can use the `macros` package like every other module.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jinja2 import Environment  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from macros.site import anchorscan  # noqa: E402
from macros.site import edition  # noqa: E402
from macros.site import feed  # noqa: E402
from macros.site import sharing  # noqa: E402
from macros.site import siteurl  # noqa: E402
from macros.site.opendata import DIR as DATA_DIR  # noqa: E402
from macros.site.opendata import files as data_files  # noqa: E402
from macros.site.filters import src_uri  # noqa: E402
from macros.site.pages import generate, messages_route, redirects, render_edition, render_redirect  # noqa: E402
from macros.site.search import SearchIndexer, parts_for, search_document  # noqa: E402
from macros.site.searchtext import indexed_body  # noqa: E402
from macros.site import devserver  # noqa: E402
from macros.site.dataset import DEFAULT_DATA, data_dir, data_folder, dataset_for, edit_file, views_for  # noqa: E402
from macros.site.dates import dates_for  # noqa: E402
from macros.site.themecache import ThemeCache  # noqa: E402
from macros.site.ci_report import workflow_command  # noqa: E402
from macros.site.urls import added, added_notice, built_urls, dropped  # noqa: E402
from macros.views.formatting import long_date  # noqa: E402


def on_startup(command: str, dirty: bool) -> None:
    # MkDocs' scan of raw HTML for anchors, narrowed to the tags that can hold one.
    anchorscan.install()
    devserver.start(command)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    devserver.watch_data(server, data_dir(config))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not dataset_for(config).available:  # under serve only, no valid data yet
        return devserver.error_site(files, config)
    for f in files:
        if f.is_documentation_page():
            f.edit_uri = None if f.src_uri in NOT_EDITABLE else f"docs/{f.src_uri}"
    views = views_for(config)
    # A fictitious example (exemple.yaml) says so on every page (overrides/main.html).
    config.extra["exemple_fictif"] = views.signed.exemple
    site_url = config.site_url or ""
    # The day the data last changed, on every page's footer (overrides/partials/copyright.html).
    dates = dates_for(Path(config.config_file_path).parent, data_dir(config))
    config.extra["donnees_modifiees"] = long_date(dates.data_changed) if dates.data_changed else ""
    data = tuple(data_files(views, site_url, dates))
    for page in generate(views, site_url, data, dates.data_changed):
        generated = File.generated(config, page.src_uri, content=page.content)
        generated.edit_uri = edit_file(page.edit_path, Path(config.config_file_path).parent)  # in DATA=...
        files.append(generated)
    # /actions/<id>.json, the embeddable cards /actions/<id>/carte/, the sharing image.
    for path, content in sharing.files(views, site_url):
        files.append(File.generated(config, path, content=content))
    # Former action URLs stay valid: a small page that leads to the current one.
    for old, new in redirects(views).items():
        files.append(File.generated(config, f"{old}index.html", content=render_redirect(views, old, new)))
    for f in data:
        files.append(File.generated(config, f"{DATA_DIR}/{f.name}", content=f.content))
    files.append(File.generated(config, feed.PATH, content=feed.atom(views, site_url)))  # the decisions' Atom feed
    # /edition/: the browser editor's configuration and code (edition.py), robots.txt.
    # An edit address of no known platform is refused by `make build` (build.py); a plain
    # `mkdocs build` still publishes the site, with an editor page that says it has no
    # configuration (edition.js) rather than one pointing at a wrong repository.
    files.append(File.generated(config, "edition/index.html", content=render_edition(views)))
    try:
        extra = edition.files(views, Path(config.config_file_path).parent, data_folder(), site_url,
                              config.edit_uri or "")
    except edition.EditionError:
        extra = [("robots.txt", edition.robots(site_url))]
    for path, item in extra:
        files.append(File.generated(config, path, content=item) if isinstance(item, str)
                     else File.generated(config, path, abs_src_path=str(item)))
    # A published address never disappears (urls.txt), whatever kind of page it was.
    # Checked when building the real data: another data folder is another contract.
    manifest = Path(config.config_file_path).parent / "urls.txt"
    # New ones are no error: the publishing job on main records them (`make urls`); the build says so.
    if data_folder() == DEFAULT_DATA and not devserver.serving():
        built = built_urls([f.url for f in files])
        if lost := dropped(manifest, built):
            raise PluginError(f"{len(lost)} adresse{'s' if len(lost) > 1 else ''} publiée{'s' if len(lost) > 1 else ''}"
                              f" disparaîtrai{'en' if len(lost) > 1 else ''}t :\n" + "\n".join(lost))
        if manifest.exists() and (new := added(manifest, built)):
            print(added_notice(new), file=sys.stderr)
            if os.environ.get("GITHUB_ACTIONS") == "true":  # a notice on the run's page too
                print(workflow_command("notice", added_notice(new), title="Adresses nouvelles"), flush=True)
    # A large site's search index comes in parts (search.py); the header tells the browser.
    config.extra["recherche_parties"] = parts_for(len(files.documentation_pages()))
    if _indexer is not None:
        with _search_errors("démarrer"):
            _indexer.split(config.extra["recherche_parties"])
    return files


# Pages whose content is not searchable: the search page itself, and the reference of the
# data check's messages (for staff: citizens searching « montant » should not land there).
NOT_INDEXED = {"recherche.md", src_uri(messages_route())}
# Hand-written pages without an edit link: what they show is computed.
NOT_EDITABLE = {"recherche.md"}

_indexer: SearchIndexer | None = None


@contextmanager
def _search_errors(doing: str) -> Iterator[None]:
    # The indexer's own errors stop the build with a message, not a traceback;
    # on_build_error then stops the indexer.
    try:
        yield
    except Exception as exc:
        raise PluginError(f"Pagefind n'a pas pu {doing} : {exc}") from None


def on_pre_build(config: MkDocsConfig) -> None:
    global _indexer
    config.extra["recherche_parties"] = 1  # until on_files counts the pages
    with _search_errors("démarrer"):
        _indexer = SearchIndexer()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Pagefind indexes only what is marked: the page's own content, not the
    # navigation, header or footer repeated on every page; its blocks separated
    # and its word parts attached (searchtext.py), in the page as in the index.
    if page.file.src_uri in NOT_INDEXED:
        return html
    html = indexed_body(html)
    if _indexer is not None:
        # Sent now, as soon as MkDocs has converted it, rather than once the theme
        # has rendered it: Pagefind has every page by the end of the conversion and
        # builds its index (most of its work) while the theme renders (on_env).
        with _search_errors(f"indexer la page {page.file.src_uri}"):
            _indexer.add(search_document(html, page.title or config.site_name, config.theme["language"]),
                         "/" + page.url)
    return html


_theme_cache: ThemeCache | None = None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _theme_cache
    _theme_cache = ThemeCache(nav)
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["theme_cache"] = _theme_cache  # for overrides/main.html
    # The theme prints its `url` filter in attributes, unescaped: escaped (siteurl.py).
    env.filters["url"] = siteurl.escaped_url_filter(env.filters["url"])
    # Every page has been converted, so Pagefind has them all: it can build the
    # index while the theme renders the pages.
    if _indexer is not None:
        with _search_errors("indexer le site"):
            _indexer.finish()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    global _indexer
    indexer, _indexer = _indexer, None
    if indexer is None:
        return
    try:
        with _search_errors("indexer le site"):
            indexer.write(str(Path(config.site_dir) / "pagefind"))
    finally:
        indexer.close()


def on_build_error(error: Exception) -> None:
    global _indexer
    indexer, _indexer = _indexer, None
    if indexer is not None:
        indexer.close()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return devserver.add_banner(output, dataset_for(config))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        return devserver.add_banner(output_content, dataset_for(config))
    return output_content
