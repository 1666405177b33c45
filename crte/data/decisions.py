"""Records of data/decisions/<id>.yaml: what was decided after the signature.

The contract lives (articles 4, 7.1 and 11): the comité de pilotage includes,
adapts or abandons fiches and actions without an avenant; the body of the
contract and its annexes change by avenant. Each decision is one file, named by
its id (which forms its address /evolutions/<id>/), dated and sourced, listing
its changes. The signed contract (data/*.yaml) never changes: timeline.py
applies the decisions to it, in order, to compute the contract at any date.

`ActionChanges` is generated from `Action`: every changeable field of an action
keeps its one declaration (type, description), made optional.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Optional

from pydantic import Field, create_model

from crte.data.actions import Action
from crte.data.field_readers import text_reader
from crte.data.fields import Date, FicheNumber, FieldType, Integer, Markdown, Ref, SectionNumber, Text, choice
from crte.data.indicators import Indicator
from crte.data.record import Record

URL_RE = re.compile(r"https?://[^\s<>\"'`]+")
URL = FieldType("adresse web", "Adresse web complète, http:// ou https://, entre guillemets.", "un texte",
                {"type": "string", "pattern": f"^{URL_RE.pattern}$", "maxLength": 500}, "string",
                '"https://www.agglo-henincarvin.fr/…"',
                text_reader(URL_RE, " : une adresse web complète, ex. \"https://www.agglo-henincarvin.fr/\""))
Url = Annotated[str, URL]

BODIES = ("comité de pilotage", "avenant")
Body = Annotated[str, choice(*BODIES)]

# The fields of an action that a decision may change (not its id: an id never changes).
CHANGEABLE = ("enjeu", "chantier", "fiche", "maitre_ouvrage", "titre", "description", "annee_lancement",
              "cout_total", "part_cahc", "indicateurs", "localisation")


def _optional(name: str) -> Any:
    """The type of Action's field `name`, optional. Pydantic keeps the validator and
    schema of a required field apart from its type: they are put back together here,
    so that a changed value is checked exactly as in an annex row."""
    info = Action.model_fields[name]
    if not info.is_required():
        return info.annotation
    return Optional[Annotated[(info.annotation, *info.metadata)]]  # noqa: UP007, UP045 - a runtime type


class Source(Record):
    """D'où vient la décision : le document qui la publie."""

    titre: Text = Field(description="Titre du document : relevé de décisions, compte rendu, délibération, avenant.",
                        examples=["Relevé de décisions du comité de pilotage du 14 juin 2022"])
    url: Url | None = Field(default=None, description="Adresse web du document, s'il est publié.")


# The fields whose change must say why (`motif`): the amounts.
AMOUNTS = ("cout_total", "part_cahc")

if TYPE_CHECKING:
    class ActionChanges(Record):  # what mypy sees of the model below
        action: str
        motif: str | None
else:
    ActionChanges = create_model(
        "ActionChanges",
        __base__=Record,
        __doc__="Les champs d'une action que la décision change ; les autres restent tels quels.",
        action=(Ref, Field(description="Identifiant de l'action changée.", examples=["voie-albert-carre"])),
        **{name: (_optional(name), Field(default=None, description=Action.model_fields[name].description,
                                         examples=Action.model_fields[name].examples))
           for name in CHANGEABLE},
        motif=(Text | None, Field(default=None, description="Pourquoi ces champs changent, tel que la décision le dit ; "
                                                            "obligatoire pour un changement de montant (cout_total, "
                                                            "part_cahc). Publié dans l'historique de l'action, sur la "
                                                            "page de la décision et dans le fil des évolutions.",
                                  examples=["Les études de sol imposent un cuvelage du lit sur 400 mètres."])),
    )


class NewAction(Action):
    """Une action ajoutée par une décision, écrite comme une ligne de l'annexe 3. Elle est rangée sous
    l'orientation de son chantier, quelle qu'elle soit (l'orientation 1 comprise)."""

    enjeu: Text | None = Field(default=None, description="Facultatif pour une action ajoutée : elle est rangée sous "
                                                         "l'orientation de son chantier. S'il est donné, c'est le "
                                                         "libelle_annexe de cette orientation.",
                               examples=["UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE"])  # type: ignore[assignment]  # optional here


class Abandon(Record):
    """Une action abandonnée : sa page reste, avec la date et le motif."""

    action: Ref = Field(description="Identifiant de l'action abandonnée.", examples=["lecture-spectacle"])
    motif: Text = Field(description="Pourquoi l'action est abandonnée, tel que la décision le dit.")


class NewChantier(Record):
    """Un chantier ajouté au plan (le plan en annonce 25 ; l'annexe 3 en nomme 11)."""

    numero: Integer = Field(description="Numéro du chantier, nouveau.")
    titre: Text = Field(description="Titre du chantier.")
    orientation: Integer = Field(description="Numéro de l'orientation du chantier.")


class NewFiche(Record):
    """Une fiche ajoutée à un chantier existant."""

    numero: FicheNumber = Field(description="Numéro « chantier.fiche », nouveau.")
    titre: Text = Field(description="Titre de la fiche.")


class Retitle(Record):
    """Un chantier ou une fiche qui change de titre (indiquez l'un ou l'autre)."""

    chantier: Integer | None = Field(default=None, description="Numéro du chantier renommé.")
    fiche: FicheNumber | None = Field(default=None, description="Numéro de la fiche renommée.")
    titre: Text = Field(description="Le nouveau titre.")


class Amendment(Record):
    """Un article (ou un sous-article) dont l'avenant change le texte."""

    article: Integer = Field(description="Numéro de l'article modifié.")
    section: SectionNumber | None = Field(default=None, description="Numéro du sous-article modifié, s'il y a lieu.")
    texte: Markdown = Field(description="Le nouveau texte, mot pour mot, tel que l'avenant le donne.")


class NewIndicator(Record):
    """Un indicateur ajouté au suivi d'une orientation."""

    orientation: Integer = Field(description="Numéro de l'orientation suivie.")
    indicateur: Indicator = Field(description="L'indicateur, déclaré comme ceux de l'article 9.")


class Change(Record):
    """Un changement : une seule des clés ci-dessous."""

    ajouter_action: NewAction | None = Field(default=None, description="Une action nouvelle, écrite comme une ligne "
                                                                        "de l'annexe 3, rangée sous l'orientation de "
                                                                        "son chantier.")
    modifier_action: ActionChanges | None = Field(default=None, description="Des champs d'une action qui changent.")
    abandonner_action: Abandon | None = Field(default=None, description="Une action abandonnée.")
    ajouter_chantier: NewChantier | None = Field(default=None, description="Un chantier nouveau.")
    ajouter_fiche: NewFiche | None = Field(default=None, description="Une fiche nouvelle.")
    renommer: Retitle | None = Field(default=None, description="Un chantier ou une fiche renommé.")
    modifier_article: Amendment | None = Field(default=None, description="Le texte d'un article (avenant seulement).")
    ajouter_indicateur: NewIndicator | None = Field(default=None, description="Un indicateur nouveau.")

    @property
    def kind(self) -> str | None:
        """The one key that is set (None when none or several are: checks.py says so)."""
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        return given[0] if len(given) == 1 else None

    @property
    def value(self) -> Any:
        return getattr(self, self.kind) if self.kind else None


class Decision(Record):
    """data/decisions/<id>.yaml : une décision prise après la signature. L'identifiant est le nom du fichier
    (minuscules, chiffres et tirets, par exemple 2022-06-14-comite-de-pilotage) ; il forme l'adresse
    /evolutions/<id>/ et ne change jamais."""

    date: Date = Field(description="Date de la décision (séance du comité, signature de l'avenant) ; le nom du "
                                   "fichier commence par elle.", examples=["2022-06-14"])
    instance: Body = Field(description="Qui décide : le comité de pilotage (articles 4 et 7.1) ou un avenant signé "
                                       "par les parties (article 11).")
    numero: Integer | None = Field(default=None, description="Numéro de l'avenant (obligatoire pour un avenant).")
    objet: Text = Field(description="Ce que la décision change, en une phrase.")
    source: Source = Field(description="Le document qui publie la décision.")
    changements: tuple[Change, ...] = Field(min_length=1, description="Les changements, dans l'ordre.")
    _id: str = ""

    @property
    def id(self) -> str:
        return self._id

    @property
    def intitule(self) -> str:
        """« Comité de pilotage du 14 juin 2022 », « Avenant n° 1 du 3 mars 2023 »."""
        from crte.fr import long_date
        if self.instance == "avenant":
            return f"Avenant n° {self.numero} du {long_date(self.date)}" if self.numero else \
                f"Avenant du {long_date(self.date)}"
        return f"Comité de pilotage du {long_date(self.date)}"

    @property
    def par(self) -> str:
        """« le comité de pilotage du 14 juin 2022 », « l'avenant n° 1 du 2 mars 2023 »: after « par »."""
        title = self.intitule
        return ("l'" if self.instance == "avenant" else "le ") + title[0].lower() + title[1:]
