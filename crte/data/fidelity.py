"""The signed layer says what the signed contract says, word for word and to the cent.

`errors(crte, source) -> list[DataError]` compares the model loaded from data/
with `signed.parse(source)`, the independent reading of the signed document's
text (sources/crte-cahc-2021-12-13.txt), and returns one error per divergence,
on the record and field that diverge, e.g.

    data/actions.yaml:38: actions[voie-albert-carre].cout_total: le contrat signé porte
    1 950 206,00 € (annexe 3) ; pour une modification décidée après la signature,
    enregistrez une décision (voir CONTRIBUTING.md)

Compared: the header, parties, preamble and axes; every article (number,
separator, title, text word for word with whitespace normalised, the list it
prints, its sections); the five orientations of article 3; the signature; the
list of annexes; the 24 rows of annex 3 in published order, every cell, amounts
to the cent, the absent territory's share absent; the printed TOTAL and per-year lines;
every indicator of article 9 by orientation and group, and that none carries a
value. An item in data but not in the document, or the reverse, gets its own
message. Lists are aligned (difflib) so that one added or removed item is
reported once, not as a shift of every following one.

A source that cannot be read as the signed document gives one error on the
source file itself. loader.load() runs this check last, when the records of
contract, orientations, actions and indicators are all valid.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from crte.data import signed as s
from crte.data.codes import contrat as C
from crte.data.errors import DataError, Where
from crte.data.model import Action, Article, Contract, Crte, IndicatorBlock, Record
from crte.data.signed import norm
from crte.fr import euros

SHORT = 100  # characters: a signed text quoted whole up to this length, else around the first difference
WINDOW = 12  # words quoted around a difference


@dataclass(frozen=True)
class Noun:
    this: str  # « cette action »
    the: str  # « l'action »
    one: str  # « une action »
    e: str  # agreement of the past participle: « ajoutée »


ACTION = Noun("cette action", "l'action", "une action", "e")
INDICATOR = Noun("cet indicateur", "l'indicateur", "un indicateur", "")
GROUP = Noun("ce groupe d'indicateurs", "le groupe d'indicateurs", "un groupe d'indicateurs", "")
BLOCK = Noun("ce bloc d'indicateurs", "le bloc d'indicateurs de l'orientation", "un bloc d'indicateurs", "")
ARTICLE = Noun("cet article", "l'article", "un article", "")
SECTION = Noun("ce sous-article", "le sous-article", "un sous-article", "")
ORIENTATION = Noun("cette orientation", "l'orientation", "une orientation", "e")
PARTY = Noun("cette partie", "la partie", "une partie", "e")
AXIS = Noun("cet axe", "l'axe", "un axe", "")
SIGNATORY = Noun("ce signataire", "le signataire", "un signataire", "")
ANNEX = Noun("cette annexe", "l'annexe", "une annexe", "e")
LINE = Noun("cette ligne", "la ligne", "une ligne", "e")


def excerpt(signed: str, data: str) -> tuple[str, bool]:
    """The signed wording to quote: whole when short, else the words around the
    first difference with `data`, shortened with « … ». True when the data runs
    on past the end of the signed text."""
    words, other = signed.split(), data.split()
    if len(" ".join(words)) <= SHORT:
        return " ".join(words), False
    i = next((k for k, (a, b) in enumerate(zip(words, other)) if a != b), min(len(words), len(other)))
    start = max(0, min(i - 4, len(words) - WINDOW))
    end = min(len(words), start + WINDOW)
    return ("…" if start else "") + " ".join(words[start:end]) + ("…" if end < len(words) else ""), i >= len(words)


def align(signed: Sequence[Any], data: Sequence[Any], key: Callable[[Any], Hashable],
          data_key: Callable[[Any], Hashable] | None = None) -> list[tuple[Any, Any]]:
    """(signed item, data item) pairs in order, None on the side where one is
    missing; items of a block replaced one for one are paired by position."""
    a, b = [key(x) for x in signed], [(data_key or key)(x) for x in data]
    pairs: list[tuple[Any, Any]] = []
    for _, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for k in range(max(i2 - i1, j2 - j1)):
            pairs.append((signed[i1 + k] if i1 + k < i2 else None, data[j1 + k] if j1 + k < j2 else None))
    return pairs


class Report:
    """Collects the divergences; each `says` what the signed contract says, and the remedy."""

    def __init__(self) -> None:
        self.out: list[DataError] = []

    def add(self, where: Where, field: str, message: str) -> None:
        self.out.append(DataError(where, field, message))

    def says(self, rec: Record, field: str, what: str, place: str) -> None:
        self.add(rec.where_of(field), rec.sub(field), C.SIGNE(what=what, place=place))

    def text(self, rec: Record, field: str, signed: str | None, place: str) -> bool:
        """Report a text that differs from the signed one; True when they agree."""
        data = getattr(rec, field)
        if norm(data) == norm(signed):
            return True
        if not norm(signed):
            self.says(rec, field, "n'imprime pas de texte à cet endroit", place)
            return False
        quote, past_end = excerpt(norm(signed), norm(data))
        verb = "s'arrête à" if past_end else "porte"
        self.says(rec, field, f"{verb} « {quote} »", place)
        return False

    def value(self, rec: Record, field: str, signed: Any, shown: str, place: str) -> None:
        if getattr(rec, field) != signed:
            self.says(rec, field, f"porte {shown}", place)

    def amount(self, rec: Record, field: str, signed: Any, place: str) -> bool:
        """Report an amount that differs from the signed one; True when they agree."""
        if getattr(rec, field) == signed:
            return True
        shown = f"porte {euros(signed)}" if signed is not None else "laisse cette cellule vide (montant non donné)"
        self.says(rec, field, shown, place)
        return False

    def items(self, pairs: list[tuple[Any, Any]], compare: Callable[[Any, Any], object], noun: Noun, inside: str,
              label: Callable[[Any], str], container: str, empty: Where) -> None:
        """Compare the paired items of `align()`; report an item found on one side only.

        inside: « l'annexe 3 du contrat signé »; label: how to name a signed item
        missing from the data; container: the path of the data list; empty: where
        the data list is written, for an item missing from an empty list."""
        for k, (sig, rec) in enumerate(pairs):
            if sig is not None and rec is not None:
                compare(sig, rec)
            elif rec is not None:
                self.add(rec.where, rec.path, C.EN_TROP(this=noun.this, inside=inside, one=noun.one, e=noun.e))
            else:  # reported on the data item that takes its place, else on the last one
                after = [r for _, r in pairs[k + 1:] if r is not None]
                before = [r for _, r in pairs[:k] if r is not None]
                where, here = (after[0].where, "ici") if after else (empty, "ici")
                if not after and before:
                    where, here = before[-1].where, "à la suite"
                self.add(where, container, C.MANQUANT(inside=inside, here=here, the=noun.the, label=label(sig),
                                                      one=noun.one, e=noun.e))


def quoted(text: str) -> str:
    return f"« {excerpt(norm(text), '')[0]} »"


def errors(crte: Crte, source: Path) -> list[DataError]:
    """Every divergence between `crte` (its signed layer, before any decision) and
    the signed document at `source`, one DataError each, in document order; []
    when the data is the signed contract. Never raises: a source that cannot be
    read as the signed document gives one DataError located in that file."""
    try:
        doc = s.parse(source)
    except s.SourceError as exc:
        return [_unreadable(source, exc.line, exc.message)]
    except (OSError, UnicodeDecodeError) as exc:
        return [_unreadable(source, 1, f"fichier illisible ({exc.__class__.__name__})")]
    r = Report()
    _contract(r, crte.contract, doc)
    _orientations(r, crte, doc)
    _actions(r, crte, doc)
    _indicators(r, crte.indicator_blocks, doc)
    return r.out


def _unreadable(source: Path, line: int, message: str) -> DataError:
    return DataError(Where(str(source), line), "(source)", C.SOURCE_ILLISIBLE(why=message))


def _contract(r: Report, c: Contract, doc: s.Signed) -> None:
    for field in ("titre", "sous_titre", "formule"):
        r.text(c, field, getattr(doc, field), "en-tête")

    def party(sig: s.Party, p: Any) -> None:
        for field in ("nom", "representation", "designation", "mention"):
            r.text(p, field, getattr(sig, field), "en-tête")
        if norm(p.representant) not in norm(sig.representation):
            r.says(p, "representant", f"nomme son représentant ainsi : {quoted(sig.representation)}", "en-tête")

    r.items(align(doc.parties, c.parties, lambda x: norm(x.nom)), party, PARTY, "l'en-tête du contrat signé",
            lambda x: quoted(x.nom), "parties", c.where_of("parties"))
    r.text(c.preambule, "texte", doc.preambule, "préambule")
    r.items(align(doc.axes, c.preambule.axes_pma, lambda x: x[0], lambda x: x.numero),
            lambda sig, a: r.text(a, "titre", sig[1], "préambule"), AXIS, "le préambule du contrat signé",
            lambda x: f"{x[0]} {quoted(x[1])}", c.preambule.sub("axes_pma"), c.preambule.where)
    r.items(align(doc.articles, c.articles, lambda x: x.numero), lambda x, a: _article(r, x, a), ARTICLE,
            "le contrat signé", lambda x: f"{x.numero} {quoted(x.titre)}", "articles", c.where_of("articles"))

    sig, signed_date = c.signature, doc.date
    r.text(sig, "lieu", doc.lieu, "signature")
    r.text(sig, "date_publiee", doc.date_publiee, "signature")
    r.value(sig, "date", signed_date, f"la date « {doc.date_publiee} », soit {signed_date.isoformat()}", "signature")
    r.items(align(doc.signataires, sig.signataires, lambda x: norm(x[1]), lambda x: norm(x.nom)),
            lambda x, p: (r.text(p, "qualite", x[0], "signature"), r.text(p, "nom", x[1], "signature")),
            SIGNATORY, "le contrat signé", lambda x: quoted(x[1]), sig.sub("signataires"), sig.where)
    r.items(align(doc.annexes, c.annexes, lambda x: x[0], lambda x: x.numero),
            lambda x, a: (r.text(a, "separateur", x[1], "sommaire des annexes"),
                          r.text(a, "titre", x[2], "sommaire des annexes")),
            ANNEX, "le sommaire des annexes du contrat signé", lambda x: f"{x[0]} {quoted(x[2])}", "annexes",
            c.where_of("annexes"))


def _article(r: Report, sig: s.Article, a: Article) -> None:
    place = f"article {sig.numero}"
    r.text(a, "separateur", sig.separateur, place)
    r.text(a, "titre", sig.titre, place)
    r.text(a, "texte", sig.texte, place)
    if a.insertion != sig.liste:
        r.says(a, "insertion", f"imprime ici la liste des {sig.liste}" if sig.liste else
               "n'imprime pas de liste dans cet article", place)
    r.text(a, "texte_apres", sig.texte_apres, place)

    def section(x: s.Section, sec: Any) -> None:
        where = f"article {x.numero_publie.rstrip('.')}"
        r.text(sec, "numero_publie", x.numero_publie, where)
        r.value(sec, "numero", x.numero_publie.rstrip("."), f"le numéro {x.numero_publie.rstrip('.')}", where)
        r.text(sec, "titre", x.titre, where)
        r.text(sec, "texte", x.texte, where)

    r.items(align(sig.sections, a.sections, lambda x: x.numero_publie.rstrip(".")), section, SECTION,
            f"l'article {sig.numero} du contrat signé", lambda x: f"{x.numero_publie} {quoted(x.titre)}",
            a.sub("sections"), a.where_of("sections"))


def _orientations(r: Report, crte: Crte, doc: s.Signed) -> None:
    r.items(align(doc.orientations, crte.orientations, lambda x: x.numero),
            lambda x, o: (r.text(o, "titre", x.titre, "article 3"), r.text(o, "description", x.description,
                                                                           "article 3")),
            ORIENTATION, "l'article 3 du contrat signé", lambda x: f"{x.numero} {quoted(x.titre)}", "orientations",
            crte.orientations[0].where if crte.orientations else Where("data/orientations.yaml", 1))


def _actions(r: Report, crte: Crte, doc: s.Signed) -> None:
    chantiers = {c.numero: c for c in crte.chantiers}
    fiches = {f.numero: f for f in crte.fiches}

    def row(x: s.Row, a: Action) -> None:
        for field in ("enjeu", "maitre_ouvrage", "titre", "description", "annee_lancement"):
            r.text(a, field, getattr(x, field), "annexe 3")
        r.value(a, "chantier", x.chantier, f"le chantier {x.chantier}", "annexe 3")
        r.value(a, "fiche", x.fiche, f"la fiche {x.fiche}", "annexe 3")
        if x.chantier in chantiers:
            r.text(chantiers[x.chantier], "titre", x.chantier_titre, f"annexe 3, chantier {x.chantier}")
        if x.fiche in fiches:
            r.text(fiches[x.fiche], "titre", x.fiche_titre, f"annexe 3, fiche {x.fiche}")
        r.amount(a, "cout_total", x.cout_total, "annexe 3")
        if a.part_cahc != x.part_cahc and x.part_cahc is None:
            r.says(a, "part_cahc", "ne donne pas de part CAHC pour cette action : la cellule est vide", "annexe 3")
        else:
            r.amount(a, "part_cahc", x.part_cahc, "annexe 3")

    last = crte.actions[-1].where if crte.actions else Where("data/actions.yaml", 1)
    r.items(align(doc.actions, crte.actions, lambda x: norm(x.titre)), row, ACTION,
            "l'annexe 3 du contrat signé", lambda x: quoted(x.titre), "actions", last)
    t = crte.published_totals
    r.amount(t.total, "cout_total", doc.total[0], "annexe 3, ligne TOTAL")
    r.amount(t.total, "part_cahc", doc.total[1], "annexe 3, ligne TOTAL")
    r.items(align(doc.par_annee, t.par_annee, lambda x: x.annee),
            lambda x, y: (r.amount(y, "cout_total", x.cout_total, f"annexe 3, ligne {x.annee}"),
                          r.amount(y, "part_cahc", x.part_cahc, f"annexe 3, ligne {x.annee}")),
            LINE, "l'annexe 3 du contrat signé", lambda x: f"de l'année {x.annee}", t.sub("par_annee"), t.where)


def _indicators(r: Report, blocks: Sequence[IndicatorBlock], doc: s.Signed) -> None:
    def indicator(libelle: str, i: Any) -> None:
        r.text(i, "libelle", libelle, "article 9")
        for field in ("unite", "source", "valeur_reference", "cible", "mesures"):
            if getattr(i, field):
                r.add(i.where_of(field), i.sub(field), C.INDICATEUR_AVEC_VALEUR())

    def group(x: s.Group, g: Any) -> None:
        r.text(g, "titre", x.titre, "article 9")
        r.items(align(x.libelles, g.indicateurs, norm, lambda i: norm(i.libelle)), indicator, INDICATOR,
                "l'article 9 du contrat signé", quoted, g.sub("indicateurs"), g.where)

    def block(x: s.Block, b: IndicatorBlock) -> None:
        r.text(b, "titre_publie", x.titre, "article 9")
        r.items(align(x.groupes, b.groupes, lambda y: (y.titre, tuple(map(norm, y.libelles))),
                      lambda g: (g.titre, tuple(norm(i.libelle) for i in g.indicateurs))), group, GROUP,
                "l'article 9 du contrat signé", lambda y: quoted(y.titre or y.libelles[0]), b.sub("groupes"),
                b.where)

    r.items(align(doc.indicateurs, blocks, lambda x: x.orientation), block, BLOCK, "l'article 9 du contrat signé",
            lambda x: f"{x.orientation} {quoted(x.titre)}", "orientations",
            blocks[0].where if blocks else Where("data/indicators.yaml", 1))
