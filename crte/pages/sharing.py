"""What partners take away from an action, besides its page (crte/mkdocs/plugin.py adds
these files to the build):

- /actions/<id>.json: what the action's page shows (crte/outputs/action_file.py): its
  record as in /donnees/actions.json (its `url` is the page's permanent address), its
  tracking, the date of the data, the licence and the source, for partners'
  tools; abandoned actions keep theirs (`etat`: « abandonnée »), as they keep
  their page: a published address never disappears (urls.txt); so does a former
  id (anciens_ids): its JSON file holds the action's record, its card redirects;
- /actions/<id>/carte/: a small card to embed in an <iframe> (templates/carte.html,
  its own HTML, not the theme, designed to a fixed height): title, where it stands,
  communes, launch year, owner, amounts in force, a link to the page;
  no JavaScript, no request to any host, nothing that forbids framing. Each action
  page gives the <iframe> to copy (templates/blocks/citation.html);
- /actions/<id>/partage.png: the image a shared link to the action shows (its figures
  and where it stands), /assets/partage.png the one of every other page
  (crte/outputs/share_image.py, Open Graph tags in overrides/partials/partage.html).

`files(views, site_url) -> [(path, bytes or text)]`, in a stable order.
"""
from __future__ import annotations

from crte import routes
from crte.outputs import share_image
from crte.outputs.action_file import action_file
from crte.outputs.opendata import json_bytes
from crte.pages.pages import make_environment, page_context, render_redirect
from crte.views.preview import share_card
from crte.views.views import Views


def files(views: Views, site_url: str) -> list[tuple[str, bytes | str]]:
    card = make_environment(views).get_template("carte.html")
    out: list[tuple[str, bytes | str]] = []
    for av in (*views.action_list(), *views.abandoned_list()):
        a = av.action
        out.append((routes.action_json(a.id), json_bytes(action_file(a, views, site_url))))
        route = routes.action_card(a.id)
        out.append((f"{route}index.html", card.render(page_route=route, av=av, st=views.status(a.id),
                                                      etat=views.standing(a.id),
                                                      lieux=views.places(a.id).text,
                                                      exemple=views.signed.exemple, **page_context(site_url))))
        out.append((routes.action_image(a.id), share_image.action_png(share_card(views, av))))
    # A former id (anciens_ids) keeps these addresses too: the same record, and the card redirects.
    for a in views.state.actions.values():
        for old in a.anciens_ids:
            out.append((routes.action_json(old), json_bytes(action_file(a, views, site_url))))
            old_card = routes.action_card(old)
            out.append((f"{old_card}index.html", render_redirect(views, old_card, routes.action_card(a.id))))
    out.append((share_image.PATH, share_image.png(views.territory.nom_court)))
    return out
