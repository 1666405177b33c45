"""The model of the whole contract: the records of every file of data/, checked
against each other. Built by loader.load(); frozen once handed out.

The record types are declared in contract.py, plan.py, actions.py and
indicators.py; `FILES` says which file holds which top-level record.
"""
from __future__ import annotations

from dataclasses import dataclass

from .actions import (Action, ActionFindings, ActionsFile, Amounts, Gap, Localisation, PublishedTotals,  # noqa: F401
                      YearAmounts)
from .contract import Annex, Article, Axis, Contract, Party, Preamble, Section, Signatory, Signature  # noqa: F401
from .indicators import Indicator, IndicatorBlock, IndicatorGroup, IndicatorsFile, Measure  # noqa: F401
from .plan import Chantier, Commune, CommunesFile, Fiche, Orientation, OrientationsFile  # noqa: F401
from .record import Record


@dataclass(frozen=True)
class DataFileSpec:
    key: str
    name: str  # file name in data/
    record: type[Record]  # the record the whole file holds


FILES = (
    DataFileSpec("contract", "contract.yaml", Contract),
    DataFileSpec("orientations", "orientations.yaml", OrientationsFile),
    DataFileSpec("actions", "actions.yaml", ActionsFile),
    DataFileSpec("indicators", "indicators.yaml", IndicatorsFile),
    DataFileSpec("communes", "communes.yaml", CommunesFile),
)


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
