"""Partners and open data: permanent URLs, commune and project-owner pages, downloads."""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import frictionless
import openpyxl
import pytest

from crte.data.model import Crte
from crte.fr import euros
from crte.outputs.manifest import HEADER, published, read

from ..conftest import ROOT, STAFF_RECORD
from ..sitebuild import build, copy_project, make, page, rename

MANIFEST = ROOT / "urls.txt"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def unresolved(site_dir: Path, urls: list[str]) -> list[str]:
    """The URLs that lead nowhere: no page or file, or a redirect to nowhere."""
    broken = []
    for url in urls:
        path = site_dir / url.lstrip("/")
        target = path / "index.html" if url.endswith("/") else path
        if not target.is_file():
            broken.append(url)
            continue
        if m := REFRESH.search(target.read_text(encoding="utf-8", errors="ignore")):
            final = (target.parent / m[1]).resolve()
            if not (final / "index.html").is_file():
                broken.append(f"{url} -> {m[1]}")
    return broken


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the real data as it is, decisions and tracking included: the
    permanent URLs are those of the contract in force."""
    out = tmp_path_factory.mktemp("live")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def test_every_url_ever_published_still_resolves(live_site: Path) -> None:
    urls = read(MANIFEST)
    assert len(urls) >= 70
    assert unresolved(live_site, urls) == []


def test_a_new_address_is_a_notice_and_the_publication_records_it(tmp_path: Path) -> None:
    """An action added by a decision publishes new addresses: not an error on a pull request
    (staff run nothing), said in French by the build; `make urls`, run by the publishing job on
    main, adds exactly those to urls.txt. (A manifest of a few signed addresses: the real one
    lists what the real data publishes, whatever it is.)"""
    import shutil

    from crte.outputs import manifest as urls

    project = copy_project(tmp_path / "p")
    manifest = project / "urls.txt"
    manifest.write_text(urls.HEADER + "/\n/actions/cite-declercq/\n/orientations/1/\n", encoding="utf-8")
    (project / "data" / "decisions").mkdir()
    decision = STAFF_RECORD / "decisions" / "2024-06-18-comite-de-pilotage.yaml"
    shutil.copy(decision, project / "data" / "decisions" / decision.name)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    new = sorted(set(published(tmp_path / "site")) - {"/", "/actions/cite-declercq/", "/orientations/1/"})
    assert "/actions/legumerie-restauration-collective/" in new and f"/evolutions/{decision.stem}/" in new
    assert (f"{len(new)} adresses nouvelles, que la publication sur main ajoute à urls.txt d'elle-même (rien à"
            f" faire) : {', '.join(new[:20])} et {len(new) - 20} autres") in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "make urls" not in result.stderr
    assert urls.main([str(tmp_path / "site"), str(manifest)]) == 0
    assert read(manifest) == sorted({"/", "/actions/cite-declercq/", "/orientations/1/", *new})
    assert urls.added(manifest, set(published(tmp_path / "site"))) == []


def test_the_footer_gives_the_day_the_data_last_changed_in_git(live_site: Path) -> None:
    import datetime as dt
    import subprocess

    from crte.fr import long_date

    epoch = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--", "data"],
                           capture_output=True, text=True, check=True).stdout.strip()
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    for route in ("", "actions/cite-declercq/", "donnees/"):
        assert page(live_site, route).select_one(".crte-maj").get_text(strip=True) == \
            f"Données mises à jour le {long_date(day)}.", route
    package = json.loads((live_site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["modified"] == day.isoformat() and package["created"]


def test_a_changed_id_keeps_its_old_url_as_a_redirect(tmp_path: Path, site: Path) -> None:
    project = copy_project(tmp_path / "p")
    rename(project, keep_old=True)
    assert build(project, tmp_path / "site").returncode == 0
    old = (tmp_path / "site" / "actions" / "cite-declercq" / "index.html").read_text(encoding="utf-8")
    assert REFRESH.search(old)[1] == "../cite-declercq-oignies/"
    assert unresolved(tmp_path / "site", published(site)) == []


def test_a_changed_id_without_redirect_is_caught(tmp_path: Path, site: Path) -> None:
    project = copy_project(tmp_path / "p")
    rename(project, keep_old=False)
    assert build(project, tmp_path / "site").returncode == 0
    # The page, and with it the action's JSON record and card (sharing.py).
    assert unresolved(tmp_path / "site", published(site)) == ["/actions/cite-declercq.json", "/actions/cite-declercq/",
                                                              "/actions/cite-declercq/carte/"]


def test_a_former_id_cannot_be_reused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    rename(project, keep_old=True)
    actions = project / "data" / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8").replace("  - id: cite-crombez\n",
                                                                    "  - id: cite-declercq\n"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "actions[cite-declercq-oignies].anciens_ids: identifiant d'action « cite-declercq » en double" in result.stderr


def test_action_page_shows_its_permanent_link_and_a_citation(site: Path) -> None:
    html = page(site, "actions/cite-declercq/")
    assert html.select_one("a.crte-permalien").get_text() == "https://crte.agglo-henincarvin.fr/actions/cite-declercq/"
    assert html.select_one("#citation").get_text() == (
        "CRTE Hénin-Carvin (contrat signé le 13 décembre 2021), annexe 3, fiche 14.3 : « Cité Declercq - espaces"
        " publics - Part CAHC + ville », https://crte.agglo-henincarvin.fr/actions/cite-declercq/")


# --- Communes and project owners ------------------------------------------------------------

def test_the_fourteen_communes_have_a_page(site: Path, crte: Crte) -> None:
    index = page(site, "communes/")
    names = [th.get_text(strip=True) for th in index.select("table")[0].select("tbody th")]
    assert names == [c.nom for c in crte.communes] and len(names) == 14
    for c in crte.communes:
        assert page(site, f"communes/{c.slug}/").select_one("h1").get_text(strip=True).rstrip("¶") == c.nom


def test_commune_page_lists_the_actions_located_there(site: Path) -> None:
    html = page(site, "communes/oignies/")
    titles = [th.get_text(strip=True) for th in html.select("table tbody th")]
    assert titles == [
        "Cité Declercq - espaces publics - Part CAHC + ville",
        "9.9Bis Réhabilitation des chevalements et puits (travaux d'urgence couronnement)",
        "9.9Bis Réhabilitation des chevalements et puits (diag + travaux d'urgence pieds)",
        "9.9Bis Réhabilitation des chevalements et puits - \"corps\" des chevalements",
    ]
    foot = html.select_one("table tfoot").get_text(" ", strip=True)
    assert euros(Decimal("26513951") + Decimal("161013") + Decimal("693460") + Decimal("2252353")) in foot


def test_whole_territory_outside_and_unlocated_actions_are_listed_as_such(site: Path) -> None:
    html = page(site, "communes/")
    def section(anchor: str) -> list[str]:
        return [th.get_text(strip=True) for th in html.find(id=anchor).find_next("table").select("tbody th")]
    assert len(section("territoire")) == 4
    assert section("hors-cahc") == ["ZEC sur le secteur de la Chapelle à Wahagnies / Phalempin"]
    assert len(section("non-precise")) == 6
    assert "non précisé par le document" in page(site, "actions/courant-de-la-motte/").get_text()


def test_project_owner_pages(site: Path) -> None:
    index = page(site, "maitres-ouvrage/")
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in index.select("tbody tr")]
    assert [r[0] for r in rows] == ["CAHC", "Commune d'Hénin-Beaumont", "Commune d'Oignies", "Commune de Drocourt",
                                    "Commune de Noyelles-Godault", "Commune de Rouvroy", "GESPATRIM",
                                    "Ville de Libercourt"]
    assert rows[0][1] == "23"
    gespatrim = page(site, "maitres-ouvrage/gespatrim/")
    assert gespatrim.select_one("tbody th").get_text(strip=True) == \
        "Réhabilitation de la friche Mecastamp porté par Gespatrium"
    action = page(site, "actions/cite-declercq/")
    owners = [a["href"] for a in action.select("dl.crte-champs dd a") if "maitres-ouvrage" in a["href"]]
    assert owners == ["../../maitres-ouvrage/cahc/", "../../maitres-ouvrage/commune-d-oignies/"]


# --- Open data ---------------------------------------------------------------------------------

def test_the_data_package_is_valid(site: Path) -> None:
    report = frictionless.validate(str(site / "donnees" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert [r["path"] for r in package["resources"]] == ["actions.csv", "actions-signees.csv", "evolutions.csv",
                                                         "indicateurs.csv", "communes.csv", "mesures.csv", "suivi.csv",
                                                         "financements.csv", "projets-transition-ecologique.csv",
                                                         "collectivites.csv", "actions.json", "indicateurs.json",
                                                         "contrat.json", "maquette-financiere.xlsx"]


def test_the_table_schema_comes_from_the_declarations(site: Path) -> None:
    from crte.data.model import Action, Localisation

    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    header = (site / "donnees" / "actions.csv").read_text(encoding="utf-8").split("\n")[0].split(",")
    assert list(fields) == header
    for name in ("id", "titre", "annee_lancement", "cout_total"):
        assert fields[name]["description"] == Action.model_fields[name].description
        assert fields[name]["constraints"] == {"required": True}
    assert fields["part_cahc"]["description"].startswith(Action.model_fields["part_cahc"].description)
    assert "constraints" not in fields["part_cahc"]
    assert (fields["cout_total"]["type"], fields["chantier"]["type"], fields["territoire"]["type"]) == \
        ("number", "integer", "boolean")
    assert fields["orientation"]["description"] == Action.model_computed_fields["orientation"].description
    assert fields["communes"]["description"].startswith(Localisation.model_fields["communes"].description)


def test_csv_round_trips_to_the_same_figures_as_the_site(site: Path, crte: Crte) -> None:
    # The actions in force (the signed ones while no decision changed them; the
    # signed figures themselves are pinned against sources/ by the product's check).
    current = crte.current.crte.actions
    rows = list(csv.DictReader(io.StringIO((site / "donnees" / "actions.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [a.id for a in current]
    cost = sum(Decimal(r["cout_total"]) for r in rows)
    share = sum(Decimal(r["part_cahc"]) for r in rows if r["part_cahc"])
    assert (cost, share) == (sum(a.cout_total for a in current), sum(a.part_cahc or 0 for a in current))
    assert [r["id"] for r in rows if not r["part_cahc"]] == [a.id for a in current if a.part_cahc is None]
    signed = list(csv.DictReader(io.StringIO((site / "donnees" / "actions-signees.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], Decimal(r["cout_total"])) for r in signed] == [(a.id, a.cout_total) for a in crte.actions]
    finances = page(site, "finances/").select_one("#tableau-orientation tfoot").get_text(" ", strip=True)
    assert euros(cost) in finances and euros(share) in finances
    assert all(re.fullmatch(r"\d+\.\d\d", r["cout_total"]) for r in rows)
    indicators = list(csv.DictReader(io.StringIO((site / "donnees" / "indicateurs.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in indicators] == [i.id for i in crte.indicators]


def test_json_files_hold_exact_amounts(site: Path) -> None:
    # JSON numbers, written exactly (test_opendata_formats.py): read as decimals, they are the amounts.
    data = json.loads((site / "donnees" / "actions.json").read_text(encoding="utf-8"), parse_float=Decimal)
    assert data["actions"][1]["cout_total"] == Decimal("1950206.00")
    assert data["totaux_publies"]["total"]["part_cahc"] == Decimal("25715256.83")
    contract = json.loads((site / "donnees" / "contrat.json").read_text(encoding="utf-8"))
    assert [a["numero"] for a in contract["contrat"]["articles"]] == list(range(1, 14))
    assert len(contract["communes"]) == 14


def test_the_spreadsheet_has_every_action_and_table(site: Path, crte: Crte) -> None:
    wb = openpyxl.load_workbook(site / "donnees" / "maquette-financiere.xlsx")
    assert wb.sheetnames == ["Actions", "Actions signées", "Évolutions", "Par orientation",
                             "Par orientation du chantier", "Par chantier",
                             "Par fiche", "Par année de lancement", "Par maître d'ouvrage", "Contrôles",
                             "Indicateurs", "Indicateurs (valeurs)", "Suivi", "Financements", "Champs"]
    current = crte.current.crte.actions
    actions = wb["Actions"]
    assert actions.max_row == len(current) + 1
    header = [c.value for c in actions[1]]  # human headers; the « Champs » sheet gives the machine names
    costs = [row[header.index("Coût total HT")] for row in actions.iter_rows(min_row=2, values_only=True)]
    assert round(sum(costs), 2) == float(sum(a.cout_total for a in current))
    assert wb["Actions signées"].max_row == len(crte.actions) + 1
    total = [c.value for c in wb["Par orientation"][wb["Par orientation"].max_row]]
    assert total[:2] == ["Total", len(current)]
    # Readable as a spreadsheet: bold header row kept in view, amounts in euros.
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.b for c in ws[1]), ws.title
    money = {header.index("Coût total HT") + 1, header.index("Part CAHC") + 1}
    for row in actions.iter_rows(min_row=2):
        for c in row:
            assert (c.number_format == '#,##0.00\\ "€"') == (c.column in money), (c.coordinate, c.number_format)


def test_open_data_page_lists_each_file_with_its_rows(site: Path, crte: Crte) -> None:
    html = page(site, "donnees/")
    table = html.find("caption", string="Fichiers publiés").find_parent("table")
    rows = {tr.th.get_text(strip=True): tr.find_all("td")[1].get_text(strip=True) for tr in table.select("tbody tr")}
    n, signed, indicators = (str(len(crte.current.crte.actions)), str(len(crte.actions)),
                             str(len(crte.current.crte.indicators)))
    changes = str(sum(len(s.history) for s in crte.current.status.values()))
    assert rows == {"actions.csv": n, "actions-signees.csv": signed, "evolutions.csv": changes, "actions.json": n,
                    "indicateurs.csv": indicators, "indicateurs.json": indicators, "mesures.csv": "0",
                    "communes.csv": str(len(crte.communes)),
                    "contrat.json": "—", "maquette-financiere.xlsx": n, "suivi.csv": "0", "financements.csv": "0",
                    "projets-transition-ecologique.csv": str(int(n) + len(crte.current.abandoned())),
                    "collectivites.csv": str(len(crte.communes) + 1), "datapackage.json": "—"}
    assert "Licence Ouverte" in html.get_text()


def test_make_build_refuses_to_drop_a_published_address(tmp_path: Path) -> None:
    """Renumbering orientation 5 passes the data checks, but /orientations/5/ is in
    urls.txt: `make build` itself stops, names the line of urls.txt, and keeps the site."""
    import shutil

    project = copy_project(tmp_path / "p")
    shutil.copy(MANIFEST, project / "urls.txt")
    for name, old, new in (("orientations.yaml", "\n  - numero: 5\n", "\n  - numero: 6\n"),
                           ("indicators.yaml", "\n  - orientation: 5\n", "\n  - orientation: 6\n")):
        path = project / "data" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    result = make(project, "build")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    n = read(MANIFEST).index("/orientations/5/")
    line = next(i + 1 for i, text in enumerate(MANIFEST.read_text(encoding="utf-8").splitlines())
                if text == "/orientations/5/")
    assert line == len(HEADER.splitlines()) + n + 1  # the message names the file's line, header counted
    assert (f"urls.txt:{line}: /orientations/5/: cette adresse a été publiée et ne mène plus à aucune page ; des"
            " partenaires la citent : rétablissez la page (un numéro, un identifiant ou un nom qui forme une adresse"
            " ne change pas), ou pour une action qui change d'identifiant, gardez l'ancien dans anciens_ids"
            in result.stderr.splitlines())
    assert "n'a pas été modifié" in result.stderr
