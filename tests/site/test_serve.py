"""The development server, `make serve` (crte/cli/serve.py, devserver.py).

Each test starts the real server (`python -m crte.cli.serve`, which runs
`properdocs serve`) from a copy of the project, on a free port of 127.0.0.1, edits
the copy's files as staff would, and polls the served pages (at most POLL
seconds each time). The server and its MkDocs child form one process group,
stopped like Ctrl-C, then killed, even when a test fails.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from crte.data.errors import DataErrors
from crte.data.loader import load

from ..sitebuild import copy_project

POLL = 45.0  # seconds: a rebuild takes 2 s, a restart 5 s on a loaded machine
ROUTE = "actions/projet-alimentaire-territorial/"
TITLE = "Mise en oeuvre Projet Alimentaire Territorial CAHC"  # of that action
GOOD = 'fiche: "5.4"'
BAD = 'fiche: "<script>alert(1)</script>"'  # refused, and quoted in the message
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy for 127.0.0.1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    project: Path
    url: str
    log: Path

    def get(self, route: str) -> str:
        with OPENER.open(self.url + route, timeout=30) as response:
            return response.read().decode("utf-8")

    def wait_for(self, route: str, ready: Callable[[BeautifulSoup, str], bool], what: str) -> BeautifulSoup:
        """The page at `route` once `ready(page, html)`; fails after POLL seconds."""
        deadline = time.monotonic() + POLL
        while True:
            with suppress(OSError, urllib.error.URLError):  # refused while MkDocs restarts
                html = self.get(route)
                page = BeautifulSoup(html, "html.parser")
                if ready(page, html):
                    return page
            if time.monotonic() > deadline:
                tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
                raise AssertionError(f"{route}: {what}, pas après {POLL:.0f} s. Journal :\n{tail}")
            time.sleep(0.3)


@contextmanager
def serving(project: Path) -> Iterator[Server]:
    port = free_port()
    log = project.parent / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("CRTE_DATA", "CRTE_SERVE_STATE")}
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "crte.cli.serve", "-a", f"127.0.0.1:{port}"],
                                   cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield Server(project, f"http://127.0.0.1:{port}/", log)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C: the supervisor and MkDocs
            with suppress(subprocess.TimeoutExpired):
                process.wait(15)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the group
        process.wait()
    assert process.returncode == 0, log.read_text(encoding="utf-8", errors="replace")[-3000:]


def banner(page: BeautifulSoup) -> BeautifulSoup | None:
    return page.select_one(".crte-erreurs")


def has_banner(page: BeautifulSoup, html: str) -> bool:
    return banner(page) is not None


def no_banner(page: BeautifulSoup, html: str) -> bool:
    return banner(page) is None and page.select_one("article h1") is not None


def break_data(project: Path, folder: str = "data") -> list[str]:
    """Write a refused value into <folder>/actions.yaml; the errors, as the loader states them."""
    actions = project / folder / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    assert GOOD in text
    actions.write_text(text.replace(GOOD, BAD, 1), encoding="utf-8")
    line = text[:text.index(GOOD)].count("\n") + 1
    with pytest.raises(DataErrors) as raised:
        load(project / folder, folder)
    errors = [str(e) for e in raised.value.errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"{folder}/actions.yaml:{line}: actions[projet-alimentaire-territorial].fiche: ")
    assert "<script>" in errors[0]
    return errors


def fix_data(project: Path, folder: str = "data") -> None:
    actions = project / folder / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8").replace(BAD, GOOD, 1), encoding="utf-8")


def assert_banner(page: BeautifulSoup, html: str, errors: list[str], title: str) -> None:
    shown = banner(page)
    assert shown is not None and shown.get("role") == "alert"
    assert shown.select_one(".crte-erreurs__titre").get_text(strip=True) == title
    assert [li.get_text() for li in shown.select("li")] == errors
    # The value typed in the YAML is text, escaped: never markup.
    assert "<script>alert" not in html and "« <script> »" not in html and "« &lt;script&gt; »" in html


LAST_GOOD = "Les données contiennent 1 erreur : la dernière version valide est affichée."


def test_data_error_shows_a_banner_over_the_last_good_data_until_fixed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    with serving(project) as server:
        page = server.wait_for(ROUTE, no_banner, "page de l'action servie")
        title = page.select_one("article h1").get_text(strip=True)
        errors = break_data(project)
        page = server.wait_for(ROUTE, has_banner, "bandeau d'erreurs affiché")
        html = str(page)
        assert_banner(page, html, errors, LAST_GOOD)
        # The last valid data is shown: the page of the action, with its fiche 5.4.
        assert page.select_one("article h1").get_text(strip=True) == title
        assert "fiche-5-4" in html
        home = BeautifulSoup(server.get(""), "html.parser")  # every page has the banner
        assert [li.get_text() for li in home.select(".crte-erreurs li")] == errors
        fix_data(project)
        page = server.wait_for(ROUTE, no_banner, "bandeau disparu une fois les données corrigées")
        assert page.select_one("article h1").get_text(strip=True) == title


def test_python_change_restarts_the_server_with_the_last_good_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    with serving(project) as server:
        server.wait_for("contrat/", no_banner, "page du contrat servie")
        errors = break_data(project)
        server.wait_for("contrat/", has_banner, "bandeau d'erreurs affiché")
        # A change of a module already imported by MkDocs: served only after a restart.
        pages = project / "crte" / "pages" / "pages.py"
        with pages.open("a", encoding="utf-8") as f:
            f.write('\nSOURCES["contract"] = "data/contrat-modifie.yaml"\n')
        page = server.wait_for("contrat/", lambda p, html: "contrat-modifie.yaml" in html,
                               "modification de crte/pages/pages.py servie")
        # The restarted server still has the last valid data (its copy in CRTE_SERVE_STATE).
        assert_banner(page, str(page), errors, LAST_GOOD)
        assert page.select_one("article h1") is not None
        assert "redémarrage du serveur" in server.log.read_text(encoding="utf-8")


def test_data_wrong_at_start_shows_only_the_errors_until_fixed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    errors = break_data(project)
    with serving(project) as server:
        page = server.wait_for("", has_banner, "page des erreurs servie")
        assert_banner(page, str(page), errors,
                      "Les données contiennent 1 erreur : aucune version valide n'a été construite depuis "
                      "le lancement du serveur, le site ne peut pas être affiché.")
        assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == "Erreurs dans les données"
        fix_data(project)
        page = server.wait_for("", no_banner, "site servi une fois les données corrigées")
        assert page.select_one("article h1").get_text(strip=True).rstrip("¶") != "Erreurs dans les données"
        server.wait_for(ROUTE, no_banner, "page de l'action servie")


def test_build_reads_crte_data_and_still_fails_on_a_data_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    folder = "essais/donnees"
    shutil.copytree(project / "data", project / folder)
    actions = project / folder / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8").replace(TITLE, f"{TITLE} (essai)", 1),
                       encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CRTE_DATA=folder)
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
               "-d", str(tmp_path / "site")]
    ok = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert ok.returncode == 0, ok.stderr
    built = BeautifulSoup((tmp_path / "site" / ROUTE / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert built.select_one("article h1").get_text(strip=True).rstrip("¶") == f"{TITLE} (essai)"
    errors = break_data(project, folder)
    failed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert failed.returncode != 0
    assert f"1 erreur dans les données :\n{errors[0]}\n" in failed.stderr
    assert "Traceback" not in failed.stderr


# --- In a browser: the open page reloads by itself ---------------------------------------------

def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS colours given as `rgb(r, g, b)`."""
    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_open_page_reloads_by_itself_on_a_phone(browser: object, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    with serving(project) as server:
        server.wait_for(ROUTE, no_banner, "page de l'action servie")
        context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
        try:
            page = context.new_page()
            page.goto(server.url + ROUTE)
            errors = break_data(project)
            # No navigation from here on: only MkDocs' livereload script reloads the page.
            page.wait_for_selector(".crte-erreurs", timeout=POLL * 1000)
            shown = page.get_by_role("alert")
            assert shown.locator("li").all_inner_texts() == errors
            box = shown.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            colours = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.crte-erreurs'));
                                               return [s.color, s.backgroundColor]; }""")
            assert contrast(*colours) >= 7
            # A change of crte/: the server restarts, the page reconnects and reloads.
            with (project / "crte" / "pages" / "pages.py").open("a", encoding="utf-8") as f:
                f.write('\nSOURCES["actions"] = "data/actions-modifie.yaml"\n')
            page.wait_for_selector('a[href$="actions-modifie.yaml"]', state="attached", timeout=POLL * 1000)
            fix_data(project)
            page.wait_for_selector(".crte-erreurs", state="detached", timeout=POLL * 1000)
        finally:
            context.close()


def test_the_server_looks_often_and_rebuilds_at_once(tmp_path: Path) -> None:
    """The engine's server as crte.cli.engine makes it: it looks for changes every POLL_S and
    starts the rebuild BUILD_DELAY_S after one, not the engine's 0.5 s and 0.1 s."""
    from crte.cli import engine

    server = engine._server(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert server.build_delay == engine.BUILD_DELAY_S < 0.1
        assert server.observer.timeout == engine.POLL_S
    finally:
        server.server_close()
