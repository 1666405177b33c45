"""What the decisions after signature changed, as the pages show it.

- `DecisionView`: one decision with its changes written out (`Line`: what, on
  what, field, before, after) and its effect on money by orientation
  (`MoneyEffect`: cost and territory's share before, after, difference), computed
  from the contract just before and just after it (timeline.State).
- `Comparison`: signed vs current totals by orientation, for /finances/.

Amounts before/after are those of the programme in force: an abandoned action
leaves it, an added one joins it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crte import routes
from crte.data.decisions import Decision
from crte.data.model import Action, Crte
from crte.data.timeline import State
from crte.views.totals import Totals

FIELD_LABELS = {
    "enjeu": "enjeu (orientation)", "chantier": "chantier", "fiche": "fiche", "maitre_ouvrage": "maître d'ouvrage",
    "titre": "titre", "description": "description", "annee_lancement": "année de lancement",
    "cout_total": "coût total HT", "part_cahc": "part {sigle}", "indicateurs": "indicateurs suivis",
    "localisation": "localisation",
}


def field_labels(crte: Crte) -> dict[str, str]:
    """What each field of an action is called on the site; the share is the territory's (« part CAHC »)."""
    sigle = crte.territoire.sigle if crte.territoire else ""
    return {k: v.format(sigle=sigle).strip() for k, v in FIELD_LABELS.items()}
KIND_LABELS = {
    "ajouter_action": "Action ajoutée", "modifier_action": "Action modifiée", "abandonner_action": "Action abandonnée",
    "ajouter_chantier": "Chantier ajouté", "ajouter_fiche": "Fiche ajoutée", "renommer": "Titre changé",
    "modifier_article": "Article modifié", "ajouter_indicateur": "Indicateur ajouté",
}


@dataclass(frozen=True)
class Line:
    kind: str  # a key of KIND_LABELS
    target: str  # what it applies to, in words
    route: str | None  # page of the target
    field: str | None  # for a changed action: the field's label
    before: Any
    after: Any
    motif: str | None = None  # why, as the decision says (a changed or abandoned action)

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class MoneyEffect:
    orientation: int
    titre: str
    before: Totals
    after: Totals

    @property
    def cout_difference(self) -> Decimal:
        return self.after.cout_total - self.before.cout_total

    @property
    def part_difference(self) -> Decimal:
        return self.after.part_cahc - self.before.part_cahc


@dataclass(frozen=True)
class DecisionView:
    decision: Decision
    lines: tuple[Line, ...]
    money: tuple[MoneyEffect, ...]  # every orientation, changed or not
    total_before: Totals
    total_after: Totals

    @property
    def id(self) -> str:
        return self.decision.id

    @property
    def motifs(self) -> list[tuple[str, str]]:
        """(what, why) for each change that says why, once per change: « Courant de la Motte »."""
        out: list[tuple[str, str]] = []
        for ln in self.lines:
            if ln.motif and (ln.target, ln.motif) not in out:
                out.append((ln.target, ln.motif))
        return out


def by_orientation(crte: Crte) -> dict[int, Totals]:
    return {o.numero: Totals.of(a for a in crte.actions if a.orientation == o.numero) for o in crte.orientations}


def _lines(decision: Decision, before: State, after: State) -> list[Line]:
    out: list[Line] = []
    for change in decision.changements:
        kind, v = change.kind, change.value
        if kind == "ajouter_action":
            out.append(Line(kind, v.titre, routes.action(v.id), None, None, v.cout_total))
        elif kind == "modifier_action":
            old = before.actions[v.action]
            for name, label in field_labels(after.crte).items():
                if getattr(v, name, None) is not None:
                    out.append(Line(kind, after.actions[v.action].titre, routes.action(v.action), label,
                                    getattr(old, name), getattr(v, name), v.motif))
        elif kind == "abandonner_action":
            out.append(Line(kind, before.actions[v.action].titre, routes.action(v.action), None, None, None, v.motif))
        elif kind == "ajouter_chantier":
            out.append(Line(kind, f"Chantier {v.numero} : {v.titre}", routes.orientation(v.orientation),
                            None, None, None))
        elif kind == "ajouter_fiche":
            out.append(Line(kind, f"Fiche {v.numero} : {v.titre}", None, None, None, None))
        elif kind == "renommer":
            what = f"Chantier {v.chantier}" if v.chantier is not None else f"Fiche {v.fiche}"
            key = f"chantier-{v.chantier}" if v.chantier is not None else f"fiche-{v.fiche.replace('.', '-')}"
            previous = before.retitled.get(key, (None,))[0] if key in before.retitled else None
            out.append(Line(kind, what, None, "titre", previous or _title(before, v), v.titre))
        elif kind == "modifier_article":
            where = f"Article {v.article}" + (f", sous-article {v.section}" if v.section else "")
            anchor = "article-" + (v.section or str(v.article)).replace(".", "-")
            out.append(Line(kind, where, f"contrat/#{anchor}", "texte", None, None))
        elif kind == "ajouter_indicateur":
            out.append(Line(kind, v.indicateur.libelle, routes.indicator_entry(v.indicateur.id), None, None, None))
    return out


def _title(state: State, r: Any) -> str | None:
    if r.chantier is not None:
        return next((c.titre for c in state.crte.chantiers if c.numero == r.chantier), None)
    return next((f.titre for f in state.crte.fiches if f.numero == r.fiche), None)


def decision_views(states: tuple[State, ...]) -> list[DecisionView]:
    """One view per decision, oldest first (states[k] is the contract after decision k)."""
    out = []
    for before, after in zip(states, states[1:]):
        d = after.decision
        assert d is not None
        b, a = by_orientation(before.crte), by_orientation(after.crte)
        money = tuple(MoneyEffect(o.numero, o.titre, b.get(o.numero, Totals.of(())), a[o.numero])
                      for o in after.crte.orientations)
        out.append(DecisionView(d, tuple(_lines(d, before, after)), money, Totals.of(before.crte.actions),
                                Totals.of(after.crte.actions)))
    return out


def changed_fields(signed: Action | None, current: Action) -> dict[str, tuple[Any, Any]]:
    """{field: (signed value, current value)} for the fields a decision changed."""
    if signed is None:
        return {}
    return {k: (getattr(signed, k), getattr(current, k)) for k in FIELD_LABELS
            if getattr(signed, k) != getattr(current, k)}


@dataclass(frozen=True)
class Wording:
    """How the pages name the set of actions they count: the signed annex while no
    decision changed it, « le programme en vigueur » once one did (a figure that a
    decision changed is never called « annexe 3 »)."""

    de: str  # « les lignes de l'annexe 3 »
    a: str  # « inscrites à l'annexe 3 »
    dans: str  # « rangées dans l'annexe 3 »
    changed: bool


SIGNED = Wording("de l'annexe 3", "à l'annexe 3", "dans l'annexe 3", False)
IN_FORCE = Wording("du programme en vigueur", "au programme en vigueur", "dans le programme en vigueur", True)


@dataclass(frozen=True)
class Comparison:
    """One orientation (or the whole, `orientation` 0) as signed and as in force."""

    orientation: int
    titre: str
    signed: Totals
    current: Totals

    @property
    def cout_difference(self) -> Decimal:
        return self.current.cout_total - self.signed.cout_total

    @property
    def part_difference(self) -> Decimal:
        return self.current.part_cahc - self.signed.part_cahc


def compare(signed: Crte, current: Crte) -> list[Comparison]:
    """Signed vs in force by orientation (ENJEU column), then the total (orientation 0)."""
    s, c = by_orientation(signed), by_orientation(current)
    rows = [Comparison(o.numero, o.titre, s.get(o.numero, Totals.of(())), c[o.numero]) for o in current.orientations]
    return [*rows, Comparison(0, "Total", Totals.of(signed.actions), Totals.of(current.actions))]
