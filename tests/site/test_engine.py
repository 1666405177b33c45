"""ProperDocs, the engine, builds the same site as MkDocs 1.6.1 did: every file of the
fictitious example's site (pages, open data, feed, cards, search index) is identical,
but for the generator tag of each page."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from .conftest import EXAMPLE, SITE_URL

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def mkdocs_site(example_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mkdocs-site") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CRTE_DATA=EXAMPLE, CRTE_SITE_URL=SITE_URL,
               PYTHONPATH=os.pathsep.join([str(example_project), str(ROOT)]))
    result = subprocess.run([sys.executable, "-m", "tests.mkdocs_engine", "build", "--strict", "-f",
                             str(example_project / "mkdocs.yml"), "-d", str(out)],
                            capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    return out


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes()) for p in site.rglob("*")
            if p.is_file()}


def test_every_file_is_the_same_with_both_engines(example_site: Path, mkdocs_site: Path) -> None:
    properdocs, mkdocs = files(example_site), files(mkdocs_site)
    assert len(properdocs) > 200
    assert sorted(properdocs) == sorted(mkdocs)
    assert [name for name in properdocs if properdocs[name] != mkdocs[name]] == []
    page = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7' in page
