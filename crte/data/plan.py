"""Records of data/orientations.yaml and data/communes.yaml: the contract's plan
(orientations of article 3, chantiers and fiches named by annex 3) and the 14
communes of the agglomeration (article 1.2).
"""
from __future__ import annotations

from pydantic import Field, computed_field, model_validator

from crte.data.fields import CommuneSlug, FicheNumber, InseeCode, Integer, Text
from crte.data.record import Record


class Fiche(Record):
    """Une fiche d'un chantier, telle que l'annexe 3 la nomme."""

    numero: FicheNumber = Field(description="Numéro « chantier.fiche », texte : \"19.10\" n'est pas \"19.1\".")
    titre: Text = Field(description="Titre de la fiche.")
    _chantier: int = 0

    @computed_field(description="Numéro du chantier qui porte la fiche (calculé : le chantier où elle est écrite).")  # type: ignore[prop-decorator]
    @property
    def chantier(self) -> int:
        return self._private("_chantier")  # type: ignore[no-any-return]


class Chantier(Record):
    """Un chantier d'une orientation."""

    numero: Integer = Field(description="Numéro du chantier (colonne CHANTIER de l'annexe 3).")
    titre: Text = Field(description="Titre du chantier.")
    orientation_source: Text = Field(
        description="Comment le rattachement du chantier à l'orientation est connu : « Annexe 3. » quand toutes "
                    "ses lignes concordent, sinon la déduction et ses raisons.", examples=["Annexe 3."])
    fiches: tuple[Fiche, ...] = Field(min_length=1, description="Les fiches du chantier que le document nomme.")
    _orientation: int = 0

    @computed_field(description="Numéro de l'orientation du chantier (calculé : l'orientation où il est écrit).")  # type: ignore[prop-decorator]
    @property
    def orientation(self) -> int:
        return self._private("_orientation")  # type: ignore[no-any-return]


class Orientation(Record):
    """Une orientation stratégique de l'article 3, avec ses chantiers."""

    numero: Integer = Field(description="Numéro de l'orientation ; il forme l'adresse /orientations/N/.")
    titre: Text = Field(description="Titre, article 3, mot pour mot.")
    description: Text = Field(description="Description, article 3, mot pour mot.")
    libelle_annexe: Text | None = Field(
        default=None, description="Libellé de la colonne ENJEU de l'annexe 3 ; absent si aucune ligne de l'annexe "
                                  "ne porte cette orientation.")
    chantiers: tuple[Chantier, ...] = Field(min_length=1, description="Les chantiers que le document nomme.")

    @model_validator(mode="after")
    def _link_children(self) -> Orientation:
        for c in self.chantiers:
            c.set_computed(orientation=self.numero)
            for f in c.fiches:
                f.set_computed(chantier=c.numero)
        return self


class OrientationsFile(Record):
    """data/orientations.yaml : orientations (article 3), chantiers et fiches (annexe 3)."""

    orientations: tuple[Orientation, ...] = Field(min_length=1, description="Les orientations, dans l'ordre.")


class Commune(Record):
    """Une commune de l'agglomération."""

    slug: CommuneSlug = Field(description="Identifiant ; il forme l'adresse /communes/<slug>/.", examples=["carvin"])
    nom: Text = Field(description="Nom de la commune.", examples=["Courcelles-lès-Lens"])
    code_insee: InseeCode | None = Field(
        default=None, description="Son code INSEE (code officiel géographique), s'il est connu : /donnees/"
                                  "collectivites.csv le publie (format national) ; à omettre sinon, jamais deviné.")


class CommunesFile(Record):
    """data/communes.yaml : les 14 communes, dans l'ordre de l'article 1.2."""

    communes: tuple[Commune, ...] = Field(min_length=1, description="Les communes.")
