"""The browser editor (/edition/, Decap CMS) driven in Debian's Chromium with its local
back end (decap-server) on a copy of the project: a decision that changes an amount and
adds an action, then the tracking of that action. What it writes passes the check
unchanged, builds, and the pages show it. Also: its code is served by the site, no
request leaves the machine, no cookie, the page is not indexed, no public page loads it,
and the served configuration is the generator's for the data built (never stale).

Timings (opening the editor -> a valid file written) are printed, not asserted.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from crte.data.loader import load
from crte.fr import euros
from crte.outputs import edition
from crte.views.views import Views

from ..conftest import ROOT
from ..sitebuild import build, copy_project, page, soup
from .conftest import AXE, served

SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
GITHUB = "https://github.com/cahc/crte-henin-carvin/edit/main/"
AXE_RUN = """async () => {
    const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
    const out = {label: []};
    for (const v of r.violations) out[v.id] = v.nodes.map(n => n.target.join(" "));
    return out;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def decap_server(project: Path, port: int) -> Iterator[str]:
    """decap-server, the local back end, writing into `project`, on loopback."""
    env = dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1", GIT_REPO_DIRECTORY=str(project), MODE="fs")
    proc = subprocess.Popen(["node", str(SERVER)], cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(100):
            try:
                request = urllib.request.Request(url, data=b'{"action":"info"}',
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=1) as r:
                    assert json.load(r)["type"] == "local_fs"
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class Editor:
    """The editor's forms, as staff fill them: fields found by their label."""

    def __init__(self, page: object, base: str):
        self.page, self.base = page, base

    def open(self, route: str) -> None:
        self.page.goto(self.base + "edition/")
        self.page.get_by_role("button", name="Se connecter").click()
        self.page.wait_for_selector("text=Collections")
        self.page.goto(self.base + "edition/" + route)
        self.page.wait_for_selector("form, [class*=ControlPane]")

    def field(self, name: str) -> str:
        # The visible ones: a block left folded (a tracking file's levers) has fields of the same name.
        labels = self.page.locator(f"label[for^='{name}-field-']:visible")
        labels.last.wait_for()
        return "#" + labels.last.get_attribute("for")

    def fill(self, name: str, value: str) -> None:
        self.page.fill(self.field(name), value)

    def choose(self, name: str, label: str) -> None:
        self.page.click(self.field(name))
        self.page.keyboard.type(label)
        self.page.get_by_role("option", name=label, exact=True).click()

    def add(self, kind: str) -> None:
        self.page.get_by_text("Ajouter une entrée de type").click()
        self.page.get_by_role("menuitem", name=kind).click()

    def add_item(self, label: str) -> None:
        """An item of a list whose label is `label` (« Ajouter étapes »)."""
        self.page.get_by_role("button", name=re.compile(f"^Ajouter {label}$", re.IGNORECASE)).click()

    def publish(self, written: Path, containing: str = "") -> float:
        """Publish; the time when `written` exists (and holds `containing`)."""
        self.page.get_by_role("button", name="Publier").click()
        self.page.get_by_role("menuitem", name="Publier maintenant").click()
        for _ in range(200):
            if written.exists() and containing in written.read_text(encoding="utf-8"):
                return time.monotonic()
            time.sleep(0.05)
        raise AssertionError(f"{written} n'a pas été écrit : {self.page.inner_text('body')[-800:]}")


@contextmanager
def editing(browser: object, site: Path, requests: list[str]) -> Iterator[tuple[Editor, object, object]]:
    """The editor of `site`, in a new browser context whose requests are noted."""
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    tab.on("request", lambda r: requests.append(r.url))
    try:
        yield Editor(tab, served(site)), tab, context
    finally:
        context.close()


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crte.data.check", "data"], cwd=project, capture_output=True,
                          text=True, check=False)


def built(project: Path, out: Path, proxy: str) -> Path:
    result = build(project, out, {"CRTE_EDITION_LOCAL": proxy})
    assert result.returncode == 0, result.stderr
    return out


def test_the_editor_writes_a_decision_and_a_tracking_update_that_pass_the_check_and_build(
        browser: object, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    signed = load(project / "data")
    model = next(a for a in signed.actions if a.constats is None and a.part_cahc is not None)
    chantier = next(c for c in signed.chantiers if c.numero == model.chantier)
    fiche = next(f for f in signed.fiches if f.numero == model.fiche)
    new_cost = f"{model.cout_total + Decimal('1000'):.2f}"
    today = dt.date.today()
    day = today - dt.timedelta(days=30)
    decision_id = f"{day.isoformat()}-comite-de-pilotage"
    new_id = "piste-essai-navigateur"
    timings = {}
    requests: list[str] = []
    with decap_server(project, free_port()) as proxy:
        with editing(browser, built(project, tmp_path / "site1", proxy), requests) as (ed, tab, context):
            start = time.monotonic()
            ed.open("#/collections/decision/new")
            tab.fill(ed.field("date"), day.isoformat())
            ed.choose("instance", "comité de pilotage")
            ed.fill("objet", "Réévaluation d'une action et piste cyclable d'essai.")
            ed.fill("titre", f"Relevé de décisions du comité de pilotage du {day.isoformat()}")
            ed.add("Modifier action")
            ed.choose("action", f"{model.id} — {model.titre}")
            ed.fill("cout_total", new_cost)
            ed.fill("motif", "Les études de sol imposent un cuvelage.")
            ed.add("Ajouter action")
            ed.fill("id", new_id)
            ed.choose("enjeu", model.enjeu)
            ed.choose("chantier", f"{chantier.numero} — {chantier.titre}")
            ed.choose("fiche", f"{fiche.numero} — {fiche.titre}")
            ed.fill("maitre_ouvrage", "CAHC")
            ed.fill("titre", "Piste cyclable d'essai")
            ed.fill("description", "Aménagement d'une piste cyclable, saisi dans le navigateur.")
            ed.fill("annee_lancement", str(day.year))
            ed.fill("cout_total", "850000.00")
            ed.fill("part_cahc", "170000.00")
            tab.add_script_tag(path=str(AXE))
            axe = tab.evaluate(AXE_RUN)
            decision = project / "data" / "decisions" / f"{decision_id}.yaml"
            timings["décision"] = ed.publish(decision) - start
            assert context.cookies() == []
        text = decision.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schemas/decision.schema.json\n")
        for line in (f'date: "{day.isoformat()}"', 'instance: "comité de pilotage"', "  - modifier_action:",
                     f'      action: "{model.id}"', f'      cout_total: "{new_cost}"',
                     '      motif: "Les études de sol imposent un cuvelage."', "  - ajouter_action:",
                     f"      chantier: {chantier.numero}", f'      fiche: "{fiche.numero}"',
                     f'      annee_lancement: "{day.year}"', '      part_cahc: "170000.00"'):
            assert line in text.splitlines(), (line, text)
        assert "type_de_changement" not in text and '""' not in text
        result = check(project)
        assert result.returncode == 0 and result.stdout.startswith("Données valides"), result.stdout + result.stderr
        # The next build lists the new action in the tracking form.
        with editing(browser, built(project, tmp_path / "site2", proxy), requests) as (ed, tab, context):
            start = time.monotonic()
            ed.open("#/collections/suivi-action/new")
            ed.choose("_fichier", f"{new_id} — Piste cyclable d'essai")
            ed.add_item("étapes")
            tab.fill(ed.field("date"), today.isoformat())
            ed.fill("source", "Comité technique (essai)")
            ed.choose("statut", "en cours")
            ed.fill("avancement", "40")
            ed.fill("depense", "120000.50")
            tracking = project / "data" / "suivi" / "actions" / f"{new_id}.yaml"
            timings["suivi"] = ed.publish(tracking) - start
            first = tracking.read_text(encoding="utf-8")
    step = [f'  - date: "{today.isoformat()}"', '    source: "Comité technique (essai)"', '    statut: "en cours"',
            "    avancement: 40", '    depense: "120000.50"']
    assert first.splitlines() == ["# yaml-language-server: $schema=../../../schemas/suivi-action.schema.json", "",
                                  "etapes:", *step]
    result = check(project)
    assert result.returncode == 0 and result.stdout.startswith("Données valides"), result.stdout + result.stderr
    site = built(project, tmp_path / "site3", proxy)
    assert "Piste cyclable d'essai" in page(site, f"evolutions/{decision_id}/").get_text()
    action = page(site, f"actions/{new_id}/").select_one("article").get_text(" ", strip=True)
    assert "Piste cyclable d'essai" in action and "en cours" in action and "Comité technique (essai)" in action
    assert euros(Decimal(new_cost)) in page(site, f"actions/{model.id}/").select_one("article").get_text()
    # Nothing but the site and the local back end; the form fields have their labels.
    assert [u for u in requests if urlsplit(u).hostname != "127.0.0.1" and urlsplit(u).scheme not in ("data", "blob")
            ] == []
    assert axe["label"] == [], axe  # every form field has its label
    loaded = {urlsplit(u).path for u in requests if "/edition/" in u and urlsplit(u).path.endswith(".js")}
    files = [site / path.lstrip("/") for path in loaded]
    size, packed = sum(f.stat().st_size for f in files), sum(len(gzip.compress(f.read_bytes())) for f in files)
    print(f"\néditeur : {len(files)} fichiers JavaScript chargés, {size / 1e6:.1f} Mo ({packed / 1e6:.1f} Mo compressés "
          f"gzip) ; de l'ouverture au fichier écrit : "
          + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
          + " ; axe (WCAG 2.1 AA), éléments en défaut : " + str({k: len(v) for k, v in axe.items()}))


def test_the_site_serves_the_editor_and_its_configuration_and_no_public_page_loads_it(tmp_path: Path) -> None:
    """Not stale: the build writes the configuration from the declarations and the data it
    builds; the served file is exactly what the generator gives for them."""
    project = copy_project(tmp_path / "p")
    out = built(project, tmp_path / "site", "")
    views = Views(load(project / "data"))
    expected = edition.config_text(edition.config(views, "data", "https://crte.agglo-henincarvin.fr/", GITHUB, {}))
    assert (out / "edition" / "config.yml").read_text(encoding="utf-8") == expected
    assert (out / "edition" / "decap-cms.js").stat().st_size > 1_000_000
    assert (out / "edition" / "yaml" / "index.js").is_file()
    head = soup(out / "edition" / "index.html").head
    assert head.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert [s.get("src") for s in head.find_all("script") if s.get("src")] == ["decap-cms.js", "edition.js"]
    assert "Disallow: /edition/" in (out / "robots.txt").read_text(encoding="utf-8")
    assert "edition" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    for html in out.rglob("*.html"):
        if html.relative_to(out).parts[0] != "edition":
            text = html.read_text(encoding="utf-8")
            assert "decap-cms" not in text and "edition.js" not in text, html
