"""mkdocs-macros pluglet (`modules: [crte.mkdocs.macros]` in mkdocs.yml): thin. The
hand-written pages (`render_macros: true`) call `bloc(name)` to insert an HTML fragment of
templates/blocks/, rendered from the computed views of the build, which the `crte` plugin
holds; they name the territory with `territoire` (territoire.yaml: `{{ territoire.nom | md }}`,
`{{ territoire.le_sigle | md }}`) and the signature's day with `signature`, never in words."""
from __future__ import annotations

from typing import Any

from crte import fr
from crte.pages.filters import md
from crte.pages.pages import render_block


def define_env(env: Any) -> None:
    plugin = env.conf.plugins["crte"]
    dataset = plugin.dataset(env.conf)
    if dataset.available:  # under serve, maybe no valid data yet (crte/mkdocs/devserver.py)
        crte = dataset.views.crte
        env.variables["territoire"] = dataset.views.territory
        env.variables["signature"] = fr.long_date(crte.contract.signature.date)
    env.filter(md)

    @env.macro  # type: ignore[untyped-decorator]
    def bloc(name: str) -> str:
        """Insert templates/blocks/<name>.html, with links relative to the current page."""
        return render_block(plugin.views(env.conf), name, env.page.url)
