"""`python -m crte.cli.serve [-a HOST:PORT] [-f mkdocs.yml]`: `properdocs serve`,
restarted whenever the Python code of crte/ changes (what `make serve` runs).

Why: `properdocs serve` rebuilds the site in the same process when docs/, data/,
templates/... change, so the modules of crte/ it has already imported keep
their old code. Reloading them in place (importlib.reload) is unreliable: other
modules keep references to the old functions and pydantic classes. So this
supervisor runs `properdocs serve --strict` as a child process, watches
crte/**/*.py (watchfiles: inotify, changes grouped until QUIET_MS pass without
one, __pycache__ ignored) and restarts the child on a change.

- The open pages reload by themselves: MkDocs' livereload script polls
  /livereload/<epoch>/...; while the child restarts the poll fails and is tried
  again every 3 s; the new server's epoch (time.monotonic(), shared by every
  process of the machine) is later than the page's, so the page reloads as soon
  as the new server has built the site.
- The last valid data survives a restart: the child copies it into
  $CRTE_SERVE_STATE (a temporary folder, removed on exit; see devserver.py),
  which also holds the child's temporary files ($TMPDIR).
- If the child stops by itself (a Python error at start-up, a warning under
  --strict...), its message stays in the terminal and the child is started
  again at the next change of crte/, docs/, templates/, overrides/, the data
  folder ($CRTE_DATA) or mkdocs.yml. Meanwhile the pages wait (they reload once
  the server is back).
- Ctrl-C (SIGINT) or SIGTERM stops the child (SIGINT, then SIGKILL after 10 s)
  and exits with status 0. Exit status 1 if the address is already in use.
"""
from __future__ import annotations

import argparse
import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from contextlib import suppress
from pathlib import Path
from types import FrameType

from watchfiles import DefaultFilter, watch

# Read by dataset.py and devserver.py in the child; not imported from them: the
# supervisor imports nothing of crte/, so that a broken module cannot stop it.
DATA_ENV = "CRTE_DATA"
STATE_ENV = "CRTE_SERVE_STATE"
QUIET_MS = 300  # without a change before restarting: an editor saves in several steps
STOP_TIMEOUT = 10.0
OTHER_SOURCES = ("docs", "templates", "overrides")  # watched to restart a child that stopped
# In French (the supervisor imports nothing of crte/, where the other messages are).
REASONS = {errno.ENOSPC: "disque plein", errno.EROFS: "lecture seule", errno.EACCES: "permission refusée",
           errno.EPERM: "permission refusée", errno.ENOENT: "aucun dossier temporaire utilisable"}
WATCH_REASONS = {errno.ENOSPC: "limite des fichiers surveillés atteinte", errno.EMFILE: "trop de fichiers ouverts"}


def _watched(project: Path, config_file: Path) -> list[Path]:
    folders = [project / name for name in ("crte", *OTHER_SOURCES, os.environ.get(DATA_ENV, "").strip() or "data")]
    return [f for f in folders if f.is_dir()] + [config_file.resolve()]


def _address_free(addr: str) -> bool:
    host, _, port = addr.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            s.bind((host.strip("[]"), int(port)))
        except OSError:
            return False
    return True


def _stop(child: subprocess.Popen[bytes] | None) -> None:
    if child is None or child.poll() is not None:
        return
    child.send_signal(signal.SIGINT)  # MkDocs shuts down and removes its temporary site
    try:
        child.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


class Terminated(Exception):
    """SIGTERM: unlike Ctrl-C, the child did not get the signal too."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def say(text: str) -> None:
    print(f"[serve] {text}", file=sys.stderr, flush=True)


def child_command(config_file: Path, addr: str) -> list[str]:
    """The command of the server itself (also what bench/reload.py measures): MkDocs through
    crte.cli.engine, which says a full disk or a read-only folder in French."""
    # --dirty: a rebuild redoes only what changed, decided by crte/mkdocs/incremental.py.
    return [sys.executable, "-m", "crte.cli.engine", "serve", "--strict", "--dirty", "-a", addr, "-f",
            str(config_file)]


def child_environment(state: Path) -> dict[str, str]:
    """The server's environment: its state folder (`state`, with a `tmp` folder) for the
    last valid data and its temporary files."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(state / "tmp"), **{STATE_ENV: str(state)})


def run(config_file: Path, addr: str) -> int:
    project = config_file.resolve().parent
    if not _address_free(addr):
        say(f"L'adresse {addr} est déjà utilisée : un autre serveur tourne-t-il ? "
            "Choisissez-en une autre avec make serve HOST=127.0.0.1:8001.")
        return 1
    # Started in the background by a shell, we would inherit SIGINT ignored, and so
    # would the child, which could then not be stopped cleanly: handle it (exec
    # gives the child the default, which Python turns into KeyboardInterrupt).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        state = Path(tempfile.mkdtemp(prefix="crte-serve-"))
        # The child's temporary files too (MkDocs' site folder, left behind when it
        # stops on an error at start-up): all removed with `state` on exit.
        (state / "tmp").mkdir()
    except OSError as exc:
        where = os.path.dirname(exc.filename) if exc.filename else os.environ.get("TMPDIR") or "/tmp"
        say(f"Impossible de créer le dossier temporaire du serveur dans {where} "
            f"({REASONS.get(exc.errno or 0, exc.strerror)}) : libérez de la place ou rendez ce dossier "
            "accessible en écriture, ou choisissez-en un autre : make serve TMPDIR=AUTRE-DOSSIER")
        return 1
    env = child_environment(state)
    command = child_command(config_file, addr)
    child: subprocess.Popen[bytes] | None = None
    try:
        say(f"Site servi sur http://{addr}/ ; relancé à chaque modification de crte/**/*.py. "
            "Ctrl-C pour arrêter.")
        child = subprocess.Popen(command, cwd=project, env=env)
        reported = False
        # An empty set every 0.5 s without a change: the child's state is checked then too.
        for found in watch(*_watched(project, config_file), watch_filter=DefaultFilter(), step=QUIET_MS,
                           rust_timeout=500, yield_on_timeout=True):
            stopped = child.poll() is not None
            if stopped and not reported:
                say(f"properdocs serve s'est arrêté (code {child.returncode}) : voir le message ci-dessus. "
                    "Il sera relancé à la prochaine modification.")
                reported = True
            code = sorted({path for _, path in found if path.endswith(".py")})
            if code or (stopped and found):
                what = ", ".join(os.path.relpath(p, project) for p in code[:3]) if code else "fichiers du site"
                say(f"Modification ({what}) : redémarrage du serveur…")
                _stop(child)
                child = subprocess.Popen(command, cwd=project, env=env)
                reported = False
    except OSError as exc:  # the watcher could not start: inotify's limit reached, too many open files
        reason = WATCH_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        say(f"Impossible de surveiller les modifications des fichiers du projet ({reason}) : augmentez la "
            "limite du système (sudo sysctl fs.inotify.max_user_watches=524288) ou fermez d'autres programmes "
            "qui surveillent des fichiers, puis relancez make serve")
        return 1
    except KeyboardInterrupt:
        # Ctrl-C reached the whole process group, the child too: let it stop by
        # itself (a second SIGINT would interrupt its shutdown).
        if child is not None:
            with suppress(subprocess.TimeoutExpired):
                child.wait(STOP_TIMEOUT / 2)
    except Terminated:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopping now: let it finish
        _stop(child)
        shutil.rmtree(state, ignore_errors=True)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m crte.cli.serve", description=__doc__.split("\n")[0])
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="HÔTE:PORT (127.0.0.1:8000)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    return run(args.config_file, args.dev_addr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
