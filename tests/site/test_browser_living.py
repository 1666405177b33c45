"""axe-core on the pages of the living contract, built from the fictitious example:
the decision pages, an action changed, added and abandoned, the contract with an
amended article, the finances in force and signed. Same checks as test_browser.py
(WCAG 2.1 AA, no request leaves the site, tables with captions and scopes)."""
from __future__ import annotations

import pytest

from .test_browser import ROUTES as _ROUTES  # noqa: F401 - keeps the skip condition's imports
from .test_browser import base_url, browser, context  # noqa: F401 - fixtures, served from this module's `site`
from .test_browser import pytestmark  # noqa: F401 - skipped without chromium and axe-core
from .test_browser import test_axe_finds_no_wcag_violation_and_no_request_leaves_the_site as _axe
from .test_evolutions import project, site  # noqa: F401 - the example's site

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
def test_axe_on_the_living_contract(context: object, base_url: str, name: str,  # noqa: F811
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.site.test_browser as browser_tests

    monkeypatch.setattr(browser_tests, "ROUTES", ROUTES)
    _axe(context, base_url, name)
