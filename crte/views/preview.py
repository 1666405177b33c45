"""What a link to a page says when it is shared (the page's meta description, Open Graph):
one French sentence with the figures a reader looks for first (`action_summary`), and the
texts of its share image (`share_card`)."""
from __future__ import annotations

from dataclasses import dataclass

from crte.fr import enumeration, euros, percent_text, readable_euros
from crte.views.views import ActionView, Views


def _share(av: ActionView) -> str:
    """« 450 470,69 € (20,0 %) », or « non indiquée » (unknown is never 0)."""
    if av.action.part_cahc is None:
        return "non indiquée"
    pct = "" if av.pourcentage is None else f" ({percent_text(av.pourcentage)})"
    return euros(av.action.part_cahc) + pct


def action_summary(views: Views, av: ActionView) -> str:
    """`« 2 252 353,00 € HT, part CAHC 450 470,69 € (20,0 %) ; aucun suivi publié ; Oignies,
    lancement 2022, maître d'ouvrage CAHC. »`: the action's cost in force, the territory's share
    (« non indiquée » when unknown, never 0), where it stands (views/standing.py), its
    communes, its launch year and its owner. Plain text: the caller escapes it."""
    a = av.action
    share = _share(av)
    loc = a.localisation
    places = [] if loc is None else [views.commune[slug].nom for slug in loc.communes]
    place = f"{enumeration(places)}, " if places else ""
    return (f"{euros(a.cout_total)} HT, part {views.territory.sigle} {share} ; {views.standing(a.id).text} ; "
            f"{place}lancement {a.annee_lancement}, maître d'ouvrage {a.maitre_ouvrage}.")


@dataclass(frozen=True)
class ShareCard:
    """The texts of an action's share image (outputs/share_image.py), plain text:
    `site` « CRTE Hénin-Carvin · fiche 5.4 », `titre`, `cout` « 2,3 millions d'euros HT »
    (readable units; the exact amount is on the page), `part` « part CAHC : 450 470,69 € (20,0 %) »,
    `lieu` « Oignies · lancement 2022 », `etat` « Où en est-elle : aucun suivi publié »,
    `exemple` True when built from a fictitious example (the image then says so)."""
    site: str
    titre: str
    cout: str
    part: str
    lieu: str
    etat: str
    exemple: bool


def share_card(views: Views, av: ActionView) -> ShareCard:
    a = av.action
    share = _share(av)
    loc = a.localisation
    places = [] if loc is None else [views.commune[slug].nom for slug in loc.communes]
    if loc is not None and loc.territoire:
        places.append("toute l'agglomération")
    where = f"{enumeration(places)} · " if places else ""
    return ShareCard(site=f"{views.territory.site} · fiche {a.fiche}", titre=a.titre,
                     cout=f"{readable_euros(a.cout_total)} HT", part=f"{views.territory.part} : {share}",
                     lieu=f"{where}lancement {a.annee_lancement}", etat=f"Où en est-elle : {views.standing(a.id).text}",
                     exemple=views.signed.exemple is not None)
