"""The `crte` plugin (`plugins: - crte` in mkdocs.yml; entry point in pyproject.toml).

A thin class that holds one build's state and calls into the pipeline below it:

- on_files: what the data adds to the site (products.py: the pages generated from the
  data, redirects, the open data files, the Atom feed, the per-action JSON files, cards
  and share images, the editor's configuration), the pages' "edit" link pointing at the
  YAML file that holds the record, the day the data last changed (crte.dates);
- on_pre_build, on_files, on_page_content, on_env, on_post_build, on_build_error:
  the search index (crte.search);
- on_nav, on_env: the theme's parts rendered once (themecache.py);
- on_env: the theme's `url` filter escaped for HTML (crte.siteurl), and `routes`;
- on_config: the site's name and description, from the data (territoire.yaml); under
  `serve`, first, what the previous build left for after its pages stopped and the cycle
  collector held until this one's are done (incremental.py, collector.py), then the
  theme's files listed once (theme_files.py);
- on_startup: the engine's anchor scan, narrowed (anchorscan.py);
- on_startup, on_serve, on_files, on_post_page, on_post_template: under `serve`,
  a data error shows a banner over the last valid data instead of stopping the
  server (devserver.py, whose state outlives one build: the engine keeps this
  plugin from one rebuild to the next, and what it holds is set again for each);
- on_startup, on_pre_build, on_files, on_nav, on_page_content, on_env, on_post_build,
  on_build_error: under `serve`, a rebuild redoes only the pages and files whose
  inputs changed (the data loaded again only when it changed, dataset.py; the products
  of the same data kept, products.py), and writes the files a page view does not need
  at once, then the search index, after the pages (incremental.py).

The data of the build is loaded once (`dataset`), on first use: by on_files, or
earlier by the macros of the hand-written pages (crte.mkdocs.macros), which reach
this plugin through `config.plugins["crte"]`.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from properdocs.config.defaults import MkDocsConfig
from properdocs.exceptions import PluginError
from properdocs.plugins import BasePlugin
from properdocs.structure.files import File, Files
from properdocs.structure.nav import Navigation
from properdocs.structure.pages import Page

from crte import fr, routes, siteurl
from crte.dates import dates_for
from crte.mkdocs import anchorscan, collector, devserver, incremental, theme_files, theme_fixes
from crte.mkdocs.dataset import DEFAULT_DATA, Dataset, data_dir, data_folder, edit_file, load_dataset
from crte.mkdocs.html_page import HtmlPage
from crte.mkdocs.products import TEMPLATES_KEPT, products, reused
from crte.mkdocs.rawhtml import RawHtml
from crte.mkdocs.themecache import ThemeCache
from crte.outputs.manifest import added, added_notice, built_urls, dropped
from crte.outputs.workflow import workflow_command
from crte.pages.compiled import COMPILED
from crte.pages.filters import meta_text
from crte.pages.pages import render_meta
from crte.search.indexer import SearchIndexer, parts_for, search_document
from crte.search.text import indexed_body
from crte.views.views import Views

# Pages whose content is not searchable: the search page itself, and the reference of the
# data check's messages (for staff: citizens searching « montant » should not land there).
NOT_INDEXED = {routes.src_uri(routes.SEARCH), routes.src_uri(routes.MESSAGES)}
# Hand-written pages without an edit link: what they show is computed.
NOT_EDITABLE = {routes.src_uri(routes.SEARCH)}


@contextmanager
def _search_errors(doing: str) -> Iterator[None]:
    # The indexer's own errors stop the build with a message, not a traceback; on_build_error then stops the indexer.
    try:
        yield
    except Exception as exc:
        raise PluginError(f"Pagefind n'a pas pu {doing} : {exc}") from None


def _index(indexer: SearchIndexer, pages: list[tuple[str, str, str]], lang: str, folder: str) -> None:
    # Under serve, after the pages: every page's (content, title, url) to Pagefind, then its index into `folder`.
    for html, title, url in pages:
        indexer.add(search_document(html, title, lang), url)
    indexer.write(folder)


class CrtePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """One build of the site: its data, its search indexer, its theme cache."""

    def __init__(self) -> None:
        self._dataset: tuple[MkDocsConfig, Dataset] | None = None
        self._indexer: SearchIndexer | None = None
        self._theme_cache: ThemeCache | None = None
        self._rebuild: incremental.Rebuild | None = None
        self._searched: list[tuple[str, str, str]] = []  # under serve: this build's pages (content, title, url)
        self._files: Files | None = None

    # The data, loaded once per configuration (serve loads a new one for every rebuild).
    def dataset(self, config: MkDocsConfig) -> Dataset:
        if self._dataset is None or self._dataset[0] is not config:
            self._dataset = None  # the previous build's data can be freed before loading
            self._dataset = (config, load_dataset(config))
        return self._dataset[1]

    def views(self, config: MkDocsConfig) -> Views:
        """The computed views; with invalid data, see crte.mkdocs.dataset."""
        return self.dataset(config).views

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if devserver.serving():
            with _search_errors("indexer le site"):
                incremental.stop()  # what the previous build left for later is out of date
            collector.hold()  # until after the pages (collector.py)
            theme_files.install(config)  # the theme's files listed once (theme_files.py)
        # Our pages' raw HTML blocks set aside before Python-Markdown parses them (rawhtml.py).
        if not any(isinstance(e, RawHtml) for e in config.markdown_extensions):
            config.markdown_extensions.append(RawHtml())
        # The site's name and description come from the data (territoire.yaml), not mkdocs.yml.
        if self.dataset(config).available:
            views = self.views(config)
            crte = views.crte
            # Data, unlike the rest of mkdocs.yml: the theme prints these unescaped, in text and attributes.
            config.site_name = meta_text(views.territory.site)
            config.site_description = meta_text(
                f"Le Contrat Territorial de Relance et de Transition Écologique de {views.territory.le_nom}, "
                f"signé le {fr.long_date(crte.contract.signature.date)}.")
            # The navigation's Orientations section lists the data's orientations, after its index page.
            for entry in config.nav or []:
                children = entry.get("Orientations") if isinstance(entry, dict) else None
                if isinstance(children, list) and children:
                    entry["Orientations"] = children[:1] + [routes.src_uri(routes.orientation(o.numero))
                                                            for o in crte.orientations]
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # The engine's scan of raw HTML for anchors, narrowed to the tags that can hold one.
        anchorscan.install()
        devserver.start(command)
        if command == "serve":
            incremental.install()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        devserver.watch_data(server, data_dir(config))
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        config.extra["recherche_parties"] = 1  # until on_files counts the pages
        if devserver.serving():  # what the previous build left for later was stopped in on_config
            self._rebuild = incremental.Rebuild()
            self._searched = []  # a new list: the previous build's may still be read in the background
        with _search_errors("démarrer"):
            self._indexer = SearchIndexer()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.dataset(config).available:  # under serve only, no valid data yet
            return devserver.error_site(files, config)
        for f in files:
            if f.is_documentation_page():
                f.edit_uri = None if f.src_uri in NOT_EDITABLE else f"docs/{f.src_uri}"
        views = self.views(config)
        root = Path(config.config_file_path).parent
        COMPILED.keep_in(root / TEMPLATES_KEPT)  # the templates compiled for the next build (compiled.py)
        # A fictitious example (exemple.yaml) says so on every page (overrides/main.html).
        config.extra["exemple_fictif"] = views.signed.exemple
        # The day the data last changed, on every page's footer (overrides/partials/copyright.html).
        dates = dates_for(root, data_dir(config))
        config.extra["donnees_modifiees"] = fr.long_date(dates.data_changed) if dates.data_changed else ""
        made = (reused if self._rebuild is not None else products)(
            views, root, config.site_url or "", dates, config.edit_uri or "", data_folder())
        for page in made.pages:
            generated = File.generated(config, page.src_uri, content=page.content)
            generated.edit_uri = edit_file(page.edit_path, root)  # in DATA=...
            if page.toc is not None:  # HTML already: no Markdown to convert (html_page.py)
                HtmlPage(generated, config, page.meta or {}, page.toc)
            files.append(generated)
        # The JSON files, cards and share images, redirects, open data, feed, the search's files, the editor's.
        for path, content in made.files:
            files.append(self._rebuild.generated(config, path, content) if self._rebuild is not None
                         else File.generated(config, path, content=content()))
        for path, source in made.copies:
            files.append(File.generated(config, path, abs_src_path=source))
        self._check_addresses(files, root)
        # A large site's search index comes in parts (crte.search); the header tells the browser.
        config.extra["recherche_parties"] = parts_for(len(files.documentation_pages()))
        if self._indexer is not None:
            with _search_errors("démarrer"):
                self._indexer.split(config.extra["recherche_parties"])
        if self._rebuild is not None:
            self._rebuild.track(files)
        self._files = files
        return files

    @staticmethod
    def _check_addresses(files: Files, root: Path) -> None:
        # A published address never disappears (urls.txt), whatever kind of page it was.
        # Checked when building the real data: another data folder is another contract.
        # New ones are no error: the publishing job on main records them (`make urls`).
        if data_folder() != DEFAULT_DATA or devserver.serving():
            return
        manifest = root / "urls.txt"
        built = built_urls([f.url for f in files])
        if lost := dropped(manifest, built):
            raise PluginError(f"{fr.count(len(lost), 'adresse publiée', 'adresses publiées')} "
                              f"disparaîtrai{fr.plural(len(lost), '', 'en')}t :\n" + "\n".join(lost))
        if manifest.exists() and (new := added(manifest, built)):
            print(added_notice(new), file=sys.stderr)
            if os.environ.get("GITHUB_ACTIONS") == "true":  # a notice on the run's page too
                print(workflow_command("notice", added_notice(new), title="Adresses nouvelles"), flush=True)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Pagefind indexes only what is marked: the page's own content, not the navigation,
        # header or footer repeated on every page; its blocks separated and its word parts
        # attached (crte.search.text), in the page as in the index.
        if page.file.src_uri in NOT_INDEXED:
            return html
        html = indexed_body(html)
        if self._rebuild is not None:  # under serve: sent with the pages not rebuilt, in order (on_env)
            self._rebuild.searched(page, html, page.title or config.site_name)
        elif self._indexer is not None:
            # Sent as soon as the page is converted, rather than once the theme has rendered
            # it: Pagefind builds its index (most of its work) while the theme renders (on_env).
            with _search_errors(f"indexer la page {page.file.src_uri}"):
                self._indexer.add(search_document(html, page.title or config.site_name, config.theme["language"]),
                                  "/" + page.url)
        return html

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A hand-written page's description may name the territory: {{ territoire.site }}, {{ signature }}.
        description = page.meta.get("description")
        if isinstance(description, str) and "{{" in description and self.dataset(config).available:
            page.meta["description"] = render_meta(self.views(config), description)
        return markdown

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._theme_cache = ThemeCache(nav)
        if self._rebuild is not None:
            dataset = self.dataset(config)
            self._rebuild.on_nav(config, nav, files, ([str(e) for e in dataset.errors], dataset.available))
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["theme_cache"] = self._theme_cache  # for overrides/main.html
        env.bytecode_cache = COMPILED  # the theme's templates compiled once (crte/pages/compiled.py)
        env.globals["routes"] = routes  # the site's addresses, for overrides/ (crte.routes)
        # The territory's names and the signature's date (overrides/main.html, partials/).
        # Under serve, maybe no valid data yet (devserver.py): the error page names no territory.
        env.globals["territoire"], env.globals["signature"] = None, ""
        if self.dataset(config).available:
            views = self.views(config)
            env.globals["territoire"] = views.territory
            env.globals["signature"] = fr.long_date(views.crte.contract.signature.date)
        # The theme prints its `url` filter in attributes, unescaped: escaped (crte.siteurl).
        env.filters["url"] = siteurl.escaped_url_filter(env.filters["url"])
        # Under serve, the pages not rebuilt give the index what they gave it last time; every
        # page is sent to Pagefind after the pages are written, in the background (on_post_build).
        if self._rebuild is not None:
            self._rebuild.restore(files, lambda html, title, url: self._searched.append((html, title, url)))
        # Every page has been converted: Pagefind can build the index while the theme renders.
        elif self._indexer is not None:
            with _search_errors("indexer le site"):
                self._indexer.finish()
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        indexer, self._indexer = self._indexer, None
        if self._rebuild is not None and self._files is not None:
            self._rebuild.commit(config, self._files)
            # After the pages, in the background: the files left for later, the index (incremental.py).
            incremental.after_pages(self._rebuild.later(), None if indexer is None else partial(
                _index, indexer, self._searched, config.theme["language"]),
                (lambda: None) if indexer is None else indexer.close,
                (lambda: None) if indexer is None else indexer.kill, config.site_dir)
            return
        if indexer is None:
            return
        try:
            with _search_errors("indexer le site"):
                indexer.write(str(Path(config.site_dir) / "pagefind"))
        finally:
            indexer.close()

    def on_build_error(self, *, error: Exception) -> None:
        if devserver.serving():
            collector.release()
        if self._rebuild is not None:
            incremental.forget()
        indexer, self._indexer = self._indexer, None
        if indexer is not None:
            indexer.close()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return devserver.add_banner(theme_fixes.fixed(output), self.dataset(config))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html":
            return devserver.add_banner(theme_fixes.fixed(output_content), self.dataset(config))
        return output_content
