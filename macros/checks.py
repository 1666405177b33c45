"""Consistency checks ("Contrôles de cohérence"): the signed annex against itself.

Two kinds of result:

- `Reconciliation`: every total printed in annex 3 (the TOTAL row and each
  per-year row) beside the same total computed from the action rows, with the
  difference to the cent. All are published, equal or not.
- `Finding`: a record that does not agree with another one (an ENJEU label that
  is not the orientation of the chantier, a fiche outside its chantier, a
  missing CAHC share).

The site publishes both and never corrects a printed figure. Every difference
and every finding must carry an explanation in the YAML (`constats`); one
without is an error that stops the build, so that an edit introducing an
inconsistency shows in its pull request. An explanation whose difference no
longer matches, or that explains nothing any more, is an error too.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import DataError, Where
from .formatting import euros
from .model import Action, Crte, Explanation, Explanations, explanation

AMOUNT_LABELS = {"cout_total": "coût total HT", "part_cahc": "part CAHC"}


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

    def line(id_: str, libelle: str, imprime: Decimal, calcule: Decimal, calcul: str,
             constats: Explanations, kind: str, field: str, where: Where) -> None:
        out.append(Reconciliation(id_, libelle, imprime, calcule, calcul, explanation(constats, kind),
                                  f"{field}.constats.{kind}", where))

    for key, label in AMOUNT_LABELS.items():
        computed = sum((_amount(a, key) for a in crte.actions), Decimal(0))
        calc = f"somme des {n} lignes" + (" (les parts non indiquées ne comptent pas)" if key == "part_cahc" else "")
        line(f"total-{key.replace('_', '-')}", f"TOTAL : {label}", getattr(t.total, key), computed, calc,
             t.total.constats, key, "totaux_publies.total", t.total.where)
    for i, y in enumerate(t.par_annee):
        rows = [a for a in crte.actions if a.annee_lancement == y.annee]
        for key, label in AMOUNT_LABELS.items():
            computed = sum((_amount(a, key) for a in rows), Decimal(0))
            line(f"annee-{y.annee}-{key.replace('_', '-')}", f"Année {y.annee} : {label}", getattr(y, key),
                 computed, f"somme des {len(rows)} lignes dont l'année de lancement est « {y.annee} »",
                 y.constats, key, f"totaux_publies.par_annee[{i}]", y.where)
    for key, label in AMOUNT_LABELS.items():
        years = sum((getattr(y, key) for y in t.par_annee), Decimal(0))
        line(f"total-annees-{key.replace('_', '-')}", f"TOTAL imprimé et lignes par année imprimées : {label}",
             getattr(t.total, key), years, f"somme des {len(t.par_annee)} lignes par année imprimées",
             t.total.constats, f"somme_annees_{key}", "totaux_publies.total", t.total.where)
    return out


def _amount(action: Action, key: str) -> Decimal:
    value = getattr(action, key)
    return value if value is not None else Decimal(0)


def findings(crte: Crte) -> list[Finding]:
    chantiers = {c.numero: c for c in crte.chantiers}
    fiches = {f.numero: f for f in crte.fiches}
    out: list[Finding] = []
    for i, a in enumerate(crte.actions):
        path = f"actions[{i}]"

        def add(kind: str, message: str) -> None:
            out.append(Finding(f"{a.id}-{kind.replace('_', '-')}", kind, a, message,
                               explanation(a.constats, kind), f"{path}.constats.{kind}", a.where))

        chantier = chantiers.get(a.chantier)
        if chantier and chantier.orientation != a.orientation:
            add("orientation", f"l'enjeu publié est l'orientation {a.orientation}, mais le chantier "
                               f"{a.chantier} relève de l'orientation {chantier.orientation}")
        fiche = fiches.get(a.fiche)
        if fiche and fiche.chantier != a.chantier:
            add("fiche", f"la fiche {a.fiche} appartient au chantier {fiche.chantier}, pas au chantier {a.chantier}")
        if a.part_cahc is None:
            add("part_cahc", "la part CAHC n'est pas indiquée")
    return out


def errors(crte: Crte) -> list[DataError]:
    """Unexplained differences and findings, stale explanations: what stops a build."""
    out: list[DataError] = []
    explained: set[tuple[Where, str]] = set()
    for r in reconciliations(crte):
        e = r.explication
        if e is not None:
            explained.add((e.where, e.kind))
        if r.ecart and e is None:
            out.append(DataError(r.where, r.field,
                                 f"écart non expliqué : {r.libelle} : chiffre imprimé {euros(r.imprime)}, "
                                 f"chiffre calculé {euros(r.calcule)} ({r.calcul}), écart {_signed(r.ecart)} ; corrigez la "
                                 f"donnée ou expliquez l'écart dans ce champ (ecart et explication)"))
        elif e is not None and e.ecart != r.ecart:
            out.append(DataError(e.where, r.field,
                                 f"l'explication porte sur un écart de {_signed(e.ecart or Decimal(0))}, mais "
                                 f"l'écart est maintenant de {_signed(r.ecart)} ({r.libelle}) ; revoyez "
                                 f"l'explication et son champ ecart"))
    for f in findings(crte):
        if f.explication is None:
            out.append(DataError(f.where, f.field,
                                 f"incohérence non expliquée : {f.message} ; corrigez la donnée ou "
                                 f"expliquez-la dans ce champ"))
        else:
            explained.add((f.explication.where, f.kind))
    for record in (*crte.actions, crte.published_totals.total, *crte.published_totals.par_annee):
        for e in record.constats:
            if (e.where, e.kind) not in explained:
                out.append(DataError(e.where, f"constats.{e.kind}",
                                     "cette explication ne correspond plus à aucune incohérence ; retirez-la"))
    return out


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + euros(value)
