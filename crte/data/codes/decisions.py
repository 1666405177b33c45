"""Kinds of problem: the decisions after the signature (loader.py, timeline.py, timeline_plan.py)."""
from __future__ import annotations

from crte.data.codes import family

F = family("decisions", "Décisions après la signature",
           "Une décision de data/decisions/ est refusée à la ligne du changement qui ne peut pas s'appliquer au "
           "contrat tel qu'il est à sa date ; les autres décisions sont vérifiées quand même.")

DEUX_FICHIERS = F.kind(
    "decision-en-double", "Deux fichiers pour une décision",
    "deux décisions portent l'identifiant « {id} » ({first} et {second}) ; renommez l'une d'elles",
    "Le nom du fichier est l'identifiant de la décision (son adresse) : deux fichiers ne diffèrent ici que par "
    "l'extension.",
    "Renommez ou supprimez l'un des deux fichiers.",
    "data/decisions/2022-06-14-copil.yml:1: (fichier)", id="2022-06-14-copil", first="2022-06-14-copil.yaml",
    second="2022-06-14-copil.yml")
NOM_DE_FICHIER = F.kind(
    "nom-de-fichier-decision", "Nom de fichier de décision",
    {"": "le nom du fichier forme l'adresse /evolutions/{id}/ : minuscules sans accents, chiffres et tirets, {max} "
         "caractères au plus (ex. 2022-06-14-comite-de-pilotage.yaml)",
     "date": "le nom du fichier commence par la date de la décision : renommez-le {date}-….yaml (il forme "
             "l'adresse de la décision)"},
    "Le nom du fichier d'une décision forme son adresse (/evolutions/<nom>/) : il commence par la date de la "
    "décision, puis l'instance, en minuscules sans accents, chiffres et tirets.",
    "Renommez le fichier, par exemple 2022-06-14-comite-de-pilotage.yaml.",
    "data/decisions/2022-10-01-copil.yaml:1: date", variant="date", date="2022-10-02")
AVANT_SIGNATURE = F.kind(
    "decision-avant-signature", "Décision d'avant la signature",
    "la décision ({date}) précède la signature du contrat ({signed}) : elle en fait partie ou sa date est fausse",
    "Une décision enregistrée ici change le contrat après sa signature ; celle-ci est datée d'avant.",
    "Corrigez la date ; ce qui précède la signature fait partie du contrat signé.",
    "data/decisions/2021-12-01-comite-de-pilotage.yaml:1: date", date="2021-12-01", signed="2021-12-13")
FUTURE = F.kind(
    "date-future", "Date postérieure à aujourd'hui",
    {"": "la date de la décision ({date}) est postérieure à aujourd'hui",
     "etape": "date postérieure à aujourd'hui",
     "tableau": "la date du tableau de bord ({date}) est postérieure à aujourd'hui"},
    "Une décision, une étape de suivi ou une mise à jour du tableau de bord enregistre ce qui a eu lieu : elle ne "
    "peut pas être datée d'après aujourd'hui.",
    "Corrigez la date (souvent une faute de frappe sur l'année), ou attendez le jour venu pour l'enregistrer.",
    "data/decisions/2027-01-10-comite-de-pilotage.yaml:1: date", date="2027-01-10")
AVENANT_EN_DOUBLE = F.kind(
    "avenant-en-double", "Numéro d'avenant déjà enregistré",
    "l'avenant n° {n} est déjà enregistré (décision {other})",
    "Deux décisions portent le même numéro d'avenant.",
    "Corrigez le numéro de l'une d'elles.",
    "data/decisions/2022-09-01-avenant-1.yaml:3: numero", n=1, other="2022-06-14-avenant-1")
AVENANT_SANS_NUMERO = F.kind(
    "avenant-sans-numero", "Avenant sans numéro", "un avenant porte un numéro : indiquez-le (numero: 1)",
    "Un avenant est numéroté (avenant n° 1, n° 2…).",
    "Ajoutez son numéro : numero: 1.",
    "data/decisions/2023-03-02-avenant-1.yaml:1: numero")
SORTE = F.kind(
    "sorte-de-changement", "Sorte de changement manquante",
    "indiquez une seule sorte de changement par élément (ajouter_action, modifier_action, abandonner_action, "
    "ajouter_chantier, ajouter_fiche, renommer, modifier_article ou ajouter_indicateur)",
    "Chaque élément de changements commence par la sorte de changement qu'il fait.",
    "Commencez l'élément par une des sortes que le message liste.",
    "data/decisions/2022-06-14-comite-de-pilotage.yaml:8: changements[0]")
ACTION_INCONNUE = F.kind(
    "action-inconnue", "Action inconnue",
    {"": "l'action « {value} » n'existe pas à cette date",
     "proche": "l'action « {value} » n'existe pas à cette date ; vouliez-vous dire « {near} » ?",
     "titre": "« {value} » est le titre d'une action, pas son identifiant ; écrivez : {near}",
     "indicateur": "l'action « {value} » n'existe pas"},
    "L'identifiant ne désigne aucune action du contrat à la date de la décision (ni signée, ni ajoutée avant).",
    "Recopiez l'identifiant (id) de l'action depuis data/actions.yaml ou la décision qui l'a ajoutée ; une action "
    "ajoutée le même jour doit l'être dans une décision qui précède (ordre des noms de fichiers).",
    "data/decisions/2022-06-14-comite-de-pilotage.yaml:9: changements[0].modifier_action.action",
    variant="titre", value="Lecture spectacle", near="lecture-spectacle")
ACTION_ABANDONNEE = F.kind(
    "action-abandonnee", "Action déjà abandonnée",
    "l'action « {value} » a été abandonnée ({intitule}, décision {id}) : elle ne peut plus changer",
    "Une action abandonnée garde sa page, mais ne change plus ; elle ne revient pas.",
    "Retirez ce changement ; pour reprendre le projet, ajoutez une action nouvelle, avec un nouvel identifiant.",
    "data/decisions/2023-01-10-comite-de-pilotage.yaml:9: changements[0].modifier_action.action",
    value="lecture-spectacle", intitule="Comité de pilotage du 14 juin 2022", id="2022-06-14-comite-de-pilotage")
AJOUTEE_ICI = F.kind(
    "action-ajoutee-par-la-decision", "Action ajoutée et changée par la même décision",
    {"": "l'action « {value} » est ajoutée par cette même décision (ligne {line}) : écrivez directement ses "
         "valeurs dans ajouter_action",
     "abandon": "l'action « {value} » est ajoutée par cette même décision (ligne {line}) : une décision ne peut "
                "pas l'ajouter et l'abandonner à la fois ; retirez les deux changements"},
    "Une action ajoutée par une décision l'est avec ses valeurs : la même décision ne la change pas, et ne "
    "l'abandonne pas (cela publierait l'adresse d'une action qui n'a jamais été en vigueur).",
    "Écrivez les bonnes valeurs dans ajouter_action et retirez le modifier_action ; si l'action n'est finalement "
    "pas retenue, retirez l'ajout et l'abandon.",
    "data/decisions/2022-06-14-comite-de-pilotage.yaml:30: changements[1].abandonner_action.action",
    variant="abandon", value="legumerie-intercommunale", line=9)
DEJA_UTILISE = F.kind(
    "identifiant-deja-utilise", "Identifiant déjà utilisé",
    "l'identifiant « {value} » est ou a été utilisé : une adresse publiée ne sert jamais à une autre action ; "
    "choisissez-en un autre",
    "Une action ajoutée reçoit un identifiant jamais utilisé : ni par une action en vigueur, ni par une action "
    "abandonnée, ni dans anciens_ids.",
    "Choisissez un autre identifiant.",
    "data/decisions/2022-07-01-comite-de-pilotage.yaml:9: changements[0].ajouter_action.id",
    value="lecture-spectacle")
RIEN_A_CHANGER = F.kind(
    "changement-vide", "Changement sans champ",
    "aucun champ à changer : indiquez au moins un champ et sa nouvelle valeur",
    "Un changement modifier_action nomme l'action, puis les champs qui changent ; celui-ci n'en donne aucun.",
    "Ajoutez les champs qui changent et leur nouvelle valeur.",
    "data/decisions/2022-06-14-comite-de-pilotage.yaml:9: changements[0].modifier_action.action")
MOTIF_MANQUANT = F.kind(
    "motif-manquant", "Changement de montant sans motif",
    "un changement de montant ({amounts}) dit pourquoi : ajoutez motif, la raison telle que la décision la donne "
    "(ex. motif: \"Les études de sol imposent un cuvelage du lit.\")",
    "Un modifier_action qui change le coût total ou la part (part_cahc) d'une action dit pourquoi (motif) : la raison "
    "est publiée dans l'historique de l'action, sur la page de la décision et dans le fil des évolutions.",
    "Ajoutez au changement une ligne motif: \"…\", avec la raison telle que la décision la donne.",
    "data/decisions/2024-06-18-comite-de-pilotage.yaml:9: changements[0].modifier_action.motif",
    amounts="cout_total")
SANS_EFFET = F.kind(
    "changement-sans-effet", "Changement qui ne change rien",
    {"": "la valeur en vigueur est déjà celle-ci : ce changement ne change rien",
     "chantier": "le chantier porte déjà ce titre : ce changement ne change rien",
     "fiche": "la fiche porte déjà ce titre : ce changement ne change rien",
     "texte": "le texte en vigueur est déjà celui-ci : ce changement ne change rien"},
    "La valeur donnée est celle qui est déjà en vigueur à la date de la décision.",
    "Retirez le changement, ou corrigez la valeur.",
    "data/decisions/2022-06-14-comite-de-pilotage.yaml:10: changements[0].modifier_action.cout_total")
DEUX_FOIS = F.kind(
    "champ-change-deux-fois", "Champ changé deux fois le même jour",
    {"": "cette décision change déjà ce champ plus haut : gardez un seul changement",
     "jour": "la décision {other}, du même jour, change déjà ce champ : réunissez les deux changements dans une "
             "seule décision"},
    "Deux changements du même jour portent sur le même champ d'une action : on ne sait pas lequel s'applique.",
    "Gardez un seul changement, dans une seule décision.",
    "data/decisions/2022-06-14-b.yaml:10: changements[0].modifier_action.cout_total", variant="jour",
    other="2022-06-14-a")
EXISTE_DEJA = F.kind(
    "existe-deja", "Chantier, fiche ou indicateur qui existe déjà",
    {"chantier": "le chantier {n} existe déjà",
     "fiche": "la fiche {n} existe déjà",
     "indicateur": "l'indicateur « {n} » existe déjà"},
    "Le numéro ou l'identifiant donné à l'élément ajouté est déjà pris.",
    "Choisissez un numéro ou un identifiant libre ; pour changer un titre, utilisez renommer.",
    "data/decisions/2022-11-22-comite-de-pilotage.yaml:9: changements[0].ajouter_chantier.numero",
    variant="chantier", n=8)
RENOMMER = F.kind(
    "renommer-chantier-ou-fiche", "Renommer : chantier ou fiche", "indiquez soit chantier, soit fiche",
    "Un changement renommer change le titre d'un chantier ou d'une fiche : un seul des deux.",
    "Gardez chantier ou fiche, pas les deux (ni aucun).",
    "data/decisions/2022-11-22-comite-de-pilotage.yaml:15: changements[2].renommer")
PAR_AVENANT = F.kind(
    "article-par-avenant", "Texte changé sans avenant",
    "le texte du contrat ne change que par avenant (article 11) : instance: \"avenant\"",
    "Le comité de pilotage adapte le programme ; le texte du contrat, lui, ne change que par avenant.",
    "Enregistrez ce changement dans la décision de l'avenant (instance: \"avenant\").",
    "data/decisions/2022-06-15-comite-de-pilotage.yaml:8: changements[0].modifier_article")
ARTICLE_INCONNU = F.kind(
    "article-inconnu", "Article ou sous-article inconnu",
    {"": "l'article {n} n'existe pas",
     "section": "l'article {n} n'a pas de sous-article {section}"},
    "Le numéro ne désigne aucun article (ou sous-article) du contrat.",
    "Corrigez le numéro.",
    "data/decisions/2023-03-02-avenant-1.yaml:9: changements[0].modifier_article.article", n=15)
