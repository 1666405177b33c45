"""Data errors: every problem found in data/ is collected, then reported at once.

Following frictionless-py, validation does not stop at the first problem: staff
editing YAML should see every mistake of a pull request in one run.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass, field as dc_field


@dataclass(frozen=True, order=True)
class Where:
    """A place in a data file: where a record or a value was written."""

    file: str
    line: int  # 1-based, as editors show it

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, order=True)
class DataError:
    """One problem, reported as `file:line: field: what is wrong`."""

    where: Where
    field: str
    message: str
    # The kind of problem, a stable slug (e.g. "montant-invalide"): it names the entry
    # of the published reference of messages (what it means, how to fix it) and lets
    # tests and CI annotations refer to a kind of error whatever its wording.
    # "" until a check gives one; not part of equality (one problem, one message).
    code: str = dc_field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


class DataErrors(Exception):
    """Raised by the loader with every error found, sorted by file and line."""

    def __init__(self, errors: list[DataError]):
        # A key of tuples: sorting a hundred thousand errors by their dataclass order takes seconds.
        self.errors = sorted(set(errors), key=lambda e: (e.where.file, e.where.line, e.field, e.message))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.errors)
        head = f"{n} erreur{'s' if n > 1 else ''} dans les données :"
        return "\n".join([head, *(str(e) for e in self.errors)])


# Errors listed for one file: past them, a file made of mistakes (a pull request's
# 400 000 wrong values) would cost minutes and a log nobody reads; they are counted.
MAX_PER_FILE = 100


class ErrorList:
    """Collects errors while the loader walks the files: all of them, but at most
    MAX_PER_FILE a file, the others counted in one line of that file."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.listed: dict[str, int] = {}  # file -> errors listed
        self.unlisted: dict[str, int] = {}  # file -> errors past MAX_PER_FILE

    def full(self, file: str) -> bool:
        """True once `file` has MAX_PER_FILE errors: the next ones are only counted."""
        return self.listed.get(file, 0) >= MAX_PER_FILE

    def count(self, file: str) -> None:
        """One more error in `file`, past MAX_PER_FILE: counted, not listed."""
        self.unlisted[file] = self.unlisted.get(file, 0) + 1

    def add(self, where: Where, field: str, message: str, code: str = "") -> None:
        if self.full(where.file):
            self.count(where.file)
            return
        self.listed[where.file] = self.listed.get(where.file, 0) + 1
        self.errors.append(DataError(where, field, message, code))

    def raise_if_any(self) -> None:
        if self.errors:
            raise DataErrors(self.errors + [
                DataError(Where(file, 1), "(fichier)", f"et {n} autre{'s' if n > 1 else ''} erreur{'s' if n > 1 else ''}"
                          f" dans ce fichier, non listée{'s' if n > 1 else ''} (plus de {MAX_PER_FILE}) : corrigez "
                          f"celles-ci, puis relancez la vérification")
                for file, n in self.unlisted.items()])


# What the system said, in the words staff read (the text of OSError is English).
SYSTEM_REASONS = {
    errno.EACCES: "permission refusée", errno.EPERM: "permission refusée",
    errno.EROFS: "système de fichiers en lecture seule", errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota de disque dépassé", errno.EISDIR: "c'est un dossier",
    errno.ENOENT: "introuvable", errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ELOOP: "liens symboliques en boucle", errno.ENAMETOOLONG: "nom trop long",
    errno.EMFILE: "trop de fichiers ouverts", errno.ENFILE: "trop de fichiers ouverts",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
}


def system_reason(exc: OSError) -> str:
    """An OSError in French words (« disque plein »), for a message staff read."""
    code = exc.errno or 0
    return SYSTEM_REASONS.get(code, f"erreur du système de fichiers ({errno.errorcode.get(code, code)})")
