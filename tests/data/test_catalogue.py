"""The refusal catalogue: broken edits a staff member could make, each refused by
`make check` and by `make build` with `file:line: field: message`, a non-zero
exit and no traceback. A failed `make build` leaves the previous site/ intact.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from crte.data.codes import CATALOGUE
from crte.data.errors import DataErrors
from crte.data.loader import load
from crte.data.model import Action

from ..conftest import ROOT, SOURCE
from ..sitebuild import copy_project, make


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # in data/
    old: str | None  # text replaced (None: the whole file becomes `new`)
    new: str | bytes
    at: str  # a line of the edited file that the message names (its first occurrence)
    expected: str  # the message after "data/<file>:<line>: "
    offset: int = 0  # the named line relative to `at`
    block: bool = False  # the message names the `texte: |-` line of the block holding `at`
    # For what is no edit of a file's text (a link, a pipe, a folder): makes it in data/,
    # returns the expected message and its line; `file` is then the one the message names.
    make: Callable[[Path], tuple[str, int]] | None = None
    # Files written first, relative to the project (None: copied from the repository).
    setup: tuple[tuple[str, str | None], ...] = ()
    also: tuple[str, ...] = ()  # the other lines of the report, whole ("data/…:N: field: message")
    total: int | None = None  # how many errors the report lists: a mistake is reported once


FIRST_COST = '    cout_total: "49600.00"'
FUNDERS = 'financeurs:\n  - slug: etat\n    nom: "État"\n    groupe: "État"\n'  # a referential of one funder
TITLE = '    titre: "Lecture spectacle"'
CASES = [
    Case("syntaxe-guillemet", "actions.yaml", '    titre: "Lecture spectacle"', '    titre: "Lecture spectacle',
         'titre: "Lecture spectacle', "(syntaxe YAML): le guillemet ouvert sur cette ligne n'est pas refermé sur la"
         " même ligne ; ajoutez-le"),
    Case("indentation", "actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '      maitre_ouvrage: "GESPATRIM"',
         'maitre_ouvrage: "GESPATRIM"', "(syntaxe YAML): cette ligne a 2 espaces de trop en début de ligne : alignez"
         " « maitre_ouvrage » sur « fiche » (ligne {prev})"),
    Case("tabulation", "actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '\tmaitre_ouvrage: "GESPATRIM"',
         'maitre_ouvrage: "GESPATRIM"', "(syntaxe YAML): tabulation dans l'indentation : YAML n'accepte que des"
         " espaces"),
    Case("cle-en-double", "actions.yaml", FIRST_COST, FIRST_COST + '\n    cout_total: "49601.00"',
         'cout_total: "49601.00"', "actions[projet-alimentaire-territorial].cout_total: clé en double (déjà définie ligne {prev}) ;"
         " n'en gardez qu'une"),
    Case("champ-mal-orthographie", "actions.yaml", FIRST_COST, '    cout_totale: "49600.00"', "cout_totale",
         "actions[projet-alimentaire-territorial].cout_totale: champ inconnu ; vouliez-vous dire « cout_total » ?"),
    Case("champ-inconnu", "actions.yaml", FIRST_COST, FIRST_COST + '\n    commune: "Oignies"', "commune:",
         # The fields listed are those declared for an action (crte/data/actions.py).
         "actions[projet-alimentaire-territorial].commune: champ inconnu ; champs possibles : "
         + ", ".join(sorted(Action.model_fields))),
    Case("champ-manquant", "actions.yaml", '    maitre_ouvrage: "GESPATRIM"\n', "", "- id: friche-mecastamp",
         "actions[friche-mecastamp].maitre_ouvrage: champ obligatoire manquant"),
    Case("valeur-vide", "actions.yaml", '    titre: "Lecture spectacle"', "    titre:", "- id: lecture-spectacle",
         "actions[lecture-spectacle].titre: valeur vide ; ce champ est obligatoire", 5),
    Case("montant-en-lettres", "actions.yaml", FIRST_COST, '    cout_total: "quarante-neuf mille six cents"',
         "quarante-neuf", "actions[projet-alimentaire-territorial].cout_total: « quarante-neuf mille six cents » n'est pas un montant ; écrivez"
         " des chiffres avec un point décimal, sans espace ni symbole € (ex. \"1950206.00\")"),
    Case("montant-virgule", "actions.yaml", FIRST_COST, '    cout_total: "49600,00"', "49600,00",
         "actions[projet-alimentaire-territorial].cout_total: « 49600,00 » n'est pas un montant ; écrivez des chiffres avec un point décimal,"
         " sans espace ni symbole € (ex. \"1950206.00\")"),
    Case("montant-trois-decimales", "actions.yaml", FIRST_COST, '    cout_total: "49600.001"', "49600.001",
         "actions[projet-alimentaire-territorial].cout_total: « 49600.001 » a plus de deux décimales ; arrondissez au centime"
         " (ex. \"1950206.00\")"),
    Case("montant-negatif", "actions.yaml", FIRST_COST, '    cout_total: "-49600.00"', "-49600.00",
         "actions[projet-alimentaire-territorial].cout_total: montant négatif « -49600.00 » ; un montant est positif ou nul"),
    Case("montant-sans-guillemets", "actions.yaml", FIRST_COST, "    cout_total: 49600.00", "cout_total: 49600.00",
         "actions[projet-alimentaire-territorial].cout_total: écrivez le montant entre guillemets : \"49600.00\""),
    Case("part-superieure-au-cout", "actions.yaml", '    part_cahc: "9920.00"', '    part_cahc: "49600.01"',
         "49600.01", "actions[projet-alimentaire-territorial].part_cahc: la part (49600.01) dépasse le coût total (49600.00)"),
    Case("identifiant-en-double", "actions.yaml", "  - id: cite-crombez", "  - id: cite-declercq",
         "- id: cite-declercq", "", 0),  # replaced below: the line is the second occurrence
    Case("identifiant-mal-forme", "actions.yaml", "  - id: cite-crombez", "  - id: Cité Crombez", "Cité Crombez",
         "actions[8].id: « Cité Crombez » n'a pas la forme attendue : minuscules sans accents, chiffres et"
         " tirets (ex. « cite-declercq »)"),
    Case("chantier-inexistant", "actions.yaml", "    chantier: 19\n", "    chantier: 99\n", "- id: lecture-spectacle",
         "actions[lecture-spectacle].chantier: le chantier 99 n'existe pas dans data/orientations.yaml ; chantiers connus :"
         " 1, 5, 6, 7, 10, 13, 14, 15, 19, 21, 25"),
    Case("fiche-inexistante", "actions.yaml", '    fiche: "19.10"', '    fiche: "19.11"', "- id: lecture-spectacle",
         "actions[lecture-spectacle].fiche: la fiche 19.11 n'existe pas dans data/orientations.yaml"),
    Case("orientation-inconnue", "actions.yaml", "  - id: lecture-spectacle\n    enjeu: \"UN TERRITOIRE QUI FAVORISE",
         "  - id: lecture-spectacle\n    enjeu: \"UN TERRITOIRE FAVORISANT", "- id: lecture-spectacle",
         "actions[lecture-spectacle].enjeu: « UN TERRITOIRE FAVORISANT L'EPANOUISSEMENT DE CHACUN » ne correspond au"
         " libelle_annexe d'aucune orientation de data/orientations.yaml ; libellés connus :"
         " UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE | UN TERRITOIRE QUI S'AFFIRME PAR LA PRESERVATION DE SON"
         " PATRIMOINE NATUREL ET CULTUREL | UN TERRITOIRE QUI FAVORISE L'EPANOUISSEMENT DE CHACUN | UN TERRITOIRE"
         " DE PARTAGE DE COOPERATION ET D'INITIATIVES"),
    Case("indicateur-inexistant", "actions.yaml", '    part_cahc: "9920.00"\n',
         '    part_cahc: "9920.00"\n    indicateurs:\n      - o1-nombre-de-licornes\n', "o1-nombre-de-licornes",
         "actions[projet-alimentaire-territorial].indicateurs: l'indicateur « o1-nombre-de-licornes » n'existe pas dans data/indicators.yaml"),
    Case("yaml-no-booleen", "actions.yaml", '    maitre_ouvrage: "GESPATRIM"', "    maitre_ouvrage: NO",
         "maitre_ouvrage: NO", "actions[friche-mecastamp].maitre_ouvrage: « NO » est lu par YAML comme le booléen faux, pas comme"
         " un texte ; écrivez-le entre guillemets : \"NO\""),
    Case("yaml-octal-texte", "actions.yaml", '    titre: "Lecture spectacle"', "    titre: 0123", "titre: 0123",
         "actions[lecture-spectacle].titre: « 0123 » est lu par YAML comme le nombre 83 (octal), pas comme un texte ;"
         " écrivez-le entre guillemets : \"0123\""),
    Case("yaml-octal-nombre", "actions.yaml", "    chantier: 19\n", "    chantier: 019\n", "chantier: 019",
         "actions[lecture-spectacle].chantier: « 019 » commence par un zéro, que YAML lit comme un nombre octal ; écrivez 19"),
    Case("yaml-fiche-flottant", "actions.yaml", '    fiche: "19.10"', "    fiche: 19.10", "fiche: 19.10",
         "actions[lecture-spectacle].fiche: « 19.10 » est lu par YAML comme le nombre 19.1, pas comme un texte ;"
         " écrivez-le entre guillemets : \"19.10\""),
    Case("yaml-date", "actions.yaml", '    titre: "Lecture spectacle"', "    titre: 2021-12-13", "titre: 2021-12-13",
         "actions[lecture-spectacle].titre: « 2021-12-13 » est lu par YAML comme la date 2021-12-13, pas comme un texte ;"
         " écrivez-le entre guillemets : \"2021-12-13\""),
    Case("annee-en-nombre", "actions.yaml", '    annee_lancement: "2022"', "    annee_lancement: 2022",
         "annee_lancement: 2022", "actions[centre-gare-libercourt].annee_lancement: « 2022 » est lu par YAML comme le nombre 2022, pas"
         " comme un texte ; écrivez-le entre guillemets : \"2022\""),
    Case("liste-au-lieu-de-texte", "actions.yaml", '    titre: "Lecture spectacle"',
         '    titre:\n      - "Lecture spectacle"', '- "Lecture spectacle"',
         "actions[lecture-spectacle].titre: un texte est attendu, pas une liste ou un bloc de champs"),
    Case("html-script", "actions.yaml", '    titre: "Lecture spectacle"',
         '    titre: "Lecture spectacle<script>alert(1)</script>"', "<script>",
         "actions[lecture-spectacle].titre: contient du HTML ou un lien javascript (« <script> ») : écrivez du texte,"
         " sans balises"),
    Case("html-image", "contract.yaml", "      Une convention d'initialisation a été signée le 12 juillet 2021",
         "      <img src=x onerror=alert(1)> Une convention d'initialisation a été signée le 12 juillet 2021",
         "<img src=x", "articles[0].texte: contient du HTML ou un lien javascript (« <img src=x onerror=alert(1)> »)"
         " : écrivez du texte, éventuellement en Markdown, sans balises", block=True),
    Case("lien-javascript", "contract.yaml", "      La durée de ce contrat est de six ans.",
         "      La durée de ce contrat est de [six ans](javascript:alert(1)).", "javascript:alert",
         "articles[9].texte: contient du HTML ou un lien javascript (« javascript:alert(1)). ») : écrivez du"
         " texte, éventuellement en Markdown, sans balises", block=True),
    Case("incoherence-orientation", "actions.yaml",
         "  - id: lecture-spectacle\n    enjeu: \"UN TERRITOIRE QUI FAVORISE L'EPANOUISSEMENT DE CHACUN\"",
         "  - id: lecture-spectacle\n    enjeu: \"UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE\"",
         "- id: lecture-spectacle", "actions[lecture-spectacle].constats.orientation: incohérence non expliquée : l'enjeu publié"
         " est l'orientation 2, mais le chantier 19 relève de l'orientation 4 ; corrigez la donnée ou"
         " expliquez-la dans ce champ"),
    Case("incoherence-fiche", "actions.yaml", '    fiche: "19.10"', '    fiche: "14.3"', "- id: lecture-spectacle",
         "actions[lecture-spectacle].constats.fiche: incohérence non expliquée : la fiche 14.3 appartient au chantier 14, pas"
         " au chantier 19 ; corrigez la donnée ou expliquez-la dans ce champ"),
    Case("fichier-vide", "indicators.yaml", None, "", "", "(fichier): le fichier est vide"),
    Case("fichier-tronque", "actions.yaml", None, "", "", ""),  # built below from the real file
    Case("encodage", "actions.yaml", None, b"", "", ""),  # built below: Latin-1 bytes
    Case("indicateur-en-double", "indicators.yaml", "id: o4-esperance-vie", "id: o4-taux-chomage",
         "id: o4-taux-chomage", "", 0),  # built below
    Case("orientation-des-indicateurs", "indicators.yaml", "  - orientation: 5\n", "  - orientation: 6\n",
         "- orientation: 6", "orientations[4].orientation: l'orientation 6 n'existe pas dans data/orientations.yaml"),
    Case("article-numero-texte", "contract.yaml", "  - numero: 13\n", "  - numero: treize\n", "- numero: treize",
         "articles[12].numero: « treize » n'est pas un nombre entier positif (ex. 14)"),
    Case("date-sans-guillemets", "contract.yaml", '  date: "2021-12-13"', "  date: 2021-12-13", "date: 2021-12-13",
         "signature.date: écrivez la date entre guillemets : \"2021-12-13\""),
    Case("booleen-en-francais", "contract.yaml", "    publiee: true", "    publiee: oui", "publiee: oui",
         "annexes[2].publiee: « oui » : écrivez true ou false"),
    Case("fiche-hors-chantier", "orientations.yaml", '          - numero: "14.3"', '          - numero: "15.3"',
         'numero: "15.3"', "orientations[2].chantiers[1].fiches[0].numero: la fiche 15.3 n'appartient pas au"
         " chantier 14"),
    # Hardening: text that would not read as written, addresses, bounds, periods, nesting.
    Case("caractere-de-controle", "actions.yaml", TITLE, '    titre: "Lecture\\aspectacle"', "Lecture\\a",
         "actions[lecture-spectacle].titre: contient un caractère de contrôle invisible (U+0007, position 8) ;"
         " supprimez-le (il vient souvent d'un copier-coller)"),
    Case("caractere-c1", "actions.yaml", TITLE, '    titre: "Lecture\\x85 [x](https://e.invalid){onclick=alert(1)}"',
         "Lecture\\x85", "actions[lecture-spectacle].titre: contient un caractère de contrôle invisible (U+0085,"
         " position 8) ; supprimez-le (il vient souvent d'un copier-coller)"),
    Case("saut-de-ligne-dans-un-titre", "actions.yaml", TITLE, '    titre: "Lecture\\n\\n=====\\n\\n    code"', "=====",
         "actions[lecture-spectacle].titre: contient un saut de ligne (position 8) : ce champ tient sur une seule"
         " ligne ; pour l'écrire sur plusieurs lignes du fichier, utilisez >- (les lignes sont alors rejointes)"),
    Case("guillemets-de-traitement-de-texte", "actions.yaml", TITLE, "    titre: “Lecture spectacle”", "“Lecture",
         "actions[lecture-spectacle].titre: est entouré de guillemets typographiques (“…”), qui seraient publiés"
         " avec le texte ; écrivez-le entre guillemets droits : \"…\""),
    Case("montant-de-trente-chiffres", "actions.yaml", FIRST_COST, f'    cout_total: "{"9" * 30}"', "9" * 30,
         f"actions[projet-alimentaire-territorial].cout_total: « {'9' * 30} » dépasse 9 999 999 999,99 € ;"
         " vérifiez la saisie"),
    Case("identifiant-de-300-caracteres", "actions.yaml", "  - id: cite-crombez", "  - id: " + "a" * 300, "a" * 300,
         "actions[8].id: trop long (300 caractères, 80 au plus) : il forme une adresse web"),
    Case("identifiant-reserve", "actions.yaml", "  - id: cite-crombez", "  - id: index", "- id: index",
         "actions[index].id: « index » donnerait l'adresse /actions/index/, qui remplacerait une page du site ;"
         " choisissez un autre identifiant"),
    Case("maitre-ouvrage-reserve", "actions.yaml", '    maitre_ouvrage: "GESPATRIM"', '    maitre_ouvrage: "Index"',
         "Index", "actions[friche-mecastamp].maitre_ouvrage: le maître d'ouvrage « Index » donnerait l'adresse"
         " /maitres-ouvrage/index/, qui remplacerait une page du site ; écrivez son nom en entier"),
    Case("maitre-ouvrage-en-double", "actions.yaml", '    maitre_ouvrage: "GESPATRIM"',
         '    maitre_ouvrage: "GESPATRIM / GESPATRIM"', "GESPATRIM / GESPATRIM",
         "actions[friche-mecastamp].maitre_ouvrage: « GESPATRIM » est nommé deux fois : l'action serait comptée"
         " deux fois pour ce maître d'ouvrage"),
    Case("imbrication-profonde", "actions.yaml", TITLE, "    titre: " + "[" * 50000, "[[[[",
         "(syntaxe YAML): plus de 50 crochets ou accolades imbriqués : imbrication trop profonde"),
    Case("periode-a-l-envers", "actions.yaml", '    annee_lancement: "2022"', '    annee_lancement: "2022-2021"',
         "2022-2021", "actions[centre-gare-libercourt].annee_lancement: la période « 2022-2021 » est à l'envers ou"
         " vide ; écrivez \"2021-2022\""),
    # One rule for every identifier that forms an address (crte/data/names.py), one name per funder.
    Case("ancien-id-reserve", "actions.yaml", "  - id: cite-crombez\n", "  - id: cite-crombez\n    anciens_ids:\n"
         "      - carte\n", "- carte", "actions[cite-crombez].anciens_ids[0]: « carte » donnerait l'adresse"
         " /actions/carte/, qui remplacerait une page du site ; choisissez un autre identifiant"),
    Case("indicateur-reserve", "indicators.yaml", "id: o4-taux-chomage", "id: index", "id: index",
         "orientations[3].groupes[0].indicateurs[index].id: « index » donnerait l'adresse /indicateurs/index/, qui"
         " remplacerait une page du site ; choisissez un autre identifiant"),
    Case("financeur-reserve", "suivi/financeurs.yaml", None, FUNDERS + '  - slug: index\n    nom: "Index"\n'
         '    groupe: "Autre"\n', "slug: index", "financeurs[index].slug: « index » donnerait l'adresse"
         " /financeurs/index/, qui remplacerait une page du site ; choisissez un autre identifiant"),
    Case("financeur-nomme-deux-fois", "suivi/financeurs.yaml", None, FUNDERS + '  - slug: etat-bis\n'
         '    nom: "Etat"\n    groupe: "État"\n', 'nom: "Etat"', "financeurs[etat-bis].nom: « Etat » et « État »"
         " (data/suivi/financeurs.yaml:3) nomment le même financeur sous deux identifiants (etat et etat-bis) ;"
         " gardez-en un seul et renvoyez-y les lignes de financement"),
    Case("decision-reservee", "decisions/index.yaml", None, 'date: "2022-06-14"\n', "",
         "(fichier): « index » donnerait l'adresse /evolutions/index/, qui remplacerait une page du site ;"
         " choisissez un autre identifiant"),
    Case("signature-dans-le-futur", "contract.yaml", '  date: "2021-12-13"', '  date: "2099-01-01"', "2099-01-01",
         "signature.date: la date de signature (2099-01-01) est postérieure à aujourd'hui"),
]


# --- The file system, and inputs that would hang or crash a check ----------------------------------

DECISION = "decisions/2022-06-14-comite-de-pilotage.yaml"
ADDED = (ROOT / "tests" / "data" / "added-action.yaml").read_text(encoding="utf-8").replace("ID", "essai-ajout")
DECISION_TEXT = ('date: "2022-06-14"\ninstance: "comité de pilotage"\nobjet: "Essai."\nsource:\n'
                 '  titre: "Relevé de décisions"\nchangements:\n  - ' + ADDED)
# Ten anchors of ten aliases each: expanded, 10**10 values.
LOL = '"lol"'
BOMB = "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}' if i else LOL] * 10)}]\n" for i in range(10))
LINK_ADVICE = "corrigez-le ou remplacez-le par le fichier lui-même"


def broken_link(data: Path) -> tuple[str, int]:
    (data / "suivi").mkdir()
    (data / "suivi" / "financeurs.yaml").symlink_to("financeurs-2022.yaml")
    return f"(fichier): lien symbolique cassé : il mène à « financeurs-2022.yaml », qui n'existe pas ; {LINK_ADVICE}", 1


def link_out_of_the_data(data: Path) -> tuple[str, int]:
    (data / "communes.yaml").unlink()
    (data / "communes.yaml").symlink_to("/etc/passwd")
    return ("(fichier): lien symbolique vers « /etc/passwd », hors des données : un lien ne peut mener qu'à un"
            " fichier du dossier de données ou du dossier data/ du dépôt ; remplacez-le par le fichier lui-même"), 1


def named_pipe(data: Path) -> tuple[str, int]:
    (data / "decisions").mkdir()
    os.mkfifo(data / DECISION)
    return ("(fichier): ce n'est pas un fichier ordinaire mais un tube nommé (FIFO), qui ne peut pas être lu comme"
            " des données ; remplacez-le par un vrai fichier .yaml"), 1


def folder_named_like_a_file(data: Path) -> tuple[str, int]:
    (data / "suivi" / "financeurs.yaml").mkdir(parents=True)
    return ("(fichier): c'est un dossier, pas un fichier : un fichier .yaml est attendu à cet endroit ; renommez ou"
            " déplacez le dossier"), 1


def alias_bomb(data: Path) -> tuple[str, int]:
    (data / "decisions").mkdir()
    (data / DECISION).write_text(BOMB + DECISION_TEXT, encoding="utf-8")
    return ("(syntaxe YAML): « &a0 » : les ancres (&) et les alias (*) de YAML ne sont pas acceptés ; écrivez la"
            " valeur en entier à chaque endroit (entre guillemets si elle commence par & ou *)"), 1


def added_and_abandoned(data: Path) -> tuple[str, int]:
    (data / "decisions").mkdir()
    text = DECISION_TEXT + '  - abandonner_action:\n      action: essai-ajout\n      motif: "Finalement non."\n'
    (data / DECISION).write_text(text, encoding="utf-8")
    lines = text.split("\n")
    return ("changements[1].abandonner_action.action: l'action « essai-ajout » est ajoutée par cette même décision"
            f" (ligne {lines.index('      id: essai-ajout') + 1}) : une décision ne peut pas l'ajouter et l'abandonner"
            " à la fois ; retirez les deux changements"), lines.index("      action: essai-ajout") + 1


CASES += [
    Case("lien-casse", "suivi/financeurs.yaml", None, "", "", "", make=broken_link),
    Case("lien-hors-des-donnees", "communes.yaml", None, "", "", "", make=link_out_of_the_data),
    Case("tube-nomme", DECISION, None, "", "", "", make=named_pipe),
    Case("dossier-nomme-comme-un-fichier", "suivi/financeurs.yaml", None, "", "", "", make=folder_named_like_a_file),
    Case("bombe-d-alias", DECISION, None, "", "", "", make=alias_bomb),
    Case("action-ajoutee-et-abandonnee", DECISION, None, "", "", "", make=added_and_abandoned),
]


# --- Round 3: hurried mistakes on decisions and tracking (issue 19) ----------------------------------

FUNDERS = ("data/suivi/financeurs.yaml", None)
COPIL = "decisions/2022-11-22-comite-de-pilotage.yaml"


def _decision(date: str, *changes: str) -> str:
    return (f'date: "{date}"\ninstance: "comité de pilotage"\nobjet: "Essai."\nsource:\n  titre: "Relevé"\n'
            "changements:\n" + "".join(f"  - {c}\n" for c in changes))


def _step(date: str, statut: str, extra: str = "") -> str:
    return f'  - date: "{date}"\n    source: "Comité technique"\n    statut: "{statut}"\n{extra}'


ABANDON = ("data/" + COPIL, _decision("2022-11-22", 'abandonner_action:\n      action: cite-darcy\n'
                                                   '      motif: "Reportée."'))
LEGUMERIE = ('ajouter_action:\n      id: legumerie-intercommunale\n      enjeu: "UN TERRITOIRE AU SERVICE DE LA'
             ' QUALITE DE VIE"\n      chantier: 6\n      fiche: "6.5"\n      maitre_ouvrage: "CAHC"\n'
             '      titre: "Légumerie intercommunale"\n      description: "Une légumerie."\n'
             '      annee_lancement: "2023"\n      cout_total: "1000.00"')
DARCY = "suivi/actions/cite-darcy.yaml"
CHOMAGE = "suivi/indicateurs/o4-taux-chomage.yaml"
ROUND3 = [
    Case("suivi-range-hors-de-actions", "suivi/cite-darcy.yaml", None, "etapes:\n" + _step("2022-03-10", "engagée"),
         "", "(fichier): ce fichier n'est pas lu : le suivi de l'action « cite-darcy » se range dans"
         " data/suivi/actions/ ; déplacez-le : data/suivi/actions/cite-darcy.yaml", setup=(FUNDERS,), total=1),
    Case("tableau-de-bord-futur", "suivi/tableau-de-bord.yaml", None,
         'date: "2099-01-01"\ninstance: "comité technique"\n', "", "date: la date du tableau de bord (2099-01-01)"
         " est postérieure à aujourd'hui", setup=(FUNDERS,)),
    Case("suivi-apres-abandon", DARCY, None, "etapes:\n" + _step("2022-03-10", "engagée")
         + _step("2023-01-10", "en cours"), "2023-01-10", "etapes[1].date: l'action a été abandonnée le 2022-11-22"
         " (Comité de pilotage du 22 novembre 2022, décision 2022-11-22-comite-de-pilotage) : une étape datée"
         " d'après ne peut pas la dire « en cours » ; corrigez la date, ou retirez l'étape",
         setup=(FUNDERS, ABANDON), total=1),
    Case("part-cahc-zero", "decisions/2022-06-14-comite-de-pilotage.yaml", None,
         _decision("2022-06-14", 'modifier_action:\n      action: cite-darcy\n      part_cahc: "0"'), "part_cahc",
         "changements[0].modifier_action.part_cahc: une part de 0 € se confondrait avec une part inconnue :"
         " si la part n'est pas connue, retirez la ligne part_cahc (jamais 0 pour « inconnu »)", total=1),
    Case("unite-hors-liste", CHOMAGE, None, 'unite: "pourcent"\nsource: "INSEE"\nmesures:\n'
         '  - {annee: "2022", valeur: "180"}\n', "unite", "unite: « pourcent » inconnu ; vouliez-vous dire « % » ?"
         " valeurs possibles : %, ‰, nombre, indice, €, km, m, m², ha, tonnes, kg, MWh, GWh, tCO2e, µg/m³, mg/l,"
         " années, jours, logements, emplois, entreprises, personnes", setup=(FUNDERS,), total=1),
    Case("depense-au-dela-du-cout", "suivi/actions/chef-de-projet-opah-ru.yaml", None,
         "etapes:\n" + _step("2022-03-10", "en cours", '    depense: "60000.00"\n'), "depense",
         "etapes[0].depense: la dépense (60000.00) dépasse le coût en vigueur de l'action (55000.00) : expliquez"
         " pourquoi (explication)", setup=(FUNDERS,), total=1),
    Case("identifiant-publie-renomme", "actions.yaml", "  - id: cite-darcy\n", "  - id: cite-darcy-henin\n",
         "- id: cite-darcy-henin", "actions[cite-darcy-henin].id: l'identifiant « cite-darcy » a été publié"
         " (/actions/cite-darcy/, dans urls.txt) et n'est plus celui d'aucune action, alors que"
         " data/suivi/actions/cite-darcy.yaml l'utilise : un identifiant publié ne change jamais ; remettez id:"
         " cite-darcy, ou, pour changer l'adresse, gardez « cite-darcy » dans anciens_ids",
         setup=(("urls.txt", "/actions/cite-darcy/\n/actions/cite-darcy/carte/\n"), FUNDERS, ("data/" + DARCY, "etapes:\n" + _step("2022-03-10", "engagée"))),
         total=1),
    Case("tiret-oublie", "decisions/2022-06-14-comite-de-pilotage.yaml", None, _decision(
        "2022-06-14", 'modifier_action:\n      action: cite-darcy\n      titre: "Un"\n'
                      '    modifier_action:\n      action: cite-crombez\n      titre: "Deux"'),
         "    modifier_action:", "changements[0].modifier_action: « modifier_action » est déjà défini ligne 7 dans"
         " cet élément de liste : il manque probablement un « - » devant cette ligne, pour commencer l'élément"
         " suivant", total=1),
    Case("valeur-sans-guillemets", CHOMAGE, None, 'unite: "%"\nsource: "INSEE"\nmesures:\n  - annee: "2022"\n'
         "    valeur: 18.5\n", "valeur", "mesures[0].valeur: écrivez le nombre entre guillemets : \"18.5\"",
         setup=(FUNDERS,), total=1),
    Case("date-inexistante", DARCY, None, "etapes:\n" + _step("2024-02-30", "engagée"), "2024-02-30",
         "etapes[0].date: « 2024-02-30 » a la forme AAAA-MM-JJ, mais ce jour n'existe pas : février 2024 n'a que 29"
         " jours ; vérifiez la date", setup=(FUNDERS,), total=1),
    Case("espace-en-trop", DARCY, None, 'etapes:\n  - date: "2022-03-10"\n     source: "Comité"\n'
         '    statut: "engagée"\n', "source", "(syntaxe YAML): cette ligne a 1 espace de trop en début de ligne :"
         " alignez « source » sur « date » (ligne 2)", setup=(FUNDERS,), total=1),
    Case("financeur-par-son-nom", DARCY, None, 'financements:\n  - financeur: "Région Hauts-de-France"\n',
         "Région", "financements[0].financeur: « Région Hauts-de-France » est le nom d'un financeur, pas son"
         " identifiant ; écrivez : region-hauts-de-france", setup=(FUNDERS,), total=1),
    Case("erreur-dans-une-decision", "decisions/2023-09-19-comite-de-pilotage.yaml", None,
         _decision("2023-09-19", LEGUMERIE).replace('date: "2023-09-19"', "date: 2023-09-19"), "date:",
         "date: écrivez la date entre guillemets : \"2023-09-19\"",
         setup=(FUNDERS, ("data/suivi/actions/legumerie-intercommunale.yaml", "etapes:\n"
                          + _step("2023-10-02", "engagée")),
                ("data/" + CHOMAGE, 'unite: "%"\nsource: "INSEE"\nactions:\n  - legumerie-intercommunale\n')),
         also=("data/suivi/actions/legumerie-intercommunale.yaml:1: (fichier): « legumerie-intercommunale » dépend"
               " de la décision data/decisions/2023-09-19-comite-de-pilotage.yaml, qui contient une erreur : ce qui"
               " s'y rapporte, ici et en 1 autre endroit, sera vérifié une fois cette erreur corrigée",), total=2),
    Case("dispositif-d-un-financeur", "suivi/financeurs.yaml", '      - "DETR"', '      - "DETR "', '"DETR "',
         "financeurs[etat].dispositifs[1]: commence ou finit par une espace ; retirez-la",
         setup=(FUNDERS, *((f"data/suivi/actions/{a}.yaml", 'financements:\n  - financeur: etat\n'
                            '    dispositif: "DSIL"\n  - financeur: etat\n')
                           for a in ("cite-crombez", "cite-darcy", "cite-declercq", "voie-albert-carre"))),
         also=("data/suivi/actions/cite-crombez.yaml:2: financements[0].financeur: « etat » dépend de"
               " data/suivi/financeurs.yaml:11, qui contient une erreur : ce qui s'y rapporte, ici et en 7 autres"
               " endroits, sera vérifié une fois cette erreur corrigée",), total=2),
]
CASES += ROUND3


def materialise(case: Case, data: Path) -> tuple[str, int]:
    """Apply the edit in `data`; return the expected message and its line."""
    if case.make is not None:
        return case.make(data)
    for name, content in case.setup:
        target = data.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            shutil.copy(ROOT / name, target)
        else:
            target.write_text(content, encoding="utf-8")
    path = data / case.file
    path.parent.mkdir(parents=True, exist_ok=True)
    if case.old is None and case.at:  # a whole new file, the message at the line holding `at`
        path.write_text(str(case.new), encoding="utf-8")
        lines = str(case.new).split("\n")
        return case.expected, next(i + 1 for i, line in enumerate(lines) if case.at in line) + case.offset
    expected, at, offset = case.expected, case.at, case.offset
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if case.id == "fichier-tronque":
        cut = text.index("\n", text.index('    description: "Trame Verte et Bleue')) + 1
        path.write_text(text[:cut], encoding="utf-8")
        start = text[:cut].split("\n").index("  - id: cavalier-ng-boucle-25") + 1
        return "actions[cavalier-ng-boucle-25].annee_lancement: champ obligatoire manquant", start
    if case.id == "encodage":
        path.write_bytes(text.encode("latin-1", errors="replace"))
        n = next(i + 1 for i, line in enumerate(text.split("\n")) if not line.isascii())
        return "(fichier): le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8", n
    if case.old is None:  # the whole file, perhaps a new one of a layer added after the signature
        path.parent.mkdir(exist_ok=True)
        path.write_text(str(case.new), encoding="utf-8")
        return expected, next((i + 1 for i, line in enumerate(str(case.new).split("\n")) if at and at in line), 1)
    assert case.old in text, case.id
    text = text.replace(case.old, case.new, 1)
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    n = next(i + 1 for i, line in enumerate(lines) if at in line) + offset
    if case.block:
        n = max(i + 1 for i, line in enumerate(lines[:n]) if line.strip() == "texte: |-")
    if case.id == "identifiant-en-double":
        first, second = [i + 1 for i, line in enumerate(lines) if line == "  - id: cite-declercq"]
        return (f"actions[cite-declercq].id: identifiant d'action « cite-declercq » en double (déjà utilisé en"
                f" data/actions.yaml:{first})"), second
    if case.id == "indicateur-en-double":
        first, second = [i + 1 for i, line in enumerate(lines) if "id: o4-taux-chomage" in line]
        return (f"orientations[3].groupes[3].indicateurs[o4-taux-chomage].id: identifiant d'indicateur « o4-taux-chomage » en double (déjà utilisé en"
                f" data/indicators.yaml:{first})"), second
    start = max(i + 1 for i, line in enumerate(lines[:n]) if line.startswith("  - "))
    return expected.format(start=start, prev=n - 1), n


@dataclass
class Outcome:
    line: str
    project: Path
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str] | None  # only for the cases of BUILT
    site_before: str
    site_after: str


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


# `make build` refuses data through the same loader and report as `make check`: it is run on a
# sample that covers every file of the catalogue and every mistake that is no edit of a text (a
# link, a pipe, a folder), `make check` on every case. A build costs three checks (the engine's start).
BUILT = {c.id for c in CASES if c.make is not None} | {next(c.id for c in CASES if c.file == f)
                                                      for f in dict.fromkeys(c.file for c in CASES)}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> dict[str, Outcome]:
    # Only the cases whose test runs (pytest -k): each costs a `make check` and a `make build`.
    chosen = {item.callspec.params["case"].id for item in request.session.items
              if "case" in getattr(getattr(item, "callspec", None), "params", {})}
    # A previous, good site/ that every failed build must leave untouched.
    template = copy_project(tmp_path_factory.mktemp("template") / "p")
    assert make(template, "build").returncode == 0

    def run(case: Case) -> tuple[str, Outcome]:
        project = tmp_path_factory.mktemp(case.id) / "p"
        subprocess.run(["cp", "-a", str(template), str(project)], check=True)
        message, n = materialise(case, project / "data")
        before = tree_digest(project / "site")
        check = make(project, "check")
        build = make(project, "build") if case.id in BUILT else None
        return case.id, Outcome(f"data/{case.file}:{n}: {message}", project, check, build, before,
                                tree_digest(project / "site"))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, [c for c in CASES if c.id in chosen]))


def test_the_catalogue_has_at_least_thirty_distinct_edits() -> None:
    assert len({c.id for c in CASES}) == len(CASES) >= 30
    # The builds' sample: every file, and every mistake made on the file system.
    assert {c.file for c in CASES if c.id in BUILT} == {c.file for c in CASES}
    assert {c.id for c in CASES if c.make is not None} <= BUILT


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused_by_make_check_and_make_build(outcomes: dict[str, Outcome], case: Case) -> None:
    o = outcomes[case.id]
    for result in (o.check, o.build) if o.build is not None else (o.check,):
        assert result.returncode != 0
        assert "Traceback" not in result.stdout + result.stderr
        assert o.line in result.stderr.splitlines(), (o.line, result.stderr)
    if o.build is not None:
        assert f"Échec de la construction : {o.project / 'site'} n'a pas été modifié." in o.build.stderr.splitlines()
    assert o.site_after == o.site_before  # nothing half-published
    for line in case.also:
        assert line in o.check.stderr.splitlines(), (line, o.check.stderr)
    if case.total is not None:  # one mistake, one message: nothing else is reported
        assert o.check.stderr.startswith(f"{case.total} erreur{'s' if case.total > 1 else ''} dans les données :"), \
            o.check.stderr


def test_every_error_of_the_catalogue_has_a_code_of_the_reference(outcomes: dict[str, Outcome]) -> None:
    """Each refusal names its entry of the published reference (/aide/messages/#<code>)."""
    for case in CASES:
        project = outcomes[case.id].project
        with pytest.raises(DataErrors) as exc:
            load(project / "data", source=project / "sources" / SOURCE.name,
                 published=project / "urls.txt" if (project / "urls.txt").exists() else None)
        for error in exc.value.errors:
            assert error.code in CATALOGUE, (case.id, str(error))
        assert outcomes[case.id].line in [str(e) for e in exc.value.errors], case.id
