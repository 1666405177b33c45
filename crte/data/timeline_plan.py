"""The changes of a decision to the plan and the text (timeline.py applies them):
chantiers and fiches added or renamed, articles amended by avenant, indicators
added. Each refuses what does not exist or changes nothing, at its line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crte.data.codes import contrat as C, decisions as D
from crte.data.decisions import Amendment, Decision, NewChantier, NewFiche, NewIndicator, Retitle
from crte.data.model import Chantier, Fiche, IndicatorGroup


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

    def unknown(self, record: Any, name: str, value: Any, message: str) -> None:
        raise NotImplementedError

    def left_out(self, *values: Any) -> None:
        raise NotImplementedError

    def chantiers(self) -> dict[int, Chantier]:
        return {c.numero: c for o in self.orientations for c in o.chantiers}

    def fiches(self) -> dict[str, Fiche]:
        return {f.numero: f for c in self.chantiers().values() for f in c.fiches}

    def ajouter_chantier(self, new: NewChantier) -> None:
        if new.numero in self.chantiers():
            self.refuse(new, "numero", D.EXISTE_DEJA("chantier", n=new.numero))
            return
        k = next((i for i, o in enumerate(self.orientations) if o.numero == new.orientation), None)
        if k is None:
            self.unknown(new, "orientation", new.orientation, C.ORIENTATION_INCONNUE("date", n=new.orientation))
            self.left_out(new.numero)
            return
        chantier = Chantier.model_construct(numero=new.numero, titre=new.titre, fiches=(),
                                            orientation_source=f"Ajouté par {self.d.par}.")
        chantier.set_computed(orientation=new.orientation)
        o = self.orientations[k]
        self.orientations[k] = o.model_copy(update={"chantiers": (*o.chantiers, chantier)})

    def ajouter_fiche(self, new: NewFiche) -> None:
        numero = int(new.numero.split(".")[0])
        if new.numero in self.fiches():
            self.refuse(new, "numero", D.EXISTE_DEJA("fiche", n=new.numero))
        elif numero not in self.chantiers():
            self.unknown(new, "numero", numero, C.CHANTIER_INCONNU("ajout", n=numero))
            self.left_out(new.numero)
        else:
            fiche = Fiche.model_construct(numero=new.numero, titre=new.titre)
            fiche.set_computed(chantier=numero)
            self._replace_chantier(numero, lambda c: {"fiches": (*c.fiches, fiche)})

    def renommer(self, r: Retitle) -> None:
        if (r.chantier is None) == (r.fiche is None):
            self.refuse(r, None, D.RENOMMER())
        elif r.chantier is not None:
            if (c := self.chantiers().get(r.chantier)) is None:
                self.unknown(r, "chantier", r.chantier, C.CHANTIER_INCONNU("renommer", n=r.chantier))
                return
            if c.titre == r.titre:
                self.refuse(r, "titre", D.SANS_EFFET("chantier"))
                return
            self.retitled.setdefault(f"chantier-{r.chantier}", (c.titre, self.d))
            self._replace_chantier(r.chantier, lambda c: {"titre": r.titre})
        else:
            if (f := self.fiches().get(r.fiche)) is None:  # type: ignore[arg-type]
                self.unknown(r, "fiche", r.fiche, C.FICHE_INCONNUE("renommer", n=r.fiche))
                return
            if f.titre == r.titre:
                self.refuse(r, "titre", D.SANS_EFFET("fiche"))
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
            self.refuse(a, None, D.PAR_AVENANT())
            return
        k = next((i for i, x in enumerate(self.articles) if x.numero == a.article), None)
        if k is None:
            self.refuse(a, "article", D.ARTICLE_INCONNU(n=a.article))
            return
        article = self.articles[k]
        target = article if a.section is None else next((s for s in article.sections if s.numero == a.section), None)
        if target is None:
            self.refuse(a, "section", D.ARTICLE_INCONNU("section", n=a.article, section=a.section))
        elif target.texte == a.texte:
            self.refuse(a, "texte", D.SANS_EFFET("texte"))
        else:
            self.amended.setdefault(target.anchor, Amended(target.texte, self.d))
            new = target.model_copy(update={"texte": a.texte})
            self.articles[k] = new if a.section is None else article.model_copy(
                update={"sections": tuple(new if s.numero == a.section else s for s in article.sections)})

    def ajouter_indicateur(self, new: NewIndicator) -> None:
        k = next((i for i, b in enumerate(self.blocks) if b.orientation == new.orientation), None)
        if k is None:
            self.unknown(new, "orientation", new.orientation, C.ORIENTATION_INCONNUE("indicateurs",
                                                                                     n=new.orientation))
            self.left_out(new.indicateur.id)
        elif new.indicateur.id in {i.id for b in self.blocks for i in b.indicateurs}:
            self.refuse(new.indicateur, "id", D.EXISTE_DEJA("indicateur", n=new.indicateur.id))
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
