"""mkdocs-macros pluglet (`modules: [crte.mkdocs.macros]` in mkdocs.yml): thin. The
hand-written pages call `bloc(name)` to insert an HTML fragment of templates/blocks/,
rendered from the computed views of the build, which the `crte` plugin holds."""
from __future__ import annotations

from typing import Any

from crte.pages.pages import render_block


def define_env(env: Any) -> None:
    plugin = env.conf.plugins["crte"]

    @env.macro
    def bloc(name: str) -> str:
        """Insert templates/blocks/<name>.html, with links relative to the current page."""
        return render_block(plugin.views(env.conf), name, env.page.url)
