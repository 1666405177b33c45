"""`python -m crte.data.check [DATA_DIR]`: validate data/ and print a summary or the errors.

Exit status 0 when the data is valid, 1 with the list of errors otherwise. Never
a traceback: staff read this output in a pull request. When the signed document
territoire.yaml names (`document_signe`) exists under the current directory, the data
is also compared with it (fidelity.py); for the default folder
(data/), its action ids with the published addresses of urls.txt (published_ids.py).
The summary says what was read (how many decisions, tracking files, funders), so
that a file left out shows.
"""
from __future__ import annotations

import sys
from pathlib import Path

from crte import fr
from crte.data.errors import DataError, DataErrors
from crte.data.loader import load
from crte.data.model import Crte

# The published addresses: compared with the default data folder only (another folder is another contract).
PUBLISHED = Path("urls.txt")
DEFAULT_DATA = "data"


def summary(crte: Crte) -> str:
    articles = crte.contract.articles
    sections = sum(len(a.sections) for a in articles)
    with_share = sum(1 for a in crte.actions if a.part_cahc is not None)
    return "\n".join([
        "Données valides :",
        f"  articles      {len(articles)} (et {sections} sous-sections)",
        f"  orientations  {len(crte.orientations)}",
        f"  chantiers     {len(crte.chantiers)} (nommés par le document)",
        f"  fiches        {len(crte.fiches)}",
        f"  actions       {len(crte.actions)} (dont {with_share} avec une part indiquée)",
        f"  indicateurs   {len(crte.indicators)}",
        f"  communes      {len(crte.communes)}",
        *_living(crte),
        *_read(crte),
    ])


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


def _read(crte: Crte) -> list[str]:
    """What the living layers hold, file by file: a file that was not read would not count."""
    t = crte.suivi
    board = t.dashboard if t else None
    rows = [("décisions", f"{_n(len(crte.decisions), 'fichier', 'fichiers')} (decisions/)"),
            ("suivi des actions", f"{_n(len(t.actions) if t else 0, 'fichier', 'fichiers')} (suivi/actions/)"),
            ("suivi des indicateurs", f"{_n(len(t.indicators) if t else 0, 'fichier', 'fichiers')} "
                                      "(suivi/indicateurs/)"),
            ("financeurs", f"{len(t.funders.financeurs)} (suivi/financeurs.yaml)" if t and t.funders else
             "aucun (pas de suivi/financeurs.yaml)"),
            ("tableau de bord", f"mis à jour le {board.date.isoformat()} (suivi/tableau-de-bord.yaml)" if board else
             "aucun (pas de suivi/tableau-de-bord.yaml)")]
    return ["Fichiers lus après la signature :", *(f"  {label:<22}{value}" for label, value in rows)]


def _living(crte: Crte) -> list[str]:
    """What the decisions after the signature make of it, when there are some."""
    if not crte.decisions or crte.current is None:
        return ["Contrat signé, sans décision postérieure enregistrée."]
    current = crte.current
    return [f"Contrat en vigueur après {fr.count(len(crte.decisions), 'décision', 'décisions')}"
            f" (la dernière le {crte.decisions[-1].date.isoformat()}) :",
            f"  actions       {len(current.crte.actions)} en vigueur, "
            f"{fr.count(len(current.abandoned()), 'abandonnée', 'abandonnées')}",
            f"  chantiers     {len(current.crte.chantiers)}",
            f"  fiches        {len(current.crte.fiches)}",
            f"  indicateurs   {len(current.crte.indicators)}"]


def check(data_dir: Path) -> tuple[str, list[DataError]]:
    """(the summary, []) for valid data; (the report, every error) otherwise."""
    display = str(data_dir).rstrip("/")
    try:
        crte = load(data_dir, display_dir=display, root=Path.cwd(),
                    published=PUBLISHED if display == DEFAULT_DATA and PUBLISHED.is_file() else None)
    except DataErrors as exc:
        return exc.report(), exc.errors
    return summary(crte), []


def main(argv: list[str]) -> int:
    text, errors = check(Path(argv[0]) if argv else Path(DEFAULT_DATA))
    print(text, file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
