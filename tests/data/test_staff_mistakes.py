"""Hurried mistakes on decisions and tracking (issue 19, round 3): each kind is refused
once, at its line, with advice that fixes it. In-process: the loader on a copy of
the signed data with decisions/ and suivi/ written by the test."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from crte.data.errors import DataErrors
from crte.data.loader import load

from ..conftest import FUNDERS, ROOT, copy_signed

D, S = "data/decisions", "data/suivi"
ADDED = (ROOT / "tests" / "data" / "added-action.yaml").read_text(encoding="utf-8")


class Living:
    """A copy of the signed data with decisions/, suivi/ (and the funders' referential)."""

    def __init__(self, root: Path):
        self.dir = copy_signed(root / "data")
        for sub in ("decisions", "suivi/actions", "suivi/indicateurs"):
            (self.dir / sub).mkdir(parents=True)
        shutil.copy(FUNDERS, self.dir / "suivi" / "financeurs.yaml")  # fixed: staff may add funders to data/

    def write(self, name: str, text: str) -> str:
        (self.dir / name).write_text(text, encoding="utf-8")
        return name

    def line(self, name: str, needle: str, nth: int = 0) -> int:
        lines = (self.dir / name).read_text(encoding="utf-8").split("\n")
        return [i + 1 for i, line in enumerate(lines) if needle in line][nth]

    def errors(self, **kwargs: object) -> list[str]:
        with pytest.raises(DataErrors) as exc:
            load(self.dir, **kwargs)  # type: ignore[arg-type]
        return [str(e) for e in exc.value.errors]


@pytest.fixture
def live(tmp_path: Path) -> Living:
    return Living(tmp_path)


def decision(date: str, *changes: str) -> str:
    return (f'date: "{date}"\ninstance: "comité de pilotage"\nobjet: "Essai."\nsource:\n  titre: "Relevé"\n'
            "changements:\n" + "".join(f"  - {c}\n" for c in changes))


def step(date: str, statut: str, extra: str = "") -> str:
    return f'  - date: "{date}"\n    source: "Comité technique"\n    statut: "{statut}"\n{extra}'


LEGUMERIE = ADDED.replace("ID", "legumerie-intercommunale")
ABANDON = 'abandonner_action:\n      action: cite-darcy\n      motif: "Reportée."'


# --- 8. Accepted though wrong ----------------------------------------------------------------------

def test_a_tracking_file_in_the_wrong_folder_says_where_it_belongs(live: Living) -> None:
    live.write("suivi/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée"))
    live.write("suivi/o4-taux-chomage.yaml", 'unite: "%"\nsource: "INSEE"\n')
    live.write("suivi/notes.yaml", "x: 1\n")
    (live.dir / "suivi" / "action").mkdir()
    live.write("brouillon.yaml", "x: 1\n")
    assert live.errors() == [
        "data/brouillon.yaml:1: (fichier): ce fichier n'est pas lu : data/ contient contract.yaml, orientations.yaml,"
        " actions.yaml, indicators.yaml, communes.yaml, territoire.yaml (et, facultatif, glossaire.yaml), et les"
        " dossiers decisions/ et suivi/",
        f"{S}/action:1: (fichier): ce dossier n'est pas lu : data/suivi/ contient les dossiers actions/ et"
        " indicateurs/, et les fichiers tableau-de-bord.yaml et financeurs.yaml",
        f"{S}/cite-darcy.yaml:1: (fichier): ce fichier n'est pas lu : le suivi de l'action « cite-darcy » se range"
        " dans data/suivi/actions/ ; déplacez-le : data/suivi/actions/cite-darcy.yaml",
        f"{S}/notes.yaml:1: (fichier): ce fichier n'est pas lu : data/suivi/ ne lit que tableau-de-bord.yaml et"
        " financeurs.yaml ; le suivi d'une action se range dans data/suivi/actions/, celui d'un indicateur dans"
        " data/suivi/indicateurs/",
        f"{S}/o4-taux-chomage.yaml:1: (fichier): ce fichier n'est pas lu : le suivi de l'indicateur"
        " « o4-taux-chomage » se range dans data/suivi/indicateurs/ ; déplacez-le :"
        " data/suivi/indicateurs/o4-taux-chomage.yaml",
    ]


def test_a_dashboard_dated_after_today(live: Living) -> None:
    later = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    f = live.write("suivi/tableau-de-bord.yaml", f'date: "{later}"\ninstance: "comité technique"\n')
    assert live.errors() == [f"{S}/tableau-de-bord.yaml:1: date: la date du tableau de bord ({later}) est"
                             " postérieure à aujourd'hui"]
    live.write(f, 'date: "2021-06-01"\ninstance: "comité technique"\n')
    assert live.errors() == [f"{S}/tableau-de-bord.yaml:1: date: la date du tableau de bord (2021-06-01) précède"
                             " la signature du contrat (2021-12-13)"]


def test_tracking_dated_after_the_decision_that_abandoned_the_action(live: Living) -> None:
    live.write("decisions/2022-11-22-copil.yaml", decision("2022-11-22", ABANDON))
    f = live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée")
                   + step("2022-11-22", "en cours") + step("2023-02-01", "en cours")
                   + 'financements:\n  - financeur: etat\n    accorde: "10.00"\n    date: "2023-01-05"\n')
    intitule = "Comité de pilotage du 22 novembre 2022, décision 2022-11-22-copil"
    assert live.errors() == [
        f"{S}/actions/cite-darcy.yaml:{live.line(f, '2023-02-01')}: etapes[2].date: l'action a été abandonnée le"
        f" 2022-11-22 ({intitule}) : une étape datée d'après ne peut pas la dire « en cours » ; corrigez la date,"
        " ou retirez l'étape",
        f"{S}/actions/cite-darcy.yaml:{live.line(f, '2023-01-05')}: financements[0].date: l'action a été abandonnée"
        f" le 2022-11-22 ({intitule}) : un financement ne peut pas lui être accordé après ; corrigez la date",
    ]


@pytest.mark.parametrize("zero", ['"0"', '"0.00"'])
def test_a_zero_share_is_refused_not_read_as_unknown(live: Living, zero: str) -> None:
    f = live.write("decisions/2022-06-14-copil.yaml", decision(
        "2022-06-14", f"modifier_action:\n      action: cite-darcy\n      part_cahc: {zero}",
        ADDED.replace("ID", "nouvelle").replace('"1000.00"', f'"1000.00"\n      part_cahc: {zero}')))
    message = ("une part de 0 € se confondrait avec une part inconnue : si la part n'est pas connue, retirez la"
               " ligne part_cahc (jamais 0 pour « inconnu »)")
    assert live.errors() == [
        f"{D}/{f.split('/')[1]}:{live.line(f, 'part_cahc')}: changements[0].modifier_action.part_cahc: {message}",
        f"{D}/{f.split('/')[1]}:{live.line(f, 'part_cahc', 1)}: changements[1].ajouter_action.part_cahc: {message}",
    ]


@pytest.mark.parametrize("unit, message", [
    ("pourcent", "« pourcent » inconnu ; vouliez-vous dire « % » ? valeurs possibles : "),
    ("Nombre", "« Nombre » inconnu ; vouliez-vous dire « nombre » ? valeurs possibles : "),
    ("licornes", "« licornes » inconnu ; valeurs possibles : "),
])
def test_units_come_from_a_declared_list(live: Living, unit: str, message: str) -> None:
    from crte.data.indicators import UNITS
    live.write("suivi/indicateurs/o4-taux-chomage.yaml", f'unite: "{unit}"\nsource: "INSEE"\n')
    assert live.errors() == [f"{S}/indicateurs/o4-taux-chomage.yaml:1: unite: {message}{', '.join(UNITS)}"]


def test_every_unit_bounds_its_values(live: Living) -> None:
    f = live.write("suivi/indicateurs/o4-esperance-vie.yaml", 'unite: "années"\nsource: "INSEE"\nmesures:\n'
                   '  - {annee: "2022", valeur: "-1"}\n')
    g = live.write("suivi/indicateurs/o4-taux-chomage.yaml", 'unite: "‰"\nsource: "INSEE"\nmesures:\n'
                   '  - {annee: "2022", valeur: "1200"}\n')
    assert live.errors() == [
        f"{S}/indicateurs/o4-esperance-vie.yaml:{live.line(f, '-1')}: mesures[0].valeur: une valeur négative"
        " contredit l'unité « années »",
        f"{S}/indicateurs/o4-taux-chomage.yaml:{live.line(g, '1200')}: mesures[0].valeur: 1200 dépasse 1000, le plus"
        " que permet l'unité « ‰ »",
    ]


# --- 9. At the right place ----------------------------------------------------------------------------

def test_a_spending_above_the_cost_is_reported_at_its_line(live: Living) -> None:
    f = live.write("suivi/actions/chef-de-projet-opah-ru.yaml", "etapes:\n" + step("2022-03-10", "engagée")
                   + step("2023-03-10", "en cours", '    depense: "99999999.00"\n'))
    assert live.errors() == [
        f"{S}/actions/chef-de-projet-opah-ru.yaml:{live.line(f, 'depense')}: etapes[1].depense: la dépense"
        " (99999999.00) dépasse le coût en vigueur de l'action (55000.00) : expliquez pourquoi (explication)"]


def test_an_id_renamed_in_the_annex_is_reported_in_the_annex(live: Living) -> None:
    urls = live.dir.parent / "urls.txt"
    urls.write_text("/actions/cite-darcy/\n/actions/cite-darcy/carte/\n/actions/voie-albert-carre/\n",
                    encoding="utf-8")
    text = (live.dir / "actions.yaml").read_text(encoding="utf-8")
    (live.dir / "actions.yaml").write_text(text.replace("  - id: cite-darcy\n", "  - id: cite-darcy-henin\n"),
                                           encoding="utf-8")
    live.write("decisions/2022-06-14-copil.yaml", decision("2022-06-14", ABANDON))
    live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée"))
    n = text.split("\n").index("  - id: cite-darcy") + 1
    assert live.errors(published=urls) == [
        f"data/actions.yaml:{n}: actions[cite-darcy-henin].id: l'identifiant « cite-darcy » a été publié"
        " (/actions/cite-darcy/, dans urls.txt) et n'est plus celui d'aucune action, alors que"
        f" {D}/2022-06-14-copil.yaml, {S}/actions/cite-darcy.yaml l'utilisent : un identifiant publié ne change"
        " jamais ; remettez id: cite-darcy, ou, pour changer l'adresse, gardez « cite-darcy » dans anciens_ids"]


def test_an_id_renamed_in_its_decision_is_reported_there_unless_the_decision_is_unreadable(live: Living) -> None:
    urls = live.dir.parent / "urls.txt"
    urls.write_text("/actions/legumerie-intercommunale/\n", encoding="utf-8")
    f = live.write("decisions/2023-09-19-copil.yaml", decision("2023-09-19", LEGUMERIE.replace(
        "legumerie-intercommunale", "legumerie")))
    assert live.errors(published=urls) == [
        f"{D}/2023-09-19-copil.yaml:{live.line(f, 'id: legumerie')}: changements[0].ajouter_action.id: l'identifiant"
        " « legumerie-intercommunale » a été publié (/actions/legumerie-intercommunale/, dans urls.txt) et n'est"
        " plus celui d'aucune action : un identifiant publié ne change jamais ; remettez id:"
        " legumerie-intercommunale, ou, pour changer l'adresse, gardez « legumerie-intercommunale » dans anciens_ids"]
    live.write(f, decision("2023-09-19", LEGUMERIE).replace('date: "2023-09-19"', "date: 2023-09-19"))
    live.write("decisions/2023-10-01-copil.yaml", decision("2023-10-01", ADDED.replace("ID", "nouvelle")))
    assert live.errors(published=urls) == [
        f"{D}/2023-09-19-copil.yaml:1: date: écrivez la date entre guillemets : \"2023-09-19\""]


def test_a_former_id_still_names_the_action(live: Living) -> None:
    text = (live.dir / "actions.yaml").read_text(encoding="utf-8")
    (live.dir / "actions.yaml").write_text(text.replace("  - id: cite-darcy\n", "  - id: cite-darcy-henin\n"
                                                        "    anciens_ids:\n      - cite-darcy\n"), encoding="utf-8")
    live.write("decisions/2022-06-14-copil.yaml", decision("2022-06-14", ABANDON))
    live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée"))
    crte = load(live.dir, published=None)
    assert crte.current.status["cite-darcy-henin"].abandoned_by.id == "2022-06-14-copil"
    assert set(crte.suivi.actions) == {"cite-darcy-henin"}


# --- 10. Advice that fixes the mistake ------------------------------------------------------------------

def test_a_forgotten_dash_before_a_change_is_said_so(live: Living) -> None:
    f = live.write("decisions/2022-06-14-copil.yaml", decision(
        "2022-06-14", 'modifier_action:\n      action: cite-darcy\n      titre: "Un"\n'
                      '    modifier_action:\n      action: cite-crombez\n      titre: "Deux"',
        'abandonner_action:\n      action: lecture-spectacle\n      motif: "x"\n'
        '    modifier_action:\n      action: cite-crombez\n      titre: "Trois"'))
    first, second = live.line(f, "modifier_action"), live.line(f, "modifier_action", 1)
    third = live.line(f, "modifier_action", 2)
    assert live.errors() == [
        f"{D}/2022-06-14-copil.yaml:{second}: changements[0].modifier_action: « modifier_action » est déjà défini"
        f" ligne {first} dans cet élément de liste : il manque probablement un « - » devant cette ligne, pour"
        " commencer l'élément suivant",
        f"{D}/2022-06-14-copil.yaml:{third}: changements[1].modifier_action: plusieurs changements dans un même"
        " élément (abandonner_action, modifier_action) : il manque probablement un « - » devant"
        f" « modifier_action » (ligne {third}), pour commencer l'élément suivant",
    ]


def test_a_forgotten_dash_before_a_tracking_step_and_a_true_duplicate(live: Living) -> None:
    f = live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée")
                   + step("2022-06-10", "en cours").replace("  - date", "    date")
                   + step("2023-01-10", "en cours", '    avancement: 10\n    avancement: 20\n'))
    assert live.errors() == [
        f"{S}/actions/cite-darcy.yaml:{live.line(f, '2022-06-10')}: etapes[0].date: « date » est déjà défini ligne 2"
        " dans cet élément de liste : il manque probablement un « - » devant cette ligne, pour commencer l'élément"
        " suivant",
        f"{S}/actions/cite-darcy.yaml:{live.line(f, 'avancement: 20')}: etapes[1].avancement: clé en double (déjà"
        f" définie ligne {live.line(f, 'avancement: 10')}) ; n'en gardez qu'une",
    ]


def test_a_forgotten_dash_at_the_column_of_the_dashes(live: Living) -> None:
    f = live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée")
                   + step("2022-06-10", "en cours").replace("  - date", "  date"))
    assert live.errors() == [
        f"{S}/actions/cite-darcy.yaml:{live.line(f, '2022-06-10')}: (syntaxe YAML): « date » commence à la colonne"
        " des « - » de la liste commencée ligne 2 : il manque probablement un « - » devant, pour commencer un"
        " nouvel élément"]


@pytest.mark.parametrize("written, message", [
    ("valeur: 18.5", 'écrivez le nombre entre guillemets : "18.5"'),
    ("valeur: 18", 'écrivez le nombre entre guillemets : "18"'),
    ('valeur: "18,5"', "« 18,5 » n'est pas un nombre ; écrivez des chiffres avec un point décimal (ex. \"12.5\")"),
])
def test_a_number_without_quotes_says_the_quotes_are_missing(live: Living, written: str, message: str) -> None:
    f = live.write("suivi/indicateurs/o4-taux-chomage.yaml", f'unite: "%"\nsource: "INSEE"\nmesures:\n'
                   f'  - annee: "2022"\n    {written}\n')
    assert live.errors() == [f"{S}/indicateurs/o4-taux-chomage.yaml:{live.line(f, 'valeur')}: mesures[0].valeur:"
                             f" {message}"]


@pytest.mark.parametrize("written, message", [
    ("avancement: \"40\"", "« 40 » est entre guillemets ; écrivez 40 sans guillemets"),
    ("avancement: 40%", "écrivez le pourcentage sans le signe % : 40"),
    ("avancement: 40.5", "« 40.5 » n'est pas un pourcentage : écrivez un nombre entier de 0 à 100, sans guillemets"
                         " ni signe % (ex. 40)"),
])
def test_a_percentage_with_quotes_or_a_sign(live: Living, written: str, message: str) -> None:
    f = live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée", f"    {written}\n"))
    assert live.errors() == [f"{S}/actions/cite-darcy.yaml:{live.line(f, 'avancement')}: etapes[0].avancement:"
                             f" {message}"]


@pytest.mark.parametrize("written, message", [
    ('"2024-02-30"', "« 2024-02-30 » a la forme AAAA-MM-JJ, mais ce jour n'existe pas : février 2024 n'a que 29"
                     " jours ; vérifiez la date"),
    ('"2023-06-31"', "« 2023-06-31 » a la forme AAAA-MM-JJ, mais ce jour n'existe pas : juin 2023 n'a que 30"
                     " jours ; vérifiez la date"),
    ("2023-02-29", "« 2023-02-29 » a la forme AAAA-MM-JJ, mais ce jour n'existe pas : février 2023 n'a que 28"
                   " jours ; vérifiez la date"),
    ('"2023-13-01"', "« 2023-13-01 » a la forme AAAA-MM-JJ, mais le mois 13 n'existe pas (01 à 12) ; vérifiez la"
                     " date"),
    ('"14/06/2022"', "« 14/06/2022 » n'est pas une date AAAA-MM-JJ ; écrivez \"2022-06-14\""),
    ("2022-06-14", "écrivez la date entre guillemets : \"2022-06-14\""),
])
def test_a_date_that_does_not_exist(live: Living, written: str, message: str) -> None:
    f = live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée").replace(
        '"2022-03-10"', written))
    assert live.errors() == [f"{S}/actions/cite-darcy.yaml:{live.line(f, 'date')}: etapes[0].date: {message}"]


@pytest.mark.parametrize("after", ['"2022-03-10"', "2022-03-10x", "comité"])
def test_one_space_too_many_before_a_field(live: Living, after: str) -> None:
    f = live.write("suivi/actions/cite-darcy.yaml", f'etapes:\n  - date: {after}\n     source: "Comité"\n'
                   '    statut: "engagée"\n')
    assert live.errors() == [f"{S}/actions/cite-darcy.yaml:{live.line(f, 'source')}: (syntaxe YAML): cette ligne a"
                             " 1 espace de trop en début de ligne : alignez « source » sur « date » (ligne 2)"]


def test_a_colon_in_an_unquoted_text(live: Living) -> None:
    f = live.write("suivi/actions/cite-darcy.yaml", "etapes:\n" + step("2022-03-10", "engagée").replace(
        'source: "Comité technique"', "source: Comité : relevé"))
    assert live.errors() == [f"{S}/actions/cite-darcy.yaml:{live.line(f, 'source')}: (syntaxe YAML): deux-points"
                             " inattendu dans la valeur de « source » : un texte qui contient « : » s'écrit entre"
                             " guillemets"]


def test_a_funder_named_by_its_name_or_misspelt(live: Living) -> None:
    live.write("suivi/actions/cite-darcy.yaml", 'financements:\n  - financeur: "Région Hauts-de-France"\n'
               '  - financeur: "ÉTAT"\n  - financeur: ademee\n')
    known = ("etat, region-hauts-de-france, departement-pas-de-calais, feder, banque-des-territoires, ademe, anah,"
             " anru, caf, cahc, communes, agence-de-l-eau-artois-picardie")
    assert live.errors() == [
        f"{S}/actions/cite-darcy.yaml:2: financements[0].financeur: « Région Hauts-de-France » est le nom d'un"
        " financeur, pas son identifiant ; écrivez : region-hauts-de-france",
        f"{S}/actions/cite-darcy.yaml:3: financements[1].financeur: « ÉTAT » est le nom d'un financeur, pas son"
        " identifiant ; écrivez : etat",
        f"{S}/actions/cite-darcy.yaml:4: financements[2].financeur: financeur « ademee » inconnu ; vouliez-vous"
        f" dire « ademe » ? financeurs de suivi/financeurs.yaml : {known}",
    ]


def test_an_action_a_commune_or_an_indicator_named_by_its_name(live: Living) -> None:
    f = live.write("decisions/2022-06-14-copil.yaml", decision(
        "2022-06-14", 'abandonner_action:\n      action: "Lecture spectacle"\n      motif: "x"',
        'modifier_action:\n      action: cite-darcy\n      localisation:\n        communes: ["Hénin-Beaumont"]\n'
        '        source: "x"\n      indicateurs: ["Taux de chômage"]'))
    g = live.write("suivi/indicateurs/o4-taux-chomage.yaml", 'unite: "%"\nsource: "INSEE"\nactions:\n'
                   '  - "Lecture spectacle"\n  - cite-darcyy\n')
    assert live.errors() == [
        f"{D}/2022-06-14-copil.yaml:{live.line(f, 'Lecture')}: changements[0].abandonner_action.action: « Lecture"
        " spectacle » est le titre d'une action, pas son identifiant ; écrivez : lecture-spectacle",
        f"{D}/2022-06-14-copil.yaml:{live.line(f, 'Hénin')}: changements[1].modifier_action.localisation.communes:"
        " « Hénin-Beaumont » est le nom d'une commune, pas son identifiant ; écrivez : henin-beaumont",
        f"{D}/2022-06-14-copil.yaml:{live.line(f, 'chômage')}: changements[1].modifier_action.indicateurs: « Taux"
        " de chômage » est le libellé d'un indicateur, pas son identifiant ; écrivez : o4-taux-chomage",
        f"{S}/indicateurs/o4-taux-chomage.yaml:{live.line(g, 'Lecture')}: actions: « Lecture spectacle » est le titre"
        " d'une action, pas son identifiant ; écrivez : lecture-spectacle",
        f"{S}/indicateurs/o4-taux-chomage.yaml:{live.line(g, 'darcyy')}: actions: l'action « cite-darcyy »"
        " n'existe pas",
    ]


# --- 11. One mistake, one message ---------------------------------------------------------------------------



@pytest.mark.parametrize("broken, at, message", [
    ('date: "2023-09-19"', "date: 2023-09-19", 'date: écrivez la date entre guillemets : "2023-09-19"'),
    ('objet: "Essai."', 'objet: "Essai.', "(syntaxe YAML): le guillemet ouvert sur cette ligne n'est pas refermé"
                                         " sur la même ligne ; ajoutez-le"),
    ('cout_total: "1000.00"', 'cout_total: "1000,00"', "changements[0].ajouter_action.cout_total: « 1000,00 »"
     " n'est pas un montant ; écrivez des chiffres avec un point décimal, sans espace ni symbole € (ex."
     " \"1950206.00\")"),
])
def test_an_error_in_a_decision_is_not_reported_again_in_the_tracking(live: Living, broken: str, at: str,
                                                                      message: str) -> None:
    f = live.write("decisions/2023-09-19-copil.yaml", decision("2023-09-19", LEGUMERIE).replace(broken, at))
    live.write("suivi/actions/legumerie-intercommunale.yaml", "etapes:\n" + step("2023-10-02", "engagée")
               + step("2023-09-01", "en cours"))
    g = live.write("suivi/indicateurs/o4-taux-chomage.yaml", 'unite: "%"\nsource: "INSEE"\nactions:\n'
                   "  - legumerie-intercommunale\n")
    line = live.line(f, at.split(":")[0] + ":")
    assert live.errors() == [
        f"{D}/2023-09-19-copil.yaml:{line}: {message}",
        # One line for what depends on it; the rest of the tracking file is checked all the same.
        f"{S}/actions/legumerie-intercommunale.yaml:1: (fichier): « legumerie-intercommunale » dépend de la"
        f" décision {D}/2023-09-19-copil.yaml, qui contient une erreur : ce qui s'y rapporte, ici et en 1 autre"
        " endroit, sera vérifié une fois cette erreur corrigée",
        f"{S}/actions/legumerie-intercommunale.yaml:5: etapes[1].date: les étapes s'écrivent dans l'ordre des dates",
    ]
    assert live.line(g, "legumerie")  # the indicator's file is the other place


def test_an_action_lost_with_its_dash_is_not_reported_again(live: Living) -> None:
    # The second action lacks its « - »: YAML reads its lines as a repeated key of the first one.
    f = live.write("decisions/2023-09-19-copil.yaml", decision("2023-09-19", ADDED.replace("ID", "une") + "\n    "
                                                               + LEGUMERIE))
    live.write("suivi/actions/legumerie-intercommunale.yaml", "etapes:\n" + step("2023-10-02", "engagée"))
    assert live.errors() == [
        f"{D}/2023-09-19-copil.yaml:{live.line(f, 'ajouter_action', 1)}: changements[0].ajouter_action: « ajouter_action »"
        f" est déjà défini ligne {live.line(f, 'ajouter_action')} dans cet élément de liste : il manque probablement"
        " un « - » devant cette ligne, pour commencer l'élément suivant",
        f"{S}/actions/legumerie-intercommunale.yaml:1: (fichier): « legumerie-intercommunale » dépend de la"
        f" décision {D}/2023-09-19-copil.yaml, qui contient une erreur : ce qui s'y rapporte sera vérifié une fois"
        " cette erreur corrigée",
    ]


def test_an_action_refused_by_its_decision_is_not_reported_again(live: Living) -> None:
    f = live.write("decisions/2023-09-19-copil.yaml", decision("2023-09-19", LEGUMERIE.replace('"6.5"', '"6.9"')))
    live.write("suivi/actions/legumerie-intercommunale.yaml", "etapes:\n" + step("2023-10-02", "engagée"))
    assert live.errors() == [
        f"{D}/2023-09-19-copil.yaml:{live.line(f, 'fiche')}: changements[0].ajouter_action.fiche: la fiche 6.9"
        " n'existe pas à cette date",
        f"{S}/actions/legumerie-intercommunale.yaml:1: (fichier): « legumerie-intercommunale » dépend de la"
        f" décision {D}/2023-09-19-copil.yaml, qui contient une erreur : ce qui s'y rapporte sera vérifié une fois"
        " cette erreur corrigée",
    ]


def test_one_bad_scheme_of_a_funder_is_reported_once(live: Living) -> None:
    referential = (live.dir / "suivi" / "financeurs.yaml").read_text(encoding="utf-8")
    live.write("suivi/financeurs.yaml", referential.replace('"DETR"', '"DETR "'))
    for action in ("cite-darcy", "cite-crombez", "voie-albert-carre"):
        live.write(f"suivi/actions/{action}.yaml", 'financements:\n  - financeur: etat\n    dispositif: "DSIL"\n'
                   '  - financeur: etat\n  - financeur: ademe\n')
    n = live.line("suivi/financeurs.yaml", '"DETR "')
    assert live.errors() == [
        f"{S}/actions/cite-crombez.yaml:2: financements[0].financeur: « etat » dépend de {S}/financeurs.yaml:{n},"
        " qui contient une erreur : ce qui s'y rapporte, ici et en 5 autres endroits, sera vérifié une fois cette"
        " erreur corrigée",
        f"{S}/financeurs.yaml:{n}: financeurs[etat].dispositifs[1]: commence ou finit par une espace ; retirez-la",
    ]


def test_a_missing_referential_of_funders_is_said_once(live: Living) -> None:
    (live.dir / "suivi" / "financeurs.yaml").unlink()
    for action in ("cite-darcy", "cite-crombez"):
        live.write(f"suivi/actions/{action}.yaml", 'financements:\n  - financeur: etat\n  - financeur: ademe\n')
    assert live.errors() == [
        f"{S}/actions/cite-crombez.yaml:2: financements[0].financeur: {S}/financeurs.yaml n'existe pas, alors que"
        " cette ligne de financement et 3 autres nomment leurs financeurs par leur identifiant dans ce fichier ;"
        " rétablissez-le (voir CONTRIBUTING.md)"]


# --- 12. What make check read -------------------------------------------------------------------------------

def test_check_says_what_it_read() -> None:
    from .test_loader_errors import run_check
    example = ROOT / "examples" / "contrat-vivant"
    result = run_check(example)
    assert result.returncode == 0, result.stderr
    # The example's referential is a link to data/suivi/financeurs.yaml, which staff may extend.
    funders = len(yaml.safe_load((example / "suivi" / "financeurs.yaml").read_text(encoding="utf-8"))["financeurs"])
    assert result.stdout.splitlines()[-6:] == [
        "Fichiers lus après la signature :",
        "  décisions             4 fichiers (decisions/)",
        "  suivi des actions     10 fichiers (suivi/actions/)",
        "  suivi des indicateurs 32 fichiers (suivi/indicateurs/)",
        f"  financeurs            {funders} (suivi/financeurs.yaml)",
        "  tableau de bord       mis à jour le 2025-10-15 (suivi/tableau-de-bord.yaml)",
    ]
