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

`files(views, site_url, kept) -> [(path, bytes or text)]`, in a stable order; `kept`: the
share images of the previous builds (crte/outputs/kept.py).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from crte import routes
from crte.outputs import share_image
from crte.outputs.action_file import action_file
from crte.outputs.kept import Kept
from crte.outputs.opendata import json_bytes
from crte.pages.pages import make_environment, page_context, render_redirect
from crte.views.preview import share_card
from crte.views.views import Views


def files(views: Views, site_url: str, kept: Kept | None = None) -> list[tuple[str, Callable[[], bytes | str]]]:
    """(path in the site, what writes its content) of every file above: each one made
    when called (`make serve` writes them after the pages)."""
    card = make_environment(views).get_template("carte.html")
    kept = kept or Kept(None)
    out: list[tuple[str, Callable[[], bytes | str]]] = []
    for av in (*views.action_list(), *views.abandoned_list()):
        a = av.action
        route = routes.action_card(a.id)
        out.append((routes.action_json(a.id), partial(lambda a: json_bytes(action_file(a, views, site_url)), a)))
        out.append((f"{route}index.html", partial(
            lambda av, route: card.render(page_route=route, av=av, st=views.status(av.action.id),
                                          etat=views.standing(av.action.id), lieux=views.places(av.action.id).text,
                                          exemple=views.signed.exemple, **page_context(site_url)), av, route)))
        out.append((routes.action_image(a.id), partial(share_image.kept_png, share_card(views, av), kept)))
    # A former id (anciens_ids) keeps these addresses too: the same record, and the card redirects.
    for a in views.state.actions.values():
        for old in a.anciens_ids:
            old_card = routes.action_card(old)
            out.append((routes.action_json(old), partial(lambda a: json_bytes(action_file(a, views, site_url)), a)))
            out.append((f"{old_card}index.html", partial(render_redirect, views, old_card, routes.action_card(a.id))))
    out.append((share_image.PATH, partial(share_image.png, views.territory.nom_court)))
    return out

