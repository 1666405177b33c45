"""The words readers use for what the contract says otherwise: `recherche/mots.json`
(routes.SEARCH_WORDS), read by the browser (docs/javascripts/recherche-moteur.js).

SYNONYMS is the one reviewed list, the reader's word first. Each group holds words or phrases a reader may type
for the same thing; a query holding one of them is also searched with each other one
(« piste cyclable » also searches « vélo », « mode doux »…), its own results first, and
each result says which word found it. The browser cuts each word to its stem as it cuts
the query's (« cyclables » → « cyclabl »), so singular or plural, accents or none, any
form finds the group.

To extend it: add a group, or a word to a group, only when a reader's word leads to a
word the contract's text really uses (look in data/actions.yaml, the orientations and
the contract's articles), and when every word of the group finds what the others mean:
not « sport » beside « transport ». No stemmer's guess: a human reads each group.

SUGGESTIONS: when nothing at all is found, the page suggests the first word of a few
groups, those whose words are found in the most actions of the data (`suggestions`, computed at each build: a word the
data no longer holds is never suggested).
"""
from __future__ import annotations

import json
import re

from crte.search.text import fold
from crte.views.views import Views

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("piste cyclable", "vélo", "cyclable", "mode doux", "piéton", "voie verte"),
    ("salle de sport", "gymnase", "équipement sportif", "sportive"),
    ("friche", "site pollué", "dépollution", "reconversion"),
    ("logement", "habitat", "maison"),
    ("eau", "assainissement", "hydraulique", "cours d'eau"),
    ("inondation", "crue", "zone d'expansion"),
    ("chauffage", "chaleur", "biomasse"),
    ("internet", "numérique"),
    ("bibliothèque", "médiathèque", "lecture"),
    ("stationnement", "parking"),
    ("train", "gare", "pôle d'échanges"),
    ("route", "voirie", "chaussée"),
    ("mine", "minier", "chevalement"),
    ("biodiversité", "nature", "trame verte", "renaturation", "zones humides"),
    ("alimentation", "alimentaire", "agriculture", "circuit court"),
    ("magasin", "commerce"),
)
SUGGESTIONS = 6
_WORD_START = r"(?<![^\W_]){}"


def suggestions(views: Views, count: int = SUGGESTIONS) -> list[str]:
    """The first word of the `count` groups of SYNONYMS whose words are found in the most
    actions' titles and descriptions (folded, at a word's start): a reader's word that
    leads somewhere (« piste cyclable », found as « vélo »), most found first."""
    texts = [fold(f"{a.titre} {a.description or ''}") for a in views.crte.actions]
    found = []
    for rank, group in enumerate(SYNONYMS):
        patterns = [re.compile(_WORD_START.format(re.escape(fold(w)))) for w in group]
        if n := sum(1 for t in texts if any(p.search(t) for p in patterns)):
            found.append((-n, rank, group[0]))
    return [word for _, _, word in sorted(found)[:count]]


def words_json(views: Views) -> str:
    """{"synonymes": [[word, …], …], "suggestions": [word, …]}."""
    return json.dumps({"synonymes": [list(g) for g in SYNONYMS], "suggestions": suggestions(views)},
                      ensure_ascii=False, separators=(",", ":"))
