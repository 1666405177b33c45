"""The typed model of the contract: frozen dataclasses, money as Decimal.

Field names follow the YAML files (French, as staff write them); each record
keeps `where`, the file and line it was read from, so that later checks can
name them in their messages.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import Where


# --- Contract text (data/contract.yaml) -----------------------------------------

@dataclass(frozen=True)
class Party:
    id: str
    nom: str
    representation: str
    representant: str
    designation: str
    mention: str


@dataclass(frozen=True)
class Signatory:
    qualite: str
    nom: str
    partie: str
    where: Where


@dataclass(frozen=True)
class Signature:
    lieu: str
    date: dt.date
    date_publiee: str
    signataires: tuple[Signatory, ...]


@dataclass(frozen=True)
class Axis:
    numero: int
    titre: str


@dataclass(frozen=True)
class Preamble:
    texte: str
    axes_pma: tuple[Axis, ...]


@dataclass(frozen=True)
class Section:
    numero: str  # "6.3"
    numero_publie: str  # as printed: "6.3" or "6.1."
    titre: str
    texte: str
    where: Where

    @property
    def anchor(self) -> str:
        return "article-" + self.numero.replace(".", "-")


@dataclass(frozen=True)
class Article:
    numero: int
    titre: str
    separateur: str  # the printed separator after "Article N": "-", "–" or ":"
    texte: str
    # Where the article's list is drawn from the data instead of repeated as text:
    # "orientations" (article 3) or "indicateurs" (article 9).
    insertion: str | None
    texte_apres: str | None
    sections: tuple[Section, ...]
    where: Where

    @property
    def anchor(self) -> str:
        return f"article-{self.numero}"


@dataclass(frozen=True)
class Annex:
    numero: int
    titre: str
    separateur: str
    publiee: bool  # is the annex's content part of the published document?


@dataclass(frozen=True)
class Contract:
    titre: str
    sous_titre: str
    parties: tuple[Party, ...]
    formule: str
    preambule: Preamble
    articles: tuple[Article, ...]
    signature: Signature
    annexes: tuple[Annex, ...]


# --- Orientations, chantiers, fiches (data/orientations.yaml) ----------------------

@dataclass(frozen=True)
class Fiche:
    numero: str  # "14.3": text, never a float ("19.10" is not "19.1")
    titre: str
    chantier: int
    where: Where


@dataclass(frozen=True)
class Chantier:
    numero: int
    titre: str
    orientation: int
    orientation_source: str
    fiches: tuple[Fiche, ...]
    where: Where


@dataclass(frozen=True)
class Orientation:
    numero: int
    titre: str  # article 3
    description: str  # article 3
    libelle_annexe: str | None  # ENJEU column of annex 3, None if no row uses it
    chantiers: tuple[Chantier, ...]
    where: Where


# --- Actions (data/actions.yaml) -------------------------------------------------------

@dataclass(frozen=True)
class Explanation:
    """Why the site publishes an inconsistency of the signed document instead of
    correcting it: written by staff in the record's `constats` field."""

    kind: str  # "orientation", "part_cahc", "cout_total", ...
    texte: str
    ecart: Decimal | None  # for a printed total: the difference it explains
    where: Where


Explanations = tuple[Explanation, ...]


def explanation(explanations: Explanations, kind: str) -> Explanation | None:
    return next((e for e in explanations if e.kind == kind), None)


@dataclass(frozen=True)
class Localisation:
    """Where an action takes place, as far as the document says."""

    communes: tuple[str, ...]  # slugs of data/communes.yaml
    territoire: bool  # the whole territory of the agglomeration
    hors_cahc: tuple[str, ...]  # places outside the 14 communes
    source: str  # where the document says so


@dataclass(frozen=True)
class Action:
    id: str
    enjeu: str  # orientation label exactly as published
    orientation: int  # resolved from `enjeu`
    chantier: int
    fiche: str
    maitre_ouvrage: str
    titre: str
    description: str
    annee_lancement: str  # as published: "2021" or "2021-2022"
    cout_total: Decimal
    part_cahc: Decimal | None  # None: the annex gives no share (not zero)
    indicateurs: tuple[str, ...]
    constats: Explanations
    where: Where
    localisation: Localisation | None = None  # None: not stated by the document
    anciens_ids: tuple[str, ...] = ()  # former ids, whose URLs redirect here


@dataclass(frozen=True)
class Amounts:
    cout_total: Decimal
    part_cahc: Decimal
    constats: Explanations
    where: Where


@dataclass(frozen=True)
class YearAmounts:
    annee: str
    cout_total: Decimal
    part_cahc: Decimal
    constats: Explanations
    where: Where


@dataclass(frozen=True)
class PublishedTotals:
    """The TOTAL row and per-year rows printed in annex 3 (compared, never summed)."""

    total: Amounts
    par_annee: tuple[YearAmounts, ...]


# --- Indicators (data/indicators.yaml) ------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    annee: str
    valeur: Decimal
    where: Where


@dataclass(frozen=True)
class Indicator:
    id: str
    libelle: str
    orientation: int
    groupe: str | None
    unite: str | None = None
    source: str | None = None
    valeur_reference: Measure | None = None
    cible: Measure | None = None
    mesures: tuple[Measure, ...] = ()
    where: Where = field(default=Where("", 0), compare=False)


@dataclass(frozen=True)
class IndicatorGroup:
    titre: str | None  # orientation 5 has titled groups; 3 and 4 untitled paragraphs
    indicateurs: tuple[Indicator, ...]


@dataclass(frozen=True)
class IndicatorBlock:
    orientation: int
    titre_publie: str  # the orientation's heading in article 9, as printed
    groupes: tuple[IndicatorGroup, ...]
    where: Where

    @property
    def indicateurs(self) -> tuple[Indicator, ...]:
        return tuple(i for g in self.groupes for i in g.indicateurs)


# --- Communes (data/communes.yaml) -------------------------------------------------------------

@dataclass(frozen=True)
class Commune:
    slug: str
    nom: str
    where: Where


# --- Everything -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Crte:
    contract: Contract
    orientations: tuple[Orientation, ...]
    actions: tuple[Action, ...]
    published_totals: PublishedTotals
    indicator_blocks: tuple[IndicatorBlock, ...]
    communes: tuple[Commune, ...] = ()

    @property
    def chantiers(self) -> tuple[Chantier, ...]:
        return tuple(c for o in self.orientations for c in o.chantiers)

    @property
    def fiches(self) -> tuple[Fiche, ...]:
        return tuple(f for c in self.chantiers for f in c.fiches)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for b in self.indicator_blocks for i in b.indicateurs)
