"""Load data/ into the model, collecting every error before giving up.

`load(data_dir)` returns a `Crte` or raises `DataErrors` listing every problem as
`file:line: field: message`. Nothing is half-loaded: one error anywhere and no
model is returned, so a build can never publish silently wrong figures.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import checks
from .errors import ErrorList, Where
from .model import (Action, Amounts, Annex, Article, Axis, Chantier, Commune, Contract, Crte, Fiche,
                    Indicator, IndicatorBlock, IndicatorGroup, Localisation, Measure, Orientation, Party,
                    Preamble, PublishedTotals, Section, Signatory, Signature, YearAmounts)
from .yamlnodes import SLUG_RE, MapReader, parse_file

FILES = {
    "contract": "contract.yaml",
    "orientations": "orientations.yaml",
    "actions": "actions.yaml",
    "indicators": "indicators.yaml",
    "communes": "communes.yaml",
}

YEAR_RE = re.compile(r"[0-9]{4}(-[0-9]{4})?")
FICHE_RE = re.compile(r"[1-9][0-9]*\.[0-9]+")
SECTION_RE = re.compile(r"[1-9][0-9]*\.[0-9]+")
INSERTIONS = ("orientations", "indicateurs")
# Kinds of inconsistency a record may carry an explanation for (see checks.py).
ACTION_FINDINGS = ("orientation", "fiche", "part_cahc")
YEAR_FINDINGS = ("cout_total", "part_cahc")
TOTAL_FINDINGS = (*YEAR_FINDINGS, "somme_annees_cout_total", "somme_annees_part_cahc")


def _complete(values: Iterable[Any]) -> bool:
    """True when no required value is missing (a reader reported it already)."""
    return all(v is not None for v in values)


# --- contract.yaml -------------------------------------------------------------------

def _party(r: MapReader) -> Party | None:
    v = (r.slug("id"), r.text("nom"), r.text("representation"), r.text("representant"),
         r.text("designation"), r.text("mention"))
    return Party(*v) if _complete(v) else None


def _signatory(r: MapReader) -> Signatory | None:
    v = (r.text("qualite"), r.text("nom"), r.slug("partie"))
    return Signatory(*v, r.where) if _complete(v) else None


def _signature(r: MapReader) -> Signature | None:
    v = (r.text("lieu"), r.date("date"), r.text("date_publiee"),
         tuple(r.records("signataires", _signatory)))
    return Signature(*v) if _complete(v) else None


def _axis(r: MapReader) -> Axis | None:
    v = (r.integer("numero"), r.text("titre"))
    return Axis(*v) if _complete(v) else None


def _preamble(r: MapReader) -> Preamble | None:
    v = (r.text("texte"), tuple(r.records("axes_pma", _axis)))
    return Preamble(*v) if _complete(v) else None


def _section(r: MapReader) -> Section | None:
    v = (r.text("numero", pattern=SECTION_RE, hint=" : « article.section », ex. \"6.3\""),
         r.text("numero_publie"), r.text("titre"), r.text("texte"))
    return Section(*v, r.where) if _complete(v) else None


def _article(r: MapReader) -> Article | None:
    numero, titre, sep, texte = r.integer("numero"), r.text("titre"), r.text("separateur"), r.text("texte")
    insertion = r.text("insertion", required=False)
    if insertion is not None and insertion not in INSERTIONS:
        r.error(r.fields["insertion"][1], r.sub("insertion"),
                f"« {insertion} » inconnu ; valeurs possibles : {', '.join(INSERTIONS)}")
    texte_apres = r.text("texte_apres", required=False)
    sections = tuple(r.records("sections", _section, required=False))
    for s in sections:
        if numero is not None and not s.numero.startswith(f"{numero}."):
            r.error(r.node, r.sub("sections"),
                    f"la section {s.numero} n'appartient pas à l'article {numero}")
    if not _complete((numero, titre, sep, texte)):
        return None
    return Article(numero, titre, sep, texte, insertion, texte_apres, sections, r.where)


def _annex(r: MapReader) -> Annex | None:
    v = (r.integer("numero"), r.text("titre"), r.text("separateur"), r.boolean("publiee"))
    return Annex(*v) if _complete(v) else None


def _contract(r: MapReader) -> Contract | None:
    v = (r.text("titre"), r.text("sous_titre"), tuple(r.records("parties", _party)),
         r.text("formule"), r.record("preambule", _preamble),
         tuple(r.records("articles", _article)), r.record("signature", _signature),
         tuple(r.records("annexes", _annex)))
    return Contract(*v) if _complete(v) else None


# --- orientations.yaml --------------------------------------------------------------------

def _orientation(r: MapReader) -> Orientation | None:
    numero = r.integer("numero")

    def chantier(rc: MapReader) -> Chantier | None:
        cnum = rc.integer("numero")

        def fiche(rf: MapReader) -> Fiche | None:
            fnum = rf.text("numero", pattern=FICHE_RE, hint=" : « chantier.fiche » entre guillemets, ex. \"14.3\"")
            titre = rf.text("titre")
            if fnum is not None and cnum is not None and fnum.split(".")[0] != str(cnum):
                rf.error(rf.fields["numero"][1], rf.sub("numero"),
                         f"la fiche {fnum} n'appartient pas au chantier {cnum}")
            if not _complete((fnum, titre)):
                return None
            return Fiche(fnum, titre, cnum, rf.where)  # type: ignore[arg-type]

        v = (cnum, rc.text("titre"))
        source = rc.text("orientation_source")
        fiches = tuple(rc.records("fiches", fiche))
        if not _complete((*v, source, numero)):
            return None
        return Chantier(cnum, v[1], numero, source, fiches, rc.where)  # type: ignore[arg-type]

    v = (numero, r.text("titre"), r.text("description"), r.text("libelle_annexe", required=False))
    chantiers = tuple(r.records("chantiers", chantier))
    if not _complete(v[:3]):
        return None
    return Orientation(*v, chantiers, r.where)  # type: ignore[arg-type]


# --- actions.yaml -------------------------------------------------------------------------

def _action(r: MapReader) -> dict[str, Any] | None:
    """Read one action row; `orientation` is resolved later from `enjeu`."""
    v = dict(
        id=r.slug("id"), enjeu=r.text("enjeu"), chantier=r.integer("chantier"),
        fiche=r.text("fiche", pattern=FICHE_RE, hint=" : « chantier.fiche » entre guillemets, ex. \"14.3\""),
        maitre_ouvrage=r.text("maitre_ouvrage"), titre=r.text("titre"), description=r.text("description"),
        annee_lancement=r.text("annee_lancement", pattern=YEAR_RE,
                               hint=" : une année (\"2021\") ou une période (\"2021-2022\")"),
        cout_total=r.money("cout_total"),
    )
    part = r.money("part_cahc", required=False)
    refs = r.text_list("indicateurs", pattern=SLUG_RE)
    constats = r.explanations("constats", ACTION_FINDINGS)
    localisation = r.record("localisation", _localisation, required=False)
    former = r.text_list("anciens_ids", pattern=SLUG_RE)
    if v["cout_total"] is not None and part is not None and part > v["cout_total"]:
        r.error(r.fields["part_cahc"][1], r.sub("part_cahc"),
                f"la part CAHC ({part}) dépasse le coût total ({v['cout_total']})")
    if not _complete(v.values()):
        return None
    return dict(v, part_cahc=part, indicateurs=refs, constats=constats, where=r.where, path=r.path,
                localisation=localisation, anciens_ids=former)


def _localisation(r: MapReader) -> tuple[Localisation, list[tuple[str, Where]]] | None:
    """The localisation, with its commune references (checked against communes.yaml later)."""
    communes = r.text_list("communes", pattern=SLUG_RE)
    territoire = r.boolean("territoire", required=False) or False
    hors = r.text_list("hors_cahc")
    source = r.text("source")
    if not (communes or territoire or hors):
        r.error(r.node, r.path, "indiquez au moins communes, territoire ou hors_cahc (ou retirez localisation"
                                " si le document ne dit pas où se situe l'action)")
    if source is None:
        return None
    loc = Localisation(tuple(c for c, _ in communes), territoire, tuple(h for h, _ in hors), source)
    return loc, communes


def _commune(r: MapReader) -> Commune | None:
    v = (r.slug("slug"), r.text("nom"))
    return Commune(*v, r.where) if _complete(v) else None


def _amounts(r: MapReader) -> Amounts | None:
    v = (r.money("cout_total"), r.money("part_cahc"))
    constats = r.explanations("constats", TOTAL_FINDINGS, with_gap=True)
    return Amounts(*v, constats, r.where) if _complete(v) else None


def _year_amounts(r: MapReader) -> YearAmounts | None:
    v = (r.text("annee", pattern=YEAR_RE, hint=" : une année, ex. \"2021\""),
         r.money("cout_total"), r.money("part_cahc"))
    constats = r.explanations("constats", YEAR_FINDINGS, with_gap=True)
    return YearAmounts(*v, constats, r.where) if _complete(v) else None


def _published_totals(r: MapReader) -> PublishedTotals | None:
    v = (r.record("total", _amounts), tuple(r.records("par_annee", _year_amounts)))
    return PublishedTotals(*v) if _complete(v) else None


# --- indicators.yaml -------------------------------------------------------------------------

def _measure(r: MapReader) -> Measure | None:
    v = (r.text("annee", pattern=YEAR_RE, hint=" : une année, ex. \"2021\""), r.number("valeur"))
    return Measure(*v, r.where) if _complete(v) else None


def _indicator_block(r: MapReader) -> IndicatorBlock | None:
    orientation = r.integer("orientation")
    titre = r.text("titre_publie")

    def group(rg: MapReader) -> IndicatorGroup:
        gtitre = rg.text("titre", required=False)

        def indicator(ri: MapReader) -> Indicator | None:
            v = (ri.slug("id"), ri.text("libelle"))
            extra = dict(
                unite=ri.text("unite", required=False), source=ri.text("source", required=False),
                valeur_reference=ri.record("valeur_reference", _measure, required=False),
                cible=ri.record("cible", _measure, required=False),
                mesures=tuple(ri.records("mesures", _measure, required=False)),
            )
            if not _complete((*v, orientation)):
                return None
            return Indicator(v[0], v[1], orientation, gtitre, where=ri.where, **extra)  # type: ignore[arg-type]

        return IndicatorGroup(gtitre, tuple(rg.records("indicateurs", indicator)))

    groupes = tuple(r.records("groupes", group))
    if not _complete((orientation, titre)):
        return None
    return IndicatorBlock(orientation, titre, groupes, r.where)  # type: ignore[arg-type]


# --- cross-file checks ------------------------------------------------------------------------

def _unique(errors: ErrorList, items: Iterable[tuple[Any, Where, str]], what: str) -> None:
    seen: dict[Any, Where] = {}
    for key, where, field in items:
        if key in seen:
            errors.add(where, field, f"{what} « {key} » en double (déjà utilisé en {seen[key]})")
        else:
            seen[key] = where


def load(data_dir: Path | str, display_dir: str = "data") -> Crte:
    """Read and validate every file of `data_dir`; raise DataErrors listing all problems."""
    data_dir = Path(data_dir)
    errors = ErrorList()
    roots: dict[str, MapReader | None] = {}
    for key, name in FILES.items():
        display = f"{display_dir}/{name}"
        path = data_dir / name
        if not path.is_file():
            errors.add(Where(display, 1), "(fichier)", "fichier introuvable")
            roots[key] = None
            continue
        node = parse_file(path, display, errors)
        roots[key] = MapReader(node, "", display, errors) if node is not None else None

    contract = orientations = raw_actions = totals = blocks = communes = None
    if (r := roots["contract"]) and r.ok:
        contract = _contract(r)
        r.finish()
    if (r := roots["orientations"]) and r.ok:
        orientations = tuple(r.records("orientations", _orientation))
        r.finish()
    if (r := roots["actions"]) and r.ok:
        raw_actions = r.records("actions", _action)
        totals = r.record("totaux_publies", _published_totals)
        r.finish()
    if (r := roots["indicators"]) and r.ok:
        blocks = tuple(r.records("orientations", _indicator_block))
        r.finish()
    if (r := roots["communes"]) and r.ok:
        communes = tuple(r.records("communes", _commune))
        r.finish()
        _unique(errors, ((c.slug, c.where, "communes.slug") for c in communes), "commune")

    actions = _check_references(errors, contract, orientations, raw_actions, blocks, communes)
    errors.raise_if_any()
    assert contract and orientations is not None and totals and blocks is not None and communes is not None
    crte = Crte(contract, orientations, actions, totals, blocks, communes)
    # The records are valid one by one; now they must agree with each other and
    # with the printed totals, or say why not (see checks.py).
    errors.errors.extend(checks.errors(crte))
    errors.raise_if_any()
    return crte


def _check_references(errors: ErrorList, contract: Contract | None,
                      orientations: tuple[Orientation, ...] | None,
                      raw_actions: list[dict[str, Any]] | None,
                      blocks: tuple[IndicatorBlock, ...] | None,
                      communes: tuple[Commune, ...] | None) -> tuple[Action, ...]:
    """Uniqueness and references between records; returns the resolved actions."""
    if contract:
        _unique(errors, ((a.numero, a.where, "articles.numero") for a in contract.articles), "article")
        _unique(errors, ((s.numero, s.where, "articles.sections.numero")
                         for a in contract.articles for s in a.sections), "section")
        party_ids = {p.id for p in contract.parties}
        for s in contract.signature.signataires:
            if s.partie not in party_ids:
                errors.add(s.where, "signature.signataires.partie",
                           f"partie « {s.partie} » inconnue ; parties : {', '.join(sorted(party_ids))}")

    labels: dict[str, int] = {}
    chantiers: dict[int, Chantier] = {}
    fiches: dict[str, Fiche] = {}
    if orientations is not None:
        _unique(errors, ((o.numero, o.where, "orientations.numero") for o in orientations), "orientation")
        _unique(errors, ((c.numero, c.where, "chantiers.numero")
                         for o in orientations for c in o.chantiers), "chantier")
        _unique(errors, ((f.numero, f.where, "fiches.numero")
                         for o in orientations for c in o.chantiers for f in c.fiches), "fiche")
        labels = {o.libelle_annexe: o.numero for o in orientations if o.libelle_annexe}
        chantiers = {c.numero: c for o in orientations for c in o.chantiers}
        fiches = {f.numero: f for c in chantiers.values() for f in c.fiches}

    indicator_ids: set[str] = set()
    if blocks is not None:
        numbers = {o.numero for o in orientations or ()}
        indicator_ids = {i.id for b in blocks for i in b.indicateurs}
        _unique(errors, ((i.id, i.where, "indicateurs.id") for b in blocks for i in b.indicateurs),
                "identifiant d'indicateur")
        _unique(errors, ((b.orientation, b.where, "orientations.orientation") for b in blocks), "orientation")
        if orientations is not None:
            for b in blocks:
                if b.orientation not in numbers:
                    errors.add(b.where, "orientations.orientation",
                               f"l'orientation {b.orientation} n'existe pas dans data/orientations.yaml")

    actions: list[Action] = []
    if raw_actions is None:
        return ()
    # Current and former ids share one namespace: each is a URL that must lead to one page.
    _unique(errors, [*((a["id"], a["where"], f"{a['path']}.id") for a in raw_actions),
                     *((old, w, f"{a['path']}.anciens_ids") for a in raw_actions for old, w in a["anciens_ids"])],
            "identifiant d'action")
    slugs = {c.slug for c in communes} if communes is not None else None
    for a in raw_actions:
        path, where = a.pop("path"), a["where"]
        orientation = labels.get(a["enjeu"])
        if orientations is not None:
            if orientation is None:
                errors.add(where, f"{path}.enjeu",
                           f"« {a['enjeu']} » ne correspond au libelle_annexe d'aucune orientation "
                           f"de data/orientations.yaml ; libellés connus : {' | '.join(labels)}")
            if a["chantier"] not in chantiers:
                errors.add(where, f"{path}.chantier",
                           f"le chantier {a['chantier']} n'existe pas dans data/orientations.yaml ; "
                           f"chantiers connus : {', '.join(map(str, sorted(chantiers)))}")
            if a["fiche"] not in fiches:
                errors.add(where, f"{path}.fiche",
                           f"la fiche {a['fiche']} n'existe pas dans data/orientations.yaml")
        a["anciens_ids"] = tuple(old for old, _ in a["anciens_ids"])
        if a["localisation"] is not None:
            loc, refs_communes = a["localisation"]
            a["localisation"] = loc
            for slug, slug_where in refs_communes:
                if slugs is not None and slug not in slugs:
                    errors.add(slug_where, f"{path}.localisation.communes",
                               f"la commune « {slug} » n'existe pas dans data/communes.yaml ; communes :"
                               f" {', '.join(sorted(slugs))}")
        refs = []
        for ref, ref_where in a.pop("indicateurs"):
            if blocks is not None and ref not in indicator_ids:
                errors.add(ref_where, f"{path}.indicateurs",
                           f"l'indicateur « {ref} » n'existe pas dans data/indicators.yaml")
            refs.append(ref)
        actions.append(Action(orientation=orientation or 0, indicateurs=tuple(refs), **a))
    return tuple(actions)
