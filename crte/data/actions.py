"""Records of data/actions.yaml: the rows of annex 3 (« Tableau de synthèse des
actions sous forme de maquette financière ») and the totals it prints.

Explanations (`constats`): the signed document contradicts itself in places;
the site publishes what was signed and shows the contradiction. Each one must
carry an explanation, written by staff, or the build stops (see checks.py).
"""
from __future__ import annotations

from pydantic import ConfigDict, Field, computed_field

from crte.data.fields import ActionId, Boolean, ContractYear, FicheNumber, Integer, Money, Number, Period, Ref, Share, Text
from crte.data.record import Record


class ActionFindings(Record):
    """Explications des incohérences d'une ligne, publiées sur /finances/controles/."""

    orientation: Text | None = Field(default=None, description="L'ENJEU publié n'est pas l'orientation du chantier.")
    fiche: Text | None = Field(default=None, description="La fiche n'appartient pas au chantier de la ligne.")
    part_cahc: Text | None = Field(default=None, description="La ligne ne donne pas de part de la collectivité.")


class Localisation(Record):
    """Où se situe l'action, d'après ce que dit le document ; ne rien deviner."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["communes"]}, {"required": ["territoire"]},
                                                           {"required": ["hors_cahc"]}]})

    communes: tuple[Ref, ...] = Field(default=(), description="Identifiants de communes de data/communes.yaml.",
                                     examples=[["carvin", "oignies"]])
    territoire: Boolean = Field(default=False, description="true : tout le territoire de l'agglomération.")
    hors_cahc: tuple[Text, ...] = Field(default=(), description="Lieux hors des 14 communes.",
                                     examples=[["Lens"]])
    source: Text = Field(description="Ce qui, dans le document, situe l'action (titre, description, article).")


class Action(Record):
    """Une ligne de l'annexe 3, dans l'ordre publié."""

    id: ActionId = Field(description="Identifiant court et stable ; il forme l'adresse /actions/<id>/. Ne jamais le "
                                 "modifier une fois publié.", examples=["voie-albert-carre"])
    enjeu: Text = Field(description="Colonne ENJEU, telle que publiée : le libelle_annexe d'une orientation.",
                        examples=["UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE"])
    chantier: Integer = Field(description="Colonne CHANTIER : un chantier de data/orientations.yaml.")
    fiche: FicheNumber = Field(description="Colonne FICHE : une fiche de data/orientations.yaml.")
    maitre_ouvrage: Text = Field(description="Colonne MAITRE D'OUVRAGE, telle que publiée ; plusieurs maîtres "
                                             "d'ouvrage séparés par « / ».", examples=["CAHC"])
    titre: Text = Field(description="Colonne LIBELLE DU PROJET.", examples=["Lecture spectacle"])
    description: Text = Field(description="Colonne DESCRIPTION DU PROJET.")
    annee_lancement: Period = Field(description="Colonne ANNEE DE LANCEMENT, telle que publiée.",
                                   examples=["2021-2022"])
    cout_total: Money = Field(description="Le coût total HT (la colonne colonnes.cout_total de l'annexe), en euros.")
    part_cahc: Share | None = Field(default=None, description="La part de la collectivité signataire (la colonne "
                                                              "colonnes.part de l'annexe) ; à omettre (jamais 0) "
                                                              "quand l'annexe ne la donne pas.")
    indicateurs: tuple[Ref, ...] = Field(default=(), description="Identifiants d'indicateurs de "
                                                                  "data/indicators.yaml suivis par l'action.",
                                          examples=[["o2-lineaire-voies-douces-deployees-territoire"]])
    constats: ActionFindings | None = Field(default=None, description="Explication de chaque incohérence que le "
                                                                      "site publie au lieu de la corriger.")
    localisation: Localisation | None = Field(default=None, description="Où se situe l'action ; à omettre si le "
                                                                        "document ne le dit pas.")
    anciens_ids: tuple[ActionId, ...] = Field(default=(), description="Identifiants que l'action a portés : leurs "
                                                                  "adresses renvoient vers la page actuelle.",
                                          examples=[["cite-declercq-oignies"]])
    _orientation: int = 0

    @computed_field(  # type: ignore[prop-decorator]
        description="Numéro de l'orientation (calculé) : d'après la colonne ENJEU pour une ligne de "
                    "l'annexe 3, d'après son chantier pour une action ajoutée par une décision.")
    @property
    def orientation(self) -> int:
        return self._private("_orientation")  # type: ignore[no-any-return]


class Gap(Record):
    """Explication d'un écart entre un total imprimé et le total recalculé."""

    ecart: Number = Field(description="L'écart expliqué, calculé moins imprimé, en euros.", examples=["0.25"])
    explication: Text = Field(description="Pourquoi le document imprime ce chiffre.")


class YearFindings(Record):
    """Explications des écarts d'une ligne de totaux."""

    cout_total: Gap | None = Field(default=None, description="Écart sur le coût total.")
    part_cahc: Gap | None = Field(default=None, description="Écart sur la part de la collectivité.")


class TotalFindings(YearFindings):
    """Explications des écarts du TOTAL imprimé."""

    somme_annees_cout_total: Gap | None = Field(
        default=None, description="Écart entre le TOTAL imprimé et la somme des lignes par année imprimées (coût).")
    somme_annees_part_cahc: Gap | None = Field(
        default=None, description="Écart entre le TOTAL imprimé et la somme des lignes par année imprimées (part).")


class Amounts(Record):
    """La ligne TOTAL imprimée."""

    cout_total: Money = Field(description="Coût total HT imprimé.")
    part_cahc: Money = Field(description="Part de la collectivité imprimée.")
    constats: TotalFindings | None = Field(default=None, description="Explication de chaque écart.")


class YearAmounts(Record):
    """Une ligne de totaux par année imprimée."""

    annee: ContractYear = Field(description="L'année, telle qu'imprimée.")
    cout_total: Money = Field(description="Coût total HT imprimé pour l'année.")
    part_cahc: Money = Field(description="Part de la collectivité imprimée pour l'année.")
    constats: YearFindings | None = Field(default=None, description="Explication de chaque écart.")


class PublishedTotals(Record):
    """Les totaux imprimés dans l'annexe 3 : comparés aux totaux calculés, jamais additionnés."""

    total: Amounts = Field(description="La ligne TOTAL.")
    par_annee: tuple[YearAmounts, ...] = Field(min_length=1, description="Les lignes par année.")


class PublishedColumns(Record):
    """Les intitulés des colonnes de montants de l'annexe, tels qu'imprimés."""

    cout_total: Text = Field(description="La colonne du coût total.", examples=["COUT TOTAL HT 2021-2022"])
    part: Text = Field(description="La colonne de la part de la collectivité (le champ part_cahc).",
                       examples=["PART CAHC (HT)/Ville le cas échéant"])
    precision: Text | None = Field(default=None, description="Ce que l'intitulé dit de la part, en quelques mots.",
                                   examples=["la part peut inclure celle de la ville"])


class ActionsFile(Record):
    """data/actions.yaml : les lignes de l'annexe 3 et les totaux imprimés."""

    actions: tuple[Action, ...] = Field(min_length=1, description="Une entrée par ligne du tableau, dans l'ordre "
                                                                   "publié.")
    totaux_publies: PublishedTotals = Field(description="Les lignes de totaux imprimées, telles que publiées.")
    colonnes: PublishedColumns | None = Field(default=None, description="Les intitulés des colonnes de montants, "
                                                                        "tels qu'imprimés, que le site cite.")
