"""The "floor" of the benchmark: the site's page contents rendered the cheapest way.

    python bench/floor.py PROJECT OUT     # prints the seconds it took

Loads PROJECT/data, generates the pages with PROJECT's own macros and templates
(`crte.pages.pages.generate`, as the build's hook does), adds the hand-written
pages of docs/ (with their bloc() calls rendered), converts every page with Python-Markdown (the
extensions of mkdocs.yml) and writes it in a bare layout under OUT: no theme,
no navigation, no search index, no link validation. What any build of these
pages must at least cost.

It runs in its own process, on PROJECT's code: the code of the tree being
measured, not whatever the working tree holds by then. The time counts from
the loading of the data to the last file written; interpreter start-up and
imports are not counted (the real build pays them: about the build time of the
smallest size).
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def markdown_extensions(mkdocs_yml: Path) -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions of PROJECT's mkdocs.yml: the floor parses the same
    Markdown the same way as the site."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses MkDocs' !ENV tag; its default value is all the floor needs.
    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader)
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return names, configs


def page_sources(project: Path) -> list[tuple[str, str]]:
    """Every page of PROJECT as Markdown, [(src_uri, text)], front matter kept: the generated
    pages (PROJECT's own code, as the build's hook generates them) and the hand-written ones,
    those that ask for macros (the home page's bloc() calls) rendered as mkdocs-macros would.
    What the floor converts and what the stock-Material site (bench/stock.py) is made of."""
    sys.path.insert(0, str(project))  # PROJECT's crte package, not the installed one
    from jinja2 import Environment

    from crte.data.loader import load
    from crte.fr import long_date
    from crte.pages.filters import md as md_text
    from crte.pages.pages import generate, render_block
    from crte.views.views import Views

    views = Views(load(project / "data"))
    signature = long_date(views.crte.contract.signature.date)
    pages = [(p.src_uri, p.content) for p in generate(views)]
    for path in sorted((project / "docs").rglob("*.md")):
        text = path.read_text("utf-8")
        front = FRONT_MATTER.match(text)
        if front and "render_macros: true" in front.group():
            stem = path.relative_to(project / "docs").with_suffix("").as_posix()
            route = "" if stem == "index" else stem + "/"  # the page's URL, as env.page.url gives it
            env = Environment()
            env.filters["md"] = md_text  # what crte/mkdocs/macros.py gives the hand-written pages
            text = front.group() + env.from_string(text[front.end():]).render(
                bloc=lambda name, r=route: render_block(views, name, r), territoire=views.territory,
                signature=signature)
        pages.append((path.relative_to(project / "docs").as_posix(), text))
    return pages


def floor(project: Path, out: Path) -> float:
    import markdown
    from jinja2 import Template

    sys.path.insert(0, str(project))
    import crte.pages.pages  # noqa: F401 - PROJECT's code, imported before the clock starts
    import crte.views.views  # noqa: F401

    layout = Template("<html><body>{{ content }}</body></html>")
    start = time.perf_counter()
    pages = page_sources(project)
    extensions, configs = markdown_extensions(project / "mkdocs.yml")
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    for src_uri, content in pages:
        html = md.reset().convert(FRONT_MATTER.sub("", content))
        stem = src_uri.removesuffix(".md")
        dest = out / ("" if stem == "index" else stem) / "index.html"  # the URL layout of use_directory_urls
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(layout.render(content=html), "utf-8")
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"{floor(Path(sys.argv[1]).resolve(), Path(sys.argv[2])):.6f}")
