"""The Atom feed of the decisions taken after the signature: /evolutions/atom.xml.

`atom(views, site_url) -> bytes`: an Atom 1.0 document (RFC 4287), UTF-8 with
its XML declaration, built with feedgen (which escapes every text):

    <feed xml:lang="fr">
      id       = site_url + routes.DECISIONS    (absolute URL of the list page)
      title    = "Évolutions du CRTE <short name>" (territoire.yaml)
      updated  = the newest decision's date; the signature's when there is none
      author   = the territory (territoire.yaml's nom), publisher of the site
      link     = rel="alternate" (the list page), rel="self" (this file)
      <entry>, one per decision, newest first:
        id        = site_url + routes.decision(id) (the decision's permanent page)
        title     = decision.intitule      ("Comité de pilotage du 14 juin 2022")
        summary   = decision.objet, then one line « Motif (<what>) : <why> » per change
                    that gives its reason (a changed or abandoned action), type="text"
        link      = the decision's page (feedgen 1.0.0 writes an entry's link
                    without rel, which then means "alternate", RFC 4287 4.2.7.2)
        published = updated = the decision's date, midnight UTC

No date is the build's: two builds of the same data give the same bytes. The
generator tag is a plain name, without feedgen's version and home page.
`site_url` is MkDocs' `site_url`, always set, ending with "/".
"""
from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from crte import routes
from crte.views.views import Views

PATH = routes.FEED  # where the feed is published, relative to the site root


def _moment(day: dt.date) -> dt.datetime:
    """A decision is dated by its day: midnight UTC, the same on every machine."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom(views: Views, site_url: str) -> bytes:
    base = site_url if site_url.endswith("/") else site_url + "/"
    decisions = views.decision_views  # newest first
    newest = decisions[0].decision.date if decisions else views.crte.contract.signature.date
    fg = FeedGenerator()
    fg.id(base + routes.DECISIONS)
    # A fictitious example says so in the feed too (exemple.yaml).
    territory = views.territory
    title = f"Évolutions du {territory.site}"
    fg.title(f"Exemple fictif — {title}" if views.signed.exemple else title)
    fg.subtitle("Décisions du comité de pilotage et avenants qui modifient le contrat après sa signature.")
    fg.author(name=territory.nom)
    fg.language("fr")
    fg.link(href=base + routes.DECISIONS, rel="alternate", type="text/html")
    fg.link(href=base + PATH, rel="self", type="application/atom+xml")
    fg.generator(territory.site)
    fg.updated(_moment(newest))
    for dv in decisions:
        d = dv.decision
        page = base + routes.decision(d.id)
        entry = fg.add_entry(order="append")
        entry.id(page)
        entry.title(d.intitule)
        entry.summary("\n".join([d.objet, *(f"Motif ({what}) : {why}" for what, why in dv.motifs)]), type="text")
        entry.link(href=page, rel="alternate", type="text/html")
        entry.published(_moment(d.date))
        entry.updated(_moment(d.date))
    return bytes(fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True))
