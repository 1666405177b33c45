"""The signed contract as printed: sources/crte-cahc-2021-12-13.txt, parsed on its own.

`parse(path) -> Signed` reads the text file only (nothing from the loader or
data/), so that fidelity.py can compare the transcription in data/ with an
independent reading of the document. Raises `SourceError(message, line)` when
the text does not have the expected layout (a heading or a table row missing):
the source is then not the signed document any more.

Texts are kept as printed, lines joined by "\\n"; compare them with `norm()`
(page breaks of the PDF split paragraphs, the data joins them). Amounts are
Decimal; an empty cell (the absent territory's share) is None, never 0.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ARTICLE_RE = re.compile(r"Article (\d+) ?([-–:]) (.+)")
SECTION_RE = re.compile(r"(\d+\.\d+\.?) (.+)")
MONTHS = {"jan": 1, "fev": 2, "fév": 2, "mar": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7, "aou": 8, "aoû": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12, "déc": 12}


class SourceError(Exception):
    """The source text does not have the layout of the signed document."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Party:
    nom: str  # without the printed trailing comma
    representation: str
    designation: str
    mention: str


@dataclass(frozen=True)
class Section:
    numero_publie: str  # as printed: "6.1." or "6.1"
    titre: str
    texte: str


@dataclass(frozen=True)
class Article:
    numero: int
    separateur: str
    titre: str
    texte: str  # before the first section, and before the printed list if any
    liste: str | None  # "orientations" (article 3), "indicateurs" (article 9) or None
    texte_apres: str | None  # printed after the list of orientations
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Orientation:
    numero: int
    titre: str
    description: str


@dataclass(frozen=True)
class Row:
    """One line of the table of annex 3, as printed."""

    enjeu: str
    chantier: int
    chantier_titre: str
    fiche: str
    fiche_titre: str
    maitre_ouvrage: str
    titre: str
    description: str
    annee_lancement: str
    cout_total: Decimal
    part_cahc: Decimal | None


@dataclass(frozen=True)
class Year:
    annee: str
    cout_total: Decimal
    part_cahc: Decimal


@dataclass(frozen=True)
class Group:
    titre: str | None
    libelles: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    orientation: int
    titre: str
    groupes: tuple[Group, ...]


@dataclass(frozen=True)
class Signed:
    titre: str
    sous_titre: str
    parties: tuple[Party, ...]
    formule: str
    preambule: str
    axes: tuple[tuple[int, str], ...]  # (numero, titre) of the Pact's axes
    articles: tuple[Article, ...]
    orientations: tuple[Orientation, ...]  # the list of article 3
    indicateurs: tuple[Block, ...]  # the lists of article 9
    lieu: str
    date_publiee: str
    date: dt.date
    signataires: tuple[tuple[str, str], ...]  # (qualite, nom)
    annexes: tuple[tuple[int, str, str], ...]  # (numero, separateur, titre)
    actions: tuple[Row, ...]
    total: tuple[Decimal, Decimal]  # (cout_total, part_cahc) of the TOTAL line
    par_annee: tuple[Year, ...]


def norm(text: str | None) -> str:
    """Whitespace-insensitive form of a text."""
    return " ".join((text or "").split())


def money(cell: str, line: int) -> Decimal | None:
    """`"1 950 206,00 €"` -> Decimal("1950206.00"); an empty cell -> None."""
    cell = re.sub(r"[\s\u00a0\u202f€]", "", cell).replace(",", ".")
    try:
        return Decimal(cell) if cell else None
    except InvalidOperation:
        raise SourceError(f"« {cell} » n'est pas un montant", line) from None


def amount(cell: str, line: int) -> Decimal:
    """A cell that must hold an amount (a total)."""
    value = money(cell, line)
    if value is None:
        raise SourceError("montant attendu, cellule vide", line)
    return value


def parse(path: Path) -> Signed:
    return parse_text(path.read_text(encoding="utf-8"))


def parse_text(text: str) -> Signed:
    lines = text.split("\n")

    def find(prefix: str, start: int = 0) -> int:
        for i in range(start, len(lines)):
            if lines[i].startswith(prefix):
                return i
        raise SourceError(f"« {prefix.strip()} » introuvable", start + 1)

    preamble, signature, summary = find("Préambule"), find("Fait à "), find("Sommaire des annexes")
    table = find("ENJEU\t", summary)
    headings = [(i, m) for i, line in enumerate(lines[:signature]) if (m := ARTICLE_RE.fullmatch(line))]
    if not headings:
        raise SourceError("aucun titre « Article N - … »", preamble + 1)
    bodies = [lines[i + 1:(headings[k + 1][0] if k + 1 < len(headings) else signature)]
              for k, (i, _) in enumerate(headings)]
    articles: list[Article] = []
    orientations: tuple[Any, ...] = ()
    blocks: tuple[Any, ...] = ()
    for (i, m), body in zip(headings, bodies):
        article, found = _article(int(m[1]), m[2], m[3], body, i + 2)
        articles.append(article)
        if article.liste == "orientations":
            orientations = found
        elif article.liste == "indicateurs":
            blocks = found
    head = [line for line in lines[:preamble] if line.strip()]
    if len(head) < 4 or head[2] != "ENTRE":
        raise SourceError("l'en-tête (titre, sous-titre, ENTRE, parties) n'a pas la forme attendue", 1)
    parties, current = [], []
    for line in [*head[3:-1], "ET"]:
        if line != "ET":
            current.append(line)
            continue
        if len(current) != 4 or not current[0].endswith(","):
            raise SourceError("une partie n'a pas ses quatre lignes (nom, représentation, désignation, mention)")
        parties.append(Party(current[0][:-1], *current[1:]))
        current = []
    pre = lines[preamble + 1:headings[0][0]]
    axes = tuple((int(a[1]), a[2]) for line in pre if (a := re.fullmatch(r"- AXE (\d+) : (.+)", line)))
    place = re.fullmatch(r"Fait à (.+), le \*\*(.+)\*\*", lines[signature])
    if not place:
        raise SourceError("la ligne « Fait à …, le … » n'a pas la forme attendue", signature + 1)
    names = [line for line in lines[signature + 1:summary] if line.strip()]
    rows = [(n + 1, line.split("\t")) for n, line in enumerate(lines) if n > table and line.count("\t") >= 8]
    total = next((cells for _, cells in rows if cells[0] == "TOTAL"), None)
    if total is None:
        raise SourceError("la ligne TOTAL de l'annexe 3 est introuvable", table + 1)
    years = [(n + 1, line.split("\t")) for n, line in enumerate(lines) if n > table and re.match(r"20\d\d\t", line)]
    return Signed(
        titre=head[0], sous_titre=head[1], parties=tuple(parties), formule=head[-1],
        preambule="\n".join(line for line in pre if not line.startswith("- AXE")), axes=axes,
        articles=tuple(articles), orientations=orientations, indicateurs=blocks,
        lieu=place[1], date_publiee=place[2], date=_date(place[2], signature + 1),
        signataires=tuple(zip(names[::2], names[1::2])),
        annexes=tuple((int(a[1]), a[2], a[3]) for line in lines[summary:table]
                      if (a := re.fullmatch(r"Annexe (\d+) ?([-–:]) (.+)", line))),
        actions=tuple(_row(cells, n) for n, cells in rows if cells[0] != "TOTAL"),
        total=(amount(total[7], table), amount(total[8], table)),
        par_annee=tuple(Year(c[0], amount(c[1], n), amount(c[2], n)) for n, c in years))


def _article(numero: int, separateur: str, titre: str, body: list[str], first: int) -> tuple[Article, tuple[Any, ...]]:
    """An article and the list it prints (orientations or indicator blocks, else ())."""
    parts: list[tuple[str, str, list[str]]] = [("", "", [])]
    for line in body:
        m = SECTION_RE.fullmatch(line)
        if m and m[1].startswith(f"{numero}."):
            parts.append((m[1], m[2], []))
        else:
            parts[-1][2].append(line)
    head = parts[0][2]
    sections = tuple(Section(n, t, "\n".join(b)) for n, t, b in parts[1:])
    items = [k for k, line in enumerate(head) if line.startswith("- Orientation ")]
    blocks = [k for k, line in enumerate(head) if re.fullmatch(r"Orientation \d+ : .+", line)]
    if items:
        k = items[0]
        # The list runs on over paragraphs that start in lower case (a page break).
        end = next((j for j in range(k, len(head)) if head[j][:1].isupper()), len(head))
        found = tuple(_orientation(item, first + k) for item in
                      re.split(r" (?=- Orientation )", norm(" ".join(head[k:end]))))
        return Article(numero, separateur, titre, "\n".join(head[:k]), "orientations",
                       "\n".join(head[end:]), sections), found
    if blocks:
        return Article(numero, separateur, titre, "\n".join(head[:blocks[0]]), "indicateurs", None,
                       sections), _blocks(head[blocks[0]:])
    return Article(numero, separateur, titre, "\n".join(head), None, None, sections), ()


def _orientation(item: str, line: int) -> Orientation:
    m = re.fullmatch(r"- Orientation (\d+) : \*\*(.+?)\*\* (.+)", item)
    if not m:
        raise SourceError(f"orientation illisible : « {item[:60]} »", line)
    return Orientation(int(m[1]), m[2], m[3])


def _blocks(lines: list[str]) -> tuple[Block, ...]:
    """Indicators by orientation. A block's paragraphs (split at blank lines, the
    "Indicateurs" line dropped) are its groups; when one of them is a lone line
    ending with ":", the block has titled groups: title and list alternate."""
    starts = [k for k, line in enumerate(lines) if re.fullmatch(r"Orientation \d+ : .+", line)]
    out = []
    for k, s in enumerate(starts):
        n, title = re.fullmatch(r"Orientation (\d+) : (.+)", lines[s]).groups()  # type: ignore[union-attr]
        paragraphs: list[list[str]] = [[]]
        for line in lines[s + 1:starts[k + 1] if k + 1 < len(starts) else len(lines)]:
            if line.strip() in ("", "Indicateurs"):
                paragraphs.append([])
            else:
                paragraphs[-1].append(line)
        paragraphs = [p for p in paragraphs if p]
        if any(len(p) == 1 and p[0].endswith(":") for p in paragraphs):
            groups = tuple(Group(t[0], tuple(p)) for t, p in zip(paragraphs[::2], paragraphs[1::2]))
        else:
            groups = tuple(Group(None, tuple(p)) for p in paragraphs)
        out.append(Block(int(n), title, groups))
    return tuple(out)


def _row(cells: list[str], line: int) -> Row:
    enjeu, chantier, fiche, mo, titre, description, annee, cout, part = cells[:9]
    c = re.fullmatch(r"(\d+)\. ?(.+)", chantier)
    f = re.fullmatch(r"(\d+\.\d+) (.+)", fiche)
    if not c or not f:
        raise SourceError("ligne de l'annexe 3 illisible (chantier ou fiche)", line)
    return Row(enjeu, int(c[1]), c[2], f[1], f[2], mo, titre, description, annee, amount(cout, line),
               money(part, line))


def _date(printed: str, line: int) -> dt.date:
    m = re.fullmatch(r"(\d{1,2}) (\w+)\.? (\d{4})", printed)
    month = next((v for k, v in MONTHS.items() if m and m[2].lower().startswith(k)), None)
    if not m or month is None:
        raise SourceError(f"date de signature illisible : « {printed} »", line)
    return dt.date(int(m[3]), month, int(m[1]))
