"""The addresses given by the environment (crte/siteurl.py): `make build`
refuses, in French, whatever a public address should not carry; and an address
that slips through the check (MkDocs run directly) is escaped wherever it is
written: HTML attributes, inline scripts, sitemap, feed, JSON, the card's code.
In Chromium, no script of it ever runs: test_browser_addresses.py."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from crte.siteurl import refusals

from ..sitebuild import copy_project, make, page, soup
from .conftest import HOSTILE_EDIT, HOSTILE_SITE

S, E = "CRTE_SITE_URL", "CRTE_EDIT_URI"
SITE_EXAMPLE = "(par exemple CRTE_SITE_URL=https://crte.agglo-henincarvin.fr/)"
CHARACTERS = ("une adresse publique ne porte pas {}, qu'il faudrait échapper partout où elle est écrite ; son"
              " chemin ne prend que des lettres sans accents, des chiffres et « - . _ ~ / » " + SITE_EXAMPLE + ".")
NOT_A_NAME = ("n'est pas un simple nom de domaine (lettres sans accents, chiffres et tirets, séparés par des"
              " points) " + SITE_EXAMPLE + ".")

REFUSED = {
    "": f"{S} est vide : donnez l'adresse publique du site, terminée par « / » {SITE_EXAMPLE[:-1]}), ou retirez la"
        " variable pour garder celle de mkdocs.yml.",
    "https://exemple.fr/crte": f"{S} doit se terminer par « / » : écrivez {S}=https://exemple.fr/crte/ (« https:"
                               "//exemple.fr/crte » désignerait une page, pas le dossier du site).",
    "exemple.fr/crte/": f"{S} doit être une adresse complète, commençant par https:// (ou http://), sans espace :"
                        f" « exemple.fr/crte/ » ne l'est pas {SITE_EXAMPLE}.",
    "javascript://exemple.fr/": f"{S} doit être une adresse complète, commençant par https:// (ou http://), sans"
                                f" espace : « javascript://exemple.fr/ » ne l'est pas {SITE_EXAMPLE}.",
    'http://127.0.0.1:8721/"+alert(document.domain)+"/': f"{S} contient « \" », « ( », « ) », « + » : "
                                                          + CHARACTERS.format("ces caractères"),
    "https://exemple.fr/cr'te/": f"{S} contient « ' » : " + CHARACTERS.format("ce caractère"),
    "https://exemple.fr/<b>/": f"{S} contient « < », « > » : " + CHARACTERS.format("ces caractères"),
    "https://exemple.fr/%2e%2e/": f"{S} contient « % » : " + CHARACTERS.format("ce caractère"),
    "https://exemple.fr/a\\b/": f"{S} contient « \\ » : " + CHARACTERS.format("ce caractère"),
    "https://exemple.fr/cité/": f"{S} contient « é » : " + CHARACTERS.format("ce caractère"),
    "https://exemple.fr/crte /": f"{S} contient un caractère invisible ou une espace (U+0020, position 24) : une"
                                 " adresse publique n'en porte pas ; supprimez-le",
    "https://exemple.fr/\u200bcrte/": f"{S} contient un caractère invisible ou une espace (U+200B, position 20) :"
                                      " une adresse publique n'en porte pas ; supprimez-le",
    "https://exemple.fr/\x1b[31m/": f"{S} contient un caractère invisible ou une espace (U+001B, position 20) : une"
                                    " adresse publique n'en porte pas ; supprimez-le",
    "https://agent:secret@exemple.fr/": f"{S} contient un nom d'utilisateur ou un mot de passe (avant « @ ») : une"
                                        f" adresse publique n'en porte pas ; retirez-le {SITE_EXAMPLE}.",
    "https://exemple.fr/crte/?v=1": f"{S} contient « ? » ou « # » (des paramètres ou une ancre) : l'adresse d'un"
                                    f" dossier n'en porte pas ; retirez-les {SITE_EXAMPLE}.",
    "https://exemple.fr/crte/#haut": f"{S} contient « ? » ou « # » (des paramètres ou une ancre) : l'adresse d'un"
                                     f" dossier n'en porte pas ; retirez-les {SITE_EXAMPLE}.",
    "https://exemple.fr/crte/../": f"{S} contient un segment « . » ou « .. » : écrivez le chemin tel qu'il est"
                                   f" servi, sans détour {SITE_EXAMPLE}.",
    "https://exemple.fr/./": f"{S} contient un segment « . » ou « .. » : écrivez le chemin tel qu'il est servi,"
                             f" sans détour {SITE_EXAMPLE}.",
    "https://exemple.fr//crte/": f"{S} contient « // » dans son chemin : écrivez-le avec un seul « / » entre deux"
                                 f" dossiers {SITE_EXAMPLE}.",
    "https://crte.agglo-hénin-carvin.fr/": f"{S} : écrivez le nom d'hôte « crte.agglo-hénin-carvin.fr » sous sa"
                                           " forme ASCII : « crte.xn--agglo-hnin-carvin-htb.fr » " + SITE_EXAMPLE + ".",
    "https://Exemple.FR/": f"{S} : écrivez le nom d'hôte en minuscules : « exemple.fr » {SITE_EXAMPLE}.",
    "https://exemple.fr./": f"{S} : le nom d'hôte « exemple.fr. » " + NOT_A_NAME,
    "https://exe_mple.fr/": f"{S} : le nom d'hôte « exe_mple.fr » " + NOT_A_NAME,
    "https://[::1]/": f"{S} : le nom d'hôte « [::1] » " + NOT_A_NAME,
    'https://exe"mple.fr/': f"{S} : le nom d'hôte « exe\"mple.fr » " + NOT_A_NAME,
    "https://exemple.fr:99999/": f"{S} : le port de « exemple.fr:99999 » doit être un nombre de 1 à 65535"
                                 f" {SITE_EXAMPLE}.",
}
ACCEPTED = ["https://crte.agglo-henincarvin.fr/", "https://exemple.fr/crte/", "http://127.0.0.1:8721/",
            "https://crte.xn--agglo-hnin-carvin-htb.fr/sous-site/CRTE_2021/"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("adresses") / "p")


def make_build(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return make(project, "build", env={**os.environ, **env})


@pytest.mark.parametrize("value, message", REFUSED.items(), ids=[repr(v)[1:-1][:40] for v in REFUSED])
def test_make_build_refuses_what_a_public_address_should_not_carry(project: Path, value: str, message: str) -> None:
    result = make_build(project, CRTE_SITE_URL=value)
    assert result.returncode != 0 and "Traceback" not in result.stderr, value
    assert any(line.startswith(f"Construction refusée : {message}") for line in result.stderr.splitlines()), \
        (message, result.stderr)
    assert not (project / "site").exists()


def test_both_addresses_are_checked_and_both_refusals_said(project: Path) -> None:
    result = make_build(project, CRTE_SITE_URL="https://exemple.fr/crte", CRTE_EDIT_URI="https://github.com/x/y"
                        "/edit/main/?plain=1")
    assert result.returncode == 2 and not (project / "site").exists()
    assert [line for line in result.stderr.splitlines() if line.startswith("Construction refusée")] == [
        f"Construction refusée : {S} doit se terminer par « / » : écrivez {S}=https://exemple.fr/crte/ (« https://"
        "exemple.fr/crte » désignerait une page, pas le dossier du site).",
        f"Construction refusée : {E} contient « ? » ou « # » (des paramètres ou une ancre) : l'adresse d'un dossier"
        f" n'en porte pas ; retirez-les (par exemple {E}=https://github.com/cahc/crte-henin-carvin/edit/main/).",
    ]


def test_valid_addresses_pass_and_an_empty_edit_address_means_no_edit_link() -> None:
    assert refusals({}) == []
    for value in ACCEPTED:
        assert refusals({S: value, E: value}) == [], value
    assert refusals({E: ""}) == []
    assert refusals({E: 'https://github.com/x/y/edit/main/"onmouseover="alert(1)/'})[0].startswith(
        f"{E} contient « \" », « ( », « ) », « = » : une adresse publique ne porte pas ces caractères")


# --- A value that slips through is escaped wherever it is written -------------------------------------

# hostile_address_site (conftest.py): the example built by MkDocs itself from HOSTILE_SITE and HOSTILE_EDIT.

def test_every_page_prints_the_addresses_escaped_once(hostile_address_site: Path) -> None:
    site = hostile_address_site
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 60
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        assert "onerror=alert(2)>" not in raw and "<script>alert(3)" not in raw, path
        assert '"+alert(document.domain)+"' not in raw, path  # in a script, only as "\"+alert(…)+\""
        html = BeautifulSoup(raw, "html.parser")
        assert html.find("img", src="x") is None and not [s for s in html.find_all("script") if "alert(3)" in
                                                          (s.string or "")], path
    route = "actions/cite-crombez/"
    html = page(site, route)
    assert html.find("link", rel="canonical")["href"] == HOSTILE_SITE + route  # parsed back: intact, not broken
    assert html.find("meta", property="og:url")["content"] == HOSTILE_SITE + route
    assert html.find("meta", property="og:image")["content"] == HOSTILE_SITE + route + "partage.png"
    assert html.select_one("a[rel=edit]")["href"] == HOSTILE_EDIT + "data/actions.yaml"
    assert html.select_one("a.crte-permalien").get_text() == HOSTILE_SITE + route
    snippet = BeautifulSoup(html.select_one("pre.crte-integration code").get_text(), "html.parser")
    assert [t.name for t in snippet.find_all(True)] == ["iframe"]  # the code partners copy: one element
    assert snippet.iframe["src"] == HOSTILE_SITE + route + "carte/"
    missing = soup(site / "404.html")
    sheets = [link["href"] for link in missing.select("link[rel=stylesheet]")]
    assert sheets and all(h.startswith("/\"+alert(document.domain)+\"/x'><img src=x onerror=alert(2)>/")
                          for h in sheets)


def test_the_data_files_carry_the_address_intact(hostile_address_site: Path) -> None:
    site = hostile_address_site
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/"
                                                                            "sitemap/0.9}loc")]
    assert locs and all(loc.startswith(HOSTILE_SITE) for loc in locs) and HOSTILE_SITE + "actions/" in locs
    feed = feedparser.parse((site / "evolutions" / "atom.xml").read_bytes())
    assert feed.bozo == 0 and feed.feed.id == HOSTILE_SITE + "evolutions/" and feed.entries
    assert all(e.id.startswith(HOSTILE_SITE + "evolutions/") and e.link == e.id for e in feed.entries)
    record = json.loads((site / "actions" / "cite-crombez.json").read_text(encoding="utf-8"))
    assert record["url"] == HOSTILE_SITE + "actions/cite-crombez/"
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["homepage"] == HOSTILE_SITE
    rows = list(csv.DictReader(io.StringIO((site / "donnees" / "actions.csv").read_text(encoding="utf-8-sig"))))
    assert {r["url"] for r in rows} == {HOSTILE_SITE + f"actions/{r['id']}/" for r in rows}
