"""Kinds of problem: the tracking of the contract, data/suivi/ (tracking_checks.py)."""
from __future__ import annotations

from crte.data.codes import family

F = family("suivi", "Suivi du contrat (data/suivi/)",
           "Le suivi (article 8) est vérifié contre le contrat en vigueur : ses actions, leurs coûts, les décisions "
           "qui les ont ajoutées ou abandonnées, et le référentiel des financeurs.")

NOM_DE_FICHIER = F.kind(
    "nom-de-fichier-suivi", "Nom de fichier de suivi",
    "le nom du fichier est l'identifiant de ce qu'il suit : minuscules sans accents, chiffres et tirets, une fois",
    "Un fichier de suivi porte le nom de l'action (data/suivi/actions/<id>.yaml) ou de l'indicateur qu'il suit.",
    "Renommez le fichier d'après l'identifiant (id) de l'action ou de l'indicateur.",
    "data/suivi/actions/Cite-Darcy.yaml:1: (fichier)")
EN_DOUBLE = F.kind(
    "suivi-en-double", "Deux fichiers de suivi pour une action",
    "l'action « {value} » a déjà un fichier de suivi ({other}) : « {old} » est un de ses anciens identifiants ; "
    "réunissez les deux fichiers en un seul, data/suivi/actions/{value}.yaml",
    "Une action a un seul fichier de suivi ; celui-ci porte un ancien identifiant de l'action (anciens_ids), qui a "
    "déjà un fichier sous son identifiant actuel.",
    "Réunissez les étapes et les financements des deux fichiers dans celui qui porte l'identifiant actuel.",
    "data/suivi/actions/cite-declercq-oignies.yaml:1: (fichier)", value="cite-declercq",
    other="data/suivi/actions/cite-declercq.yaml", old="cite-declercq-oignies")
ACTION_SUIVIE = F.kind(
    "suivi-sans-action", "Suivi d'une action qui n'existe pas",
    {"": "aucune action « {value} » : le fichier porte l'identifiant de l'action qu'il suit",
     "proche": "aucune action « {value} » : le fichier porte l'identifiant de l'action qu'il suit ; vouliez-vous "
               "dire « {near} » ?"},
    "Le nom du fichier ne correspond à aucune action du contrat en vigueur (ni signée, ni ajoutée par décision).",
    "Renommez le fichier d'après l'identifiant de l'action ; une action ajoutée l'est d'abord par une décision.",
    "data/suivi/actions/licorne.yaml:1: (fichier)", value="licorne")
INDICATEUR_SUIVI = F.kind(
    "suivi-sans-indicateur", "Suivi d'un indicateur qui n'existe pas",
    "aucun indicateur « {value} » : le fichier porte l'identifiant de l'indicateur qu'il suit",
    "Le nom du fichier ne correspond à aucun indicateur (article 9, ou ajouté par décision).",
    "Renommez le fichier d'après l'identifiant de l'indicateur (data/indicators.yaml).",
    "data/suivi/indicateurs/o9-licornes.yaml:1: (fichier)", value="o9-licornes")
AVANT_ACTION = F.kind(
    "avant-l-action", "Étape d'avant l'existence de l'action",
    {"": "l'action n'existe qu'à partir du {date}",
     "tableau": "la date du tableau de bord ({date}) précède la signature du contrat ({signed})"},
    "Une étape ne peut pas précéder l'action qu'elle suit : la signature du contrat, ou la décision qui l'a "
    "ajoutée.",
    "Corrigez la date de l'étape.",
    "data/suivi/actions/cite-darcy.yaml:2: etapes[0].date", date="2021-12-13")
APRES_ABANDON = F.kind(
    "apres-abandon", "Suivi d'après l'abandon de l'action",
    {"": "l'action a été abandonnée le {date} ({intitule}, décision {id}) : une étape datée d'après ne peut pas "
         "la dire « {statut} » ; corrigez la date, ou retirez l'étape",
     "financement": "l'action a été abandonnée le {date} ({intitule}, décision {id}) : un financement ne peut "
                    "pas lui être accordé après ; corrigez la date"},
    "Une décision a abandonné l'action : son suivi s'arrête à cette date.",
    "Corrigez la date si l'étape précède l'abandon ; sinon retirez-la (l'abandon se lit sur la page de l'action).",
    "data/suivi/actions/lecture-spectacle.yaml:12: etapes[2].date", date="2022-11-22",
    intitule="Comité de pilotage du 22 novembre 2022", id="2022-11-22-comite-de-pilotage", statut="en cours")
DESORDRE = F.kind(
    "etapes-dans-le-desordre", "Étapes dans le désordre", "les étapes s'écrivent dans l'ordre des dates",
    "Les étapes d'une action se lisent de la plus ancienne à la plus récente.",
    "Déplacez l'étape à sa place dans la liste.",
    "data/suivi/actions/cite-darcy.yaml:12: etapes[2].date")
RECUL = F.kind(
    "statut-qui-recule", "Statut qui recule sans commentaire",
    "le statut recule (« {before} » → « {after} ») : dites pourquoi dans commentaire",
    "Le statut revient en arrière (par exemple de « réalisée » à « en cours ») : c'est possible, mais il faut "
    "dire pourquoi.",
    "Ajoutez un commentaire à l'étape, ou corrigez le statut.",
    "data/suivi/actions/cite-darcy.yaml:12: etapes[2].statut", before="réalisée", after="en cours")
FINANCEUR = F.kind(
    "financeur-inconnu", "Financeur inconnu",
    {"": "financeur « {value} » inconnu ; financeurs de suivi/financeurs.yaml : {known}",
     "nom": "« {value} » est le nom d'un financeur, pas son identifiant ; écrivez : {slug}",
     "proche": "financeur « {value} » inconnu ; vouliez-vous dire « {slug} » ? financeurs de "
               "suivi/financeurs.yaml : {known}"},
    "Une ligne de financement nomme un financeur par son identifiant (slug) dans data/suivi/financeurs.yaml.",
    "Écrivez l'identifiant du financeur (ex. region-hauts-de-france) ; ajoutez-le à financeurs.yaml s'il n'y "
    "est pas.",
    "data/suivi/actions/cite-darcy.yaml:3: financements[0].financeur", variant="nom",
    value="Région Hauts-de-France", slug="region-hauts-de-france")
MEME_FINANCEUR = F.kind(
    "financeur-deux-identifiants", "Un financeur sous deux identifiants",
    "« {name} » et « {other} » ({where}) nomment le même financeur sous deux identifiants ({first} et {second}) ; "
    "gardez-en un seul et renvoyez-y les lignes de financement",
    "Deux financeurs de data/suivi/financeurs.yaml portent le même nom (aux accents, majuscules et espaces près) : "
    "ses financements seraient partagés entre deux pages /financeurs/.",
    "Gardez un seul des deux financeurs, et écrivez son identifiant dans toutes les lignes de financement qui "
    "nommaient l'autre.",
    "data/suivi/financeurs.yaml:9: financeurs[etat-bis].nom", name="Etat", other="État",
    where="data/suivi/financeurs.yaml:3", first="etat", second="etat-bis")
SANS_REFERENTIEL = F.kind(
    "financeurs-absents", "Financements sans référentiel des financeurs",
    {"": "{file} n'existe pas, alors que les lignes de financement nomment leurs financeurs par leur identifiant "
         "dans ce fichier ; rétablissez-le (voir CONTRIBUTING.md)",
     "plusieurs": "{file} n'existe pas, alors que cette ligne de financement et {n} autre{s} nomment leurs "
                  "financeurs par leur identifiant dans ce fichier ; rétablissez-le (voir CONTRIBUTING.md)"},
    "Les lignes de financement renvoient aux financeurs déclarés dans data/suivi/financeurs.yaml, qui manque : "
    "aucune ne peut être vérifiée (c'est signalé une fois, pas à chaque ligne).",
    "Rétablissez data/suivi/financeurs.yaml (l'historique du dépôt le garde).",
    "data/suivi/actions/cite-darcy.yaml:3: financements[0].financeur", variant="plusieurs",
    file="data/suivi/financeurs.yaml", n=6, s="s")
DISPOSITIF = F.kind(
    "dispositif-inconnu", "Dispositif inconnu",
    "« {value} » n'est pas un dispositif de {funder} ; dispositifs : {known}",
    "Le dispositif d'une ligne de financement est un de ceux que financeurs.yaml donne pour ce financeur.",
    "Écrivez un des dispositifs listés, ou ajoutez celui-ci au financeur dans financeurs.yaml.",
    "data/suivi/actions/cite-darcy.yaml:5: financements[1].dispositif", value="Fonds magique", funder="État",
    known="DSIL, DETR, DSID")
ACCORDE = F.kind(
    "accorde-superieur-au-demande", "Accordé supérieur au demandé",
    "l'accordé dépasse le demandé : expliquez pourquoi (explication)",
    "Le montant accordé dépasse le montant demandé : c'est rare, et doit être expliqué.",
    "Vérifiez les deux montants ; s'ils sont justes, ajoutez une explication à la ligne de financement.",
    "data/suivi/actions/cite-darcy.yaml:9: financements[2].accorde")
DEPASSE = F.kind(
    "depasse-le-cout", "Accordé ou dépensé supérieur au coût",
    {"accorde": "le total accordé ({amount}) dépasse le coût en vigueur de l'action ({cost}) : expliquez pourquoi "
                "(explication)",
     "depense": "la dépense ({amount}) dépasse le coût en vigueur de l'action ({cost}) : expliquez pourquoi "
                "(explication)"},
    "Le total accordé, ou la dépense, dépasse le coût de l'action en vigueur (signé, ou changé par décision) : "
    "c'est possible (dépassement, subvention de plusieurs projets), mais il faut le dire.",
    "Vérifiez le montant à cette ligne ; s'il est juste, ajoutez explication: en tête du fichier de suivi de "
    "l'action (ou enregistrez la décision qui change son coût).",
    "data/suivi/actions/cite-darcy.yaml:9: etapes[1].depense", variant="depense", amount="16000000.00",
    cost="15314732.00")
ANNEE_HORS_SERIE = F.kind(
    "annee-hors-serie", "Année hors de la série", "l'année {year} est hors de la série ({first}-{last})",
    "Une mesure ne précède pas la valeur de référence et n'est pas d'une année à venir.",
    "Corrigez l'année de la mesure.",
    "data/suivi/indicateurs/o4-taux-chomage.yaml:5: mesures[0].annee", year="2018", first="2019", last="2026")
ANNEE_EN_DOUBLE = F.kind(
    "annee-en-double", "Deux mesures pour une année", "une valeur pour {year} existe déjà ({where})",
    "Un indicateur a une mesure par année.",
    "Gardez une seule mesure pour l'année (la plus récente publiée).",
    "data/suivi/indicateurs/o4-taux-chomage.yaml:7: mesures[2].annee", year="2022",
    where="data/suivi/indicateurs/o4-taux-chomage.yaml:6")
HORS_UNITE = F.kind(
    "valeur-hors-unite", "Valeur qui contredit l'unité",
    {"": "{value} n'est pas un pourcentage (0 à 100), l'unité de l'indicateur étant « % »",
     "negative": "une valeur négative contredit l'unité « {unit} »",
     "max": "{value} dépasse {max}, le plus que permet l'unité « {unit} »"},
    "L'unité de l'indicateur borne ses valeurs : un pourcentage va de 0 à 100, un nombre ou une surface n'est pas "
    "négatif.",
    "Vérifiez la valeur et l'unité.",
    "data/suivi/indicateurs/o4-taux-chomage.yaml:8: mesures[3].valeur", value="120")
LEVIER = F.kind(
    "levier-inconnu", "Levier du SGPE inconnu",
    {"": "« {value} » : levier inconnu ; leviers possibles : {values}",
     "proche": "« {value} » : levier inconnu ; vouliez-vous dire « {near} » ? Leviers possibles : {values}"},
    "Un levier se choisit parmi les 50 leviers de la planification écologique (SGPE), écrits exactement comme la "
    "liste nationale (crte/data/reference/leviers-sgpe-2025-03.csv, CHAMPS.md).",
    "Recopiez le levier de la liste, avec ses accents et ses majuscules ; le message propose le plus proche.",
    "data/suivi/actions/cite-darcy.yaml:4: leviers.leviers[0]", variant="proche", value="velo", near="Vélo",
    values="Vélo, Covoiturage, …")
