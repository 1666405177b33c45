"""The changes of a decision to the plan and the text (timeline.py applies them):
chantiers and fiches added or renamed, articles amended by avenant, indicators
added. Each refuses what does not exist or changes nothing, at its line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .decisions import Amendment, Decision, NewChantier, NewFiche, NewIndicator, Retitle
from .model import Chantier, Fiche, IndicatorGroup


@dataclass(frozen=True)
class Amended:
    """An article or section whose text an avenant changed."""

    signed: str  # the text as signed
    decision: Decision


class PlanChanges:
    """Mixed into timeline._Apply, which provides the state being built (orientations,
    articles, blocks, amended, retitled), the decision `d` and `refuse()`."""

    d: Decision
    orientations: list[Any]
    articles: list[Any]
    blocks: list[Any]
    amended: dict[str, Amended]
    retitled: dict[str, tuple[str, Decision]]

    def refuse(self, record: Any, name: str | None, message: str) -> None:
        raise NotImplementedError

    def chantiers(self) -> dict[int, Chantier]:
        return {c.numero: c for o in self.orientations for c in o.chantiers}

    def fiches(self) -> dict[str, Fiche]:
        return {f.numero: f for c in self.chantiers().values() for f in c.fiches}

    def ajouter_chantier(self, new: NewChantier) -> None:
        if new.numero in self.chantiers():
            self.refuse(new, "numero", f"le chantier {new.numero} existe déjà")
            return
        k = next((i for i, o in enumerate(self.orientations) if o.numero == new.orientation), None)
        if k is None:
            self.refuse(new, "orientation", f"l'orientation {new.orientation} n'existe pas")
            return
        chantier = Chantier.model_construct(numero=new.numero, titre=new.titre, fiches=(),
                                            orientation_source=f"Ajouté par {self.d.par}.")
        chantier.set_computed(orientation=new.orientation)
        o = self.orientations[k]
        self.orientations[k] = o.model_copy(update={"chantiers": (*o.chantiers, chantier)})

    def ajouter_fiche(self, new: NewFiche) -> None:
        numero = int(new.numero.split(".")[0])
        if new.numero in self.fiches():
            self.refuse(new, "numero", f"la fiche {new.numero} existe déjà")
        elif numero not in self.chantiers():
            self.refuse(new, "numero", f"le chantier {numero} n'existe pas à cette date : ajoutez-le d'abord")
        else:
            fiche = Fiche.model_construct(numero=new.numero, titre=new.titre)
            fiche.set_computed(chantier=numero)
            self._replace_chantier(numero, lambda c: {"fiches": (*c.fiches, fiche)})

    def renommer(self, r: Retitle) -> None:
        if (r.chantier is None) == (r.fiche is None):
            self.refuse(r, None, "indiquez soit chantier, soit fiche")
        elif r.chantier is not None:
            if (c := self.chantiers().get(r.chantier)) is None or c.titre == r.titre:
                self.refuse(r, "chantier" if c is None else "titre", f"le chantier {r.chantier} n'existe pas"
                            if c is None else "le chantier porte déjà ce titre : ce changement ne change rien")
                return
            self.retitled.setdefault(f"chantier-{r.chantier}", (c.titre, self.d))
            self._replace_chantier(r.chantier, lambda c: {"titre": r.titre})
        else:
            if (f := self.fiches().get(r.fiche)) is None or f.titre == r.titre:  # type: ignore[arg-type]
                self.refuse(r, "fiche" if f is None else "titre", f"la fiche {r.fiche} n'existe pas"
                            if f is None else "la fiche porte déjà ce titre : ce changement ne change rien")
                return
            self.retitled.setdefault(f"fiche-{f.numero.replace('.', '-')}", (f.titre, self.d))
            new = f.model_copy(update={"titre": r.titre})
            self._replace_chantier(f.chantier, lambda c: {"fiches": tuple(new if x.numero == f.numero else x
                                                                          for x in c.fiches)})

    def _replace_chantier(self, numero: int, update: Any) -> None:
        for k, o in enumerate(self.orientations):
            if any(c.numero == numero for c in o.chantiers):
                chantiers = tuple(c.model_copy(update=update(c)) if c.numero == numero else c for c in o.chantiers)
                self.orientations[k] = o.model_copy(update={"chantiers": chantiers})

    def modifier_article(self, a: Amendment) -> None:
        if self.d.instance != "avenant":
            self.refuse(a, None, "le texte du contrat ne change que par avenant (article 11) : instance: \"avenant\"")
            return
        k = next((i for i, x in enumerate(self.articles) if x.numero == a.article), None)
        if k is None:
            self.refuse(a, "article", f"l'article {a.article} n'existe pas")
            return
        article = self.articles[k]
        target = article if a.section is None else next((s for s in article.sections if s.numero == a.section), None)
        if target is None:
            self.refuse(a, "section", f"l'article {a.article} n'a pas de sous-article {a.section}")
        elif target.texte == a.texte:
            self.refuse(a, "texte", "le texte en vigueur est déjà celui-ci : ce changement ne change rien")
        else:
            self.amended.setdefault(target.anchor, Amended(target.texte, self.d))
            new = target.model_copy(update={"texte": a.texte})
            self.articles[k] = new if a.section is None else article.model_copy(
                update={"sections": tuple(new if s.numero == a.section else s for s in article.sections)})

    def ajouter_indicateur(self, new: NewIndicator) -> None:
        k = next((i for i, b in enumerate(self.blocks) if b.orientation == new.orientation), None)
        if k is None:
            self.refuse(new, "orientation", f"l'orientation {new.orientation} n'a pas de bloc d'indicateurs")
        elif new.indicateur.id in {i.id for b in self.blocks for i in b.indicateurs}:
            self.refuse(new.indicateur, "id", f"l'indicateur « {new.indicateur.id} » existe déjà")
        else:
            title = "Ajoutés après la signature"
            new.indicateur.set_computed(orientation=new.orientation, groupe=title)
            b = self.blocks[k]
            last = b.groupes[-1]
            if last.titre == title:
                group = last.model_copy(update={"indicateurs": (*last.indicateurs, new.indicateur)})
                self.blocks[k] = b.model_copy(update={"groupes": (*b.groupes[:-1], group)})
            else:
                group = IndicatorGroup.model_construct(titre=title, indicateurs=(new.indicateur,))
                self.blocks[k] = b.model_copy(update={"groupes": (*b.groupes, group)})
