"""Data errors: every problem found in data/ is collected, then reported at once.

Following frictionless-py, validation does not stop at the first problem: staff
editing YAML should see every mistake of a pull request in one run. And each
mistake once: what refers to a record that could not be read (left out because
of its own error) is not reported as unknown, but said once (`ErrorList.unknown`).
"""
from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass, field as dc_field

from crte import fr
from crte.data.codes import code_of
from crte.data.codes.dossiers import NON_LISTEES
from crte.data.codes.fichiers import DEPEND


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
    # The kind of problem, a stable slug (e.g. "montant-negatif"): it names the entry
    # of the published reference of messages (codes/, what it means, how to fix it)
    # and lets tests and CI annotations refer to a kind of error whatever its wording.
    # Taken from the message (a codes.Message) when not given; not part of equality.
    code: str = dc_field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", code_of(self.message))
        object.__setattr__(self, "message", str(self.message))

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
        head = f"{fr.count(n, 'erreur', 'erreurs')} dans les données :"
        return "\n".join([head, *(str(e) for e in self.errors)])


# Errors listed for one file: past them, a file made of mistakes (a pull request's
# 400 000 wrong values) would cost minutes and a log nobody reads; they are counted.
MAX_PER_FILE = 100


class ErrorList:
    """Collects errors while the loader walks the files: all of them, but at most
    MAX_PER_FILE a file, the others counted in one line of that file."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        # Identifiers and numbers of records left out because of their own error
        # (value -> the place of that error, as messages name it).
        self.left_out: dict[str, str] = {}
        # Actions that a decision with an error adds or changes: what depends on their
        # dates or amounts in force is not checked against a contract without it.
        self.unsure: set[str] = set()
        self._dependents: dict[str, list[tuple[Where, str, str]]] = {}
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

    def leave_out(self, values: Iterable[str], source: str) -> None:
        """`values` name records that could not be read; `source` says where their error is."""
        for value in values:
            self.left_out.setdefault(value, source)

    def unknown(self, value: object, where: Where, field: str, message: str) -> None:
        """A reference to `value`, which does not exist: reported with `message`, unless
        `value` names a record left out because of its own error. Then every such
        reference to one source is said once, at the first of them."""
        source = self.left_out.get(str(value))
        if source is None:
            self.add(where, field, message)
        else:
            self._dependents.setdefault(source, []).append((where, field, str(value)))

    def raise_if_any(self) -> None:
        for source, found in self._dependents.items():
            where, field, value = min(found)
            others = len({w for w, _, _ in found}) - 1
            self.add(where, field, DEPEND("plusieurs" if others else "", value=value, source=source, n=others,
                                          s=fr.plural(others, "", "s")))
        self._dependents.clear()
        if self.errors:
            raise DataErrors(self.errors + [
                DataError(Where(file, 1), "(fichier)", NON_LISTEES(n=n, s=fr.plural(n, "", "s"), max=MAX_PER_FILE))
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
