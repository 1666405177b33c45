"""The W3C Nu HTML checker (npm vnu-jar, run by Java) finds no error on any kind of page: one
page of each folder shape of the real site and of the fictitious example (decisions, tracking),
the 404 page, an action's card, a redirect, the editor. One Java start for all of them.
Material's own invalid markup is corrected by crte/mkdocs/theme_fixes.py."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def kinds(site: Path) -> list[Path]:
    """One page per shape of address: `actions/x/`, `actions/x/carte/`, `communes/x/`…
    (each name replaced by its depth), and every HTML file that is not an index (404.html)."""
    chosen: dict[str, Path] = {}
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] in ("assets", "pagefind"):
            continue
        shape = "/".join(p if i == 0 or p in ("carte", "index.html") else "*" for i, p in enumerate(parts))
        chosen.setdefault(shape, path)
    return list(chosen.values())


@pytest.mark.skipif(shutil.which("java") is None, reason="Java absent : `make test` l'installe (default-jre-headless)")
def test_no_page_kind_has_an_html_error(site: Path, example_site: Path) -> None:
    pages = kinds(site) + kinds(example_site)
    assert len(pages) > 40  # every kind, both sites (a narrowing of kinds() would show here)
    assert any(p.match("actions/*/carte/index.html") for p in pages) and any(p.name == "404.html" for p in pages)
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, check=False)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [f"{re.sub('^file:', '', m.get('url', ''))}:{m.get('lastLine', 0)}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors[:40])
