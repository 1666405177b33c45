"""Reading data/suivi/ and the checks of the tracking (article 8), run once the
contract in force is known (they need the decisions' dates and current costs):

- a tracking file is named after an action (suivi/actions/<id>.yaml) or an
  indicator (suivi/indicateurs/<id>.yaml) that exists;
- a funder is one of suivi/financeurs.yaml, a scheme one of that funder's;
- a funder has one slug and one name: neither twice, nor one name (as a slug,
  names.slugify) under two slugs, which would split its financing between two
  pages, as two spellings of one owner would (checks.py);
- granted above requested needs `explication` on the line;
- the granted total, or the money spent, above the action's cost in force needs
  `explication` in the action's file;
- a tracking entry is dated neither before the action exists (the signature, or
  the decision that added it) nor after today, and entries are in date order;
- a status that goes back (réalisée → en cours) says why in `commentaire`;
- « abandonnée » is not a status: an action is abandoned by a decision;
- a measure's year is not after this year nor before the reference year, and
  one year has one measure; a value in % lies between 0 and 100, a count or an
  amount is not negative.

`read(data, validate) -> Tracking`: what data/suivi/ holds (files.DataFolder reads it)
(empty when the folder does not exist: nothing has been published yet).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from .checks import unique
from .errors import ErrorList, Where
from .files import DataFolder
from .names import slugify
from .reader import SLUG_MAX, SLUG_RE, to_raw
from .timeline import State
from .tracking import STATUSES, ActionTracking, Dashboard, Funder, Funders, IndicatorTracking

FOLDER = "suivi"
NON_NEGATIVE_UNITS = ("nombre", "km", "m", "m²", "ha", "€", "euros", "logements", "emplois", "entreprises", "tonnes")


@dataclass(frozen=True)
class Tracking:
    dashboard: Dashboard | None = None
    funders: Funders | None = None
    actions: dict[str, ActionTracking] = field(default_factory=dict)
    indicators: dict[str, IndicatorTracking] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.actions or self.indicators)


def read(data: DataFolder, validate: Callable[[type, Any, str, ErrorList], Any]) -> Tracking:
    folder = data.path / FOLDER
    if not data.folder(folder):
        return Tracking()

    def one(path: Path, cls: type) -> Any:
        node = data.parse(path)
        return None if node is None else validate(cls, to_raw(node, data.name(path), data.errors), data.name(path),
                                                  data.errors)

    def many(sub: str, cls: type) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for path in data.entries(folder / sub):
            if not SLUG_RE.fullmatch(path.stem) or len(path.stem) > SLUG_MAX or path.stem in out:
                data.refuse(path, "le nom du fichier est l'identifiant de ce qu'il suit : minuscules sans accents, "
                                  "chiffres et tirets, une fois")
                continue
            if (record := one(path, cls)) is not None:
                out[path.stem] = record
        return out

    board = folder / "tableau-de-bord.yaml"
    funders = folder / "financeurs.yaml"
    return Tracking(one(board, Dashboard) if data.present(board) else None,
                    one(funders, Funders) if data.present(funders) else None,
                    many("actions", ActionTracking), many("indicateurs", IndicatorTracking))


def check_funders(funders: tuple[Funder, ...], errors: ErrorList) -> None:
    unique(errors, ((f.slug, f.where_of("slug"), f.sub("slug")) for f in funders), "financeur")
    named: dict[str, Funder] = {}
    for f in funders:
        other = named.setdefault(slugify(f.nom), f)
        if other.slug != f.slug:
            errors.add(f.where_of("nom"), f.sub("nom"),
                       f"« {f.nom} » et « {other.nom} » ({other.where_of('nom')}) nomment le même financeur sous deux "
                       f"identifiants ({other.slug} et {f.slug}) ; gardez-en un seul et renvoyez-y les lignes de "
                       f"financement")


def check(t: Tracking, state: State, signed_on: dt.date, errors: ErrorList) -> None:
    today = dt.date.today()
    check_funders(t.funders.financeurs if t.funders else (), errors)
    funders = {f.slug: f for f in (t.funders.financeurs if t.funders else ())}
    for action_id, tracking in t.actions.items():
        action = state.actions.get(action_id)
        if action is None:
            errors.add(tracking.where, "(fichier)", f"aucune action « {action_id} » : le fichier porte l'identifiant "
                                                    f"de l'action qu'il suit")
            continue
        added = state.status.get(action_id)
        born = added.added_by.date if added and added.added_by else signed_on
        previous = None
        for step in tracking.etapes:
            if step.date < born:
                errors.add(step.where_of("date"), step.sub("date"), f"l'action n'existe qu'à partir du "
                                                                     f"{born.isoformat()}")
            elif step.date > today:
                errors.add(step.where_of("date"), step.sub("date"), f"date postérieure à aujourd'hui")
            if previous is not None and step.date < previous.date:
                errors.add(step.where_of("date"), step.sub("date"), "les étapes s'écrivent dans l'ordre des dates")
            if previous is not None and STATUSES.index(step.statut) < STATUSES.index(previous.statut) \
                    and not step.commentaire:
                errors.add(step.where_of("statut"), step.sub("statut"),
                           f"le statut recule (« {previous.statut} » → « {step.statut} ») : dites pourquoi dans "
                           f"commentaire")
            previous = step
        granted = Decimal(0)
        for line in tracking.financements:
            funder = funders.get(line.financeur)
            if funder is None:
                errors.add(line.where_of("financeur"), line.sub("financeur"),
                           f"financeur « {line.financeur} » inconnu ; financeurs de suivi/financeurs.yaml : "
                           f"{', '.join(funders) or 'aucun'}")
            elif line.dispositif is not None and funder.dispositifs and line.dispositif not in funder.dispositifs:
                errors.add(line.where_of("dispositif"), line.sub("dispositif"),
                           f"« {line.dispositif} » n'est pas un dispositif de {funder.nom} ; dispositifs : "
                           f"{', '.join(funder.dispositifs)}")
            if line.accorde is not None and line.demande is not None and line.accorde > line.demande \
                    and not line.explication:
                errors.add(line.where_of("accorde"), line.sub("accorde"),
                           "l'accordé dépasse le demandé : expliquez pourquoi (explication)")
            granted += line.accorde or 0
        spent = next((s.depense for s in reversed(tracking.etapes) if s.depense is not None), None)
        for what, amount in (("le total accordé", granted), ("la dépense", spent or 0)):
            if amount > action.cout_total and not tracking.explication:
                errors.add(tracking.where, "explication", f"{what} ({amount}) dépasse le coût en vigueur de l'action "
                                                          f"({action.cout_total}) : expliquez pourquoi (explication)")
    known = {i.id for i in state.crte.indicators}
    for indicator_id, values in t.indicators.items():
        if indicator_id not in known:
            errors.add(values.where, "(fichier)", f"aucun indicateur « {indicator_id} » : le fichier porte "
                                                  f"l'identifiant de l'indicateur qu'il suit")
        for i, ref in enumerate(values.actions):
            if ref not in state.actions:
                errors.add(values.where_of("actions", i), values.sub("actions"), f"l'action « {ref} » n'existe pas")
        start = int(values.valeur_reference.annee[:4]) if values.valeur_reference else 0
        seen: dict[str, Where] = {}
        for m in values.mesures:
            year = int(m.annee[:4])
            if year > today.year or year < start:
                errors.add(m.where_of("annee"), m.sub("annee"),
                           f"l'année {m.annee} est hors de la série ({start or '…'}-{today.year})")
            if m.annee in seen:
                errors.add(m.where_of("annee"), m.sub("annee"), f"une valeur pour {m.annee} existe déjà "
                                                                 f"({seen[m.annee]})")
            seen.setdefault(m.annee, m.where)
        for m in (values.valeur_reference, values.cible, *values.mesures):
            if m is None:
                continue
            if values.unite.strip() == "%" and not 0 <= m.valeur <= 100:
                errors.add(m.where_of("valeur"), m.sub("valeur"), f"{m.valeur} n'est pas un pourcentage (0 à 100), "
                                                                   f"l'unité de l'indicateur étant « % »")
            elif values.unite.strip().lower() in NON_NEGATIVE_UNITS and m.valeur < 0:
                errors.add(m.where_of("valeur"), m.sub("valeur"), f"une valeur négative contredit l'unité "
                                                                   f"« {values.unite} »")
