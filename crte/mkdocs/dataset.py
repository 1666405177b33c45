"""The data of one build: loaded once per MkDocs configuration, shared by the
hooks (generated pages) and the macros (hand-written pages).

The data folder is `$CRTE_DATA`, relative to the folder of mkdocs.yml (`data`
when unset or empty); `make build DATA=...` and `make serve DATA=...` set it.
Errors name its files as the variable does: `autres/actions.yaml:12: ...`.

- `load_dataset(config) -> Dataset`: the computed views, and the errors to show.
  The plugin (plugin.py) calls it once per configuration. With invalid data, under
  `properdocs build`: raises PluginError with the French report (MkDocs prints it
  and stops, exit status 1); under `properdocs serve`: the views of the last valid
  data of the session (see devserver.py), or a stand-in that raises the report
  when used if there was none.

`properdocs serve` loads the configuration again for every rebuild; there the data is
loaded again only when one of the files it is read from changed (the data folder,
urls.txt, sources/): otherwise the previous build's Dataset is kept, and so are the
products made from its views (crte/mkdocs/products.py). When a file changed, the
records of its unchanged lines are kept (crte/data/reuse.py).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from properdocs.config.defaults import MkDocsConfig

from crte.data.errors import DataError, DataErrors
from crte.data.loader import load
from crte.data.reuse import Memo
from crte.mkdocs import devserver
from crte.views.views import Views

DATA_ENV = "CRTE_DATA"
DEFAULT_DATA = "data"


@dataclass(frozen=True)
class Dataset:
    """What one build shows.

    views: the views of the data (under serve with errors: of the last valid data);
    errors: this build's data errors, sorted; never empty under serve only;
    available: False when serve has no valid data to show (views is a stand-in).
    """

    views: Views
    errors: tuple[DataError, ...] = ()
    available: bool = True


def data_folder() -> str:
    """`$CRTE_DATA` as written (e.g. "data", "tests/donnees"), without a trailing slash."""
    folder = os.environ.get(DATA_ENV, "").strip() or DEFAULT_DATA
    return folder.rstrip("/") or "/"


def data_dir(config: MkDocsConfig) -> Path:
    """The data folder, relative to the folder of mkdocs.yml."""
    return Path(config.config_file_path).parent / data_folder()


def edit_file(path: str | None, root: Path) -> str | None:
    """The file a page's edit link opens, relative to the repository `root`: `path` as the
    pages name it (`data/actions.yaml`), in the data folder of this build (`$CRTE_DATA`),
    and, when that is a symbolic link within the repository (the example's signed
    contract), the file it points to. None stays None (no edit link)."""
    if not path or not path.startswith(f"{DEFAULT_DATA}/"):
        return path
    path = data_folder() + path.removeprefix(DEFAULT_DATA)
    if (root / path).is_symlink():
        target = (root / path).resolve()
        if target.is_relative_to(root.resolve()):
            return target.relative_to(root.resolve()).as_posix()
    return path


# Under serve: the inputs of the last data loaded, and what they gave; what each file gave.
_last: tuple[str, Dataset] | None = None
_memo = Memo()


def _inputs(path: Path, root: Path) -> str:
    # What the loader reads: the data folder (symbolic links followed), urls.txt, sources/.
    digest = hashlib.sha256()
    for folder in (path, root / "sources"):
        for parent, dirs, names in sorted(os.walk(folder, followlinks=True)):
            dirs.sort()
            for name in sorted(names):
                file = Path(parent) / name
                digest.update(f"{file}\0".encode())
                digest.update(file.read_bytes() if file.is_file() else b"")
    urls = root / "urls.txt"
    digest.update(urls.read_bytes() if urls.is_file() else b"")
    return digest.hexdigest()


def load_dataset(config: MkDocsConfig) -> Dataset:
    """Load and validate the data folder; see the module's docstring for errors."""
    global _last
    if not devserver.serving():
        return _loaded(config)
    key = repr((_inputs(data_dir(config), Path(config.config_file_path).parent), data_folder()))
    if _last is None or _last[0] != key:
        _last = None
        _last = (key, _loaded(config))
    return _last[1]


def _loaded(config: MkDocsConfig) -> Dataset:
    path, display = data_dir(config), data_folder()
    try:
        # The transcription is compared with the signed document territoire.yaml names, when present;
        # the default data folder's action ids with the addresses published (urls.txt).
        root = Path(config.config_file_path).parent
        default = display == DEFAULT_DATA
        views = Views(load(path, display, root=root,
                           published=root / "urls.txt" if default and (root / "urls.txt").is_file() else None,
                           memo=_memo if devserver.serving() else None))
    except DataErrors as exc:
        last = devserver.fallback(exc, display)  # raises PluginError, except under `properdocs serve`
        if last is None:
            return Dataset(devserver.unavailable(exc), tuple(exc.errors), available=False)
        return Dataset(last, tuple(exc.errors))
    devserver.remember(path, views)
    return Dataset(views)
