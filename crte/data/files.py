"""The files of a data folder, read safely: never outside the data, never what is not a
plain file, never more than bounds.MAX_BYTES, every refusal at its path.

A pull request's files are read by CI; whatever they are, reading them must neither
hang, nor crash, nor reach outside the repository. So, before anything is read:

- a symbolic link (a file's, or a folder's) is followed only when it leads, once every
  link is resolved, inside the data folder being read or inside the repository's
  data/ folder (the repository: the nearest folder above the data folder that holds
  mkdocs.yml). examples/contrat-vivant/ takes the signed contract from data/ this way.
  A link that leads anywhere else (another file of the machine, .git/, sources/) is
  refused, with its target; so are a broken link and a loop of links;
- a folder where a file is expected, or a file where a folder is expected, is reported;
- what is not a plain file (a named pipe, which would block the reading for good, a
  device, a socket) is refused;
- a file larger than bounds.MAX_BYTES is refused unread.

A file is opened on its resolved path without following a link and without waiting
(O_NOFOLLOW, O_NONBLOCK), then checked again on the open descriptor (fstat): what is
read is what was checked. An absent optional file (suivi/financeurs.yaml) is no error;
a present one that cannot be read is one, never skipped in silence.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import yaml

from crte.data.bounds import MAX_BYTES, Budget
from crte.data.codes import dossiers as L, fichiers as K
from crte.data.errors import ErrorList, Where, system_reason
from crte.data.reader import parse
from crte.data.reuse import Memo

# What a data folder may hold besides its .yaml files, left alone.
IGNORED = ("README.md",)
KINDS = ((stat.S_ISFIFO, "un tube nommé (FIFO)"), (stat.S_ISSOCK, "une socket"),
         (stat.S_ISCHR, "un périphérique"), (stat.S_ISBLK, "un périphérique"))


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",") + " Mo"


class DataFolder:
    """A data folder (`path`, named `display` in messages), whose problems go to `errors`;
    `memo`: what its files gave at the last reading, under serve (reuse.py)."""

    def __init__(self, path: Path | str, display: str, errors: ErrorList, memo: Memo | None = None):
        self.path, self.display, self.errors, self.memo = Path(path), display, errors, memo
        here = Path(os.path.abspath(self.path))
        repository = next((p for p in here.parents if (p / "mkdocs.yml").is_file()), None)
        self.inside = (here.resolve(), *([(repository / "data").resolve()] if repository else []))
        self.budget = Budget()  # the values all its files may hold

    def name(self, path: Path) -> str:
        """`data/suivi/financeurs.yaml`: how messages name `path`."""
        return f"{self.display}/{path.relative_to(self.path).as_posix()}" if path != self.path else self.display

    def report(self, path: Path, message: str, field: str = "(fichier)") -> None:
        """A problem of the file or folder `path` itself, at its first line."""
        self.errors.add(Where(self.name(path), 1), field, message)

    def present(self, path: Path) -> bool:
        """Whether something, even a broken link, stands at `path`."""
        return os.path.lexists(path)

    def _target(self, path: Path, field: str) -> Path | None:
        """Where `path` leads, links followed, when that is allowed; else reported, None."""
        try:
            shown = os.readlink(path) if path.is_symlink() else None
            target = path.resolve(strict=True)
        except FileNotFoundError:
            shown = os.readlink(path) if path.is_symlink() else str(path)
            self.report(path, L.LIEN_CASSE(target=shown), field)
            return None
        except (RuntimeError, OSError) as exc:  # a loop: RuntimeError before Python 3.13, then ELOOP
            if isinstance(exc, OSError) and exc.errno != errno.ELOOP:
                self.report(path, L.CHEMIN_ILLISIBLE(why=system_reason(exc)), field)
            else:
                self.report(path, L.LIEN_EN_BOUCLE(), field)
            return None
        if not any(target.is_relative_to(root) for root in self.inside):
            self.report(path, L.LIEN_HORS_DONNEES(target=shown or target), field)
            return None
        return target

    def folder(self, path: Path) -> bool:
        """True when `path` is a folder to list; an absent one is no error, anything else
        standing there is reported."""
        if not self.present(path) or (target := self._target(path, "(dossier)")) is None:
            return False
        if not target.is_dir():
            self.report(path, L.DOSSIER_ATTENDU(), "(dossier)")
            return False
        return True

    def listing(self, path: Path) -> list[Path]:
        """What the folder `path` holds, sorted, README.md and hidden files left alone
        ([] when it is absent or refused: reported)."""
        if not self.folder(path):
            return []
        try:
            found = sorted(path.iterdir())
        except OSError as exc:
            self.report(path, L.CHEMIN_ILLISIBLE("dossier", why=system_reason(exc)), "(dossier)")
            return []
        return [entry for entry in found if entry.name not in IGNORED and not entry.name.startswith(".")]

    def yaml_file(self, path: Path) -> bool:
        """True for a file a folder's reader takes (.yaml or .yml); a folder or any
        other file is reported, never skipped in silence."""
        if path.is_dir():
            self.report(path, K.DOSSIER_NON_LU())
        elif path.suffix not in (".yaml", ".yml"):
            self.report(path, K.FICHIER_NON_LU())
        else:
            return True
        return False

    def entries(self, path: Path) -> list[Path]:
        """The .yaml files of the folder `path` to read (`listing`, `yaml_file`)."""
        return [entry for entry in self.listing(path) if self.yaml_file(entry)]

    def read(self, path: Path) -> bytes | None:
        """The bytes of the data file `path`, or None with the problem reported."""
        if not self.present(path):
            self.report(path, K.FICHIER_INTROUVABLE())
            return None
        if (target := self._target(path, "(fichier)")) is None:
            return None
        try:
            fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            self.report(path, K.FICHIER_ILLISIBLE(why=system_reason(exc)))
            return None
        try:
            mode, size = (info := os.fstat(fd)).st_mode, info.st_size
            if stat.S_ISDIR(mode):
                self.report(path, L.FICHIER_ATTENDU())
            elif not stat.S_ISREG(mode):
                kind = next((what for test, what in KINDS if test(mode)), "un fichier spécial")
                self.report(path, L.FICHIER_SPECIAL(kind=kind))
            else:
                with os.fdopen(os.dup(fd), "rb") as file:
                    raw = b"" if size > MAX_BYTES else file.read(MAX_BYTES + 1)  # it may grow meanwhile
                if size <= MAX_BYTES and len(raw) <= MAX_BYTES:
                    return raw
                self.report(path, L.FICHIER_TROP_GROS(size=_megabytes(max(size, len(raw))),
                                                      max=_megabytes(MAX_BYTES)))
        except OSError as exc:
            self.report(path, K.FICHIER_ILLISIBLE(why=system_reason(exc)))
        finally:
            os.close(fd)
        return None

    def parse(self, path: Path) -> yaml.Node | None:
        """The YAML node tree of the data file `path` (None when refused: reported)."""
        raw = self.read(path)
        return None if raw is None else parse(raw, self.name(path), self.errors, self.budget)
