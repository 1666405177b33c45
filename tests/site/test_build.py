"""Builds are atomic and reproducible; text from the data never becomes markup."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from crte.cli.build import PAUSE_VARIABLE, STEPS, Places
from crte.outputs.manifest import published
from crte.pages.pages import markdown, md

from ..conftest import ROOT
from ..sitebuild import copy_project, page

EPOCH = "1639353600"  # 2021-12-13T00:00:00Z


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def publish(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m crte.cli.build`, what `make build` runs."""
    return subprocess.run([sys.executable, "-m", "crte.cli.build", str(site)], cwd=project,
                          env=dict(os.environ, **env), capture_output=True, text=True, check=False)


def leftovers(site: Path) -> list[str]:
    """The entries next to `site` that a build made, but the lock file and the folder
    `site` points to: a build leaves none."""
    places = Places.of(site)
    made = {p for p in site.parent.iterdir() if p.name.startswith(f".{site.name}")} | set(places.leftovers())
    return sorted(p.name for p in made - {places.lock, places.builds})


def test_two_builds_of_the_same_tree_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert publish(project, tmp_path / "a", SOURCE_DATE_EPOCH=EPOCH).returncode == 0
    assert publish(project, tmp_path / "b", SOURCE_DATE_EPOCH=EPOCH).returncode == 0
    a, b = digest(tmp_path / "a"), digest(tmp_path / "b")
    assert a == b and len(a) > 40
    assert "<lastmod>2021-12-13</lastmod>" in (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8")


def test_the_date_comes_from_the_last_commit(tmp_path: Path) -> None:
    result = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True, text=True)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    out = subprocess.run([sys.executable, "-m", "crte.cli.build", str(tmp_path / "s")], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert f"<lastmod>{result.stdout.strip()}</lastmod>" in (tmp_path / "s" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_successful_build_replaces_the_site_a_failed_one_keeps_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = project / "site"
    site.mkdir()
    (site / "ancien.html").write_text("ancien site", encoding="utf-8")
    assert publish(project, site, SOURCE_DATE_EPOCH=EPOCH).returncode == 0
    assert not (site / "ancien.html").exists() and (site / "index.html").exists()
    before = digest(site)
    actions = project / "data" / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8").replace('"49600.00"', '"49600,00"'), encoding="utf-8")
    result = publish(project, site, SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 1
    assert "n'a pas été modifié" in result.stderr
    assert digest(site) == before
    assert leftovers(site) == []
    assert site.is_symlink() and (site.parent / os.readlink(site)).parent == project / ".site.builds"


# --- Killed and concurrent builds --------------------------------------------------------------

def tiny_project(dest: Path, title: str = "Accueil") -> Path:
    """A two-page MkDocs project: builds in a fraction of a second, enough for the switch."""
    (dest / "docs" / "sous").mkdir(parents=True, exist_ok=True)
    # Material: ProperDocs bundles no theme of its own (its "mkdocs" theme is a separate package).
    (dest / "mkdocs.yml").write_text("site_name: Essai\ntheme:\n  name: material\n", encoding="utf-8")
    (dest / "docs" / "index.md").write_text(f"# {title}\n\n[Page](sous/page.md)\n", encoding="utf-8")
    (dest / "docs" / "sous" / "page.md").write_text("# Page\n", encoding="utf-8")
    return dest


def kill_at(project: Path, site: Path, step: str) -> None:
    """Start a build, SIGKILL it as soon as it announces `step` (CRTE_BUILD_PAUSE)."""
    process = subprocess.Popen([sys.executable, "-m", "crte.cli.build", str(site)], cwd=project,
                               env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT),
                                        **{PAUSE_VARIABLE: step}),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with process:
        lines = []
        while (line := process.stderr.readline()) and line.strip() != f"pause : {step}":
            lines.append(line)
        process.kill()
        process.wait()
    assert line, f"the build never reached {step}: {''.join(lines)}"


def test_a_build_killed_at_any_step_leaves_a_whole_site(tmp_path: Path) -> None:
    project = tiny_project(tmp_path / "p")
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    assert publish(project, tmp_path / "v1", **env).returncode == 0
    site = project / "site"
    shutil.copytree(tmp_path / "v1", site)  # a real folder, as older versions left it
    (site / "ancien.html").write_text("ancien site", encoding="utf-8")
    assert publish(tiny_project(tmp_path / "q", title="Autre accueil"), tmp_path / "v2", **env).returncode == 0
    trees = [digest(site), digest(tmp_path / "v1"), digest(tmp_path / "v2")]
    assert trees[0] != trees[1] != trees[2] != trees[0]
    # Version 1 migrates site/, a real folder until the switch; version 2 switches the link.
    for version in (1, 2):
        for step in STEPS:
            kill_at(project, site, step)
            expected = trees[version] if step == "bascule" else trees[version - 1]
            assert (site / "index.html").is_file() and digest(site) == expected, (version, step)
            assert site.is_symlink() == (version == 2 or step == "bascule")
        tiny_project(project, title="Autre accueil")  # the next builds give trees[2]
    result = publish(project, site, **env)
    assert result.returncode == 0, result.stderr
    assert digest(site) == trees[2] and leftovers(site) == []


def test_two_builds_started_together_queue_and_both_publish(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = project / "site"
    command = [sys.executable, "-m", "crte.cli.build", str(site)]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    processes = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    results = [p.communicate() for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    waited = [err for _, err in results if "Une autre construction est en cours" in err]
    assert len(waited) == 1, results  # the second queued: no crash, no Errno 39
    assert len(digest(site)) > 40 and (site / "index.html").is_file() and leftovers(site) == []
    assert "/" in published(site) and "/donnees/datapackage.json" in published(site)  # what `make urls` reads


def test_the_next_build_removes_what_killed_builds_left(tmp_path: Path) -> None:
    project = tiny_project(tmp_path / "p")
    site = project / "site"
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    assert publish(project, site, **env).returncode == 0
    kill_at(project, site, "lien")  # a whole tree never published, and the new link
    old = [project / ".site-build-x1y2z3", project / ".site-old-1234"]  # left by older versions
    for folder in old:
        (folder / "assets").mkdir(parents=True)
        (folder / "index.html").write_text("restes", encoding="utf-8")
    (project / ".site.builds" / "20211213-000000-partiel").mkdir()
    assert len(leftovers(site)) == 5, leftovers(site)
    before = os.readlink(site)
    result = publish(project, site, **env)
    assert result.returncode == 0, result.stderr
    assert leftovers(site) == [] and os.readlink(site) != before
    assert [p.name for p in (project / ".site.builds").iterdir()] == [Path(os.readlink(site)).name]


# --- Text safety ---------------------------------------------------------------------------------

def test_markdown_from_the_data_is_rendered_and_sanitised() -> None:
    html = str(markdown("Un *mot*, un [lien](https://example.org/) et <script>alert(1)</script>"
                        " <img src=x onerror=alert(1)> [piège](&#106;avascript:alert(1))"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("em").get_text() == "mot"
    assert soup.find("a", href="https://example.org/")
    assert not soup.find("script") and not soup.find("img")
    assert not [a for a in soup.find_all("a") if "javascript" in (a.get("href") or "").lower()]
    assert "onerror" not in html
    assert "\n\n" not in html  # one HTML block for MkDocs' Markdown


def test_plain_text_is_escaped_for_markdown() -> None:
    assert str(md("a *b* <i>c</i> [d](e) {{ f }}")) == r"a \*b\* &lt;i&gt;c&lt;/i&gt; \[d\]\(e\) \{\{ f \}\}"
    # At the start of a line, a list marker or a number followed by a dot is not a list.
    assert [str(md(t)) for t in ("+ de 2 km", "- x", "1. y", ": z", "=")] == [
        "&#43; de 2 km", "&#45; x", "1&#46; y", "&#58; z", "&#61;"]


def test_injection_fixture_never_reaches_the_page_as_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    contract = project / "data" / "contract.yaml"
    text = contract.read_text(encoding="utf-8").replace(
        "      La durée de ce contrat est de six ans.",
        "      La durée de ce contrat est de six ans. [piège](&#106;avascript:alert(1)) {{ 7*7 }} {% raw %} *souligné*")
    contract.write_text(text, encoding="utf-8")
    actions = project / "data" / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8").replace(
        '    titre: "Lecture spectacle"', '    titre: "Lecture {{ 7*7 }} *spectacle* [x](y) &amp; < 3"'),
        encoding="utf-8")
    assert publish(project, tmp_path / "site", SOURCE_DATE_EPOCH=EPOCH).returncode == 0
    contrat = page(tmp_path / "site", "contrat/")
    article = contrat.find(id="article-10").find_next("div", class_="crte-texte")
    assert "{{ 7*7 }} {% raw %}" in article.get_text() and "49" not in article.get_text()
    assert article.find("em").get_text() == "souligné"
    hrefs = [a.get("href", "") for a in contrat.select("article a")]
    assert not [h for h in hrefs if "javascript" in h.lower()]
    action = page(tmp_path / "site", "actions/lecture-spectacle/")
    assert action.select_one("h1").get_text(strip=True).rstrip("¶") == "Lecture {{ 7*7 }} *spectacle* [x](y) &amp; < 3"
    assert not action.select("article h1 em, article h1 a:not(.headerlink)")
