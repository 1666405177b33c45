"""Records of data/suivi/: the tracking of the contract (article 8), never part of
the signed text. Every figure is dated and sourced; none is invented: while
staff have entered none, the site says « aucun suivi publié à ce jour ».

- `suivi/tableau-de-bord.yaml` (`Dashboard`): when the dashboard was last brought
  up to date, and by whom (« mis à jour le … par le comité technique »);
- `suivi/financeurs.yaml` (`Funders`): the funders and their schemes, a
  referential that financing lines refer to;
- `suivi/actions/<id>.yaml` (`ActionTracking`): for one action, its dated
  tracking entries (status, physical progress, money spent), its financing
  lines (funder, scheme, requested, granted, grant reference) and the levers of
  the ecological planning it pulls (`Levers`, among the SGPE's 50: levers.py);
- `suivi/indicateurs/<id>.yaml` (`IndicatorTracking`): for one indicator, unit,
  source, baseline, target, yearly values and the actions it follows.

Article 6.1: the annex's amounts are forecasts. Forecast (the action's cost and
territory's share), granted (financing lines) and spent (tracking entries) are kept
apart and never added together.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from pydantic import Field

from crte.data.codes import suivi as S, valeurs as V
from crte.data.field_readers import nearest, refuse, text_reader
from crte.data.fields import Date, FunderSlug, Money, Percent, Ref, Siret, Text, choice
from crte.data.indicators import UNITS, Measure, Unit
from crte.data.levers import LEVERS, VERSION
from crte.data.reader import Scalar
from crte.data.record import Record

# « abandonnée » is not among them: an action is abandoned by a decision (data/decisions/).
STATUSES = ("à l'étude", "engagée", "en cours", "réalisée")
_STATUS = choice(*STATUSES)


def _status(s: Scalar) -> str:
    if str(s).strip() == "abandonnée":
        raise refuse(V.STATUT_ABANDONNEE())
    return str(_STATUS.read(s))


Status = Annotated[str, replace(_STATUS, read=_status)]
_text = text_reader()


def _lever(s: Scalar) -> str:
    value = _text(s)
    if value not in LEVERS:
        near = nearest(value, LEVERS)
        raise refuse(S.LEVIER("proche" if near else "", value=value, near=near, values=", ".join(LEVERS)))
    return value


Lever = Annotated[str, replace(choice(*LEVERS), name="levier du SGPE", read=_lever,
                               label=f"Un des 50 leviers de la planification écologique (SGPE, liste de {VERSION}), "
                                     "écrit comme la liste nationale (crte/data/reference/leviers-sgpe-2025-03.csv).")]
GROUPS = ("État", "Région", "Département", "Europe", "Opérateur", "Collectivités", "Autre")
Group = Annotated[str, choice(*GROUPS)]
Direction = Annotated[str, choice("hausse", "baisse")]


class Dashboard(Record):
    """suivi/tableau-de-bord.yaml : la dernière mise à jour du tableau de bord (article 8)."""

    date: Date = Field(description="Date de la dernière mise à jour du tableau de bord.")
    instance: Text = Field(description="Qui l'a examiné (article 7).", examples=["comité technique"])
    source: Text | None = Field(default=None, description="Le document qui le présente (compte rendu…).")


class Funder(Record):
    """Un financeur, avec ses dispositifs."""

    slug: FunderSlug = Field(description="Identifiant ; il forme l'adresse /financeurs/<slug>/.", examples=["etat"])
    nom: Text = Field(description="Nom du financeur.", examples=["État"])
    groupe: Group = Field(description="Famille de financeurs : l'État est présenté en premier.")
    dispositifs: tuple[Text, ...] = Field(default=(), description="Les dispositifs de ce financeur (DSIL, DETR…).",
                                          examples=[["DSIL", "DETR"]])


class Funders(Record):
    """suivi/financeurs.yaml : les financeurs auxquels renvoient les lignes de financement."""

    financeurs: tuple[Funder, ...] = Field(min_length=1, description="Les financeurs, dans l'ordre d'affichage.")


class Step(Record):
    """Une étape du suivi d'une action, datée et sourcée."""

    date: Date = Field(description="Date du constat.")
    source: Text = Field(description="D'où vient le constat.", examples=["Comité technique du 10 mai 2023"])
    statut: Status = Field(description="Où en est l'action.")
    avancement: Percent | None = Field(default=None, description="Avancement physique, en % (0 à 100), s'il est "
                                                                  "connu.", examples=[40])
    depense: Money | None = Field(default=None, description="Montant dépensé à cette date, HT, s'il est connu.")
    commentaire: Text | None = Field(default=None, description="Remarque courte ; obligatoire si le statut recule.")


class Financing(Record):
    """Une ligne de financement d'une action : un financeur, un dispositif."""

    financeur: Ref = Field(description="Identifiant d'un financeur de suivi/financeurs.yaml.", examples=["etat"])
    dispositif: Text | None = Field(default=None, description="Le dispositif, parmi ceux du financeur.",
                                    examples=["DSIL"])
    demande: Money | None = Field(default=None, description="Montant demandé, HT.")
    accorde: Money | None = Field(default=None, description="Montant accordé, HT (absent tant que rien n'est "
                                                            "accordé).")
    date: Date | None = Field(default=None, description="Date de l'accord (arrêté, convention).")
    reference: Text | None = Field(default=None, description="Référence de l'accord.",
                                   examples=["Arrêté préfectoral du 3 février 2023"])
    explication: Text | None = Field(default=None, description="Pourquoi l'accordé dépasse le demandé, s'il le "
                                                               "dépasse.")


class Levers(Record):
    """Les leviers de la planification écologique (SGPE) qu'actionne l'action : un jugement porté après la
    signature, daté et sourcé."""

    date: Date = Field(description="Date à laquelle les leviers ont été retenus.")
    source: Text = Field(description="Qui les a retenus, où.", examples=["Comité technique du 10 mai 2023"])
    leviers: tuple[Lever, ...] = Field(min_length=1, description="Les leviers, parmi les 50 du SGPE.",
                                       examples=[["Vélo", "Réduction des déplacements"]])


class PlatformIds(Record):
    """Les identifiants du projet sur les plateformes nationales, tels qu'elles les affichent."""

    territoires_en_transition: Text | None = Field(default=None, description="Sur Territoires en Transition.")
    mon_espace_collectivite: Text | None = Field(default=None, description="Sur Mon Espace Collectivité.")
    recoco: Text | None = Field(default=None, description="Sur Recoco.")


class ActionTracking(Record):
    """suivi/actions/<id>.yaml : le suivi d'une action (le nom du fichier est l'identifiant de l'action)."""

    etapes: tuple[Step, ...] = Field(default=(), description="Les constats successifs, du plus ancien au plus "
                                                             "récent.")
    financements: tuple[Financing, ...] = Field(default=(), description="Les lignes de financement.")
    explication: Text | None = Field(default=None, description="Pourquoi l'accordé ou le dépensé dépasse le coût "
                                                               "en vigueur, s'il le dépasse.")
    leviers: Levers | None = Field(default=None, description="Les leviers de la planification écologique (SGPE) "
                                                             "qu'actionne l'action, s'ils ont été retenus.")
    siret_maitre_ouvrage: Siret | None = Field(
        default=None, description="Le SIRET du maître d'ouvrage de l'action, s'il est connu (format national, "
                                  "porteurCodeSiret) ; jamais deviné.")
    identifiants: PlatformIds | None = Field(default=None, description="Les identifiants du projet sur les "
                                                                       "plateformes nationales, s'il y en a.")


class IndicatorTracking(Record):
    """suivi/indicateurs/<id>.yaml : les valeurs d'un indicateur (le nom du fichier est son identifiant)."""

    unite: Unit = Field(description=f"Unité des valeurs, parmi : {', '.join(UNITS)} (un pourcentage va de 0 à 100, "
                                    "un nombre n'est pas négatif).", examples=["%"])
    source: Text = Field(description="Source des valeurs.", examples=["INSEE, recensement"])
    valeur_reference: Measure | None = Field(default=None, description="Valeur de référence.")
    cible: Measure | None = Field(default=None, description="Valeur cible.")
    mesures: tuple[Measure, ...] = Field(default=(), description="Valeurs mesurées, une par année.")
    actions: tuple[Ref, ...] = Field(default=(), description="Identifiants des actions que l'indicateur suit.")
    sens: Direction | None = Field(
        default=None, description="Le sens souhaité (hausse ou baisse), quand la cible ne suffit pas à le dire.")

