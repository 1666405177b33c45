"""MkDocs hooks: add the pages generated from the data, and point their "edit"
link at the YAML file that holds the record."""
from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads a hook by its file path: make the project root importable so that
# this file can use the `macros` package like every other module.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

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
