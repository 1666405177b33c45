"""Records of data/contract.yaml: the contract's text, article by article.

Source: the signed document (sources/), transcribed word for word.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from crte.data.fields import Boolean, Date, Integer, Markdown, Ref, SectionNumber, Slug, Text, choice
from crte.data.record import Record

Insertion = Annotated[str, choice("orientations", "indicateurs")]


class Party(Record):
    """Une partie au contrat (l'État, la CAHC)."""

    id: Slug = Field(description="Identifiant de la partie, cité par les signataires.", examples=["cahc"])
    nom: Text = Field(description="Nom de la partie, tel qu'imprimé.")
    representation: Text = Field(description="« représentée par … », tel qu'imprimé.")
    representant: Text = Field(description="Nom et qualité du représentant.")
    designation: Text = Field(description="Comment le contrat désigne la partie (« ci-après … »).")
    mention: Text = Field(description="Mention qui suit la partie (« d'une part », « d'autre part »).")


class Signatory(Record):
    """Un signataire, sous le texte du contrat."""

    qualite: Text = Field(description="Qualité du signataire, telle qu'imprimée.")
    nom: Text = Field(description="Nom du signataire.")
    partie: Ref = Field(description="Identifiant de la partie qu'il représente (parties[].id).", examples=["etat"])


class Signature(Record):
    """Le lieu, la date et les signataires."""

    lieu: Text = Field(description="Lieu de signature.", examples=["Hénin-Beaumont"])
    date: Date = Field(description="Date de signature.")
    date_publiee: Text = Field(description="La date telle qu'imprimée.", examples=["13 décembre 2021"])
    signataires: tuple[Signatory, ...] = Field(min_length=1, description="Les signataires, dans l'ordre imprimé.")


class Axis(Record):
    """Un axe du Pacte pour la réussite du Bassin minier, cité au préambule."""

    numero: Integer = Field(description="Numéro de l'axe.")
    titre: Text = Field(description="Titre de l'axe, tel qu'imprimé.")


class Preamble(Record):
    """Le préambule."""

    texte: Markdown = Field(description="Texte du préambule, mot pour mot.")
    axes_pma: tuple[Axis, ...] = Field(min_length=1, description="Les axes du Pacte cités au préambule.")


class Section(Record):
    """Un sous-article (6.1, 6.2…)."""

    numero: SectionNumber = Field(description="Numéro « article.section ».")
    numero_publie: Text = Field(description="Le numéro tel qu'imprimé (« 6.1. » ou « 6.1 »).", examples=["6.1."])
    titre: Text = Field(description="Titre du sous-article.")
    texte: Markdown = Field(description="Texte du sous-article, mot pour mot.")

    @property
    def anchor(self) -> str:
        return "article-" + self.numero.replace(".", "-")


class Article(Record):
    """Un article du contrat."""

    numero: Integer = Field(description="Numéro de l'article ; il forme l'ancre /contrat/#article-N.")
    titre: Text = Field(description="Titre de l'article.")
    separateur: Text = Field(description="Le séparateur imprimé après « Article N » (« - », « – » ou « : »).",
                             examples=["-"])
    texte: Markdown = Field(description="Texte de l'article, mot pour mot.")
    insertion: Insertion | None = Field(
        default=None, description="Liste tirée des données plutôt que répétée dans le texte : orientations "
                                  "(article 3) ou indicateurs (article 9).")
    texte_apres: Markdown | None = Field(default=None, description="Texte imprimé après la liste insérée.")
    sections: tuple[Section, ...] = Field(default=(), description="Les sous-articles, dans l'ordre imprimé.")

    @property
    def anchor(self) -> str:
        return f"article-{self.numero}"


class Annex(Record):
    """Une annexe annoncée par le contrat."""

    numero: Integer = Field(description="Numéro de l'annexe.")
    titre: Text = Field(description="Titre de l'annexe, tel qu'imprimé.")
    separateur: Text = Field(description="Le séparateur imprimé après « Annexe N ».", examples=["–"])
    publiee: Boolean = Field(description="true si le contenu de l'annexe fait partie du document publié.")


class Contract(Record):
    """data/contract.yaml : le texte du contrat signé, article par article."""

    titre: Text = Field(description="Titre du contrat.")
    sous_titre: Text = Field(description="Sous-titre du contrat.")
    parties: tuple[Party, ...] = Field(min_length=1, description="Les parties, dans l'ordre imprimé.")
    formule: Text = Field(description="La formule qui suit les parties (« Il est convenu ce qui suit »).")
    preambule: Preamble = Field(description="Le préambule.")
    articles: tuple[Article, ...] = Field(min_length=1, description="Les articles, dans l'ordre imprimé.")
    signature: Signature = Field(description="Le lieu, la date et les signataires.")
    annexes: tuple[Annex, ...] = Field(min_length=1, description="Les annexes annoncées.")
