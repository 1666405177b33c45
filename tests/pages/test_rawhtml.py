"""The raw HTML blocks of our Markdown pages are set aside before Python-Markdown parses them
(crte/mkdocs/rawhtml.py): every generated Markdown page converts to the same HTML with the
extension as without it, and the extension does set blocks aside."""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from crte.data.loader import load
from crte.mkdocs.rawhtml import RawHtml
from crte.pages.pages import generate
from crte.views.views import Views

from .test_headings import toc_settings

ROOT = Path(__file__).resolve().parents[2]
EXTENSIONS = ["admonition", "attr_list", "def_list", "tables", "toc"]  # mkdocs.yml's


def _convert(source: str, *extra: markdown.extensions.Extension) -> str:
    md = markdown.Markdown(extensions=[*EXTENSIONS, *extra], extension_configs={"toc": toc_settings()})
    return md.convert(source)


@pytest.mark.parametrize("folder", ["examples/contrat-vivant", "examples/autre-territoire"])
def test_the_pages_are_the_same_with_the_blocks_set_aside(folder: str) -> None:
    views = Views(load(ROOT / folder, folder, root=ROOT))
    pages = [p for p in generate(views, "https://crte.exemple.fr/") if p.toc is None]  # Markdown pages
    set_aside = 0
    for page in pages:
        body = page.content.split("\n---\n", 1)[-1]  # after the front matter
        fast = markdown.Markdown(extensions=[*EXTENSIONS, RawHtml()], extension_configs={"toc": toc_settings()})
        assert fast.convert(body) == _convert(body), page.src_uri
        set_aside += fast.preprocessors["crte_raw_html"].blocks
    assert len(pages) > 10 and set_aside > len(pages), set_aside
