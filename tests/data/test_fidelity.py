"""The data says what the signed contract says, word for word and to the cent.

The source text (sources/) is parsed here on its own, with nothing from the
loader, and compared with what the loader gives the site.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from macros.data.model import Crte

from ..conftest import SOURCE

LINES = SOURCE.read_text(encoding="utf-8").split("\n")
ARTICLE_RE = re.compile(r"Article (\d+) ?([-–:]) (.+)")
SECTION_RE = re.compile(r"(\d+\.\d+\.?) (.+)")


def norm(text: str) -> str:
    """Whitespace-insensitive form: PDF page breaks split paragraphs, the data joins them."""
    return " ".join(text.split())


def index(prefix: str, start: int = 0) -> int:
    return next(i for i, line in enumerate(LINES) if i >= start and line.startswith(prefix))


def source_articles() -> list[tuple[int, str, str, int]]:
    """(number, separator, title, line index) of each article heading in the source."""
    out = []
    for i, line in enumerate(LINES):
        if m := ARTICLE_RE.fullmatch(line):
            out.append((int(m[1]), m[2], m[3], i))
    return out


ARTICLES = source_articles()
END_OF_ARTICLES = index("Fait à Hénin-Beaumont")


def article_body(numero: int) -> list[str]:
    k = [a[0] for a in ARTICLES].index(numero)
    start = ARTICLES[k][3] + 1
    end = ARTICLES[k + 1][3] if k + 1 < len(ARTICLES) else END_OF_ARTICLES
    return LINES[start:end]


def test_thirteen_articles_with_their_titles(crte: Crte) -> None:
    assert [a[0] for a in ARTICLES] == list(range(1, 14))
    data = [(a.numero, a.separateur, a.titre) for a in crte.contract.articles]
    assert data == [(n, sep, title) for n, sep, title, _ in ARTICLES]


@pytest.mark.parametrize("numero", range(1, 14))
def test_article_text_word_for_word(crte: Crte, numero: int) -> None:
    article = next(a for a in crte.contract.articles if a.numero == numero)
    body = article_body(numero)
    # Split the source body at its numbered sub-section headings.
    parts: list[tuple[str | None, str | None, list[str]]] = [(None, None, [])]
    for line in body:
        m = SECTION_RE.fullmatch(line)
        if m and m[1].startswith(f"{numero}."):
            parts.append((m[1], m[2], []))
        else:
            parts[-1][2].append(line)
    head = "\n".join(parts[0][2])
    if numero == 3:
        orientations = "\n".join(
            f"- Orientation {o.numero} : **{o.titre}** {o.description}" for o in crte.orientations)
        expected = article.texte + "\n" + orientations + "\n" + (article.texte_apres or "")
        assert norm(head) == norm(expected)
    elif numero == 9:
        intro = head[: head.index("Orientation 1 :")]
        assert norm(intro) == norm(article.texte)
        assert article.insertion == "indicateurs"
    else:
        assert norm(head) == norm(article.texte)
    assert [(s.numero_publie, s.titre) for s in article.sections] == [(p[0], p[1]) for p in parts[1:]]
    for section, (_, _, lines) in zip(article.sections, parts[1:]):
        assert norm("\n".join(lines)) == norm(section.texte), section.numero


def test_header_parties_and_signature(crte: Crte) -> None:
    c = crte.contract
    assert LINES[index("CONTRAT TERRITORIAL")] == c.titre
    assert c.sous_titre in LINES
    assert c.formule in LINES
    for party in c.parties:
        for text in (party.nom + ",", party.representation, party.designation, party.mention):
            assert text in LINES, text
        assert party.representant in party.representation
    assert LINES[END_OF_ARTICLES] == f"Fait à {c.signature.lieu}, le **{c.signature.date_publiee}**"
    tail = LINES[END_OF_ARTICLES:index("Sommaire des annexes")]
    assert [line for line in tail[1:] if line.strip()] == [
        x for s in c.signature.signataires for x in (s.qualite, s.nom)]
    assert str(c.signature.date) == "2021-12-13"


def test_preamble_and_pma_axes(crte: Crte) -> None:
    body = LINES[index("Préambule") + 1: ARTICLES[0][3]]
    axes = [line for line in body if line.startswith("- AXE")]
    assert [f"- AXE {a.numero} : {a.titre}" for a in crte.contract.preambule.axes_pma] == axes
    text = [line for line in body if not line.startswith("- AXE")]
    assert norm("\n".join(text)) == norm(crte.contract.preambule.texte)


def test_annexes_list(crte: Crte) -> None:
    start = index("Sommaire des annexes") + 1
    headings = [line for line in LINES[start:index("ENJEU\t")] if line.startswith("Annexe")]
    assert headings == [f"Annexe {a.numero} {a.separateur} {a.titre}" for a in crte.contract.annexes]


# --- Orientations (article 3) -------------------------------------------------------------

def test_five_orientations_as_in_article_3(crte: Crte) -> None:
    text = norm("\n".join(article_body(3)))
    found = re.findall(r"- Orientation (\d) : \*\*(.+?)\*\* (.+?)(?= - Orientation| Les orientations stratégiques sont)", text)
    assert [(int(n), t, d) for n, t, d in found] == [
        (o.numero, o.titre, o.description) for o in crte.orientations]


# --- Annex 3: actions, amounts and printed totals -------------------------------------------

def money(cell: str) -> Decimal | None:
    cell = re.sub(r"[\s\u00a0\u202f€]", "", cell).replace(",", ".")
    return Decimal(cell) if cell else None


def annex_rows() -> list[list[str]]:
    start = index("ENJEU\t") + 1
    return [line.split("\t") for line in LINES[start:] if line.count("\t") >= 8 and not line.startswith("TOTAL")]


ROWS = annex_rows()


def test_twenty_four_actions_in_published_order(crte: Crte) -> None:
    assert len(ROWS) == 24
    assert len(crte.actions) == 24
    assert len({a.id for a in crte.actions}) == 24


@pytest.mark.parametrize("k", range(24))
def test_action_row_exactly(crte: Crte, k: int) -> None:
    enjeu, chantier, fiche, mo, titre, desc, annee, cout, part = ROWS[k][:9]
    a = crte.actions[k]
    chantiers = {c.numero: c for c in crte.chantiers}
    fiches = {f.numero: f for f in crte.fiches}
    assert a.enjeu == enjeu
    assert re.fullmatch(rf"{a.chantier}\. ?{re.escape(chantiers[a.chantier].titre)}", chantier)
    assert fiche == f"{a.fiche} {fiches[a.fiche].titre}"
    assert (a.maitre_ouvrage, a.titre, a.description, a.annee_lancement) == (mo, titre, desc, annee)
    assert a.cout_total == money(cout)
    assert a.part_cahc == money(part)  # None where the cell is empty, never 0


def test_the_row_without_cahc_share_is_absent_not_zero(crte: Crte) -> None:
    missing = [a.id for a in crte.actions if a.part_cahc is None]
    assert missing == ["chef-de-projet-opah-ru"]
    assert [r[4] for r in ROWS if not r[8].strip()] == ["Chef de projet OPAH-RU Hénin et Carvin"]


def test_published_total_and_year_rows(crte: Crte) -> None:
    total = next(line for line in LINES if line.startswith("TOTAL\t")).split("\t")
    t = crte.published_totals
    assert (t.total.cout_total, t.total.part_cahc) == (money(total[7]), money(total[8]))
    years = [line.split("\t") for line in LINES if re.match(r"20\d\d\t", line)]
    assert [(y.annee, y.cout_total, y.part_cahc) for y in t.par_annee] == [
        (y[0], money(y[1]), money(y[2])) for y in years]


# --- Indicators (article 9) ----------------------------------------------------------------

def source_indicator_blocks() -> list[tuple[int, str, list[tuple[str | None, list[str]]]]]:
    """Per orientation: its heading and its groups (title or None, labels), split at blank lines."""
    body = article_body(9)
    starts = [i for i, line in enumerate(body) if line.startswith("Orientation ")]
    out = []
    for k, s in enumerate(starts):
        n, title = re.fullmatch(r"Orientation (\d) : (.+)", body[s]).groups()
        lines = body[s + 1: starts[k + 1] if k + 1 < len(starts) else len(body)]
        groups: list[tuple[str | None, list[str]]] = []
        fresh = True
        for line in lines:
            if line.strip() in ("", "Indicateurs"):
                fresh = True
                continue
            titled = n == "5" and (line.endswith(":") or line in ("Engagement associatif", "Coopération"))
            if titled:
                groups.append((line, []))
                fresh = False
                continue
            if fresh and not (groups and groups[-1][0] and not groups[-1][1]):
                groups.append((None, []))
            fresh = False
            groups[-1][1].append(line)
        out.append((int(n), title, groups))
    return out


def test_every_indicator_by_orientation_and_group(crte: Crte) -> None:
    source = source_indicator_blocks()
    data = [(b.orientation, b.titre_publie, [(g.titre, [i.libelle for i in g.indicateurs]) for g in b.groupes])
            for b in crte.indicator_blocks]
    assert data == source
    assert sum(len(labels) for _, _, groups in source for _, labels in groups) == len(crte.indicators) == 94


def test_indicators_carry_no_invented_values(crte: Crte) -> None:
    for i in crte.indicators:
        assert (i.unite, i.source, i.valeur_reference, i.cible, i.mesures) == (None, None, None, None, ())
