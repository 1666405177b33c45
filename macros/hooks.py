"""MkDocs hooks: add the pages generated from the data, and point their "edit"
link at the YAML file that holds the record."""
from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads a hook by its file path: make the project root importable so that
# this file can use the `macros` package like every other module.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import subprocess  # noqa: E402

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from macros.pages import generate  # noqa: E402
from macros.site import views_for  # noqa: E402


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for f in files:
        if f.is_documentation_page():
            f.edit_uri = f"docs/{f.src_uri}"
    for page in generate(views_for(config)):
        generated = File.generated(config, page.src_uri, content=page.content)
        generated.edit_uri = page.edit_path
        files.append(generated)
    return files


# Pages whose content is not searchable (the search page itself).
NOT_INDEXED = {"recherche.md"}


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Pagefind indexes only what is marked: the page's own content, not the
    # navigation, header or footer repeated on every page.
    if page.file.src_uri in NOT_INDEXED:
        return html
    return f"<div data-pagefind-body>\n{html}\n</div>"


def on_post_build(config: MkDocsConfig) -> None:
    """Index the built site with Pagefind (a binary shipped in the pagefind-bin wheel)."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--exclude-selectors", ".headerlink"],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"Pagefind n'a pas pu indexer le site :\n{result.stdout}{result.stderr}")
