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
"""
from __future__ import annotations

import base64
import html
import json
import subprocess
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from pagefind_bin import get_executable

# Headerlinks (¶) are navigation, not content.
CONFIG = {"exclude_selectors": [".headerlink"]}


def search_document(content: str, title: str, lang: str) -> str:
    """What Pagefind needs of a page, without the theme around it.

    Pagefind reads the language from `<html lang>` (French stemming), indexes only
    the `data-pagefind-body` element of `content`, and takes the result's title from
    the first `<h1>`: Material prints the page title as `<h1>` when the content has
    none, so this does the same. The index is the same as from the finished page
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
        self._files: Future[dict[str, Any]] | None = None
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()
        try:
            self._index_id = _result(self._send({"type": "NewIndex", "config": CONFIG}))["index_id"]
        except BaseException:
            self.close()
            raise

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
            while chunk := self._proc.stdout.read1(1 << 20):
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
        self._pending.append(self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                                         "file_path": None, "file_contents": document}))

    def finish(self) -> None:
        """No more pages: let Pagefind build its index now, on its own core, while
        MkDocs renders the pages through the theme. Building the index is most of
        Pagefind's work (about 9 s for 10 000 pages here)."""
        if self._files is None:
            self._files = self._send({"type": "GetFiles", "index_id": self._index_id})

    def write(self, output_path: str) -> None:
        for reply in self._pending:
            _result(reply)  # re-raises an indexing error here
        self.finish()
        assert self._files is not None
        out = Path(output_path)
        for f in _result(self._files)["files"]:
            dest = out / f["path"]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(base64.b64decode(f["content"]))

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
