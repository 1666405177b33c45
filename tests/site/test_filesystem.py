"""A full disk, a read-only or immutable folder: `python -m crte.cli.build` (what
`make build` runs), `python -m crte.data.check` (`make check`) and
`python -m crte.cli.serve` (`make serve`) say so in French, with the path and
what to do, never with a traceback, and leave site/ as it was.

CI runs as root, whom file rights do not stop, and `chattr +i` is not always
available: the system's refusals are simulated in every process of the command
(MkDocs included) by tests/faults/sitecustomize.py, given on PYTHONPATH.
"""
from __future__ import annotations

import errno
import logging
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from ..conftest import ROOT, copy_signed
from ..sitebuild import copy_project
from .test_build import EPOCH, digest, leftovers, tiny_project
from .test_serve import free_port

FAULTS = ROOT / "tests" / "faults"


def run(module: str, cwd: Path, fault: str | None, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    paths = [str(FAULTS), str(ROOT)]
    extra = {"CRTE_FAULT": fault} if fault else {}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=os.pathsep.join(paths),
                                   **extra, **env), check=False, timeout=600)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A small project with a site already built: what a failed build must leave as it is."""
    project = tiny_project(tmp_path / "p")
    assert run("crte.cli.build", project, None, "site").returncode == 0
    return project


WRITE = ("rendez le dossier {folder} accessible en écriture (droits, disque monté en lecture seule, attribut"
         " immuable : chattr -i), ou écrivez ailleurs : python -m crte.cli.build AUTRE-DOSSIER/site")


@pytest.mark.parametrize("code, reason", [("EROFS", "système de fichiers en lecture seule"),
                                          ("EPERM", "permission refusée")], ids=["lecture-seule", "immuable"])
def test_a_folder_that_cannot_be_written_stops_the_build_in_french(built: Path, code: str, reason: str) -> None:
    before = digest(built / "site")
    result = run("crte.cli.build", built, f"{code}:all:{built}", "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"Construction impossible : écriture impossible de {built}/.site.lock ({reason}) : "
        + WRITE.format(folder=built) + f". {built}/site n'a pas été modifié."]
    assert digest(built / "site") == before


def test_a_full_disk_while_mkdocs_writes_stops_the_build_in_french(built: Path) -> None:
    before = digest(built / "site")
    result = run("crte.cli.build", built, f"ENOSPC:files:{built}/.site.builds", "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first, second = result.stderr.splitlines()
    assert re.fullmatch(rf"Construction impossible : écriture impossible de {re.escape(str(built))}/\.site\.builds/"
                        r"[^ ]+ \(disque plein\) : libérez de la place sur ce disque \(df -h montre la place libre\),"
                        r" puis relancez\.", first), first
    assert second == f"Échec de la construction : {built}/site n'a pas été modifié."
    assert digest(built / "site") == before and leftovers(built / "site") == []


def test_make_check_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    result = run("crte.data.check", project, f"EROFS:all:{project}", "data")
    assert result.returncode == 0 and result.stdout.startswith("Données valides :"), result.stderr


def test_serve_says_in_french_that_it_cannot_write(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    project = tiny_project(tmp_path / "p")
    port = str(free_port())
    result = run("crte.cli.serve", project, f"EROFS:all:{temporary}", "-a", f"127.0.0.1:{port}",
                 TMPDIR=str(temporary))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"[serve] Impossible de créer le dossier temporaire du serveur dans {temporary} (lecture seule) : libérez de"
        " la place ou rendez ce dossier accessible en écriture, ou choisissez-en un autre : make serve"
        " TMPDIR=AUTRE-DOSSIER"]


def test_serve_stops_in_french_when_the_disk_fills_up(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    project = copy_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("CRTE_DATA", "CRTE_SERVE_STATE")}
    env.update(PYTHONPATH=str(FAULTS), CRTE_FAULT=f"ENOSPC:files:{temporary}", TMPDIR=str(temporary))
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "crte.cli.serve", "-a", f"127.0.0.1:{free_port()}"],
                                   cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while "properdocs serve s'est arrêté" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        with suppress(subprocess.TimeoutExpired):
            process.wait(15)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text, text[-3000:]
    assert "La copie des dernières données valides n'a pas pu être écrite dans" in text, text[-3000:]
    assert re.search(r"Construction impossible : écriture impossible de \S+ \(disque plein\) : libérez de la place"
                     r" sur ce disque \(df -h montre la place libre\), puis relancez\.", text), text[-3000:]
    assert "[serve] properdocs serve s'est arrêté (code 1) : voir le message ci-dessus." in text
    assert not (project / "site").exists()


def test_the_servers_copy_of_the_last_good_data_survives_a_pipe_and_a_full_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from crte.mkdocs import devserver
    data = copy_signed(tmp_path / "data")
    os.mkfifo(data / "tube")  # never read by the loader, which reads named files: valid data
    monkeypatch.setattr(devserver, "_serving", True)
    monkeypatch.setattr(devserver, "_last", None)
    monkeypatch.setenv(devserver.STATE_ENV, str(tmp_path / "etat"))
    (tmp_path / "etat").mkdir()
    devserver.remember(data, "vues")  # type: ignore[arg-type]
    copy = tmp_path / "etat" / "data"
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in data.iterdir() if p.name != "tube")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "etat" / "data.tmp"))

    monkeypatch.setattr(devserver.shutil, "copytree", full)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.crte.devserver"):
        devserver.remember(data, "vues")  # type: ignore[arg-type]
    assert caplog.messages == [f"La copie des dernières données valides n'a pas pu être écrite dans {tmp_path / 'etat'}"
                               " (disque plein) : après un redémarrage du serveur, elles ne seront plus affichées en"
                               " cas d'erreur."]
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in data.iterdir() if p.name != "tube")
