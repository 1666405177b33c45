"""The contract at any date: the signed contract with the decisions applied in order.

`timeline(signed, decisions, errors) -> list[State]`: `states[0]` is the signed
contract, `states[k]` the contract after the k-th decision (decisions sorted by
date, then id). Each change is checked against the state it applies to, and a
refused change is reported at its line of data/decisions/<id>.yaml (never
applied):

- the decision's date: not before the signature, not after today; an avenant
  has a number; an article is amended by an avenant only;
- a change names one kind (`ajouter_action`, `modifier_action`, …);
- an action changed or abandoned exists at that date and is not abandoned;
  nor is it added by the same decision: its values are written in
  `ajouter_action`, and adding and abandoning it at once would publish an
  address for an action that was never in force;
  a change that sets a value already in force changes nothing and is refused;
- an added action's id was never used (current, former, abandoned ids);
- chantiers, fiches, orientations, communes and indicators named by a change
  exist at that date; a new number or id is not in use;
- two decisions of the same date do not change the same field.

A `State` holds `crte`, the programme in force (abandoned actions left out of
it, so every total is the current one), and, for every action ever in the
contract, its current record and `ActionStatus` (added by, abandoned by, the
history of its fields).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from .decisions import AMOUNTS, Abandon, Decision
from .errors import ErrorList
from .model import Action, Crte, Record
from .names import owner_problems
from .timeline_plan import Amended, PlanChanges


@dataclass(frozen=True)
class FieldChange:
    decision: Decision
    field: str  # a field of the action, or "ajout" / "abandon"
    before: Any
    after: Any
    motif: str | None = None  # why the decision changes it (modifier_action's motif)


@dataclass(frozen=True)
class ActionStatus:
    added_by: Decision | None = None
    abandoned_by: Decision | None = None
    motif: str | None = None
    history: tuple[FieldChange, ...] = ()

    @property
    def changed(self) -> bool:
        """A decision changed or abandoned the action after it was signed or added."""
        return any(h.field != "ajout" for h in self.history)


@dataclass(frozen=True)
class State:
    decision: Decision | None  # the last decision applied; None for the signed contract
    crte: Crte  # the programme in force
    actions: dict[str, Action]  # every action ever, current values, abandoned included
    status: dict[str, ActionStatus] = field(default_factory=dict)
    amended: dict[str, Amended] = field(default_factory=dict)  # anchor -> signed text
    retitled: dict[str, tuple[str, Decision]] = field(default_factory=dict)  # "chantier-7", "fiche-7-1"

    @property
    def date(self) -> dt.date:
        return self.decision.date if self.decision else self.crte.contract.signature.date

    def abandoned(self) -> list[Action]:
        return [a for k, a in self.actions.items() if self.status.get(k, ActionStatus()).abandoned_by]


# How an added action is filed, said after a refused ENJEU label.
ADDED_LABEL = " ; pour une action ajoutée, enjeu est facultatif : elle est rangée sous l'orientation de son chantier"


def timeline(signed: Crte, decisions: list[Decision], errors: ErrorList) -> list[State]:
    states = [State(None, signed, {a.id: a for a in signed.actions})]
    ever = {a.id for a in signed.actions} | {old for a in signed.actions for old in a.anciens_ids}
    touched: dict[tuple[dt.date, str, str], Decision] = {}  # (date, action, field) -> first decision
    avenants: dict[int, Decision] = {}
    for d in sorted(decisions, key=lambda d: (d.date, d.id)):
        if d.instance == "avenant" and d.numero is not None:
            if d.numero in avenants:
                errors.add(d.where_of("numero"), d.sub("numero"), f"l'avenant n° {d.numero} est déjà enregistré "
                                                                  f"(décision {avenants[d.numero].id})")
            avenants.setdefault(d.numero, d)
        states.append(_Apply(states[-1], d, errors, ever, touched).state())
    return states


class _Apply(PlanChanges):
    """One decision applied to a state; refusals reported, the rest applied."""

    def __init__(self, state: State, decision: Decision, errors: ErrorList, ever: set[str],
                 touched: dict[tuple[dt.date, str, str], Decision]):
        self.s, self.d, self.errors, self.ever, self.touched = state, decision, errors, ever, touched
        self.actions = dict(state.actions)
        self.status = dict(state.status)
        self.amended = dict(state.amended)
        self.retitled = dict(state.retitled)
        self.orientations = list(state.crte.orientations)
        self.articles = list(state.crte.contract.articles)
        self.blocks = list(state.crte.indicator_blocks)

    def refuse(self, record: Record, name: str | None, message: str) -> None:
        self.errors.add(record.where_of(name) if name else record.where, record.sub(name) if name else record.path,
                        message)

    def state(self) -> State:
        d, signed_on = self.d, self.s.crte.contract.signature.date
        if d.date < signed_on:
            self.refuse(d, "date", f"la décision ({d.date.isoformat()}) précède la signature du contrat "
                                   f"({signed_on.isoformat()}) : elle en fait partie ou sa date est fausse")
        elif d.date > dt.date.today():
            self.refuse(d, "date", f"la date de la décision ({d.date.isoformat()}) est postérieure à aujourd'hui")
        if not d.id.startswith(d.date.isoformat()):
            self.refuse(d, "date", f"le nom du fichier commence par la date de la décision : renommez-le "
                                   f"{d.date.isoformat()}-….yaml (il forme l'adresse de la décision)")
        if d.instance == "avenant" and d.numero is None:
            self.refuse(d, "numero", "un avenant porte un numéro : indiquez-le (numero: 1)")
        for change in d.changements:
            kind = change.kind
            if kind is None:
                self.refuse(change, None, "indiquez une seule sorte de changement par élément (ajouter_action, "
                                          "modifier_action, abandonner_action, ajouter_chantier, ajouter_fiche, "
                                          "renommer, modifier_article ou ajouter_indicateur)")
                continue
            getattr(self, kind)(change.value)
        crte = replace(self.s.crte, contract=self.s.crte.contract.model_copy(update={"articles": tuple(self.articles)}),
                       orientations=tuple(self.orientations), indicator_blocks=tuple(self.blocks),
                       actions=tuple(a for k, a in self.actions.items()
                                     if not self.status.get(k, ActionStatus()).abandoned_by))
        return State(d, crte, self.actions, self.status, self.amended, self.retitled)

    # -- lookups at this date -------------------------------------------------------
    def labels(self) -> dict[str, int]:
        return {o.libelle_annexe: o.numero for o in self.orientations if o.libelle_annexe}

    def live(self, record: Record, action_id: str) -> Action | None:
        if action_id not in self.actions:
            self.refuse(record, "action", f"l'action « {action_id} » n'existe pas à cette date")
            return None
        status = self.status.get(action_id, ActionStatus())
        if (gone := status.abandoned_by) is not None:
            self.refuse(record, "action", f"l'action « {action_id} » a été abandonnée ({gone.intitule}, décision "
                                          f"{gone.id}) : elle ne peut plus changer")
            return None
        if status.added_by is self.d:
            what = ("une décision ne peut pas l'ajouter et l'abandonner à la fois ; retirez les deux changements"
                    if isinstance(record, Abandon) else "écrivez directement ses valeurs dans ajouter_action")
            self.refuse(record, "action", f"l'action « {action_id} » est ajoutée par cette même décision (ligne "
                                          f"{self.actions[action_id].where.line}) : {what}")
            return None
        return self.actions[action_id]

    def references(self, record: Record, values: dict[str, Any], added: bool = False) -> bool:
        ok = True
        if values.get("enjeu") is not None and values["enjeu"] not in self.labels():
            self.refuse(record, "enjeu", f"« {values['enjeu']} » n'est le libellé d'aucune orientation ; libellés "
                                         f"connus : {' | '.join(self.labels())}" + (ADDED_LABEL if added else ""))
            ok = False
        if "chantier" in values and values["chantier"] not in self.chantiers():
            self.refuse(record, "chantier", f"le chantier {values['chantier']} n'existe pas à cette date")
            ok = False
        if "fiche" in values and values["fiche"] not in self.fiches():
            self.refuse(record, "fiche", f"la fiche {values['fiche']} n'existe pas à cette date")
            ok = False
        for message in owner_problems(values.get("maitre_ouvrage") or ""):
            self.refuse(record, "maitre_ouvrage", message)
            ok = False
        loc = values.get("localisation")
        communes = {c.slug for c in self.s.crte.communes}
        for i, slug in enumerate(loc.communes if loc is not None else ()):
            if slug not in communes:
                self.errors.add(loc.where_of("communes", i), loc.sub("communes"),
                                f"la commune « {slug} » n'existe pas dans data/communes.yaml")
                ok = False
        if loc is not None and not (loc.communes or loc.territoire or loc.hors_cahc):
            self.refuse(loc, None, "indiquez au moins communes, territoire ou hors_cahc")
            ok = False
        known = {i.id for b in self.blocks for i in b.indicateurs}
        for i, ref in enumerate(values.get("indicateurs") or ()):
            if ref not in known:
                self.errors.add(record.where_of("indicateurs", i), record.sub("indicateurs"),
                                f"l'indicateur « {ref} » n'existe pas à cette date")
                ok = False
        return ok

    def orientation_of(self, record: Record, action: Action, added: bool, field: str = "enjeu") -> int | None:
        """A signed row is filed by its ENJEU label, as the annex prints it; an action added
        by a decision by its chantier, in whichever orientation (its label, if any, agrees)."""
        if not added:
            return self.labels()[action.enjeu]
        numero = self.chantiers()[action.chantier].orientation
        if action.enjeu is not None and (labelled := self.labels()[action.enjeu]) != numero:
            self.refuse(record, field, f"« {action.enjeu} » est le libellé de l'orientation {labelled}, mais le "
                                       f"chantier {action.chantier} relève de l'orientation {numero} : une action "
                                       f"ajoutée est rangée sous l'orientation de son chantier ; retirez enjeu (il est "
                                       f"facultatif) ou choisissez un chantier de l'orientation {labelled}")
            return None
        return numero

    def history(self, action_id: str, *changes: FieldChange, **status: Any) -> None:
        old = self.status.get(action_id, ActionStatus())
        self.status[action_id] = replace(old, history=old.history + changes, **status)

    # -- the kinds of change ------------------------------------------------------------
    def ajouter_action(self, action: Action) -> None:
        ok = True
        for i, name in enumerate((action.id, *action.anciens_ids)):
            field, where = ("id", None) if i == 0 else ("anciens_ids", i - 1)
            if name in self.ever:
                self.errors.add(action.where_of(field, where), action.sub(field),
                                f"l'identifiant « {name} » est ou a été utilisé : une adresse publiée ne sert "
                                f"jamais à une autre action ; choisissez-en un autre")
                ok = False
        if action.part_cahc is not None and action.part_cahc > action.cout_total:
            self.refuse(action, "part_cahc", f"la part CAHC ({action.part_cahc}) dépasse le coût total "
                                             f"({action.cout_total})")
            ok = False
        values = {k: getattr(action, k) for k in ("enjeu", "chantier", "fiche", "indicateurs", "maitre_ouvrage",
                                                  "localisation")}
        if not self.references(action, values, added=True) or not ok:
            return
        if (orientation := self.orientation_of(action, action, added=True)) is None:
            return
        action.set_computed(orientation=orientation)
        self.ever |= {action.id, *action.anciens_ids}
        self.actions[action.id] = action
        self.history(action.id, FieldChange(self.d, "ajout", None, action), added_by=self.d)

    def modifier_action(self, change: Record) -> None:
        current = self.live(change, change.action)  # type: ignore[attr-defined]
        if current is None:
            return
        given = {k: getattr(change, k) for k in type(change).model_fields if k not in ("action", "motif")
                 and getattr(change, k) is not None}
        motif = change.motif  # type: ignore[attr-defined]
        if not given:
            self.refuse(change, "action", "aucun champ à changer : indiquez au moins un champ et sa nouvelle valeur")
            return
        for name, value in list(given.items()):
            if value == getattr(current, name):
                self.refuse(change, name, f"la valeur en vigueur est déjà celle-ci : ce changement ne change rien")
                del given[name]
            elif (first := self.touched.get((self.d.date, current.id, name))) is not None:
                self.refuse(change, name, "cette décision change déjà ce champ plus haut : gardez un seul changement"
                            if first.id == self.d.id else f"la décision {first.id}, du même jour, change déjà ce "
                            f"champ : réunissez les deux changements dans une seule décision")
                del given[name]
        if motif is None and (amounts := [k for k in AMOUNTS if k in given]):
            self.refuse(change, "motif", f"un changement de montant ({', '.join(amounts)}) dit pourquoi : ajoutez "
                                         f"motif, la raison telle que la décision la donne (ex. motif: \"Les études "
                                         f"de sol imposent un cuvelage du lit.\")")
            return
        added = self.status.get(current.id, ActionStatus()).added_by is not None
        if not given or not self.references(change, given, added):
            return
        share = given.get("part_cahc", current.part_cahc)
        cost = given.get("cout_total", current.cout_total)
        if share is not None and share > cost:
            self.refuse(change, "part_cahc" if "part_cahc" in given else "cout_total",
                        f"la part CAHC ({share}) dépasserait le coût total ({cost})")
            return
        new = current.model_copy(update=given)
        orientation = self.orientation_of(change, new, added, "enjeu" if "enjeu" in given else "chantier")
        if orientation is None:
            return
        new.set_computed(orientation=orientation)
        self.actions[current.id] = new
        for name in given:
            self.touched.setdefault((self.d.date, current.id, name), self.d)
        self.history(current.id, *(FieldChange(self.d, k, getattr(current, k), v, motif) for k, v in given.items()))

    def abandonner_action(self, abandon: Record) -> None:
        current = self.live(abandon, abandon.action)  # type: ignore[attr-defined]
        if current is not None:
            self.history(current.id, FieldChange(self.d, "abandon", None, abandon.motif),  # type: ignore[attr-defined]
                         abandoned_by=self.d, motif=abandon.motif)  # type: ignore[attr-defined]
