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

from .bounds import MAX_BYTES, Budget
from .errors import ErrorList, Where, system_reason
from .reader import parse

# What a data folder may hold besides its .yaml files, left alone.
IGNORED = ("README.md",)
KINDS = ((stat.S_ISFIFO, "un tube nommé (FIFO)"), (stat.S_ISSOCK, "une socket"),
         (stat.S_ISCHR, "un périphérique"), (stat.S_ISBLK, "un périphérique"))


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",") + " Mo"


class DataFolder:
    """A data folder (`path`, named `display` in messages), whose problems go to `errors`."""

    def __init__(self, path: Path | str, display: str, errors: ErrorList):
        self.path, self.display, self.errors = Path(path), display, errors
        here = Path(os.path.abspath(self.path))
        repository = next((p for p in here.parents if (p / "mkdocs.yml").is_file()), None)
        self.inside = (here.resolve(), *([(repository / "data").resolve()] if repository else []))
        self.budget = Budget()  # the values all its files may hold

    def name(self, path: Path) -> str:
        """`data/suivi/financeurs.yaml`: how messages name `path`."""
        return f"{self.display}/{path.relative_to(self.path).as_posix()}" if path != self.path else self.display

    def refuse(self, path: Path, message: str, field: str = "(fichier)") -> None:
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
            self.refuse(path, f"lien symbolique cassé : il mène à « {shown} », qui n'existe pas ; "
                              f"corrigez-le ou remplacez-le par le fichier lui-même", field)
            return None
        except (RuntimeError, OSError) as exc:  # a loop: RuntimeError before Python 3.13, then ELOOP
            if isinstance(exc, OSError) and exc.errno != errno.ELOOP:
                self.refuse(path, f"impossible de suivre ce chemin ({system_reason(exc)}) ; vérifiez ses droits",
                            field)
            else:
                self.refuse(path, "liens symboliques en boucle : ce lien mène, directement ou non, à lui-même ; "
                                  "remplacez-le par le fichier lui-même", field)
            return None
        if not any(target.is_relative_to(root) for root in self.inside):
            self.refuse(path, f"lien symbolique vers « {shown or target} », hors des données : un lien ne peut "
                              f"mener qu'à un fichier du dossier de données ou du dossier data/ du dépôt ; "
                              f"remplacez-le par le fichier lui-même", field)
            return None
        return target

    def folder(self, path: Path) -> bool:
        """True when `path` is a folder to list; an absent one is no error, anything else
        standing there is reported."""
        if not self.present(path) or (target := self._target(path, "(dossier)")) is None:
            return False
        if not target.is_dir():
            self.refuse(path, "ce devrait être un dossier, qui contient un fichier .yaml par élément ; "
                              "renommez ou déplacez ce fichier", "(dossier)")
            return False
        return True

    def entries(self, path: Path) -> list[Path]:
        """The .yaml files of the folder `path` to read (README.md and hidden files left
        alone; a folder or any other file is reported, never skipped in silence)."""
        if not self.folder(path):
            return []
        try:
            found = sorted(path.iterdir())
        except OSError as exc:
            self.refuse(path, f"impossible de lire le dossier ({system_reason(exc)}) ; vérifiez ses droits",
                        "(dossier)")
            return []
        out = []
        for entry in found:
            if entry.name in IGNORED or entry.name.startswith("."):
                continue
            if entry.is_dir():
                self.refuse(entry, "un dossier n'est pas lu ici : un fichier .yaml par élément, directement dans "
                                   "ce dossier")
            elif entry.suffix not in (".yaml", ".yml"):
                self.refuse(entry, "ce fichier n'est pas lu : le nom d'un fichier de données finit par .yaml, en "
                                   "minuscules")
            else:
                out.append(entry)
        return out

    def read(self, path: Path) -> bytes | None:
        """The bytes of the data file `path`, or None with the problem reported."""
        if not self.present(path):
            self.refuse(path, "fichier introuvable")
            return None
        if (target := self._target(path, "(fichier)")) is None:
            return None
        try:
            fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            self.refuse(path, f"impossible de lire le fichier ({system_reason(exc)}) ; vérifiez ses droits")
            return None
        try:
            mode, size = (info := os.fstat(fd)).st_mode, info.st_size
            if stat.S_ISDIR(mode):
                self.refuse(path, "c'est un dossier, pas un fichier : un fichier .yaml est attendu à cet endroit ; "
                                  "renommez ou déplacez le dossier")
            elif not stat.S_ISREG(mode):
                kind = next((what for test, what in KINDS if test(mode)), "un fichier spécial")
                self.refuse(path, f"ce n'est pas un fichier ordinaire mais {kind}, qui ne peut pas être lu comme "
                                  f"des données ; remplacez-le par un vrai fichier .yaml")
            else:
                with os.fdopen(os.dup(fd), "rb") as file:
                    raw = b"" if size > MAX_BYTES else file.read(MAX_BYTES + 1)  # it may grow meanwhile
                if size <= MAX_BYTES and len(raw) <= MAX_BYTES:
                    return raw
                self.refuse(path, f"fichier trop volumineux ({_megabytes(max(size, len(raw)))}, "
                                  f"{_megabytes(MAX_BYTES)} au plus) ; découpez-le ou vérifiez qu'il s'agit du bon "
                                  f"fichier")
        except OSError as exc:
            self.refuse(path, f"impossible de lire le fichier ({system_reason(exc)}) ; vérifiez ses droits")
        finally:
            os.close(fd)
        return None

    def parse(self, path: Path) -> yaml.Node | None:
        """The YAML node tree of the data file `path` (None when refused: reported)."""
        raw = self.read(path)
        return None if raw is None else parse(raw, self.name(path), self.errors, self.budget)
