"""Records of data/indicators.yaml: the indicators of article 9, by orientation,
in published order. The contract gives no value: none may be invented.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, computed_field, model_validator

from crte.data.fields import IndicatorId, Integer, Number, Text, Year, choice
from crte.data.record import Record

# The units of an indicator's values, each with the bounds its values keep within
# (None: no bound): a declared list, so that the bounds always apply (a unit typed
# freely, « pourcent », would lift them).
UNITS: dict[str, tuple[int | None, int | None]] = {
    "%": (0, 100), "‰": (0, 1000), "nombre": (0, None), "indice": (None, None), "€": (0, None),
    "km": (0, None), "m": (0, None), "m²": (0, None), "ha": (0, None), "tonnes": (0, None), "kg": (0, None),
    "MWh": (0, None), "GWh": (0, None), "tCO2e": (None, None), "µg/m³": (0, None), "mg/l": (0, None),
    "années": (0, None), "jours": (0, None), "logements": (0, None), "emplois": (0, None),
    "entreprises": (0, None), "personnes": (0, None),
}
UNIT_ALIASES = {"pourcent": "%", "pourcentage": "%", "pour cent": "%", "percent": "%", "pour mille": "‰",
                "euro": "€", "euros": "€", "eur": "€", "kilomètres": "km", "mètres": "m", "hectares": "ha",
                "t": "tonnes", "ans": "années", "nb": "nombre"}
Unit = Annotated[str, choice(*UNITS, aliases=UNIT_ALIASES)]


class Measure(Record):
    """Une valeur d'un indicateur pour une année."""

    annee: Year = Field(description="Année de la valeur.")
    valeur: Number = Field(description="La valeur, nombre décimal entre guillemets.")


class Indicator(Record):
    """Un indicateur de suivi."""

    id: IndicatorId = Field(description="Identifiant stable ; il forme l'adresse /indicateurs/<id>/ et l'ancre "
                                        "/indicateurs/#<id>.",
                     examples=["o4-taux-chomage"])
    libelle: Text = Field(description="Libellé, tel que publié.")
    unite: Unit | None = Field(default=None, description=f"Unité des valeurs, parmi : {', '.join(UNITS)}.",
                               examples=["%"])
    source: Text | None = Field(default=None, description="Source des valeurs.", examples=["INSEE"])
    valeur_reference: Measure | None = Field(default=None, description="Valeur de référence.")
    cible: Measure | None = Field(default=None, description="Valeur cible.")
    mesures: tuple[Measure, ...] = Field(default=(), description="Valeurs mesurées, une par année.")
    _orientation: int = 0
    _groupe: str | None = None

    @computed_field(description="Numéro de l'orientation (calculé : le bloc où l'indicateur est écrit).")  # type: ignore[prop-decorator]
    @property
    def orientation(self) -> int:
        return self._private("_orientation")  # type: ignore[no-any-return]

    @computed_field(description="Titre du groupe de l'article 9 (calculé), vide pour un groupe sans titre.")  # type: ignore[prop-decorator]
    @property
    def groupe(self) -> str | None:
        return self._private("_groupe")  # type: ignore[no-any-return]


class IndicatorGroup(Record):
    """Un groupe d'indicateurs : titré (orientation 5) ou un simple paragraphe (orientations 3 et 4)."""

    titre: Text | None = Field(default=None, description="Titre du groupe, tel que publié.")
    indicateurs: tuple[Indicator, ...] = Field(min_length=1, description="Les indicateurs du groupe.")


class IndicatorBlock(Record):
    """Les indicateurs d'une orientation."""

    orientation: Integer = Field(description="Numéro d'une orientation de data/orientations.yaml.")
    titre_publie: Text = Field(description="L'intitulé de l'orientation dans l'article 9, tel qu'imprimé.")
    groupes: tuple[IndicatorGroup, ...] = Field(min_length=1, description="Les groupes, dans l'ordre publié.")

    @model_validator(mode="after")
    def _link_children(self) -> IndicatorBlock:
        for g in self.groupes:
            for i in g.indicateurs:
                i.set_computed(orientation=self.orientation, groupe=g.titre)
        return self

    @property
    def indicateurs(self) -> tuple[Indicator, ...]:
        return tuple(i for g in self.groupes for i in g.indicateurs)


class IndicatorsFile(Record):
    """data/indicators.yaml : les indicateurs de suivi de l'article 9."""

    orientations: tuple[IndicatorBlock, ...] = Field(min_length=1, description="Un bloc par orientation.")
