"""axe-core on the pages of the living contract, built from the fictitious example:
the decision pages, an action changed, added and abandoned, the contract with an
amended article, the finances in force and signed. Same checks as test_browser.py
(conftest.accessible_and_private: WCAG 2.1 AA, no request leaves the site, tables with
captions and scopes)."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import accessible_and_private


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:  # served as `base_url` (conftest.py)
    return example_site


ROUTES = {
    "evolutions": "evolutions/",
    "evolution": "evolutions/2022-06-14-comite-de-pilotage/",
    "avenant": "evolutions/2023-03-02-avenant-1/",
    "action-modifiee": "actions/voie-albert-carre/",
    "action-ajoutee": "actions/piste-cyclable-rouvroy-drocourt/",
    "action-abandonnee": "actions/lecture-spectacle/",
    "contrat-modifie": "contrat/",
    "finances-en-vigueur": "finances/",
    "accueil-exemple": "",
    "suivi": "suivi/",
    "financeur": "financeurs/etat/",
    "action-suivie": "actions/cite-crombez/",
    "indicateur": "indicateurs/o2-lineaire-voies-douces-deployees-territoire/",
}


@pytest.mark.parametrize("name", ROUTES)
def test_axe_on_the_living_contract(context: object, base_url: str, name: str) -> None:
    accessible_and_private(context, base_url, ROUTES[name])
