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
from functools import cached_property
from typing import Any

from crte.data.checks import unknown_action, unknown_commune, unknown_indicator
from crte.data.codes import contrat as C, decisions as D, fichiers as K  # noqa: I001
from crte.data.decisions import AMOUNTS, Abandon, Decision
from crte.data.errors import ErrorList
from crte.data.model import Action, Crte, Record
from crte.data.names import owner_problems
from crte.data.timeline_plan import Amended, PlanChanges


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

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Each former id (anciens_ids) -> the current id of its action: a decision or a
        tracking file written before an id changed still names the action."""
        return {old: a.id for a in self.actions.values() for old in a.anciens_ids}

    def abandoned(self) -> list[Action]:
        return [a for k, a in self.actions.items() if self.status.get(k, ActionStatus()).abandoned_by]


def timeline(signed: Crte, decisions: list[Decision], errors: ErrorList) -> list[State]:
    states = [State(None, signed, {a.id: a for a in signed.actions})]
    ever = {a.id for a in signed.actions} | {old for a in signed.actions for old in a.anciens_ids}
    touched: dict[tuple[dt.date, str, str], Decision] = {}  # (date, action, field) -> first decision
    avenants: dict[int, Decision] = {}
    for d in sorted(decisions, key=lambda d: (d.date, d.id)):
        if d.instance == "avenant" and d.numero is not None:
            if d.numero in avenants:
                errors.add(d.where_of("numero"), d.sub("numero"), D.AVENANT_EN_DOUBLE(n=d.numero,
                                                                                      other=avenants[d.numero].id))
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

    def unknown(self, record: Record, name: str, value: Any, message: str) -> None:
        """A reference to what does not exist at this date (ErrorList.unknown)."""
        self.errors.unknown(value, record.where_of(name), record.sub(name), message)

    def left_out(self, *values: Any) -> None:
        """What a refused change would have added: what refers to it depends on this decision."""
        self.errors.leave_out((str(v) for v in values), f"la décision {self.d.where.file}")

    def state(self) -> State:
        d, signed_on = self.d, self.s.crte.contract.signature.date
        if d.date < signed_on:
            self.refuse(d, "date", D.AVANT_SIGNATURE(date=d.date.isoformat(), signed=signed_on.isoformat()))
        elif d.date > dt.date.today():
            self.refuse(d, "date", D.FUTURE(date=d.date.isoformat()))
        if not d.id.startswith(d.date.isoformat()):
            self.refuse(d, "date", D.NOM_DE_FICHIER("date", date=d.date.isoformat()))
        if d.instance == "avenant" and d.numero is None:
            self.refuse(d, "numero", D.AVENANT_SANS_NUMERO())
        for change in d.changements:
            kind = change.kind
            given = sorted((name for name in type(change).model_fields if getattr(change, name) is not None),
                           key=lambda name: change.where_of(name).line)
            if kind is None and len(given) > 1:  # two changes in one item: the « - » of the second is missing
                second = given[-1]
                self.refuse(change, second, K.TIRET_MANQUANT("changements", kinds=", ".join(given), key=second,
                                                             line=change.where_of(second).line))
                continue
            if kind is None:
                self.refuse(change, None, D.SORTE())
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
        """The action `action_id` names (by its id or a former one), if it can change."""
        action_id = self.s.aliases.get(action_id, action_id)
        if action_id not in self.actions:
            self.errors.unknown(action_id, record.where_of("action"), record.sub("action"),
                                unknown_action(action_id, self.actions))
            return None
        status = self.status.get(action_id, ActionStatus())
        if (gone := status.abandoned_by) is not None:
            self.refuse(record, "action", D.ACTION_ABANDONNEE(value=action_id, intitule=gone.intitule, id=gone.id))
            return None
        if status.added_by is self.d:
            self.refuse(record, "action", D.AJOUTEE_ICI("abandon" if isinstance(record, Abandon) else "",
                                                        value=action_id, line=self.actions[action_id].where.line))
            return None
        return self.actions[action_id]

    def references(self, record: Record, values: dict[str, Any], added: bool = False) -> bool:
        ok = True
        if values.get("enjeu") is not None and values["enjeu"] not in self.labels():
            self.unknown(record, "enjeu", values["enjeu"], C.ENJEU_INCONNU("ajoutee" if added else "date",
                                                                           value=values["enjeu"],
                                                                           known=" | ".join(self.labels())))
            ok = False
        if "chantier" in values and values["chantier"] not in self.chantiers():
            self.unknown(record, "chantier", values["chantier"], C.CHANTIER_INCONNU("date", n=values["chantier"]))
            ok = False
        if "fiche" in values and values["fiche"] not in self.fiches():
            self.unknown(record, "fiche", values["fiche"], C.FICHE_INCONNUE("date", n=values["fiche"]))
            ok = False
        for message in owner_problems(values.get("maitre_ouvrage") or ""):
            self.refuse(record, "maitre_ouvrage", message)
            ok = False
        loc = values.get("localisation")
        communes = {c.slug for c in self.s.crte.communes}
        for i, slug in enumerate(loc.communes if loc is not None else ()):
            if slug not in communes and loc is not None:
                self.errors.unknown(slug, loc.where_of("communes", i), loc.sub("communes"),
                                    unknown_commune(slug, self.s.crte.communes))
                ok = False
        if loc is not None and not (loc.communes or loc.territoire or loc.hors_cahc):
            self.refuse(loc, None, C.LOCALISATION_VIDE("decision"))
            ok = False
        known = {i.id for b in self.blocks for i in b.indicateurs}
        for i, ref in enumerate(values.get("indicateurs") or ()):
            if ref not in known:
                self.errors.unknown(ref, record.where_of("indicateurs", i), record.sub("indicateurs"),
                                    unknown_indicator(ref, self.blocks, "date"))
                ok = False
        return ok

    def orientation_of(self, record: Record, action: Action, added: bool, field: str = "enjeu") -> int | None:
        """A signed row is filed by its ENJEU label, as the annex prints it; an action added
        by a decision by its chantier, in whichever orientation (its label, if any, agrees)."""
        if not added:
            return self.labels()[action.enjeu]
        numero = self.chantiers()[action.chantier].orientation
        if action.enjeu is not None and (labelled := self.labels()[action.enjeu]) != numero:
            self.refuse(record, field, C.ENJEU_DU_CHANTIER(value=action.enjeu, labelled=labelled,
                                                           chantier=action.chantier, numero=numero))
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
                self.errors.add(action.where_of(field, where), action.sub(field), D.DEJA_UTILISE(value=name))
                ok = False
        if action.part_cahc is not None and action.part_cahc > action.cout_total:
            self.refuse(action, "part_cahc", C.PART_SUPERIEURE(part=action.part_cahc, cout=action.cout_total))
            ok = False
        values = {k: getattr(action, k) for k in ("enjeu", "chantier", "fiche", "indicateurs", "maitre_ouvrage",
                                                  "localisation")}
        if not self.references(action, values, added=True) or not ok \
                or (orientation := self.orientation_of(action, action, added=True)) is None:
            self.left_out(action.id, *action.anciens_ids)
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
            self.refuse(change, "action", D.RIEN_A_CHANGER())
            return
        for name, value in list(given.items()):
            if value == getattr(current, name):
                self.refuse(change, name, D.SANS_EFFET())
                del given[name]
            elif (first := self.touched.get((self.d.date, current.id, name))) is not None:
                self.refuse(change, name, D.DEUX_FOIS() if first.id == self.d.id else
                            D.DEUX_FOIS("jour", other=first.id))
                del given[name]
        if motif is None and (amounts := [k for k in AMOUNTS if k in given]):
            self.refuse(change, "motif", D.MOTIF_MANQUANT(amounts=", ".join(amounts)))
            self.errors.unsure.add(current.id)  # its values in force may not be those the decision meant
            return
        added = self.status.get(current.id, ActionStatus()).added_by is not None
        if not given or not self.references(change, given, added):
            self.errors.unsure.add(current.id)
            return
        share = given.get("part_cahc", current.part_cahc)
        cost = given.get("cout_total", current.cout_total)
        if share is not None and share > cost:
            self.refuse(change, "part_cahc" if "part_cahc" in given else "cout_total",
                        C.PART_SUPERIEURE("decision", part=share, cout=cost))
            self.errors.unsure.add(current.id)
            return
        new = current.model_copy(update=given)
        orientation = self.orientation_of(change, new, added, "enjeu" if "enjeu" in given else "chantier")
        if orientation is None:
            self.errors.unsure.add(current.id)
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
