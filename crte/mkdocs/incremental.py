"""Under `make serve`, a rebuild redoes only what changed (issue 23).

`properdocs serve --dirty` (crte/cli/serve.py) makes the engine read, render and write
only the files whose `is_modified()` says so, and keep the site folder between builds.
`Rebuild` decides it from the inputs, not from modification times:

- a page is rebuilt when its source changed since it was last written (a generated
  page's content, meta and table of contents; a hand-written file's text; its edit
  link), or when what every page shows did: `mkdocs.yml`, the configuration the theme
  reads (site name, description, address, `extra`: the example's banner, the date of the
  data, the search's parts), the navigation, the list of the site's files, the files of
  `overrides/`, the data errors' banner. A hand-written page that runs macros or names
  the data (`{{`) is rebuilt every time: what it shows is not in its text;
- before that, when the data changed, an action's or an indicator's page whose inputs did
  not is not even rendered again: its content is the previous build's (crte/pages/action_scope.py);
- a generated file (open data, JSON, cards, images) is written when its bytes changed;
  one the previous build wrote whose content is not made yet (the data changed:
  crte/mkdocs/products.py) is made and written after the pages (`later`), in the
  background: the page being edited is served first;
- a file the previous build wrote and this one no longer has is removed;
- a page not rebuilt gives the navigation its title, the search index and the check of
  links what it gave last time (`restore`); every page is sent to the index, and the index
  written, after the pages and the files left for later, in the same background thread
  (`after_pages`); `wait()` waits for it; the next build stops it (`stop()`): its files
  not written yet are written by that build, and the index it makes replaces this one.

Python's cycle collector is held from the start of a build to the end of what it leaves
for after the pages, which collects once (collector.py).

The state that outlives one build lives in this module, for the life of the server's
process. The engine keeps the plugin from one rebuild to the next (it loads the
configuration again, not the plugin): what the plugin holds is one build's, set again in
its on_pre_build. Nothing here runs under `build`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from properdocs.config.defaults import MkDocsConfig
from properdocs.structure.files import File, Files
from properdocs.structure.nav import Navigation
from properdocs.structure.pages import Page

from crte.mkdocs import collector
from crte.mkdocs.html_page import HtmlPage
from crte.mkdocs.products import Once


@dataclass(frozen=True)
class _Written:
    key: str  # the page's inputs when it was written
    anchors: frozenset[str]
    search: tuple[str, str] | None  # (its indexed content, its title); None: not indexed
    title: str | None  # what the navigation and the theme call it


_pages: dict[str, _Written] = {}  # by destination path
_files: dict[str, str] = {}  # a generated file's digest, by destination path
_outputs: set[str] = set()  # every destination path of the last build
_thread: threading.Thread | None = None  # writing what comes after the pages
_stop: Callable[[], None] | None = None  # stopping it
_errors: list[BaseException] = []  # what it raised, raised again by wait()


class _DirtyNotice(logging.Filter):
    # The engine warns that a dirty build may leave navigation wrong; here nothing is
    # skipped that the navigation changes (and --strict would stop on the warning).
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def install() -> None:
    """From on_startup under serve: the engine's notice about dirty builds silenced."""
    logger = logging.getLogger("properdocs.commands.build")
    if not any(isinstance(f, _DirtyNotice) for f in logger.filters):
        logger.addFilter(_DirtyNotice())


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode()).hexdigest()


def _tree(folder: Path) -> list[tuple[str, int, int]]:
    if not folder.is_dir():
        return []
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in folder.rglob("*") if p.is_file())


def _nav(items: Iterable[Any]) -> list[Any]:
    return [(getattr(i, "title", None), getattr(i, "url", None), _nav(getattr(i, "children", None) or ()))
            for i in items]


class Rebuild:
    """One build under serve: what it redoes, what it keeps."""

    def __init__(self) -> None:
        self._common = ""
        self._decided: dict[str, bool] = {}
        self._written: dict[str, _Written] = {}
        self._searched: dict[str, tuple[str, str]] = {}
        self._written_files: dict[str, str] = {}
        self._later: dict[str, Once] = {}  # by destination path: made and written after the pages

    def generated(self, config: MkDocsConfig, path: str, content: Once) -> File:
        """A generated file of this build; its content made now, or after the pages when
        it is not made yet and the previous build wrote the file (see the docstring)."""
        if content.made:
            return File.generated(config, path, content=content())
        file = File.generated(config, path, content=b"")
        dest = file.abs_dest_path
        if dest not in _files or not os.path.exists(dest):
            file.content_bytes = _bytes(content())
        else:
            self._later[dest] = content
            self._written_files[dest] = _files[dest]  # until written (after_pages)
            file.is_modified = lambda: False  # type: ignore[method-assign]
        return file

    def later(self) -> Callable[[threading.Event], None]:
        """What writes the files left for after the pages (those whose bytes changed), until
        its event is set: the next build writes those not written yet."""
        later = dict(self._later)

        def run(stopped: threading.Event) -> None:
            for dest, content in later.items():
                if stopped.is_set():
                    return
                data = _bytes(content())
                digest = hashlib.sha256(data).hexdigest()
                if _files.get(dest) != digest or not os.path.exists(dest):
                    Path(dest).parent.mkdir(parents=True, exist_ok=True)
                    Path(dest).write_bytes(data)
                _files[dest] = digest
        return run

    def track(self, files: Files) -> None:
        """From on_files, last: every file decides by its inputs whether it is written again."""
        for file in files:
            if file.is_documentation_page():
                file.is_modified = self._page_decision(file)  # type: ignore[method-assign]
            elif file.generated_by is not None and file.abs_src_path is None and file.abs_dest_path not in self._later:
                file.is_modified = self._file_decision(file)  # type: ignore[method-assign]

    def on_nav(self, config: MkDocsConfig, nav: Navigation, files: Files, banner: Any) -> None:
        """From on_nav: what every page shows, now that the navigation is known."""
        root = Path(config.config_file_path).parent.resolve()
        theme_dirs = [Path(d).resolve() for d in config.theme.dirs]  # the project's: overrides/
        self._common = _digest(Path(config.config_file_path).read_bytes().hex(), config.site_name,
                               config.site_description, config.site_url, dict(config.extra),
                               _nav(nav.items), sorted(f.src_uri for f in files), banner,
                               [_tree(d) for d in theme_dirs if d.is_relative_to(root)])

    def _page_decision(self, file: File) -> Callable[[], bool]:
        dest = file.abs_dest_path

        def modified() -> bool:
            if dest not in self._decided:
                key = self._page_key(file)
                last = _pages.get(dest)
                self._decided[dest] = (key is None or last is None or last.key != key
                                       or not os.path.exists(dest))
            return self._decided[dest]
        return modified

    def _page_key(self, file: File) -> str | None:
        source = file.content_string
        if file.generated_by is None and ("{{" in source or "{%" in source):
            return None  # macros, or the data named in the front matter
        page = file.page
        given = (page.given_meta, page.toc_tokens) if isinstance(page, HtmlPage) else None
        # The page's text hashed as is: through JSON, its escaping cost 0.15 s a rebuild at 2 500 actions.
        return _digest(self._common, hashlib.sha256(source.encode()).hexdigest(), given, file.edit_uri)

    def _file_decision(self, file: File) -> Callable[[], bool]:
        dest = file.abs_dest_path
        digest = hashlib.sha256(file.content_bytes).hexdigest()
        self._written_files[dest] = digest

        def modified() -> bool:
            return _files.get(dest) != digest or not os.path.exists(dest)
        return modified

    def searched(self, page: Page, indexed: str, title: str) -> None:
        """From on_page_content: what a rebuilt page gives the search index (sent by `restore`)."""
        self._searched[page.file.abs_dest_path] = (indexed, title)

    def restore(self, files: Files, add: Callable[[str, str, str], None] | None) -> None:
        """From on_env, before the index is finished: the pages not rebuilt give the link
        check their anchors and the navigation their title, as last time; every page gives
        the index (`add(content, title, url)`) its content, in the files' order; the
        rebuilt ones are recorded for next time."""
        for file in files.documentation_pages():
            page, dest = file.page, file.abs_dest_path
            if page is None:
                continue
            search = self._searched.get(dest)
            if page.content is None and dest in _pages:  # not rebuilt
                last = _pages[dest]
                page.present_anchor_ids = set(last.anchors)
                if last.title is not None:
                    page.title = last.title  # read from its source, not read this time
                search = last.search
                self._written[dest] = last
            elif page.content is not None and (key := self._page_key(file)) is not None:
                self._written[dest] = _Written(key, frozenset(page.present_anchor_ids or ()), search, page.title)
            if search is not None and add is not None:  # every page in the files' order, as a full build
                add(*search, "/" + page.url)

    def commit(self, config: MkDocsConfig, files: Files) -> None:
        """From on_post_build: the build is the new reference; what it no longer has is removed."""
        site = Path(config.site_dir)
        now = {f.abs_dest_path for f in files} | {str(site / n) for n in ("404.html", "sitemap.xml",
                                                                         "sitemap.xml.gz")}
        for stale in _outputs - now:
            Path(stale).unlink(missing_ok=True)
        _outputs.clear()
        _outputs.update(now)
        _pages.clear()
        _pages.update(self._written)
        _files.clear()
        _files.update(self._written_files)


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def after_pages(later: Callable[[threading.Event], None], write: Callable[[str], None] | None,
                close: Callable[[], None], kill: Callable[[], None], site_dir: str) -> None:
    """In the background, once the pages are written: the files left for later (`later`,
    from Rebuild.later), then the search index (`write`) into `site_dir`/pagefind (a fresh
    folder, put in place once whole), then the index's service closed (`close`). `stop()`
    ends it early, the service killed (`kill`)."""
    global _thread, _stop
    stopped = threading.Event()

    def run() -> None:
        fresh, final = Path(site_dir) / ".pagefind-new", Path(site_dir) / "pagefind"
        try:
            later(stopped)
            if write is not None and not stopped.is_set():
                shutil.rmtree(fresh, ignore_errors=True)
                write(str(fresh))
                shutil.rmtree(final, ignore_errors=True)
                fresh.rename(final)
        except BaseException as exc:  # shown by the next build (wait), unless it stopped this one
            if not stopped.is_set():
                _errors.append(exc)
                forget()
        finally:
            close()
            if not stopped.is_set():  # else the next build holds it
                collector.release()

    def stop() -> None:
        stopped.set()
        kill()
    _thread, _stop = threading.Thread(target=run, name="crte-after-pages", daemon=True), stop
    _thread.start()


def wait() -> None:
    """What the previous build left for after the pages written (an error there is raised here)."""
    global _thread
    if _thread is not None:
        _thread.join()
        _thread = None
    if _errors:
        raise _errors.pop()


def stop() -> None:
    """From the next build under serve: what the previous one left for after the pages is
    out of date; it stops at the next file (the files it did not write are written by this
    build, after its pages) and its search index is not finished (this build writes one).
    A staff member who saves twice in a row does not wait for the first index."""
    if _thread is not None and _stop is not None:
        _stop()
    wait()


def forget() -> None:
    """After a failed build: nothing of it is a reference; every page is rebuilt next time."""
    _pages.clear()
    _files.clear()
