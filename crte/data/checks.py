"""The checks a schema cannot express, run once every file has been validated
record by record (loader.py). All of them are here:

Within a record
- a section's number starts with its article's (`6.3` in article 6);
- a fiche's number starts with its chantier's (`14.3` in chantier 14);
- an action's territory share does not exceed its total cost;
- a localisation names communes, the whole territory or places outside it.

Addresses (names.py)
- project owner names whose slug is empty, reserved, or shared by two different
  spellings (both would land on one /maitres-ouvrage/ page). A reserved
  identifier (`index`…) is refused by its field type (fields.address), whatever
  the record: action, former id, commune, indicator, funder.

Duplicates
- inside any list of values (communes of a localisation, indicators of an
  action, former ids…) and among the owners of one cell (« GESPATRIM /
  GESPATRIM » would count the action twice);
- an indicator's measures: one per year;
- article numbers, section numbers, party ids;
- orientation, chantier and fiche numbers;
- indicator ids, and one indicator block per orientation;
- commune slugs;
- action ids and former ids (`anciens_ids`), which share one namespace: each is
  a URL that must lead to one page.

Dates
- the signature date is not after today (the build date).

References
- a signatory's party; an indicator block's orientation;
- an action's ENJEU label (which gives its orientation), chantier, fiche,
  indicators and communes.

Totals (reconcile.py), once actions.yaml and orientations.yaml are valid
- every printed total against the computed one: a difference needs an
  explanation whose `ecart` is that difference;
- every finding (ENJEU not the chantier's orientation, fiche of another
  chantier, no territory's share) needs an explanation;
- an explanation that explains nothing any more is refused.

Each check reports `file:line: field: message` into the loader's ErrorList.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from difflib import get_close_matches
from typing import Any

from crte.data.codes import contrat as C, decisions as D
from crte.data.errors import DataError, ErrorList, Where
from crte.data.field_readers import fold
from crte.data.model import Action, ActionsFile, Commune, CommunesFile, Contract, Crte, IndicatorsFile, OrientationsFile, Record
from crte.data.names import named, owner_problems, owners, slugify
from crte.data.reconcile import explanations, findings, reconciliations
from crte.fr import euros  # French amounts in messages; formatting.py imports nothing of ours


def unique(errors: ErrorList, items: Iterable[tuple[Any, Where, str]], what: str) -> None:
    seen: dict[Any, Where] = {}
    for key, where, field in items:
        if key in seen:
            errors.add(where, field, C.EN_DOUBLE(what=what, key=key, where=seen[key]))
        else:
            seen[key] = where


def check_lists(errors: ErrorList, root: Record) -> None:
    """No value twice in a list of values, anywhere under `root`."""
    stack: list[Record] = [root]
    while stack:
        record = stack.pop()
        for name in type(record).model_fields:
            value = getattr(record, name)
            if isinstance(value, Record):
                stack.append(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], Record):
                stack.extend(value)
            elif isinstance(value, tuple):
                unique(errors, ((v, record.where_of(name, i), record.sub(name)) for i, v in enumerate(value)),
                       "valeur")


def check_contract(errors: ErrorList, contract: Contract) -> None:
    if contract.signature.date > dt.date.today():
        errors.add(contract.signature.where_of("date"), contract.signature.sub("date"),
                   C.SIGNATURE_FUTURE(date=contract.signature.date.isoformat()))
    for a in contract.articles:
        for s in a.sections:
            if not s.numero.startswith(f"{a.numero}."):
                errors.add(a.where, a.sub("sections"), C.SECTION_HORS_ARTICLE(section=s.numero, article=a.numero))
    unique(errors, ((a.numero, a.where, a.sub("numero")) for a in contract.articles), "article")
    unique(errors, ((s.numero, s.where, s.sub("numero")) for a in contract.articles for s in a.sections), "section")
    unique(errors, ((p.id, p.where, p.sub("id")) for p in contract.parties), "partie")
    party_ids = {p.id for p in contract.parties}
    for signatory in contract.signature.signataires:
        if signatory.partie not in party_ids:
            errors.unknown(signatory.partie, signatory.where_of("partie"), signatory.sub("partie"),
                           C.PARTIE_INCONNUE(value=signatory.partie, known=", ".join(sorted(party_ids))))


def check_plan(errors: ErrorList, plan: OrientationsFile) -> None:
    for o in plan.orientations:
        for c in o.chantiers:
            for f in c.fiches:
                if f.numero.split(".")[0] != str(c.numero):
                    errors.add(f.where_of("numero"), f.sub("numero"), C.FICHE_HORS_CHANTIER(fiche=f.numero,
                                                                                            chantier=c.numero))
    chantiers = [c for o in plan.orientations for c in o.chantiers]
    unique(errors, ((o.numero, o.where, o.sub("numero")) for o in plan.orientations), "orientation")
    unique(errors, ((c.numero, c.where, c.sub("numero")) for c in chantiers), "chantier")
    unique(errors, ((f.numero, f.where, f.sub("numero")) for c in chantiers for f in c.fiches), "fiche")


def check_indicators(errors: ErrorList, indicators: IndicatorsFile, plan: OrientationsFile | None) -> None:
    blocks = indicators.orientations
    for i in (i for b in blocks for i in b.indicateurs):
        unique(errors, ((m.annee, m.where, m.sub("annee")) for m in i.mesures), "mesure de l'année")
    unique(errors, ((i.id, i.where, i.sub("id")) for b in blocks for i in b.indicateurs), "identifiant d'indicateur")
    unique(errors, ((b.orientation, b.where, b.sub("orientation")) for b in blocks), "orientation")
    if plan is not None:
        numbers = {o.numero for o in plan.orientations}
        for b in blocks:
            if b.orientation not in numbers:
                errors.unknown(b.orientation, b.where, b.sub("orientation"), C.ORIENTATION_INCONNUE(n=b.orientation))


def check_actions(errors: ErrorList, annex: ActionsFile, plan: OrientationsFile | None,
                  indicators: IndicatorsFile | None, communes: CommunesFile | None) -> None:
    """Relations and references of the actions; sets each action's orientation."""
    actions = annex.actions
    check_addresses(errors, annex)
    unique(errors, [*((a.id, a.where, a.sub("id")) for a in actions),
                    *((old, a.where_of("anciens_ids", i), a.sub("anciens_ids"))
                      for a in actions for i, old in enumerate(a.anciens_ids))], "identifiant d'action")
    labels = {o.libelle_annexe: o.numero for o in plan.orientations if o.libelle_annexe} if plan else {}
    chantiers = {c.numero for o in plan.orientations for c in o.chantiers} if plan else set()
    fiches = {f.numero for o in plan.orientations for c in o.chantiers for f in c.fiches} if plan else set()
    indicator_ids = {i.id for b in indicators.orientations for i in b.indicateurs} if indicators else set()
    slugs = {c.slug for c in communes.communes} if communes else set()
    for a in actions:
        a.set_computed(orientation=labels.get(a.enjeu, 0))
        if a.part_cahc is not None and a.part_cahc > a.cout_total:
            errors.add(a.where_of("part_cahc"), a.sub("part_cahc"), C.PART_SUPERIEURE(part=a.part_cahc,
                                                                                     cout=a.cout_total))
        loc = a.localisation
        if loc is not None and not (loc.communes or loc.territoire or loc.hors_cahc):
            errors.add(loc.where, loc.path, C.LOCALISATION_VIDE())
        if plan is not None:
            if a.enjeu not in labels:
                errors.unknown(a.enjeu, a.where, a.sub("enjeu"), C.ENJEU_INCONNU(value=a.enjeu,
                                                                                 known=" | ".join(labels)))
            if a.chantier not in chantiers:
                errors.unknown(a.chantier, a.where, a.sub("chantier"),
                               C.CHANTIER_INCONNU(n=a.chantier, known=", ".join(map(str, sorted(chantiers)))))
            if a.fiche not in fiches:
                errors.unknown(a.fiche, a.where, a.sub("fiche"), C.FICHE_INCONNUE(n=a.fiche))
        if indicators is not None:
            for i, ref in enumerate(a.indicateurs):
                if ref not in indicator_ids:
                    errors.unknown(ref, a.where_of("indicateurs", i), a.sub("indicateurs"),
                                   unknown_indicator(ref, indicators.orientations))
        if communes is not None and loc is not None:
            for i, slug in enumerate(loc.communes):
                if slug not in slugs:
                    errors.unknown(slug, loc.where_of("communes", i), loc.sub("communes"),
                                   unknown_commune(slug, communes.communes, ", ".join(sorted(slugs))))


def unknown_commune(value: str, communes: tuple[Commune, ...], known: str = "") -> str:
    """The message for a commune that data/communes.yaml does not have: named by its
    name rather than its slug, or unknown (with the known ones, when `known`)."""
    if (slug := named(value, {c.slug: c.nom for c in communes})) is not None:
        return C.COMMUNE_INCONNUE("nom", value=value, slug=slug)
    return C.COMMUNE_INCONNUE(value=value, known=known) if known else C.COMMUNE_INCONNUE("date", value=value)


def unknown_indicator(value: str, blocks: Any, variant: str = "") -> str:
    """The message for an indicator id that names none: written as its label, or unknown."""
    labels = {i.id: i.libelle for b in blocks for i in b.indicateurs}
    if (by_label := named(value, labels)) is not None:
        return C.INDICATEUR_INCONNU("nom", value=value, near=by_label)
    return C.INDICATEUR_INCONNU(variant, value=value)


def unknown_action(value: str, actions: dict[str, Action], variant: str = "") -> str:
    """The message for an action id that names no action: written as its title, or
    close to an id, or unknown (`variant`: "indicateur", said without a date)."""
    titles = {fold(a.titre): a.id for a in actions.values()}
    if (by_title := titles.get(fold(value))) is not None:
        return D.ACTION_INCONNUE("titre", value=value, near=by_title)
    near = get_close_matches(value, list(actions), n=1, cutoff=0.8)
    return D.ACTION_INCONNUE("proche", value=value, near=near[0]) if near and not variant else \
        D.ACTION_INCONNUE(variant, value=value)


def check_communes(errors: ErrorList, communes: tuple[Commune, ...]) -> None:
    unique(errors, ((c.slug, c.where, c.sub("slug")) for c in communes), "commune")


def check_addresses(errors: ErrorList, annex: ActionsFile) -> None:
    """Owner names that would not make a page address of their own."""
    owner_slugs: dict[str, tuple[str, Where]] = {}
    for a in annex.actions:
        where = a.where_of("maitre_ouvrage")
        for message in owner_problems(a.maitre_ouvrage):
            errors.add(where, a.sub("maitre_ouvrage"), message)
        for name in owners(a.maitre_ouvrage):
            slug = slugify(name)
            if slug in owner_slugs and owner_slugs[slug][0] != name:
                other, at = owner_slugs[slug]
                errors.add(where, a.sub("maitre_ouvrage"), C.MEME_ADRESSE(name=name, other=other, where=at,
                                                                          slug=slug))
            owner_slugs.setdefault(slug, (name, where))


def check_totals(crte: Crte) -> list[DataError]:
    """Unexplained differences and findings, stale explanations."""
    out: list[DataError] = []
    explained: set[tuple[Where, str]] = set()
    for r in reconciliations(crte):
        e = r.explication
        if e is not None:
            explained.add((e.where, e.kind))
        if r.ecart and e is None:
            out.append(DataError(r.where, r.field, C.ECART(libelle=r.libelle, imprime=euros(r.imprime),
                                                           calcule=euros(r.calcule), calcul=r.calcul,
                                                           ecart=_signed(r.ecart))))
        elif e is not None and e.ecart != r.ecart:
            out.append(DataError(e.where, r.field, C.EXPLICATION_PERIMEE(old=_signed(e.ecart or Decimal(0)),
                                                                         new=_signed(r.ecart), libelle=r.libelle)))
    for f in findings(crte):
        if f.explication is None:
            out.append(DataError(f.where, f.field, C.INCOHERENCE(message=f.message)))
        else:
            explained.add((f.explication.where, f.kind))
    for record in (*crte.actions, crte.published_totals.total, *crte.published_totals.par_annee):
        for e in explanations(record):
            if (e.where, e.kind) not in explained:
                out.append(DataError(e.where, record.sub(f"constats.{e.kind}"), C.EXPLICATION_SANS_OBJET()))
    return out


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + euros(value)
