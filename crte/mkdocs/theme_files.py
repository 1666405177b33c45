"""Under `make serve`, the list of the theme's files is read once, not at every rebuild.

Every build, the engine lists the theme's templates folder to copy its static files
(`Files.add_files_from_theme`): Material's holds some 14 000 files (icons), 0.16 s of
each rebuild. The installed theme does not change while the server runs; the project's
own theme folder (overrides/) may, so the list is kept only while the files of the theme
folders within the project are the same (names, sizes, modification times).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from properdocs.config.defaults import MkDocsConfig

_listed: dict[str, list[str]] = {}


def _state(dirs: list[str], root: Path) -> str:
    own = [Path(d).resolve() for d in dirs if Path(d).resolve().is_relative_to(root)]
    return repr((dirs, [sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in d.rglob("*") if p.is_file())
                        for d in own]))


def _list(listing: Callable[..., list[str]], key: str, *args: Any, **kwargs: Any) -> list[str]:
    # The engine's filter is the same at every rebuild (its patterns come from mkdocs.yml, in the key).
    if key not in _listed:
        _listed.clear()
        _listed[key] = listing(*args, **kwargs)
    return list(_listed[key])


def install(config: MkDocsConfig) -> None:
    """From on_config under serve: the theme's environments list their files from the list kept."""
    theme = config.theme
    make_env = theme.get_env
    root = Path(config.config_file_path).parent.resolve()

    def get_env() -> Any:
        env = make_env()
        key = repr((_state(list(theme.dirs), root), list(theme.static_templates)))
        env.list_templates = partial(_list, env.list_templates, key)  # type: ignore[method-assign]
        return env
    theme.get_env = get_env  # type: ignore[method-assign]
