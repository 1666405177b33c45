"""Reading data/suivi/ and the checks of the tracking (article 8), run once the
contract in force is known (they need the decisions' dates and current costs):

- every file of data/suivi/ is read or reported: a tracking file put in suivi/
  instead of suivi/actions/ says where it belongs;
- a tracking file is named after an action (suivi/actions/<id>.yaml, or one of
  its former ids) or an indicator (suivi/indicateurs/<id>.yaml) that exists;
- a funder is one of suivi/financeurs.yaml (named by its slug, not its name), a
  scheme one of that funder's;
- a funder has one slug and one name: neither twice, nor one name (as a slug,
  names.slugify) under two slugs, which would split its financing between two
  pages, as two spellings of one owner would (checks.py);
- granted above requested needs `explication` on the line;
- the granted total, or the money spent, above the action's cost in force needs
  `explication` in the action's file: reported at the line that goes above it;
- a tracking entry is dated neither before the action exists (the signature, or
  the decision that added it), nor after the decision that abandoned it, nor
  after today, and entries are in date order; the dashboard is not dated after today;
- a status that goes back (réalisée → en cours) says why in `commentaire`;
- « abandonnée » is not a status: an action is abandoned by a decision;
- a measure's year is not after this year nor before the reference year, and
  one year has one measure; a value keeps within its unit's bounds (0 to 100
  for %, not negative for a count; units come from indicators.UNITS).

What depends on a decision that could not be read (ErrorList.left_out) is
checked as far as it can be without it, or said once to depend on it.

`read(data) -> Tracking`: what data/suivi/ holds (files.DataFolder reads it)
(empty when the folder does not exist: nothing has been published yet).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from crte import fr
from crte.data.checks import unique, unknown_action
from crte.data.codes import decisions as D, fichiers as K, suivi as S
from crte.data.errors import ErrorList, Where
from crte.data.files import DataFolder
from crte.data.indicators import UNITS
from crte.data.names import named, slugify
from crte.data.reader import SLUG_MAX, SLUG_RE
from crte.data.timeline import State
from crte.data.tracking import STATUSES, ActionTracking, Dashboard, Funder, Funders, IndicatorTracking
from crte.data.validation import read_record

FOLDER = "suivi"
BOARD, FUNDERS, ACTIONS, INDICATORS = "tableau-de-bord.yaml", "financeurs.yaml", "actions", "indicateurs"


@dataclass(frozen=True)
class Tracking:
    dashboard: Dashboard | None = None
    funders: Funders | None = None
    actions: dict[str, ActionTracking] = field(default_factory=dict)
    indicators: dict[str, IndicatorTracking] = field(default_factory=dict)
    stray: tuple[tuple[str, str], ...] = ()  # .yaml files directly in suivi/ that no reader takes: (display, stem)
    no_funders: str | None = None  # suivi/financeurs.yaml as messages name it, when it does not exist

    @property
    def empty(self) -> bool:
        return not (self.actions or self.indicators)


def read(data: DataFolder) -> Tracking:
    folder = data.path / FOLDER
    if not data.folder(folder):
        return Tracking()

    def one(path: Path, cls: type) -> Any:
        return read_record(data, path, cls)

    def many(sub: str, cls: type) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for path in data.entries(folder / sub):
            if not SLUG_RE.fullmatch(path.stem) or len(path.stem) > SLUG_MAX or path.stem in out:
                data.report(path, S.NOM_DE_FICHIER())
                continue
            if (record := one(path, cls)) is not None:
                out[path.stem] = record
        return out

    stray: list[tuple[str, str]] = []
    for path in data.listing(folder):
        if path.name in (BOARD, FUNDERS, ACTIONS, INDICATORS):
            continue  # read below (a folder or a file in the wrong place reported there)
        if path.is_dir():
            data.report(path, K.DOSSIER_NON_LU("suivi"))
        elif data.yaml_file(path):
            stray.append((data.name(path), path.stem))
    board, funders = folder / BOARD, folder / FUNDERS
    return Tracking(one(board, Dashboard) if data.present(board) else None,
                    one(funders, Funders) if data.present(funders) else None,
                    many(ACTIONS, ActionTracking), many(INDICATORS, IndicatorTracking), tuple(stray),
                    None if data.present(funders) else data.name(funders))


def report_stray(t: Tracking, actions: set[str], indicators: set[str], errors: ErrorList) -> None:
    """The files of suivi/ that no reader takes, told where they belong when their name
    is that of an action or an indicator (ids known so far, former ids included)."""
    for display, stem in t.stray:
        name = display.rsplit("/", 1)[-1]
        if stem in actions:
            errors.add(Where(display, 1), "(fichier)", K.FICHIER_NON_LU("action", name=stem, file=name))
        elif stem in indicators:
            errors.add(Where(display, 1), "(fichier)", K.FICHIER_NON_LU("indicateur", name=stem, file=name))
        else:
            errors.add(Where(display, 1), "(fichier)", K.FICHIER_NON_LU("suivi"))


def check_funders(funders: tuple[Funder, ...], errors: ErrorList) -> None:
    unique(errors, ((f.slug, f.where_of("slug"), f.sub("slug")) for f in funders), "financeur")
    named_as: dict[str, Funder] = {}
    for f in funders:
        other = named_as.setdefault(slugify(f.nom), f)
        if other.slug != f.slug:
            errors.add(f.where_of("nom"), f.sub("nom"), S.MEME_FINANCEUR(name=f.nom, other=other.nom,
                                                                        where=other.where_of("nom"),
                                                                        first=other.slug, second=f.slug))


def check(t: Tracking, state: State, signed_on: dt.date, errors: ErrorList) -> Tracking:
    """Check the tracking against the contract in force; return it with each action's
    file under the action's current id (a file may bear a former id)."""
    today = dt.date.today()
    report_stray(t, set(state.actions) | set(state.aliases), {i.id for i in state.crte.indicators}, errors)
    check_funders(t.funders.financeurs if t.funders else (), errors)
    if (board := t.dashboard) is not None and board.date > today:
        errors.add(board.where_of("date"), board.sub("date"), D.FUTURE("tableau", date=board.date.isoformat()))
    elif board is not None and board.date < signed_on:
        errors.add(board.where_of("date"), board.sub("date"), S.AVANT_ACTION("tableau", date=board.date.isoformat(),
                                                                             signed=signed_on.isoformat()))
    # None: no suivi/financeurs.yaml at all (said once below, not at each line that names a funder).
    funders = None if t.no_funders else {f.slug: f for f in (t.funders.financeurs if t.funders else ())}
    if t.no_funders is not None and (lines := [line for a in t.actions.values() for line in a.financements]):
        first, others = min(lines, key=lambda line: line.where), len(lines) - 1
        errors.add(first.where_of("financeur"), first.sub("financeur"), S.SANS_REFERENTIEL(
            "plusieurs" if others else "", file=t.no_funders, n=others, s=fr.plural(others, "", "s")))
    actions: dict[str, ActionTracking] = {}
    for stem, tracking in t.actions.items():
        action_id = state.aliases.get(stem, stem)
        if action_id in actions:
            errors.add(tracking.where, "(fichier)", S.EN_DOUBLE(value=action_id, other=actions[action_id].where.file,
                                                                old=stem))
            continue
        actions[action_id] = tracking
        action = state.actions.get(action_id)
        if action is None:
            near = get_close_matches(stem, list(state.actions), n=1, cutoff=0.8)
            errors.unknown(stem, tracking.where, "(fichier)", S.ACTION_SUIVIE("proche", value=stem, near=near[0])
                           if near else S.ACTION_SUIVIE(value=stem))
        # What depends on a decision with an error (its dates, the cost it sets) is not checked.
        known = action if action is not None and action_id not in errors.unsure else None
        _steps(tracking, known, state, signed_on, today, errors)
        _financing(tracking, known, state, funders, errors)
    _indicators(t, state, today, errors)
    return replace(t, actions=actions)


def _abandoned(action: Any, state: State) -> Any:
    status = state.status.get(action.id) if action is not None else None
    return status.abandoned_by if status else None


def _steps(tracking: ActionTracking, action: Any, state: State, signed_on: dt.date, today: dt.date,
           errors: ErrorList) -> None:
    status = state.status.get(action.id) if action is not None else None
    born = status.added_by.date if status and status.added_by else signed_on
    gone = _abandoned(action, state)
    previous = None
    for step in tracking.etapes:
        where, path = step.where_of("date"), step.sub("date")
        if action is not None and step.date < born:
            errors.add(where, path, S.AVANT_ACTION(date=born.isoformat()))
        elif step.date > today:
            errors.add(where, path, D.FUTURE("etape"))
        elif gone is not None and step.date > gone.date:
            errors.add(where, path, S.APRES_ABANDON(date=gone.date.isoformat(), intitule=gone.intitule, id=gone.id,
                                                    statut=step.statut))
        if previous is not None and step.date < previous.date:
            errors.add(where, path, S.DESORDRE())
        if previous is not None and STATUSES.index(step.statut) < STATUSES.index(previous.statut) \
                and not step.commentaire:
            errors.add(step.where_of("statut"), step.sub("statut"), S.RECUL(before=previous.statut, after=step.statut))
        previous = step
    spent = next((s for s in reversed(tracking.etapes) if s.depense is not None), None)
    if action is not None and spent is not None and spent.depense > action.cout_total and not tracking.explication:
        errors.add(spent.where_of("depense"), spent.sub("depense"),
                   S.DEPASSE("depense", amount=spent.depense, cost=action.cout_total))


def _financing(tracking: ActionTracking, action: Any, state: State, funders: dict[str, Any] | None,
               errors: ErrorList) -> None:
    gone = _abandoned(action, state)
    granted, over = Decimal(0), False
    for line in tracking.financements:
        funder = funders.get(line.financeur) if funders is not None else None
        if funder is None and funders is not None:
            errors.unknown(line.financeur, line.where_of("financeur"), line.sub("financeur"),
                           _unknown_funder(line.financeur, funders))
        elif (funder is not None and line.dispositif is not None and funder.dispositifs
              and line.dispositif not in funder.dispositifs):
            errors.add(line.where_of("dispositif"), line.sub("dispositif"),
                       S.DISPOSITIF(value=line.dispositif, funder=funder.nom, known=", ".join(funder.dispositifs)))
        if line.accorde is not None and line.demande is not None and line.accorde > line.demande \
                and not line.explication:
            errors.add(line.where_of("accorde"), line.sub("accorde"), S.ACCORDE())
        if gone is not None and line.date is not None and line.date > gone.date:
            errors.add(line.where_of("date"), line.sub("date"), S.APRES_ABANDON(
                "financement", date=gone.date.isoformat(), intitule=gone.intitule, id=gone.id))
        granted += line.accorde or 0
        if action is not None and not over and granted > action.cout_total and not tracking.explication:
            over = True
            errors.add(line.where_of("accorde"), line.sub("accorde"),
                       S.DEPASSE("accorde", amount=granted, cost=action.cout_total))


def _unknown_funder(value: str, funders: dict[str, Any]) -> str:
    known = ", ".join(funders) or "aucun"
    if (slug := named(value, {f.slug: f.nom for f in funders.values()})) is not None:
        return S.FINANCEUR("nom", value=value, slug=slug)
    near = get_close_matches(value, list(funders), n=1, cutoff=0.8)
    return S.FINANCEUR("proche", value=value, slug=near[0], known=known) if near else \
        S.FINANCEUR(value=value, known=known)


def _indicators(t: Tracking, state: State, today: dt.date, errors: ErrorList) -> None:
    known = {i.id for i in state.crte.indicators}
    for indicator_id, values in t.indicators.items():
        if indicator_id not in known:
            errors.unknown(indicator_id, values.where, "(fichier)", S.INDICATEUR_SUIVI(value=indicator_id))
        for i, ref in enumerate(values.actions):
            if state.aliases.get(ref, ref) not in state.actions:
                errors.unknown(ref, values.where_of("actions", i), values.sub("actions"),
                               unknown_action(ref, state.actions, "indicateur"))
        start = int(values.valeur_reference.annee[:4]) if values.valeur_reference else 0
        seen: dict[str, Where] = {}
        for m in values.mesures:
            year = int(m.annee[:4])
            if year > today.year or year < start:
                errors.add(m.where_of("annee"), m.sub("annee"), S.ANNEE_HORS_SERIE(year=m.annee, first=start or "…",
                                                                                   last=today.year))
            if m.annee in seen:
                errors.add(m.where_of("annee"), m.sub("annee"), S.ANNEE_EN_DOUBLE(year=m.annee, where=seen[m.annee]))
            seen.setdefault(m.annee, m.where)
        low, high = UNITS[values.unite]
        for given in (values.valeur_reference, values.cible, *values.mesures):
            if given is None:
                continue
            m = given
            if values.unite == "%" and not 0 <= m.valeur <= 100:
                errors.add(m.where_of("valeur"), m.sub("valeur"), S.HORS_UNITE(value=m.valeur))
            elif low is not None and m.valeur < low:
                errors.add(m.where_of("valeur"), m.sub("valeur"), S.HORS_UNITE("negative", unit=values.unite))
            elif high is not None and m.valeur > high:
                errors.add(m.where_of("valeur"), m.sub("valeur"), S.HORS_UNITE("max", value=m.valeur, max=high,
                                                                               unit=values.unite))
