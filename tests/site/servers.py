"""Loopback HTTP servers for the browser tests: a built site served as GitHub Pages or
nginx's `error_page` serve it (404.html, status 404, for what does not exist), under
a prefix, recording what it is asked; and another origin that would answer anything."""
from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix` ("" or "/crte"), and 404.html (status 404) for
    what does not exist; `redirects` answers some paths with a 302 to another address.
    Every request's method and path go to `requests`."""

    prefix = ""
    redirects: dict[str, str] = {}
    requests: list[tuple[str, str]]

    def log_message(self, *args: object) -> None:
        pass

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if ok:
            self.requests.append((self.command, self.path))
        return ok

    def send_head(self):  # type: ignore[no-untyped-def]
        if (target := self.redirects.get(urlsplit(self.path).path)) is not None:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        rest = urlsplit(path).path
        # Outside the prefix, or what a strict server would not map to a file (Python's own
        # decodes « %2F » and resolves « .. », serving a page at an address of another depth).
        if not (rest + "/").startswith(self.prefix + "/") or re.search(r"%2f|%5c|//|(^|/)\.\.(/|$)|\.\.%", rest, re.I):
            return str(Path(self.directory) / "absent" / "absent")
        return super().translate_path(path[len(self.prefix):] or "/")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class OtherOrigin(http.server.BaseHTTPRequestHandler):
    """Another host that would answer anything, to anyone (CORS open): a page that
    says so. Every request's method and path go to `requests`."""

    requests: list[tuple[str, str]]
    BODY = b"<!doctype html><title>Autre site</title><h1>Autre site</h1>"

    def log_message(self, *args: object) -> None:
        pass

    def answer(self) -> None:
        self.requests.append((self.command, self.path))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.BODY)

    do_GET = do_HEAD = do_POST = do_OPTIONS = answer


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a tab drops its connections: not an error worth a traceback."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(handler: type[http.server.BaseHTTPRequestHandler], **attributes: object) -> Iterator[tuple[str, list]]:
    """Serve on 127.0.0.1 (a free port) with a subclass of `handler` given `attributes`
    (`directory` is passed to the handler); yields the origin and the list of requests."""
    requests: list[tuple[str, str]] = []
    directory = attributes.pop("directory", None)
    cls = type(handler.__name__, (handler,), {**attributes, "requests": requests})
    factory = functools.partial(cls, directory=str(directory)) if directory is not None else cls
    server = QuietServer(("127.0.0.1", 0), factory)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
