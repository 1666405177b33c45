"""`python -m crte.cli.engine build|serve ARGS`: MkDocs' command line, with what
the file system refuses (a full disk, a read-only or immutable folder) said in French,
with the path and what to do, never a traceback. build.py and serve.py run MkDocs so.

- `properdocs build`, and the first build of `properdocs serve`: the OSError reaches MkDocs'
  command line, caught here (exit status 1; build.py then says the site is untouched).
- `properdocs serve` looks for changed files every 0.1 s (POLL_S), not every 0.5 s: the
  wait between saving a file and its rebuild starting is 0.05 s on average, not 0.25 s
  (issue 23). It still polls, as the engine does: a save that replaces the file (most
  editors) is seen, where change notifications would lose the file. Once a change is
  seen, it waits BUILD_DELAY_S for more, not the engine's 0.1 s: what is saved together
  is already seen together by one look, and the next look is 0.1 s away (a save that
  lasts longer gives a second rebuild, which the 0.1 s did not always avoid either).
- A rebuild of `properdocs serve` runs in the server's thread, which would print the
  traceback and go on serving a half-written site: the build it calls is wrapped, the
  message printed, and the server stopped (exit status 1); crte.cli.serve says so
  and starts it again at the next change.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import properdocs.commands.serve
from properdocs.__main__ import cli
from properdocs.livereload import LiveReloadServer

from crte.cli.build import ELSEWHERE, write_refusal

# Where `properdocs serve` writes instead: its site is a temporary folder (crte.cli.serve).
SERVE_ELSEWHERE = "make serve TMPDIR=AUTRE-DOSSIER"
POLL_S = 0.1  # seconds between two looks for changed files under serve
BUILD_DELAY_S = 0.02  # seconds without another change before the rebuild starts


def say(exc: OSError, elsewhere: str) -> None:
    print(f"Construction impossible : {write_refusal(exc, elsewhere)}.", file=sys.stderr, flush=True)


def _stopping(build: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return build(*args, **kwargs)
        except OSError as exc:
            say(exc, SERVE_ELSEWHERE)
            sys.stdout.flush()
            os._exit(1)  # from the server's thread too: nothing else would stop it

    return guarded


def _server(*args: Any, **kwargs: Any) -> LiveReloadServer:
    server = LiveReloadServer(*args, **{**kwargs, "polling_interval": POLL_S})
    server.build_delay = BUILD_DELAY_S
    return server


def main(argv: list[str]) -> int:
    properdocs.commands.serve.build = _stopping(properdocs.commands.serve.build)  # type: ignore[attr-defined]
    properdocs.commands.serve.LiveReloadServer = _server  # type: ignore[attr-defined,assignment]
    try:
        cli.main(args=argv, prog_name="properdocs")
    except OSError as exc:
        say(exc, SERVE_ELSEWHERE if argv[:1] == ["serve"] else ELSEWHERE)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
