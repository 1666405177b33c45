"""mkdocs-macros entry point: thin. The hand-written pages call `bloc(name)` to
insert an HTML fragment of templates/blocks/, rendered from the computed views;
all logic lives in the Python modules."""
from __future__ import annotations

from typing import Any

from .site.pages import render_block
from .site.dataset import views_for


def define_env(env: Any) -> None:
    views = views_for(env.conf)

    @env.macro
    def bloc(name: str) -> str:
        """Insert templates/blocks/<name>.html, with links relative to the current page."""
        route = env.page.url
        return render_block(views, name, route)
