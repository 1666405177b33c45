"""Consistency checks ("Contrôles de cohérence"): the signed annex against itself.

Two kinds of result:

- `Reconciliation`: every total printed in annex 3 (the TOTAL row and each
  per-year row) beside the same total computed from the action rows, with the
  difference to the cent. All are published, equal or not.
- `Finding`: a record that does not agree with another one (an ENJEU label that
  is not the orientation of the chantier, a fiche outside its chantier, a
  missing territory's share).

The site publishes both and never corrects a printed figure. Every difference
and every finding must carry an explanation in the YAML (`constats`); one
without is an error that stops the build, so that an edit introducing an
inconsistency shows in its pull request. An explanation whose difference no
longer matches, or that explains nothing any more, is an error too.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crte.data.errors import Where
from crte.data.model import Action, Crte, Gap, Record


@dataclass(frozen=True)
class Explanation:
    """Why the site publishes an inconsistency of the signed document instead of
    correcting it: one entry of a record's `constats`."""

    kind: str  # "orientation", "part_cahc", "cout_total", ...
    texte: str  # whitespace folded
    ecart: Decimal | None  # for a printed total: the difference it explains
    where: Where  # the line of its key


Explanations = tuple[Explanation, ...]


def explanations(record: Record) -> Explanations:
    """The explanations written in `record.constats`, in declaration order."""
    constats = getattr(record, "constats", None)
    if constats is None:
        return ()
    out = []
    for kind in type(constats).model_fields:
        value = getattr(constats, kind)
        if isinstance(value, Gap):
            out.append(Explanation(kind, " ".join(value.explication.split()), value.ecart, constats.where_of(kind)))
        elif value is not None:
            out.append(Explanation(kind, " ".join(value.split()), None, constats.where_of(kind)))
    return tuple(out)


def explanation(explanations: Explanations, kind: str) -> Explanation | None:
    return next((e for e in explanations if e.kind == kind), None)

def amount_labels(crte: Crte) -> dict[str, str]:
    """The printed amounts' names: the share is the territory's (« part CAHC »)."""
    share = f"part {crte.territoire.sigle}" if crte.territoire else "part"
    return {"cout_total": "coût total HT", "part_cahc": share}


@dataclass(frozen=True)
class Reconciliation:
    """One printed figure beside the computed one."""

    id: str  # stable anchor, e.g. "total-part-cahc", "annee-2021-cout-total"
    libelle: str
    imprime: Decimal
    calcule: Decimal
    calcul: str  # how the computed figure is obtained, in French
    explication: Explanation | None
    field: str  # where staff write the explanation
    where: Where

    @property
    def ecart(self) -> Decimal:
        """Computed minus printed."""
        return self.calcule - self.imprime


@dataclass(frozen=True)
class Finding:
    """A record that disagrees with another record."""

    id: str
    kind: str
    action: Action
    message: str
    explication: Explanation | None
    field: str
    where: Where


def reconciliations(crte: Crte) -> list[Reconciliation]:
    t = crte.published_totals
    out: list[Reconciliation] = []
    n = len(crte.actions)
    labels = amount_labels(crte)

    def line(id_: str, libelle: str, imprime: Decimal, calcule: Decimal, calcul: str,
             constats: Explanations, kind: str, field: str, where: Where) -> None:
        out.append(Reconciliation(id_, libelle, imprime, calcule, calcul, explanation(constats, kind),
                                  f"{field}.constats.{kind}", where))

    for key, label in labels.items():
        computed = sum((_amount(a, key) for a in crte.actions), Decimal(0))
        calc = f"somme des {n} lignes" + (" (les parts non indiquées ne comptent pas)" if key == "part_cahc" else "")
        line(f"total-{key.replace('_', '-')}", f"TOTAL : {label}", getattr(t.total, key), computed, calc,
             explanations(t.total), key, "totaux_publies.total", t.total.where)
    for y in t.par_annee:
        rows = [a for a in crte.actions if a.annee_lancement == y.annee]
        for key, label in labels.items():
            computed = sum((_amount(a, key) for a in rows), Decimal(0))
            line(f"annee-{y.annee}-{key.replace('_', '-')}", f"Année {y.annee} : {label}", getattr(y, key),
                 computed, f"somme des {len(rows)} lignes dont l'année de lancement est « {y.annee} »",
                 explanations(y), key, y.path, y.where)
    for key, label in labels.items():
        years = sum((getattr(y, key) for y in t.par_annee), Decimal(0))
        line(f"total-annees-{key.replace('_', '-')}", f"TOTAL imprimé et lignes par année imprimées : {label}",
             getattr(t.total, key), years, f"somme des {len(t.par_annee)} lignes par année imprimées",
             explanations(t.total), f"somme_annees_{key}", "totaux_publies.total", t.total.where)
    return out


def _amount(action: Action, key: str) -> Decimal:
    value = getattr(action, key)
    return value if value is not None else Decimal(0)


def findings(crte: Crte) -> list[Finding]:
    chantiers = {c.numero: c for c in crte.chantiers}
    fiches = {f.numero: f for f in crte.fiches}
    out: list[Finding] = []
    for a in crte.actions:
        path = a.path
        constats = explanations(a)

        def add(kind: str, message: str) -> None:
            out.append(Finding(f"{a.id}-{kind.replace('_', '-')}", kind, a, message,
                               explanation(constats, kind), f"{path}.constats.{kind}", a.where))

        chantier = chantiers.get(a.chantier)
        if chantier and chantier.orientation != a.orientation:
            add("orientation", f"l'enjeu publié est l'orientation {a.orientation}, mais le chantier "
                               f"{a.chantier} relève de l'orientation {chantier.orientation}")
        fiche = fiches.get(a.fiche)
        if fiche and fiche.chantier != a.chantier:
            add("fiche", f"la fiche {a.fiche} appartient au chantier {fiche.chantier}, pas au chantier {a.chantier}")
        if a.part_cahc is None:
            add("part_cahc", f"la {amount_labels(crte)['part_cahc']} n'est pas indiquée")
    return out
