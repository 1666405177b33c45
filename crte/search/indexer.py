"""The search index (Pagefind), fed page by page while MkDocs builds.

Pagefind folds accents and serves its index in fragments, so a search stays
fast with thousands of actions. Its indexer runs as a separate process
(`pagefind --service`, the binary of the pagefind-bin wheel): pages are sent to
it as soon as MkDocs has converted them, so indexing runs on another core
alongside the Python build instead of after it.

We speak the service's small protocol ourselves (JSON messages, base64-encoded,
each followed by a comma, on stdin and stdout): the `pagefind` Python wrapper
reads one reply per 0.1 s, far too slow for thousands of pages.

The index files are fetched from the service (`GetFiles`) and written here. The
service's own `WriteFiles` replies before its writes are done, and the service
quits when its input closes: files were found cut at a 4 KiB boundary
(pagefind 1.5.2), which a build must never publish.

How a query finds its words. Pagefind, given a French site, stems every word
with the Snowball French stemmer, then finds the indexed stems that start with
the query's stem; when none does, it searches the longest indexed stem that
starts the query's instead (issue #780 of Pagefind, not configurable in 1.5).
Both gave unrelated results: « amiante » stems to « ami », no page holds a word
starting so, and Pagefind fell back to « a »: 48 results, « à » highlighted,
« désamiantage » missing; « azerty » also gave « à ». So:

- words are indexed as written (accents folded, no stemmer: `force_language`
  "und" below, a language Pagefind has no stemmer for), and a query word finds
  every word it starts, and nothing else;
- the browser (docs/javascripts/recherche-moteur.js) cuts the common French
  endings off each query word before searching (« rénovation » → « renov »,
  « écologique » → « ecolog »): the stem and all its completions, the part of
  stemming readers rely on;
- a word French builds with a prefix is also indexed without it
  (crte/search/text.py: « désamiantage » → « amiantage », in the
  metadata field `parties`, searched and never shown): `amiante` finds
  « désamiantage »;
- when Pagefind still falls back to a shorter word, the browser sees it (no
  word of the first result starts with the query word) and says « Aucun
  résultat pour « azerty » ».

Large sites: the index in parts. To score the pages a query finds, Pagefind
1.5 goes through every (page, word) it found for each page found: its time
grows with the square of the pages found. With 10 000 actions, a word on every
action page (« cahc », « 2022 ») took 0.3 to 0.5 s of computation alone, and 2 s
before the first result showed. Above PAGES_PER_PART pages, the pages are dealt
(by their address) into parts of at most that many, each a Pagefind index of its
own, written under `pagefind/partie-<n>/`. The browser adds them to the first
one (Pagefind's `mergeIndex`, each part marked by a filter `partie`), searches
each part on its own (a part without the word falls back on a shorter one, see
above: each answer is checked apart) and merges the lists by score: three parts
of 3 400 pages cost a third. Each part also costs its own files, its own search
and its own check: at 10 000 actions, parts of 3 400 pages (3 parts) gave the
first result sooner than parts of 2 000 (6) or 1 000 (11) for every query
measured, « cahc » included (bench/README.md). The real contract (about 170 pages)
stays one index.

We index word parts rather than complete query words against a list of the
site's words in the browser: the parts stay in Pagefind's fragmented index (a
query downloads only the fragments of its words, at 10 000 actions too), where
a word list would be one more file every search downloads whole.
"""
from __future__ import annotations

import base64
import html
import json
import math
import os
import subprocess
import threading
import zlib
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from pagefind_bin import get_executable

# Headerlinks (¶) are navigation, not content. No stemmer (see above): "und" is a
# language Pagefind knows no stemmer for; the pages themselves stay `lang="fr"`.
CONFIG = {"exclude_selectors": [".headerlink"], "force_language": "und"}

# Pages per part of the index (see above); CRTE_PAGES_PAR_PARTIE sets it for a test.
PAGES_PER_PART = int(os.environ.get("CRTE_PAGES_PAR_PARTIE", "3400"))
PART_DIR = "partie-{}"  # parts 1, 2…, under pagefind/; part 0 is pagefind/ itself
# What a part needs beside the first one's scripts and WebAssembly.
PART_FILES = ("pagefind-entry.json", "index/", "fragment/", "filter/")


def parts_for(pages: int) -> int:
    """How many parts of the index for `pages` pages: 170 → 1, 10 150 → 3."""
    return max(1, math.ceil(pages / PAGES_PER_PART))


def search_document(content: str, title: str, lang: str) -> str:
    """What Pagefind needs of a page, without the theme around it.

    Pagefind would read the language from `<html lang>` (CONFIG forces it), indexes only
    the `data-pagefind-body` element of `content`, and takes the result's title from
    the first `<h1>`: Material prints the page title as `<h1>` when the content has
    none, so this does the same. `content` is searchtext.indexed_body()'s, as
    published: the index is the same as from the finished page
    (tests/test_site.py compares them).
    """
    # Titles of generated pages arrive escaped (pages.meta), hand-written ones not.
    title = html.escape(html.unescape(title))
    heading = "" if "<h1" in content else f"<h1>{title}</h1>\n"
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head><meta charset="utf-8">'
            f"<title>{title}</title></head>\n<body>\n{heading}{content}\n</body>\n</html>\n")


# Why a reply never came. The longest wait, for the index of 10 000 pages
# (GetFiles), took about 9 s here: a service silent for ten minutes is stuck, and
# the build says so instead of hanging.
STOPPED = "le processus Pagefind s'est arrêté"
TIMEOUT_S = 600


class SearchIndexer:
    def __init__(self) -> None:
        self._proc = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        # The reader thread resolves the replies; the lock guards what both threads touch.
        self._lock = threading.Lock()
        self._replies: dict[int, Future[dict[str, Any]]] = {}
        self._stopped: str | None = None
        self._last_id = 0
        self._pending: list[Future[dict[str, Any]]] = []
        self._files: list[Future[dict[str, Any]]] | None = None
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()
        try:
            self._index_ids = [self._new_index()]
        except BaseException:
            self.close()
            raise

    def _new_index(self) -> int:
        return int(_result(self._send({"type": "NewIndex", "config": CONFIG}))["index_id"])

    def split(self, parts: int) -> None:
        """Deal the pages into `parts` indexes (see above), before the first page."""
        assert not self._pending, "split() comes before add()"
        self._index_ids += [self._new_index() for _ in range(parts - len(self._index_ids))]

    def _send(self, payload: dict[str, Any]) -> Future[dict[str, Any]]:
        with self._lock:
            if self._stopped is not None:
                raise RuntimeError(self._stopped)
            self._last_id += 1
            message_id = self._last_id
            reply: Future[dict[str, Any]] = Future()
            self._replies[message_id] = reply
        message = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(base64.b64encode(message) + b",")
            self._proc.stdin.flush()
        except OSError:  # the service has exited: its pipe is closed
            raise RuntimeError(STOPPED) from None
        return reply

    def _read(self) -> None:
        reason = STOPPED
        try:
            assert self._proc.stdout is not None
            # A reply ends at a comma (base64 has none). GetFiles sends the whole index
            # in one reply (tens of MB): keep its chunks in a list, join them once.
            partial: list[bytes] = []
            while chunk := self._proc.stdout.read1(1 << 20):  # type: ignore[attr-defined]  # a BufferedReader
                if b"," not in chunk:
                    partial.append(chunk)
                    continue
                first, *messages, rest = chunk.split(b",")
                self._dispatch(b"".join([*partial, first]))
                for raw in messages:
                    self._dispatch(raw)
                partial = [rest] if rest else []
        except Exception as exc:  # unreadable output: fail every waiting reply rather than hang
            reason = f"réponse illisible de Pagefind ({exc})"
        finally:
            with self._lock:
                self._stopped = reason
                waiting, self._replies = self._replies, {}
            for future in waiting.values():
                future.set_exception(RuntimeError(reason))

    def _dispatch(self, raw: bytes) -> None:
        reply = json.loads(base64.b64decode(raw))
        payload = reply["payload"]
        message_id = reply.get("message_id")
        if message_id is None and payload.get("original_message"):
            # The service could not read one of our messages: it sends it back, without its id.
            message_id = json.loads(payload["original_message"]).get("message_id")
        with self._lock:
            future = self._replies.pop(message_id, None)
        if future is None:
            return
        if payload.get("type") == "Error":
            future.set_exception(RuntimeError(payload.get("message", payload)))
        else:
            future.set_result(payload)

    def add(self, document: str, url: str) -> None:
        """Queue one page; Pagefind parses it while the build goes on."""
        index_id = self._index_ids[zlib.crc32(url.encode("utf-8")) % len(self._index_ids)]
        self._pending.append(self._send({"type": "AddFile", "index_id": index_id, "url": url,
                                         "file_path": None, "file_contents": document}))

    def finish(self) -> None:
        """No more pages: let Pagefind build its index now, on its own core, while
        MkDocs renders the pages through the theme. Building the index is most of
        Pagefind's work (about 9 s for 10 000 pages here)."""
        if self._files is None:
            self._files = [self._send({"type": "GetFiles", "index_id": i}) for i in self._index_ids]

    def write(self, output_path: str) -> None:
        for reply in self._pending:
            _result(reply)  # re-raises an indexing error here
        self.finish()
        assert self._files is not None
        for part, reply in enumerate(self._files):
            out = Path(output_path) / (PART_DIR.format(part) if part else "")
            for f in _result(reply)["files"]:
                # Every part but the first is searched with the first one's scripts.
                if part and not f["path"].startswith(PART_FILES) and not f["path"].endswith(".pf_meta"):
                    continue
                dest = out / f["path"]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(base64.b64decode(f["content"]))

    def kill(self) -> None:
        """Stop the service now (its index is no longer wanted): what waits for it fails."""
        try:
            self._proc.kill()
        except OSError:  # it has already quit
            pass

    def close(self) -> None:
        try:
            if self._proc.stdin is not None:
                self._proc.stdin.close()  # the service quits when its input closes
        except OSError:  # it has already quit
            pass
        try:
            self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout=60)


def _result(reply: Future[dict[str, Any]]) -> dict[str, Any]:
    try:
        return reply.result(timeout=TIMEOUT_S)
    except TimeoutError:
        raise RuntimeError(f"Pagefind n'a pas répondu en {TIMEOUT_S} s") from None
