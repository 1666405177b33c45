"""What a link to a page says when it is shared (the page's meta description, Open Graph):
one French sentence with the figures a reader looks for first."""
from __future__ import annotations

from crte.fr import enumeration, euros, long_date, percent_text
from crte.views.views import ActionView, Views


def action_summary(views: Views, av: ActionView) -> str:
    """`« 2 252 353,00 € HT, part CAHC 450 470,69 € (20,0 %) ; aucun suivi publié ; Oignies,
    lancement 2022, maître d'ouvrage CAHC. »`: the action's cost in force, the territory's share
    (« non indiquée » when unknown, never 0), where it stands
    (the last tracking status and its date, abandoned, or that no tracking is published), its
    communes, its launch year and its owner. Plain text: the caller escapes it."""
    a = av.action
    share = "non indiquée" if a.part_cahc is None else euros(a.part_cahc)
    if av.pourcentage is not None:
        share += f" ({percent_text(av.pourcentage)})"
    status = views.status(a.id)
    progress = views.suivi.actions.get(a.id)
    if status.abandoned_by is not None:
        where_it_stands = f"abandonnée le {long_date(status.abandoned_by.date)}"
    elif progress is not None and progress.steps and progress.date is not None:
        where_it_stands = f"{progress.statut} au {long_date(progress.date)}"
    else:
        where_it_stands = "aucun suivi publié"
    loc = a.localisation
    places = [] if loc is None else [views.commune[slug].nom for slug in loc.communes]
    place = f"{enumeration(places)}, " if places else ""
    return (f"{euros(a.cout_total)} HT, part {views.territory.sigle} {share} ; {where_it_stands} ; "
            f"{place}lancement {a.annee_lancement}, maître d'ouvrage {a.maitre_ouvrage}.")
