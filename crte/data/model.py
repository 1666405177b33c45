"""The model of the whole contract: the records of every file of data/, checked
against each other. Built by loader.load(); frozen once handed out.

The record types are declared in contract.py, plan.py, actions.py and
indicators.py; `FILES` says which file holds which top-level record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from crte.data.actions import (  # noqa: F401
    Action,
    ActionFindings,
    ActionsFile,
    Amounts,
    Gap,
    Localisation,
    PublishedColumns,
    PublishedTotals,
    YearAmounts,
)
from crte.data.contract import Annex, Article, Axis, Contract, Party, Preamble, Section, Signatory, Signature  # noqa: F401
from crte.data.decisions import Decision
from crte.data.fields import Text
from crte.data.glossary import GlossaryFile, Term
from crte.data.indicators import Indicator, IndicatorBlock, IndicatorGroup, IndicatorsFile, Measure  # noqa: F401
from crte.data.plan import Chantier, Commune, CommunesFile, Fiche, Orientation, OrientationsFile  # noqa: F401
from crte.data.record import Record
from crte.data.territory import Territory
from crte.data.tracking import ActionTracking, Dashboard, Funders, IndicatorTracking

__all__ = ["Action", "ActionFindings", "ActionTracking", "ActionsFile", "Amounts", "Annex", "Article", "Axis",
           "Chantier", "Commune", "CommunesFile", "Contract", "Crte", "DECISIONS", "Dashboard", "DataFileSpec",
           "Decision", "EXAMPLE", "ExampleNotice", "FILES", "Fiche", "Funders", "GLOSSARY", "Gap", "GlossaryFile",
           "Indicator", "IndicatorBlock",
           "IndicatorGroup", "IndicatorTracking", "IndicatorsFile", "Localisation", "Measure", "Orientation",
           "OrientationsFile", "Party", "Preamble", "PublishedColumns", "PublishedTotals", "Record", "Section",
           "Signatory", "Signature", "TRACKING", "Term", "Territory", "Text", "YearAmounts"]

if TYPE_CHECKING:  # built from this model by timeline.py and tracking_checks.py, which import it
    from crte.data.timeline import State
    from crte.data.tracking_checks import Tracking


class ExampleNotice(Record):
    """exemple.yaml : présent dans un dossier de données fictif (examples/), jamais dans data/. Chaque page
    construite à partir de ce dossier porte le bandeau « Exemple fictif » avec cet avertissement."""

    avertissement: Text = Field(description="Ce qui est inventé dans cet exemple, en une phrase.")


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
    DataFileSpec("territoire", "territoire.yaml", Territory),
)
# Optional: one file per decision taken after the signature, and the notice of a fictitious example.
DECISIONS = DataFileSpec("decision", "decisions/<id>.yaml", Decision)
EXAMPLE = DataFileSpec("exemple", "exemple.yaml", ExampleNotice)
# Optional: the glossary of the words the site explains (/glossaire/).
GLOSSARY = DataFileSpec("glossaire", "glossaire.yaml", GlossaryFile)
# Optional: the tracking (article 8), in data/suivi/.
TRACKING = (
    DataFileSpec("tableau-de-bord", "suivi/tableau-de-bord.yaml", Dashboard),
    DataFileSpec("financeurs", "suivi/financeurs.yaml", Funders),
    DataFileSpec("suivi-action", "suivi/actions/<id>.yaml", ActionTracking),
    DataFileSpec("suivi-indicateur", "suivi/indicateurs/<id>.yaml", IndicatorTracking),
)


@dataclass(frozen=True)
class Crte:
    contract: Contract
    orientations: tuple[Orientation, ...]
    actions: tuple[Action, ...]
    published_totals: PublishedTotals
    indicator_blocks: tuple[IndicatorBlock, ...]
    communes: tuple[Commune, ...] = ()
    territoire: Territory | None = None  # territoire.yaml: always there once loaded
    colonnes: PublishedColumns | None = None  # actions.yaml's printed column headers, when given
    exemple: str | None = None  # exemple.yaml's notice: this is a fictitious example
    glossaire: tuple[Term, ...] = ()  # glossaire.yaml's terms, when the file is there
    # Set by the loader on the signed contract: the decisions taken after the
    # signature (data/decisions/) and the contract after each of them
    # (timeline.State; states[0] is the signed contract itself).
    decisions: tuple[Decision, ...] = ()
    states: tuple[State, ...] = ()
    # data/suivi/ (tracking_checks.Tracking): status, financing, spending, indicator values.
    suivi: Tracking | None = None

    @property
    def current(self) -> State | None:
        """The contract in force today (timeline.State), or None before the timeline is computed."""
        return self.states[-1] if self.states else None

    @property
    def chantiers(self) -> tuple[Chantier, ...]:
        return tuple(c for o in self.orientations for c in o.chantiers)

    @property
    def fiches(self) -> tuple[Fiche, ...]:
        return tuple(f for c in self.chantiers for f in c.fiches)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for b in self.indicator_blocks for i in b.indicateurs)
