"""The same site built by stock Material for MkDocs: what a user could pick instead (issue 23).

    python bench/stock.py PROJECT OUT     # writes OUT/mkdocs.yml and OUT/docs/

Every page of PROJECT as Markdown (bench/floor.py `page_sources`: the generated pages and
the hand-written ones, macros rendered), written as plain files under OUT/docs/, with
PROJECT's stylesheets and scripts; OUT/mkdocs.yml keeps PROJECT's theme settings,
navigation and Markdown extensions, and has Material's own search plugin instead of
ours: no crte plugin, no macros, no open data, no cards, no Pagefind. `properdocs build`
of OUT is the stock build that bench/run.py pairs with each real build.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from bench.floor import page_sources

KEPT = ("site_name", "site_description", "site_url", "use_directory_urls", "theme", "extra_css",
        "extra_javascript", "nav", "not_in_nav", "markdown_extensions", "validation", "extra")


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml uses MkDocs' !ENV tag: its default value is what the stock site needs.
_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def write(project: Path, out: Path) -> Path:
    """OUT/mkdocs.yml and OUT/docs/ for PROJECT; returns OUT/mkdocs.yml."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    stock = {k: config[k] for k in KEPT if k in config}
    stock["theme"] = {k: v for k, v in stock["theme"].items() if k != "custom_dir"}  # Material's own templates
    stock["plugins"] = ["search"]
    docs = out / "docs"
    for folder in ("stylesheets", "javascripts", "assets"):
        if (project / "docs" / folder).is_dir():
            shutil.copytree(project / "docs" / folder, docs / folder, dirs_exist_ok=True)
    for src_uri, text in page_sources(project):
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    mkdocs_yml = out / "mkdocs.yml"
    mkdocs_yml.write_text(yaml.safe_dump(stock, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return mkdocs_yml


if __name__ == "__main__":
    print(write(Path(sys.argv[1]).resolve(), Path(sys.argv[2])))
