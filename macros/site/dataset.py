"""The data of one build: loaded once per MkDocs configuration, shared by the
hooks (generated pages) and the macros (hand-written pages)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..data.errors import DataErrors
from ..data.loader import load
from ..views.views import Views

_cache: dict[int, Views] = {}


def views_for(config: MkDocsConfig) -> Views:
    """Load and validate data/ next to mkdocs.yml; abort the build on any error.

    `mkdocs serve` reloads the configuration on every rebuild, so keying on the
    config object reloads the data when a YAML file changes.
    """
    key = id(config)
    if key not in _cache:
        _cache.clear()
        data_dir = Path(config.config_file_path).parent / "data"
        try:
            _cache[key] = Views(load(data_dir))
        except DataErrors as exc:
            # PluginError: MkDocs prints the message and stops, without a traceback.
            raise PluginError(exc.report()) from None
    return _cache[key]
