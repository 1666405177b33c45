"""What a link to a page says when it is shared (the page's meta description, Open Graph):
one French sentence with the figures a reader looks for first (`action_summary`), the texts
of its share image (`share_card`), and what the embeddable card of an action needs
(templates/carte.html: `card_height`). Where an action stands: views/standing.py; where it
takes place: views/places.py.
Plain text: the caller escapes it."""
from __future__ import annotations

from dataclasses import dataclass

from crte.fr import euros, percent_text, readable_euros
from crte.views.views import ActionView, Views

# The embeddable card's design height, in CSS pixels: templates/carte.html clamps each of its
# lines so that its content never exceeds it, from 320 px wide up (tests/site/test_card.py);
# the fictitious example's notice (two lines at most) adds CARD_NOTICE_HEIGHT.
# Its lines add up to 372 px at most; 8 px spare for a glyph of another font that makes a line taller.
CARD_HEIGHT = 380
CARD_NOTICE_HEIGHT = 42


def card_height(views: Views) -> int:
    """The height, in CSS pixels, of the <iframe> that shows an action's card (the code to copy,
    templates/blocks/citation.html): the card's design height, plus its notice in the example."""
    return CARD_HEIGHT + (CARD_NOTICE_HEIGHT if views.signed.exemple else 0)


def _share(av: ActionView) -> str:
    """« 450 470,69 € (20,0 %) », or « non indiquée » (unknown is never 0)."""
    if av.action.part_cahc is None:
        return "non indiquée"
    pct = "" if av.pourcentage is None else f" ({percent_text(av.pourcentage)})"
    return euros(av.action.part_cahc) + pct


def action_summary(views: Views, av: ActionView) -> str:
    """`« 2 252 353,00 € HT, part CAHC 450 470,69 € (20,0 %) ; aucun suivi publié ; Oignies,
    lancement 2022, maître d'ouvrage CAHC. »`: the action's cost in force, the territory's share
    (« non indiquée » when unknown, never 0), where it stands (views/standing.py), where it
    takes place (views/places.py, left out when not given), its launch year and its owner."""
    a = av.action
    p = views.places(a.id)
    where = f"{p.text}, " if p.given else ""
    return (f"{euros(a.cout_total)} HT, part {views.territory.sigle} {_share(av)} ; {views.standing(a.id).text} ; "
            f"{where}lancement {a.annee_lancement}, maître d'ouvrage {a.maitre_ouvrage}.")


@dataclass(frozen=True)
class ShareCard:
    """The texts of an action's share image (outputs/share_image.py), plain text:
    `site` « CRTE Hénin-Carvin · fiche 5.4 », `titre`, `cout` « 2,3 millions d'euros HT »
    (readable units; the exact amount is on the page), `part` « Part CAHC : 450 470,69 € (20,0 %) »,
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
    p = views.places(a.id)
    where = f"{p.text} · " if p.given else ""
    return ShareCard(site=f"{views.territory.site} · fiche {a.fiche}", titre=a.titre,
                     cout=f"{readable_euros(a.cout_total)} HT", part=f"{views.territory.part} : {_share(av)}",
                     lieu=f"{where}lancement {a.annee_lancement}", etat=f"Où en est-elle : {views.standing(a.id).text}",
                     exemple=views.signed.exemple is not None)
