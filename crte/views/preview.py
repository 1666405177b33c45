"""What a link to a page says when it is shared (the page's meta description, Open Graph) and
what the embeddable card of an action says (templates/carte.html): short French texts with the
figures a reader looks for first. Plain text: the caller escapes it."""
from __future__ import annotations

from crte.fr import enumeration, euros, long_date, number, percent_text
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


def where_it_stands(views: Views, av: ActionView, progress_rate: bool = False) -> str:
    """`« en cours au 3 mars 2023 »`: the last tracking status and its date (and its last known
    physical progress with `progress_rate`, `« …, 40 % »`, a no-break space before « % »),
    `« abandonnée le 2 mars 2023 »`, or `« aucun suivi publié »`."""
    status = views.status(av.action.id)
    progress = views.suivi.actions.get(av.action.id)
    if status.abandoned_by is not None:
        return f"abandonnée le {long_date(status.abandoned_by.date)}"
    if progress is not None and progress.steps and progress.date is not None:
        rate = f", {number(progress.avancement)}\u00a0%" if progress_rate and progress.avancement is not None else ""
        return f"{progress.statut} au {long_date(progress.date)}{rate}"
    return "aucun suivi publié"


def places(views: Views, av: ActionView) -> str:
    """`« Hénin-Beaumont, Carvin »`, `« toute l'agglomération »`, `« Oignies ; hors de la
    CAHC »`: where the action takes place, as its page's summary says it (templates/blocks/
    action-resume.html); `« non précisé »` when the record does not say."""
    loc = av.action.localisation
    if loc is None:
        return "non précisé"
    parts = [", ".join(views.commune[slug].nom for slug in loc.communes)] if loc.communes else []
    if loc.territoire:
        parts.append("toute l'agglomération")
    if loc.hors_cahc:
        parts.append(f"hors de {views.territory.le_sigle}")
    return " ; ".join(parts) or "non précisé"


def action_summary(views: Views, av: ActionView) -> str:
    """`« 2 252 353,00 € HT, part CAHC 450 470,69 € (20,0 %) ; aucun suivi publié ; Oignies,
    lancement 2022, maître d'ouvrage CAHC. »`: the action's cost in force, the territory's share
    (« non indiquée » when unknown, never 0), where it stands (`where_it_stands`), its
    communes, its launch year and its owner."""
    a = av.action
    share = "non indiquée" if a.part_cahc is None else euros(a.part_cahc)
    if av.pourcentage is not None:
        share += f" ({percent_text(av.pourcentage)})"
    loc = a.localisation
    names = [] if loc is None else [views.commune[slug].nom for slug in loc.communes]
    place = f"{enumeration(names)}, " if names else ""
    return (f"{euros(a.cout_total)} HT, part {views.territory.sigle} {share} ; {where_it_stands(views, av)} ; "
            f"{place}lancement {a.annee_lancement}, maître d'ouvrage {a.maitre_ouvrage}.")
