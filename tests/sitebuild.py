"""Build a site with the real MkDocs configuration, and read its HTML and its links."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .conftest import ROOT, copy_signed

PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "crte", "templates", "overrides", "schemas", "Makefile",
                 "requirements.txt", "pyproject.toml", "package.json", "package-lock.json")


def make(project: Path, target: str, *args: str, env: dict[str, str] | None = None,
         timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`make target args…` in the copy `project`, with this checkout's .venv, never
    installed from the copy (NO_INSTALL=1: see the Makefile). Bound by `timeout`
    seconds, so that a build that hangs fails the suite instead of hanging it."""
    return subprocess.run(["make", "--no-print-directory", "-C", str(project), target, *args,
                           f"VENV={ROOT / '.venv'}", "NO_INSTALL=1"],
                          env=env, capture_output=True, text=True, check=False, timeout=timeout)


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads, to edit without touching the real data; its
    data/ is the signed contract only (conftest.copy_signed). The npm packages
    (the browser editor that the build copies into the site) are the project's own,
    linked."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if part == "data":
            copy_signed(dest / part)
        elif src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    if (ROOT / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def copy_example_project(dest: Path, example: str = "examples/contrat-vivant") -> Path:
    """copy_project, with the fictitious example: its signed contract stays symbolic links
    into the copy's data/; a link into a living layer of data/ (suivi/financeurs.yaml),
    which the copy leaves out, becomes a file."""
    copy_project(dest)
    shutil.copytree(ROOT / example, dest / example, symlinks=True)
    for link in (dest / example).rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
            shutil.copy((ROOT / link.relative_to(dest)).resolve(), link)
    return dest


def rename(project: Path, keep_old: bool) -> None:
    """In `project`'s data/, the action cite-declercq becomes cite-declercq-oignies, keeping
    its former id in anciens_ids (its address redirects) or not."""
    actions = project / "data" / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    new = "  - id: cite-declercq-oignies\n" + ("    anciens_ids: [cite-declercq]\n" if keep_old else "")
    actions.write_text(text.replace("  - id: cite-declercq\n", new), encoding="utf-8")


def build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`properdocs build --strict` of `project`; `env` adds to (or overrides) the environment,
    e.g. {"CRTE_DATA": "examples/contrat-vivant"}."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, check=False)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, route: str) -> BeautifulSoup:
    """The HTML of the page at `route` (e.g. "actions/cite-declercq/")."""
    return soup(site / route / "index.html")


def text(el) -> str:  # noqa: ANN001 - a BeautifulSoup element
    """The text of `el`, its runs of spaces made one space (narrow and no-break spaces too)."""
    return re.sub(r"\s+", " ", el.get_text(" ", strip=True).replace("\u202f", " ").replace("\xa0", " "))


def target(site: Path, here: Path, href: str) -> Path:
    """The file a relative (or root-relative) link of the page `here` leads to."""
    path = unquote(urlsplit(href).path)
    out = ((site if path.startswith("/") else here.parent) / path.lstrip("/")).resolve() if path else here
    return out / "index.html" if out.is_dir() else out


def resolves(site: Path, here: Path, href: str) -> bool:
    """A link of the page `here` leads to a file of the site (and to its anchor)."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return False
    target_ = target(site, here, href)
    if not target_.is_file():
        return False
    return not parts.fragment or target_.suffix != ".html" or soup(target_).find(id=parts.fragment) is not None
