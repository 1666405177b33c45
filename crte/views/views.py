"""Computed views of the model: lookups, groupings and totals the pages show.

Everything here is derived from `Crte`; nothing is typed by hand. The pages and
the tests read the same objects, so a figure on the site is the figure tested.

Counting rules (stated on the site):
- `cout_total` sums the total cost HT of every action.
- `part_cahc` sums the territory's shares that the annex gives; an action without a
  share adds nothing and is counted in `sans_part`. It is never taken as zero
  in a percentage: `pourcentage` is the share over the cost of the actions
  whose share is given.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from crte.data.model import Action, Chantier, Commune, Crte, Fiche, IndicatorBlock, Orientation
from crte.data.names import owners, slugify
from crte.data.territory import Territory
from crte.data.timeline import ActionStatus, State
from crte.fr import percent_value
from crte.views.living import IN_FORCE, SIGNED, DecisionView, Wording, changed_fields, decision_views
from crte.views.places import Places, places
from crte.views.standing import Standing, standing
from crte.views.totals import Totals
from crte.views.tracking import Board, board


@dataclass(frozen=True)
class ActionView:
    action: Action
    orientation: Orientation  # as published in the ENJEU column
    chantier: Chantier
    fiche: Fiche
    precedente: Action | None  # neighbours within the same chantier, in published order
    suivante: Action | None
    position: int  # 1-based rank within the chantier
    total_chantier: int

    @property
    def reste(self) -> Decimal | None:
        """What the territory's share leaves to others (None when the share is not given)."""
        a = self.action
        return None if a.part_cahc is None else a.cout_total - a.part_cahc

    @property
    def pourcentage(self) -> Decimal | None:
        a = self.action
        if a.part_cahc is None or not a.cout_total:
            return None
        return percent_value(a.part_cahc, a.cout_total)

    @property
    def chantier_ailleurs(self) -> bool:
        """The chantier belongs to another orientation than the published label says."""
        return self.chantier.orientation != self.orientation.numero


@dataclass(frozen=True)
class OrientationView:
    orientation: Orientation
    actions: tuple[Action, ...]  # actions whose published ENJEU is this orientation
    totaux: Totals
    indicateurs: IndicatorBlock | None
    # Actions of this orientation's chantiers that the annex files under another ENJEU.
    actions_ailleurs: tuple[Action, ...]


@dataclass(frozen=True)
class Group:
    """Actions gathered under a commune or a project owner, with their totals."""

    slug: str
    nom: str
    actions: tuple[Action, ...]
    totaux: Totals


class Views:
    """All computed views of one dataset, built once per build.

    `crte` is the contract in force (the signed one with every decision applied,
    abandoned actions left out): every total, table and page shows it. `signed`
    is the contract as signed, for the checks of the printed totals and for
    « signé » beside a value that a decision changed.
    """

    def __init__(self, loaded: Crte):
        if loaded.territoire is None:  # the loader requires territoire.yaml: only a hand-made Crte lacks it
            raise ValueError("the contract has no territory (territoire.yaml)")
        self.territory: Territory = loaded.territoire  # territoire.yaml: its names, acronym
        self.signed = replace(loaded, decisions=(), states=(), suivi=None)
        self.signed_suivi = loaded.suivi
        self.state: State = loaded.current or State(None, loaded, {a.id: a for a in loaded.actions})
        self.decisions = loaded.decisions  # oldest first
        self.states = loaded.states
        self.signed_action = {a.id: a for a in loaded.actions}
        crte = self.crte = self.state.crte
        self.orientation = {o.numero: o for o in crte.orientations}
        self.chantier = {c.numero: c for c in crte.chantiers}
        self.fiche = {f.numero: f for f in crte.fiches}
        self.indicator_block = {b.orientation: b for b in crte.indicator_blocks}
        self.totaux = Totals.of(crte.actions)

        by_chantier: dict[int, list[Action]] = defaultdict(list)
        by_orientation: dict[int, list[Action]] = defaultdict(list)
        for a in crte.actions:
            by_chantier[a.chantier].append(a)
            by_orientation[a.orientation].append(a)
        by_fiche: dict[str, list[Action]] = defaultdict(list)
        for a in crte.actions:
            by_fiche[a.fiche].append(a)
        self.actions_of_fiche = {k: tuple(v) for k, v in by_fiche.items()}

        self.actions: dict[str, ActionView] = {}
        for chantier, actions in by_chantier.items():
            for i, a in enumerate(actions):
                self.actions[a.id] = ActionView(
                    a, self.orientation[a.orientation], self.chantier[chantier], self.fiche[a.fiche],
                    actions[i - 1] if i else None, actions[i + 1] if i + 1 < len(actions) else None,
                    i + 1, len(actions))

        self.orientations: dict[int, OrientationView] = {}
        for o in crte.orientations:
            mine = tuple(by_orientation.get(o.numero, ()))
            elsewhere = tuple(a for c in o.chantiers for a in by_chantier.get(c.numero, ())
                              if a.orientation != o.numero)
            self.orientations[o.numero] = OrientationView(
                o, mine, Totals.of(mine), self.indicator_block.get(o.numero), elsewhere)

        # Communes: an action located in two communes is listed, whole, in both.
        by_commune: dict[str, list[Action]] = defaultdict(list)
        for a in crte.actions:
            for slug in a.localisation.communes if a.localisation else ():
                by_commune[slug].append(a)
        self.communes: dict[str, Group] = {
            c.slug: Group(c.slug, c.nom, tuple(by_commune[c.slug]), Totals.of(by_commune[c.slug]))
            for c in crte.communes}
        self.commune: dict[str, Commune] = {c.slug: c for c in crte.communes}
        self.territoire = tuple(a for a in crte.actions if a.localisation and a.localisation.territoire)
        self.hors_cahc = tuple(a for a in crte.actions if a.localisation and a.localisation.hors_cahc)
        self.sans_lieu = tuple(a for a in crte.actions if a.localisation is None)

        # Project owners, as named in the published cells; joint owners each get the action.
        by_owner: dict[str, list[Action]] = defaultdict(list)
        names: dict[str, str] = {}
        for a in crte.actions:
            for name in owners(a.maitre_ouvrage):
                names.setdefault(slugify(name), name)
                by_owner[slugify(name)].append(a)
        # An owner named once (signed, or by a decision since) keeps its page, and its
        # address, when no action in force names it any more: `anciennes` lists the
        # actions that named it and no longer do (abandoned, or changed).
        in_force = {slug: {a.id for a in acts} for slug, acts in by_owner.items()}
        former: dict[str, dict[str, Action]] = defaultdict(dict)
        for state in self.states[1:]:
            for a in state.actions.values():
                for name in owners(a.maitre_ouvrage):
                    slug = slugify(name)
                    names.setdefault(slug, name)
                    by_owner.setdefault(slug, [])
                    if a.id not in in_force.get(slug, ()):
                        former[slug].setdefault(a.id, self.state.actions[a.id])
        self.anciennes = {slug: tuple(acts.values()) for slug, acts in former.items()}
        self.maitres_ouvrage: dict[str, Group] = {
            slug: Group(slug, names[slug], tuple(acts), Totals.of(acts))
            for slug, acts in sorted(by_owner.items(), key=lambda kv: names[kv[0]].casefold())}

    def part_du_total(self, totaux: Totals) -> Decimal | None:
        """A group's total cost in % of the whole contract's."""
        return percent_value(totaux.cout_total, self.totaux.cout_total) if self.totaux.cout_total else None

    def action_list(self) -> list[ActionView]:
        """Every action in force: the published order, then the added ones."""
        return [self.actions[a.id] for a in self.crte.actions]

    def abandoned_list(self) -> list[ActionView]:
        """Every action abandoned by a decision: its page stays."""
        out = []
        for a in self.state.abandoned():
            chantier = self.chantier[a.chantier]
            out.append(ActionView(a, self.orientation[a.orientation], chantier, self.fiche[a.fiche], None, None, 0,
                                  len([x for x in self.crte.actions if x.chantier == a.chantier])))
        return out

    def status(self, action_id: str) -> ActionStatus:
        """Added by, abandoned by, history of the fields (timeline.ActionStatus)."""
        return self.state.status.get(action_id, ActionStatus())

    def places(self, action_id: str) -> Places:
        """Where the action takes place (views/places.py)."""
        return places(self.state.actions[action_id].localisation, {s: c.nom for s, c in self.commune.items()},
                      self.territory.le_sigle)

    def standing(self, action_id: str) -> Standing:
        """Where the action stands: abandoned, its last tracking, or nothing published (views/standing.py)."""
        return standing(self.status(action_id), self.suivi.actions.get(action_id))

    def changes(self, action_id: str) -> dict[str, tuple[Any, Any]]:
        """{field: (signed value, value in force)} of an action that decisions changed."""
        return changed_fields(self.signed_action.get(action_id), self.state.actions[action_id])

    @cached_property
    def decision_views(self) -> list[DecisionView]:
        """Every decision, newest first."""
        return list(reversed(decision_views(self.states)))

    @property
    def programme(self) -> Wording:
        """The words for the actions counted (living.Wording)."""
        return IN_FORCE if self.decisions else SIGNED

    @cached_property
    def suivi(self) -> Board:
        """The tracking dashboard (views/tracking.py): status, money, funders, indicators."""
        return board(self.signed_suivi, self.crte.actions, self.state.abandoned(),
                     [(o.numero, o.titre) for o in self.crte.orientations], self.crte.indicators)

    @cached_property
    def signed_views(self) -> Views:
        """The views of the contract as signed (/finances/ shows its tables too)."""
        return self if not self.decisions else Views(self.signed)
