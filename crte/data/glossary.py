"""The record of data/glossaire.yaml (optional): the words of the contract a citizen may not
know (maître d'ouvrage, part CAHC, HT, ERBM…), each with a short definition. The site lists
them on /glossaire/ and explains each where it appears (crte/views/glossary.py).

Not a transcription: the definitions are the site's, written for readers; the signed text
is contract.yaml's.
"""
from __future__ import annotations

from pydantic import Field

from crte.data.fields import Text
from crte.data.record import Record


class Term(Record):
    """Un terme du glossaire."""

    terme: Text = Field(description="Le terme, tel qu'on l'écrit en début de phrase.", examples=["Maître d'ouvrage"])
    definition: Text = Field(description="Sa définition, en une ou deux phrases simples, sans sigle non expliqué.",
                             examples=["La collectivité ou l'organisme qui porte le projet, le commande et le paie."])
    variantes: tuple[Text, ...] = Field(
        default=(), description="Les autres écritures du terme dans les pages (minuscules, pluriel…), expliquées "
                                "de la même façon ; la casse compte.",
        examples=[["maître d'ouvrage", "maîtres d'ouvrage"]])


class GlossaryFile(Record):
    """glossaire.yaml (facultatif) : les mots du contrat expliqués aux lecteurs, sur la page /glossaire/ et là où ils
    apparaissent."""

    termes: tuple[Term, ...] = Field(description="Les termes ; la page /glossaire/ les range par ordre alphabétique.")
