"""Builds are atomic and reproducible; text from the data never becomes markup."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from macros.site.pages import markdown, md

from ..conftest import ROOT
from ..sitebuild import copy_project, page

EPOCH = "1639353600"  # 2021-12-13T00:00:00Z


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def publish(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m macros.site.build`, what `make build` runs."""
    return subprocess.run([sys.executable, "-m", "macros.site.build", str(site)], cwd=project,
                          env=dict(os.environ, **env), capture_output=True, text=True, check=False)


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
    out = subprocess.run([sys.executable, "-m", "macros.site.build", str(tmp_path / "s")], cwd=ROOT, env=env,
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
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []  # no leftovers


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
    assert str(md("a *b* <i>c</i> [d](e) {{ f }}")) == r"a \*b\* &lt;i&gt;c&lt;/i&gt; \[d\](e) \{\{ f \}\}"


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
