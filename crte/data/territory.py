"""The record of data/territoire.yaml: the territory the contract is signed with, as the
site names it (its name, short name, acronym, the label of its share of the cost), and
the introduction of the home page.

Not a transcription: the signed text is contract.yaml's. Nothing in the code names a
territory; every page, output and message that does takes it from here, so that the
generator can publish another contract (examples/autre-territoire/).
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from crte.data.fields import Markdown, Siren, Text, choice
from crte.data.record import Record

Article = Annotated[str, choice("la", "le", "l'")]


class Territory(Record):
    """territoire.yaml : le territoire signataire du contrat, tel que le site le nomme."""

    nom: Text = Field(description="Nom officiel de la collectivité signataire.",
                      examples=["Communauté d'Agglomération Hénin-Carvin"])
    nom_court: Text = Field(description="Nom court du territoire : le site s'appelle « CRTE » suivi de ce nom.",
                            examples=["Hénin-Carvin"])
    sigle: Text = Field(description="Sigle de la collectivité, qui nomme sa part du coût des actions (« part CAHC »).",
                        examples=["CAHC"])
    article: Article = Field(description="L'article devant le nom et le sigle : « la » Communauté d'Agglomération, "
                                         "« la » CAHC ; « le », « l' ».",
                             examples=["la"])
    document_signe: Text | None = Field(
        default=None, description="Le texte du document signé, dans sources/ (chemin depuis la racine du projet) : "
                                  "`make check` et la construction lui comparent la transcription du contrat, au "
                                  "centime près. Absent pour un exemple sans document.",
        examples=["sources/crte-cahc-2021-12-13.txt"])
    siren: Siren | None = Field(
        default=None, description="Le SIREN de la collectivité signataire (l'EPCI), s'il est connu : /donnees/"
                                  "collectivites.csv le publie (format national) ; à omettre sinon, jamais deviné.")
    presentation: Markdown = Field(description="Le premier paragraphe de la page d'accueil : qui signe, avec qui, "
                                               "pour combien de temps.")

    @property
    def site(self) -> str:
        """The site's name: `CRTE Hénin-Carvin`."""
        return f"CRTE {self.nom_court}"

    def _with_article(self, words: str) -> str:
        space = "" if self.article.endswith("'") else " "  # l'ACME, la CAHC
        return f"{self.article}{space}{words}"

    @property
    def le_sigle(self) -> str:
        """The acronym with its article: `la CAHC`, `l'ACME`."""
        return self._with_article(self.sigle)

    @property
    def le_nom(self) -> str:
        """The name with its article: `la Communauté d'Agglomération Hénin-Carvin`."""
        return self._with_article(self.nom)

    @property
    def le_nom_en_tete(self) -> str:
        """`le_nom` at the start of a sentence: `La Communauté d'Agglomération Hénin-Carvin`."""
        return self.le_nom[:1].upper() + self.le_nom[1:]

    @property
    def part(self) -> str:
        """The label of the territory's share of an action's cost: `Part CAHC`."""
        return f"Part {self.sigle}"
