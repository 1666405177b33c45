"""The pages rendered straight to HTML (templates/pages/*.html) have the headings and the
table of contents Python-Markdown would have made of the same titles in a Markdown page
(`# {{ titre | md }}`, `## Texte { #id }`), with mkdocs.yml's toc settings: same HTML,
same ids (slug, made unique), same tokens for the theme's table of contents."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from jinja2 import Environment, FileSystemLoader

from crte.pages.filters import md, text
from crte.pages.headings import PERMALINK_TITLE, resolved, sommaire
from crte.pages.pages import TEMPLATES

ROOT = Path(__file__).resolve().parents[2]


def toc_settings() -> dict[str, object]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # !ENV tags as text
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "toc" in ext:
            return {k: v == "true" if v in ("true", "false") else v for k, v in ext["toc"].items()}
    raise AssertionError("mkdocs.yml: pas d'extension toc")


def characters(value: Any) -> Any:
    # `md` writes a digit's dot at the start of a line as `&#46;` (else a list); the same text.
    if isinstance(value, str):
        return re.sub(r"&#(\d+);", lambda m: chr(int(m[1])), value)
    if isinstance(value, list):
        return [characters(v) for v in value]
    return {k: characters(v) for k, v in value.items()} if isinstance(value, dict) else value


def by_markdown(source: str) -> tuple[str, list[dict[str, object]]]:
    converter = markdown.Markdown(extensions=["toc", "attr_list"], extension_configs={"toc": toc_settings()})
    return characters(converter.convert(source)), characters(converter.toc_tokens)  # type: ignore[attr-defined]


def by_template(headings: list[tuple[int, str, str | None, bool]]) -> tuple[str, list[dict[str, object]]]:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["texte"] = text
    env.globals.update(sommaire=sommaire, permalien=PERMALINK_TITLE)
    source = '{% from "macros.html" import titre with context %}' + "\n".join(
        f"{{{{ titre({h[0]}, headings[{i}][1], headings[{i}][2], ignore=headings[{i}][3]) }}}}"
        for i, h in enumerate(headings))
    toc: list[dict[str, object]] = []
    return resolved(env.from_string(source).render(headings=headings, toc=toc), toc)


TITLES = [
    "Réhabilitation de voirie et création de réseaux voie Albert Carré à Hénin-Beaumont.",
    "9.9Bis Réhabilitation des chevalements et puits (travaux d'urgence)",
    "Cité « la Parisienne » - espaces publics & part CAHC < 50 %",
    "Étude \"pré-opérationnelle\" OPAH-RU *phase 1* [lot_2] #3",
    "—",
    "Description",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_heading_is_the_one_markdown_makes(title: str) -> None:
    md_html, md_toc = by_markdown(f"# {md(title)}\n\n## Description {{ #description }}\n\n"
                                  "## Citer cette action { #citer data-pagefind-ignore }\n")
    html, toc = by_template([(1, title, None, False), (2, "Description", "description", False),
                             (2, "Citer cette action", "citer", True)])
    assert html.split("\n") == md_html.split("\n")
    assert toc == md_toc


def test_the_permalink_title_is_mkdocs_yml_s() -> None:
    assert toc_settings()["permalink_title"] == PERMALINK_TITLE
    assert toc_settings()["permalink"] is True
