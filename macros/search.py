"""The search index (Pagefind), fed page by page while MkDocs builds.

Pagefind folds accents and serves its index in fragments, so a search stays
fast with thousands of actions. Its indexer runs as a separate process
(`pagefind --service`, the binary of the pagefind-bin wheel): pages are sent to
it as MkDocs writes them, so indexing runs on another core alongside the Python
build instead of after it.

We speak the service's small protocol ourselves (JSON messages, base64-encoded,
each followed by a comma, on stdin and stdout): the `pagefind` Python wrapper
reads one reply per 0.1 s, far too slow for thousands of pages.
"""
from __future__ import annotations

import base64
import json
import subprocess
import threading
from concurrent.futures import Future
from typing import Any

from pagefind_bin import get_executable

# Headerlinks (¶) are navigation, not content.
CONFIG = {"exclude_selectors": [".headerlink"]}


class SearchIndexer:
    def __init__(self) -> None:
        self._proc = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._replies: dict[int, Future[dict[str, Any]]] = {}
        self._last_id = 0
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()
        self._index_id = self._send({"type": "NewIndex", "config": CONFIG}).result()["index_id"]
        self._pending: list[Future[dict[str, Any]]] = []

    def _send(self, payload: dict[str, Any]) -> Future[dict[str, Any]]:
        self._last_id += 1
        reply: Future[dict[str, Any]] = Future()
        self._replies[self._last_id] = reply
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        assert self._proc.stdin is not None
        self._proc.stdin.write(base64.b64encode(message) + b",")
        self._proc.stdin.flush()
        return reply

    def _read(self) -> None:
        assert self._proc.stdout is not None
        buffer = b""
        while chunk := self._proc.stdout.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for raw in messages:
                reply = json.loads(base64.b64decode(raw))
                payload = reply["payload"]
                future = self._replies.pop(reply.get("message_id"), None)
                if future is None:
                    continue
                if payload.get("type") == "Error":
                    future.set_exception(RuntimeError(payload.get("message", payload)))
                else:
                    future.set_result(payload)
        for future in self._replies.values():  # the indexer stopped: nobody will answer
            future.set_exception(RuntimeError("le processus Pagefind s'est arrêté"))

    def add(self, html: str, url: str) -> None:
        """Queue one page; Pagefind parses it while the build goes on."""
        self._pending.append(self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                                         "file_path": None, "file_contents": html}))

    def write(self, output_path: str) -> None:
        for reply in self._pending:
            reply.result()  # re-raises an indexing error here
        self._send({"type": "WriteFiles", "index_id": self._index_id, "output_path": output_path}).result()

    def close(self) -> None:
        # Closing stdin tells the service to finish: it may still be flushing the
        # files of WriteFiles after its reply, so let it exit by itself.
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._proc.terminate()
            self._proc.wait()
        self._reader.join()
