"""Decisions after signature: the contract at any date, and every refusal with its
exact `file:line: field: message`.

The computations are tested on the fictitious example (examples/contrat-vivant),
whose decisions are fixed test data; the real data/ holds no decision.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from crte.data.loader import load
from crte.views.views import Views

from ..conftest import DATA, ROOT, copy_signed
from .layers import Layer

EXAMPLE = ROOT / "examples" / "contrat-vivant"
D = "data/decisions"


@pytest.fixture(scope="module")
def example() -> Views:
    return Views(load(EXAMPLE, "examples/contrat-vivant"))


# --- The contract at any date -------------------------------------------------------------------------

def test_without_decision_the_contract_in_force_is_the_signed_one(tmp_path: Path) -> None:
    crte = load(copy_signed(tmp_path / "data"))
    assert crte.decisions == () and len(crte.states) == 1
    assert crte.current.crte.actions == crte.actions


def test_one_state_per_decision_in_date_order(example: Views) -> None:
    assert [s.decision.id if s.decision else None for s in example.states] == [
        None, "2022-06-14-comite-de-pilotage", "2022-11-22-comite-de-pilotage", "2023-03-02-avenant-1",
        "2023-09-19-comite-de-pilotage"]
    counts = [len(s.crte.actions) for s in example.states]
    costs = [sum(a.cout_total for a in s.crte.actions) for s in example.states]
    signed = Decimal("90713853.98")
    assert counts == [24, 25, 24, 24, 25]
    assert costs == [signed, signed - Decimal("1950206.00") + Decimal("2100000.00") + Decimal("850000.00"),
                     signed + Decimal("149794.00") + Decimal("850000.00") - Decimal("18300.00"),
                     signed + Decimal("149794.00") + Decimal("850000.00") - Decimal("18300.00"),
                     signed + Decimal("149794.00") + Decimal("850000.00") - Decimal("18300.00") + Decimal("1200000.00")]


def test_the_signed_contract_is_untouched(example: Views) -> None:
    signed = example.signed_action["voie-albert-carre"]
    assert signed.cout_total == Decimal("1950206.00")
    assert example.state.actions["voie-albert-carre"].cout_total == Decimal("2100000.00")
    assert len(example.signed.actions) == 24
    assert example.changes("voie-albert-carre") == {"cout_total": (Decimal("1950206.00"), Decimal("2100000.00")),
                                                    "part_cahc": (Decimal("390041.00"), Decimal("420000.00"))}


def test_added_abandoned_and_renamed(example: Views) -> None:
    assert example.status("piste-cyclable-rouvroy-drocourt").added_by.id == "2022-06-14-comite-de-pilotage"
    gone = example.status("lecture-spectacle")
    assert gone.abandoned_by.id == "2022-11-22-comite-de-pilotage" and "médiathèques" in gone.motif
    assert "lecture-spectacle" not in {a.id for a in example.crte.actions}
    assert [a.action.id for a in example.abandoned_list()] == ["lecture-spectacle"]
    assert example.fiche["19.10"].titre == "Accompagner la lecture pour tous"
    assert example.signed_views.fiche["19.10"].titre == "Accompagner les pratiques en faveur de la lecture pour tous"
    assert example.chantier[8].orientation == 2 and [f.numero for f in example.chantier[8].fiches] == ["8.1"]
    assert "article-10" in example.state.amended
    assert "mi-parcours" in next(a for a in example.crte.contract.articles if a.numero == 10).texte
    assert "mi-parcours" not in next(a for a in example.signed.contract.articles if a.numero == 10).texte


def test_money_effect_of_a_decision_by_orientation(example: Views) -> None:
    first = next(d for d in example.decision_views if d.id == "2022-06-14-comite-de-pilotage")
    effect = {m.orientation: (m.cout_difference, m.part_difference) for m in first.money}
    # voie-albert-carre is filed under orientation 4 (ENJEU); the bike path under 2.
    assert effect == {1: (0, 0), 2: (Decimal("850000.00"), Decimal("170000.00")),
                      3: (0, 0), 4: (Decimal("149794.00"), Decimal("29959.00")), 5: (0, 0)}
    assert first.total_after.cout_total - first.total_before.cout_total == Decimal("999794.00")


# --- Refusals -----------------------------------------------------------------------------------------------

class Decisions(Layer):
    """A copy of data/ with decisions written into data/decisions/."""

    def __init__(self, root: Path):
        super().__init__(root, "decisions")


@pytest.fixture
def dec(tmp_path: Path) -> Decisions:
    return Decisions(tmp_path)


def decision(date: str, *changes: str, instance: str = "comité de pilotage") -> str:
    body = "".join(f"  - {c}\n" for c in changes)
    return (f'date: "{date}"\ninstance: "{instance}"\nobjet: "Essai."\nsource:\n  titre: "Relevé de décisions"\n'
            f"changements:\n{body}")


COST = 'modifier_action:\n      action: voie-albert-carre\n      cout_total: "2100000.00"\n      motif: "Réseaux."'


def test_dates_before_signature_or_after_today(dec: Decisions) -> None:
    later = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    dec.write("2021-12-01-avant.yaml", decision("2021-12-01", COST))
    dec.write(f"{later}-apres.yaml", decision(later, 'abandonner_action:\n      action: cite-darcy\n      motif: "x"'))
    assert dec.errors() == [
        f"{D}/2021-12-01-avant.yaml:1: date: la décision (2021-12-01) précède la signature du contrat (2021-12-13) :"
        " elle en fait partie ou sa date est fausse",
        f"{D}/{later}-apres.yaml:1: date: la date de la décision ({later}) est postérieure à aujourd'hui"]


def test_two_decisions_with_one_id(dec: Decisions) -> None:
    dec.write("2022-06-14-copil.yaml", decision("2022-06-14", COST))
    dec.write("2022-06-14-copil.yml", decision("2022-06-14", COST))
    assert dec.errors() == [f"{D}/2022-06-14-copil.yml:1: (fichier): deux décisions portent l'identifiant"
                            " « 2022-06-14-copil » (2022-06-14-copil.yaml et 2022-06-14-copil.yml) ; renommez l'une"
                            " d'elles"]


def test_unknown_action_and_unknown_field(dec: Decisions) -> None:
    dec.write("2022-06-14-d.yaml", decision("2022-06-14", 'modifier_action:\n      action: licorne\n      titre: "x"',
                                 'modifier_action:\n      action: cite-darcy\n      cout: "1.00"'))
    assert dec.errors() == [
        f"{D}/2022-06-14-d.yaml:{dec.line('2022-06-14-d.yaml', 'licorne')}: changements[0].modifier_action.action: l'action « licorne »"
        " n'existe pas à cette date",
        f"{D}/2022-06-14-d.yaml:{dec.line('2022-06-14-d.yaml', 'cout:')}: changements[1].modifier_action.cout: champ inconnu ; champs"
        " possibles : action, annee_lancement, chantier, cout_total, description, enjeu, fiche, indicateurs,"
        " localisation, maitre_ouvrage, motif, part_cahc, titre"]


def test_a_change_that_changes_nothing(dec: Decisions) -> None:
    dec.write("2022-06-14-d.yaml", decision("2022-06-14", 'modifier_action:\n      action: voie-albert-carre\n'
                                               '      cout_total: "1950206.00"'))
    assert dec.errors() == [f"{D}/2022-06-14-d.yaml:{dec.line('2022-06-14-d.yaml', 'cout_total')}: changements[0].modifier_action.cout_total:"
                            " la valeur en vigueur est déjà celle-ci : ce changement ne change rien"]


def test_ids_are_never_reused_and_abandoned_actions_do_not_change(dec: Decisions) -> None:
    dec.write("2022-06-14-a.yaml", decision("2022-06-14", 'abandonner_action:\n      action: lecture-spectacle\n'
                                               '      motif: "Reportée hors CRTE."'))
    added = (ROOT / "tests" / "data" / "added-action.yaml").read_text(encoding="utf-8")
    dec.write("2022-07-01-b.yaml", decision("2022-07-01", added.replace("ID", "lecture-spectacle"),
                                 added.replace("ID", "cite-darcy"),
                                 'modifier_action:\n      action: lecture-spectacle\n      titre: "x"'))
    assert dec.errors() == [
        f"{D}/2022-07-01-b.yaml:{dec.line('2022-07-01-b.yaml', 'id: lecture-spectacle')}: changements[0].ajouter_action.id: l'identifiant"
        " « lecture-spectacle » est ou a été utilisé : une adresse publiée ne sert jamais à une autre action ;"
        " choisissez-en un autre",
        f"{D}/2022-07-01-b.yaml:{dec.line('2022-07-01-b.yaml', 'id: cite-darcy')}: changements[1].ajouter_action.id:"
        " l'identifiant « cite-darcy » est ou a été utilisé : une adresse publiée ne sert jamais à une"
        " autre action ; choisissez-en un autre",
        f"{D}/2022-07-01-b.yaml:{dec.line('2022-07-01-b.yaml', 'action: lecture-spectacle')}: changements[2].modifier_action.action:"
        " l'action « lecture-spectacle » a été abandonnée (Comité de pilotage du 14 juin 2022, décision 2022-06-14-a) : elle ne"
        " peut plus changer"]


def test_an_action_added_is_neither_changed_nor_abandoned_by_the_same_decision(dec: Decisions) -> None:
    # Its values are written in ajouter_action; added and abandoned at once, it would never have been in force.
    added = (ROOT / "tests" / "data" / "added-action.yaml").read_text(encoding="utf-8").replace("ID", "nouvelle")
    dec.write("2022-06-14-a.yaml", decision("2022-06-14", added, 'modifier_action:\n      action: nouvelle\n'
                                            '      titre: "Autre titre"', 'abandonner_action:\n      action: nouvelle\n'
                                            '      motif: "Finalement non."'))
    f, at = "2022-06-14-a.yaml", dec.line("2022-06-14-a.yaml", "id: nouvelle")
    assert dec.errors() == [
        f"{D}/{f}:{dec.line(f, 'action: nouvelle')}: changements[1].modifier_action.action: l'action « nouvelle » est"
        f" ajoutée par cette même décision (ligne {at}) : écrivez directement ses valeurs dans ajouter_action",
        f"{D}/{f}:{dec.line(f, 'action: nouvelle', 1)}: changements[2].abandonner_action.action: l'action « nouvelle »"
        f" est ajoutée par cette même décision (ligne {at}) : une décision ne peut pas l'ajouter et l'abandonner à la"
        " fois ; retirez les deux changements"]
    # Changed or abandoned by a later decision, it is.
    dec.write("2022-06-14-a.yaml", decision("2022-06-14", added))
    dec.write("2022-07-01-b.yaml", decision("2022-07-01", 'abandonner_action:\n      action: nouvelle\n'
                                            '      motif: "Finalement non."'))
    assert [a.id for a in load(dec.dir).current.abandoned()] == ["nouvelle"]


def test_two_decisions_of_one_day_change_one_field(dec: Decisions) -> None:
    dec.write("2022-06-14-a.yaml", decision("2022-06-14", COST))
    dec.write("2022-06-14-b.yaml", decision("2022-06-14", COST.replace("2100000.00", "2200000.00")))
    assert dec.errors() == [f"{D}/2022-06-14-b.yaml:{dec.line('2022-06-14-b.yaml', 'cout_total')}: changements[0].modifier_action.cout_total:"
                            " la décision 2022-06-14-a, du même jour, change déjà ce champ : réunissez les deux changements dans"
                            " une seule décision"]


def test_body_and_source_are_required_and_articles_change_by_avenant(dec: Decisions) -> None:
    dec.write("2022-06-14-a.yaml", 'date: "2022-06-14"\nobjet: "Essai."\nchangements:\n  - ' + COST + "\n")
    dec.write("2022-06-15-b.yaml", decision("2022-06-15", 'modifier_article:\n      article: 10\n      texte: "Nouveau."'))
    assert dec.errors() == [
        f"{D}/2022-06-14-a.yaml:1: instance: champ obligatoire manquant",
        f"{D}/2022-06-14-a.yaml:1: source: champ obligatoire manquant",
        f"{D}/2022-06-15-b.yaml:{dec.line('2022-06-15-b.yaml', 'article: 10')}: changements[0].modifier_article: le texte du contrat ne"
        " change que par avenant (article 11) : instance: \"avenant\""]


def test_the_example_is_valid_and_says_it_is_fictitious(example: Views) -> None:
    assert example.signed.exemple and "inventés" in example.signed.exemple
    assert load(DATA).exemple is None


def test_a_changed_value_is_checked_as_an_annex_row(dec: Decisions) -> None:
    dec.write("2022-06-14-a.yaml", decision(
        "2022-06-14", 'modifier_action:\n      action: voie-albert-carre\n      titre: "x <b>gras</b>"\n'
                      f'      cout_total: "{"9" * 30}"\n      annee_lancement: "2030-2021"'))
    dec.write("2022-06-15-b.yaml", decision(
        "2022-06-15", 'modifier_action:\n      action: voie-albert-carre\n      maitre_ouvrage: "Index"\n'
                      '      localisation:\n        communes: [paris]\n        source: "x"'))
    f, g = "2022-06-14-a.yaml", "2022-06-15-b.yaml"
    p = "changements[0].modifier_action"
    assert dec.errors() == [
        f"{D}/{f}:{dec.line(f, '<b>gras')}: {p}.titre: contient du HTML ou un lien javascript (« <b> ») : écrivez"
        " du texte, sans balises",
        f"{D}/{f}:{dec.line(f, 'cout_total')}: {p}.cout_total: « {'9' * 30} » dépasse 9 999 999 999,99 € ; vérifiez"
        " la saisie",
        f"{D}/{f}:{dec.line(f, 'annee_lancement')}: {p}.annee_lancement: la période « 2030-2021 » est à l'envers ou"
        " vide ; écrivez \"2021-2030\"",
        f"{D}/{g}:{dec.line(g, 'maitre_ouvrage')}: {p}.maitre_ouvrage: le maître d'ouvrage « Index » donnerait l'adresse"
        " /maitres-ouvrage/index/, qui remplacerait une page du site ; écrivez son nom en entier",
        f"{D}/{g}:{dec.line(g, 'paris')}: {p}.localisation.communes: la commune « paris » n'existe pas dans"
        " data/communes.yaml",
    ]


def test_an_added_action_is_checked_too(dec: Decisions) -> None:
    added = (ROOT / "tests" / "data" / "added-action.yaml").read_text(encoding="utf-8")
    dec.write("2022-06-14-a.yaml", decision("2022-06-14", added.replace("ID", "index"),
                                            added.replace("ID", "nouvelle").replace('cout_total: "1000.00"',
                                                                                     'cout_total: "1000.00"\n'
                                                                                     '      part_cahc: "2000.00"')))
    f = "2022-06-14-a.yaml"
    assert dec.errors() == [
        f"{D}/{f}:{dec.line(f, 'id: index')}: changements[0].ajouter_action.id: « index » donnerait"
        " l'adresse /actions/index/, qui remplacerait une page du site ; choisissez un autre identifiant",
        f"{D}/{f}:{dec.line(f, 'part_cahc')}: changements[1].ajouter_action.part_cahc: la part (2000.00) dépasse"
        " le coût total (1000.00)",
    ]


def test_no_file_of_the_folder_is_silently_skipped(dec: Decisions) -> None:
    folder = dec.dir / "decisions"
    (folder / "README.md").write_text("Notes.", encoding="utf-8")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "2024-01-10-comite-de-pilotage.YAML").write_text("x", encoding="utf-8")
    (folder / "2024").mkdir()
    assert dec.errors() == [
        f"{D}/2024:1: (fichier): un dossier n'est pas lu ici : un fichier .yaml par élément, directement dans ce"
        " dossier",
        f"{D}/2024-01-10-comite-de-pilotage.YAML:1: (fichier): ce fichier n'est pas lu : le nom d'un fichier de"
        " données finit par .yaml, en minuscules",
        f"{D}/notes.txt:1: (fichier): ce fichier n'est pas lu : le nom d'un fichier de données finit par .yaml, en"
        " minuscules",
    ]


def test_one_avenant_number_once_one_field_once_a_file_named_by_its_date(dec: Decisions) -> None:
    text = 'modifier_article:\n      article: 10\n      texte: "La durée de ce contrat est de sept ans."'
    dec.write("2022-06-14-avenant-1.yaml", decision("2022-06-14", text, instance="avenant").replace(
        'instance: "avenant"', 'instance: "avenant"\nnumero: 1'))
    dec.write("2022-09-01-avenant-1.yaml", decision("2022-09-01", text.replace("sept", "huit"),
                                                    instance="avenant").replace('instance: "avenant"',
                                                                                'instance: "avenant"\nnumero: 1'))
    dec.write("2022-10-01-copil.yaml", decision("2022-10-02", COST, COST.replace("2100000.00", "2200000.00")))
    f = "2022-10-01-copil.yaml"
    assert dec.errors() == [
        f"{D}/2022-09-01-avenant-1.yaml:3: numero: l'avenant n° 1 est déjà enregistré (décision"
        " 2022-06-14-avenant-1)",
        f"{D}/{f}:1: date: le nom du fichier commence par la date de la décision : renommez-le 2022-10-02-….yaml (il"
        " forme l'adresse de la décision)",
        f"{D}/{f}:{dec.line(f, 'cout_total', 1)}: changements[1].modifier_action.cout_total: cette décision change"
        " déjà ce champ plus haut : gardez un seul changement",
    ]


# --- An added action is filed by its chantier; a change of amount says why ----------------------------------

def added_action(id_: str, chantier: int, fiche: str, enjeu: str | None = None) -> str:
    label = f'\n      enjeu: "{enjeu}"' if enjeu else ""
    return (f'ajouter_action:\n      id: {id_}{label}\n      chantier: {chantier}\n      fiche: "{fiche}"\n'
            f'      maitre_ouvrage: "CAHC"\n      titre: "Action {id_}"\n      description: "Pour un test."\n'
            f'      annee_lancement: "2024"\n      cout_total: "1000.00"')


ORIENTATION_4 = "UN TERRITOIRE QUI FAVORISE L'EPANOUISSEMENT DE CHACUN"


def test_an_action_added_to_orientation_1_is_filed_there(dec: Decisions) -> None:
    # Orientation 1 has no ENJEU label in the annex: the action is filed by its chantier.
    dec.write("2024-06-18-a.yaml", decision("2024-06-18", added_action("legumerie", 5, "5.4"),
                                            'ajouter_chantier:\n      numero: 3\n      titre: "Économie circulaire"\n'
                                            '      orientation: 1',
                                            'ajouter_fiche:\n      numero: "3.1"\n      titre: "Ressourcerie"',
                                            added_action("ressourcerie", 3, "3.1")))
    views = Views(load(dec.dir))
    assert {a.id: a.orientation for a in views.crte.actions if a.id in ("legumerie", "ressourcerie")} == \
        {"legumerie": 1, "ressourcerie": 1}
    assert views.state.actions["legumerie"].enjeu is None
    first = views.orientations[1]
    assert [a.id for a in first.actions] == ["legumerie", "ressourcerie"]
    assert first.totaux.cout_total == Decimal("2000.00")


def test_an_added_action_s_label_agrees_with_its_chantier(dec: Decisions) -> None:
    dec.write("2024-06-18-a.yaml", decision("2024-06-18", added_action("legumerie", 5, "5.4", ORIENTATION_4),
                                            added_action("autre", 5, "5.4", "UN TERRITOIRE DE RENOUVEAU ECONOMIQUE")))
    f = "2024-06-18-a.yaml"
    assert dec.errors() == [
        f"{D}/{f}:{dec.line(f, 'enjeu')}: changements[0].ajouter_action.enjeu: « {ORIENTATION_4} » est le libellé"
        " de l'orientation 4, mais le chantier 5 relève de l'orientation 1 : une action ajoutée est rangée sous"
        " l'orientation de son chantier ; retirez enjeu (il est facultatif) ou choisissez un chantier de"
        " l'orientation 4",
        f"{D}/{f}:{dec.line(f, 'enjeu', 1)}: changements[1].ajouter_action.enjeu: « UN TERRITOIRE DE RENOUVEAU"
        " ECONOMIQUE » n'est le libellé d'aucune orientation ; libellés connus : UN TERRITOIRE AU SERVICE DE LA"
        " QUALITE DE VIE | UN TERRITOIRE QUI S'AFFIRME PAR LA PRESERVATION DE SON PATRIMOINE NATUREL ET CULTUREL"
        f" | {ORIENTATION_4} | UN TERRITOIRE DE PARTAGE DE COOPERATION ET D'INITIATIVES ; pour une action ajoutée,"
        " enjeu est facultatif : elle est rangée sous l'orientation de son chantier"]


def test_an_added_action_moves_with_its_chantier(dec: Decisions) -> None:
    dec.write("2024-06-18-a.yaml", decision("2024-06-18", added_action("legumerie", 5, "5.4")))
    dec.write("2024-09-10-b.yaml", decision("2024-09-10", 'modifier_action:\n      action: legumerie\n'
                                                          '      chantier: 6\n      fiche: "6.5"'))
    assert Views(load(dec.dir)).state.actions["legumerie"].orientation == 2


def test_a_change_of_amount_says_why(dec: Decisions) -> None:
    dec.write("2024-06-18-a.yaml", decision("2024-06-18", 'modifier_action:\n      action: courant-de-la-motte\n'
                                                          '      cout_total: "4950000.00"\n      titre: "Courant"',
                                            'modifier_action:\n      action: cite-darcy\n      titre: "Cité Darcy"'))
    f = "2024-06-18-a.yaml"
    assert dec.errors() == [
        f"{D}/{f}:{dec.line(f, 'action: courant-de-la-motte')}: changements[0].modifier_action.motif: un changement"
        " de montant (cout_total) dit pourquoi : ajoutez motif, la raison telle que la décision la donne (ex. motif:"
        " \"Les études de sol imposent un cuvelage du lit.\")"]


def test_the_motif_is_kept_in_the_history(dec: Decisions) -> None:
    dec.write("2024-06-18-a.yaml", decision("2024-06-18", 'modifier_action:\n      action: courant-de-la-motte\n'
                                                          '      cout_total: "4950000.00"\n'
                                                          '      motif: "Cuvelage du lit."'))
    views = Views(load(dec.dir))
    [change] = views.status("courant-de-la-motte").history
    assert (change.field, change.before, change.after, change.motif) == \
        ("cout_total", Decimal("4508156.00"), Decimal("4950000.00"), "Cuvelage du lit.")
    [dv] = views.decision_views
    assert dv.motifs == [(views.state.actions["courant-de-la-motte"].titre, "Cuvelage du lit.")]
