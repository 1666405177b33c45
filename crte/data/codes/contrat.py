"""Kinds of problem: the signed contract (checks.py, names.py, fidelity.py)."""
from __future__ import annotations

from crte.data.codes import family

F = family("contrat", "Contrat signé : relations, adresses, totaux, fidélité au texte signé",
           "Chaque fiche est lisible, mais elle contredit une autre fiche, forme une adresse impossible, ou "
           "s'écarte du texte signé (sources/).")

# --- Duplicates and references ------------------------------------------------------------

EN_DOUBLE = F.kind(
    "en-double", "Valeur en double", "{what} « {key} » en double (déjà utilisé en {where})",
    "Un numéro, un identifiant ou une valeur de liste apparaît deux fois là où chacun doit être unique (une "
    "adresse, une ligne de total, une mesure par année…).",
    "Gardez une seule occurrence, ou changez celle qui est fausse ; le message donne la ligne de la première.",
    "data/actions.yaml:131: actions[cite-declercq].id", what="identifiant d'action", key="cite-declercq",
    where="data/actions.yaml:98")
SIGNATURE_FUTURE = F.kind(
    "signature-future", "Signature datée d'après aujourd'hui",
    "la date de signature ({date}) est postérieure à aujourd'hui",
    "La date de signature du contrat ne peut pas être dans le futur.",
    "Rétablissez la date de signature (13 décembre 2021).",
    "data/contract.yaml:240: signature.date", date="2099-01-01")
SECTION_HORS_ARTICLE = F.kind(
    "section-hors-article", "Sous-article rangé dans un autre article",
    "la section {section} n'appartient pas à l'article {article}",
    "Le numéro d'un sous-article commence par celui de son article (6.3 dans l'article 6).",
    "Corrigez le numéro, ou déplacez le sous-article dans son article.",
    "data/contract.yaml:120: articles[5].sections", section="7.1", article=6)
FICHE_HORS_CHANTIER = F.kind(
    "fiche-hors-chantier", "Fiche rangée dans un autre chantier",
    "la fiche {fiche} n'appartient pas au chantier {chantier}",
    "Le numéro d'une fiche commence par celui de son chantier (14.3 dans le chantier 14).",
    "Corrigez le numéro, ou déplacez la fiche dans son chantier.",
    "data/orientations.yaml:52: orientations[2].chantiers[1].fiches[0].numero", fiche="15.3", chantier=14)
PARTIE_INCONNUE = F.kind(
    "partie-inconnue", "Partie inconnue", "partie « {value} » inconnue ; parties : {known}",
    "Un signataire représente une des parties du contrat, nommée par son identifiant.",
    "Écrivez l'identifiant d'une partie (parties[].id).",
    "data/contract.yaml:250: signature.signataires[0].partie", value="prefecture", known="cahc, etat")
ORIENTATION_INCONNUE = F.kind(
    "orientation-inconnue", "Orientation inconnue",
    {"": "l'orientation {n} n'existe pas dans data/orientations.yaml",
     "date": "l'orientation {n} n'existe pas",
     "indicateurs": "l'orientation {n} n'a pas de bloc d'indicateurs"},
    "Le numéro ne désigne aucune orientation du contrat (il y en a 5).",
    "Écrivez le numéro d'une orientation existante.",
    "data/indicators.yaml:300: orientations[4].orientation", n=6)
ENJEU_INCONNU = F.kind(
    "enjeu-inconnu", "ENJEU inconnu",
    {"": "« {value} » ne correspond au libelle_annexe d'aucune orientation de data/orientations.yaml ; libellés "
         "connus : {known}",
     "date": "« {value} » n'est le libellé d'aucune orientation ; libellés connus : {known}",
     "ajoutee": "« {value} » n'est le libellé d'aucune orientation ; libellés connus : {known} ; pour une action "
                "ajoutée, enjeu est facultatif : elle est rangée sous l'orientation de son chantier"},
    "La colonne ENJEU d'une action reprend, mot pour mot, le libellé d'une orientation dans l'annexe 3 "
    "(libelle_annexe) ; c'est lui qui range l'action dans son orientation.",
    "Recopiez exactement un des libellés que le message liste (majuscules comprises).",
    "data/actions.yaml:270: actions[lecture-spectacle].enjeu", variant="date", value="UN TERRITOIRE FAVORISANT",
    known="UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE | …")
ENJEU_DU_CHANTIER = F.kind(
    "enjeu-d-un-autre-chantier", "ENJEU d'une autre orientation que le chantier",
    "« {value} » est le libellé de l'orientation {labelled}, mais le chantier {chantier} relève de l'orientation "
    "{numero} : une action ajoutée est rangée sous l'orientation de son chantier ; retirez enjeu (il est "
    "facultatif) ou choisissez un chantier de l'orientation {labelled}",
    "Une action ajoutée par une décision est rangée sous l'orientation de son chantier ; son ENJEU, facultatif, "
    "s'il est donné, est le libellé de cette même orientation.",
    "Retirez enjeu, ou corrigez le chantier (ou le libellé) pour qu'ils relèvent de la même orientation.",
    "data/decisions/2024-06-18-comite-de-pilotage.yaml:12: changements[0].ajouter_action.enjeu",
    value="UN TERRITOIRE AU SERVICE DE LA QUALITE DE VIE", labelled=3, chantier=1, numero=1)
CHANTIER_INCONNU = F.kind(
    "chantier-inconnu", "Chantier inconnu",
    {"": "le chantier {n} n'existe pas dans data/orientations.yaml ; chantiers connus : {known}",
     "date": "le chantier {n} n'existe pas à cette date",
     "ajout": "le chantier {n} n'existe pas à cette date : ajoutez-le d'abord",
     "renommer": "le chantier {n} n'existe pas"},
    "Le numéro ne désigne aucun chantier du plan, à la date où il est cité.",
    "Écrivez le numéro d'un chantier existant, ou ajoutez d'abord le chantier (ajouter_chantier, dans cette "
    "décision ou une précédente).",
    "data/actions.yaml:276: actions[lecture-spectacle].chantier", n=99, known="1, 5, 6, 7, 10, 13, 14, 15, 19")
FICHE_INCONNUE = F.kind(
    "fiche-inconnue", "Fiche inconnue",
    {"": "la fiche {n} n'existe pas dans data/orientations.yaml",
     "date": "la fiche {n} n'existe pas à cette date",
     "renommer": "la fiche {n} n'existe pas"},
    "Le numéro ne désigne aucune fiche du plan, à la date où il est cité.",
    "Écrivez le numéro d'une fiche existante (entre guillemets : \"19.10\"), ou ajoutez d'abord la fiche "
    "(ajouter_fiche).",
    "data/actions.yaml:277: actions[lecture-spectacle].fiche", n="19.11")
INDICATEUR_INCONNU = F.kind(
    "indicateur-inconnu", "Indicateur inconnu",
    {"": "l'indicateur « {value} » n'existe pas dans data/indicators.yaml",
     "date": "l'indicateur « {value} » n'existe pas à cette date",
     "nom": "« {value} » est le libellé d'un indicateur, pas son identifiant ; écrivez : {near}"},
    "L'identifiant ne désigne aucun indicateur de l'article 9 (ni ajouté depuis par une décision).",
    "Recopiez l'identifiant (id) de l'indicateur depuis data/indicators.yaml.",
    "data/actions.yaml:45: actions[projet-alimentaire-territorial].indicateurs", value="o1-nombre-de-licornes")
COMMUNE_INCONNUE = F.kind(
    "commune-inconnue", "Commune inconnue",
    {"": "la commune « {value} » n'existe pas dans data/communes.yaml ; communes : {known}",
     "date": "la commune « {value} » n'existe pas dans data/communes.yaml",
     "nom": "« {value} » est le nom d'une commune, pas son identifiant ; écrivez : {slug}"},
    "Une localisation nomme les communes par leur identifiant (data/communes.yaml), en minuscules sans accents.",
    "Écrivez l'identifiant de la commune (ex. henin-beaumont), ou hors_cahc pour un lieu hors de "
    "l'agglomération.",
    "data/actions.yaml:50: actions[cite-darcy].localisation.communes", variant="nom", value="Carvin",
    slug="henin-beaumont")
LOCALISATION_VIDE = F.kind(
    "localisation-vide", "Localisation vide",
    {"": "indiquez au moins communes, territoire ou hors_cahc (ou retirez localisation si le document ne dit pas "
         "où se situe l'action)",
     "decision": "indiquez au moins communes, territoire ou hors_cahc"},
    "Une localisation dit où se situe l'action : des communes, tout le territoire, ou des lieux hors de "
    "l'agglomération ; celle-ci ne dit rien.",
    "Ajoutez communes, territoire: true ou hors_cahc, ou retirez la localisation si le document ne le dit pas.",
    "data/actions.yaml:48: actions[cite-darcy].localisation")
PART_SUPERIEURE = F.kind(
    "part-superieure-au-cout", "Part supérieure au coût",
    {"": "la part ({part}) dépasse le coût total ({cout})",
     "decision": "la part ({part}) dépasserait le coût total ({cout})"},
    "La part de la collectivité est une partie du coût total de l'action : elle ne peut pas le dépasser.",
    "Vérifiez les deux montants dans le document source.",
    "data/actions.yaml:40: actions[projet-alimentaire-territorial].part_cahc", part="49600.01", cout="49600.00")

# --- Addresses (names.py) ------------------------------------------------------------------

SANS_ADRESSE = F.kind(
    "adresse-vide", "Nom qui ne forme aucune adresse",
    {"": "« {name} » ne contient aucune lettre ni aucun chiffre : il ne peut pas former d'adresse",
     "maitre-ouvrage": "le maître d'ouvrage « {name} » ne contient aucune lettre ni aucun chiffre : il ne peut "
                       "pas former d'adresse"},
    "Le nom forme l'adresse d'une page (/maitres-ouvrage/…, /evolutions/…) ; sans lettre ni chiffre, il n'en "
    "forme aucune.",
    "Écrivez le nom en toutes lettres.",
    "data/actions.yaml:36: actions[cite-darcy].maitre_ouvrage", variant="maitre-ouvrage", name="-")
RESERVE = F.kind(
    "identifiant-reserve", "Identifiant réservé",
    {"": "« {name} » donnerait l'adresse /{folder}/{slug}/, qui remplacerait une page du site ; choisissez un "
         "autre identifiant",
     "maitre-ouvrage": "le maître d'ouvrage « {name} » donnerait l'adresse /{folder}/{slug}/, qui remplacerait "
                       "une page du site ; écrivez son nom en entier"},
    "Chaque action, ancien identifiant, commune, indicateur, financeur, décision et maître d'ouvrage a sa page, "
    "à une adresse faite de son identifiant ; certains noms sont déjà pris par le site (index, 404, assets, "
    "carte…) : une page à cette adresse en remplacerait une autre.",
    "Choisissez un autre identifiant (pour une décision, un autre nom de fichier), ou écrivez le nom du maître "
    "d'ouvrage en entier.",
    "data/actions.yaml:98: actions[index].id", name="index", folder="actions", slug="index")
ADRESSE_TROP_LONGUE = F.kind(
    "adresse-trop-longue", "Adresse trop longue",
    {"": "« {name} » donnerait une adresse trop longue ({n} caractères, {max} au plus)",
     "maitre-ouvrage": "le maître d'ouvrage « {name} » donnerait une adresse trop longue ({n} caractères, {max} "
                       "au plus)"},
    "Le nom forme une adresse trop longue pour certains systèmes de fichiers.",
    "Raccourcissez-le.",
    "data/actions.yaml:36: actions[cite-darcy].maitre_ouvrage", variant="maitre-ouvrage",
    name="Syndicat intercommunal intercommunal intercommunal intercommunal intercommunal intercommunal", n=92,
    max=80)
NOMME_DEUX_FOIS = F.kind(
    "maitre-ouvrage-en-double", "Maître d'ouvrage nommé deux fois",
    "« {name} » est nommé deux fois : l'action serait comptée deux fois pour ce maître d'ouvrage",
    "Une cellule MAITRE D'OUVRAGE nomme plusieurs maîtres d'ouvrage séparés par « / » ; celui-ci y est deux fois.",
    "Gardez-le une fois.",
    "data/actions.yaml:36: actions[friche-mecastamp].maitre_ouvrage", name="GESPATRIM")
MEME_ADRESSE = F.kind(
    "maitre-ouvrage-meme-adresse", "Deux écritures d'un même maître d'ouvrage",
    "« {name} » et « {other} » ({where}) donnent la même adresse /maitres-ouvrage/{slug}/ ; écrivez ce maître "
    "d'ouvrage de la même façon partout",
    "Deux écritures différentes (accents, majuscules, espaces) mènent à la même page de maître d'ouvrage.",
    "Écrivez le nom exactement de la même façon dans les deux lignes.",
    "data/actions.yaml:80: actions[cite-darcy].maitre_ouvrage", name="Commune d'Oignies",
    other="Commune d’Oignies", where="data/actions.yaml:36", slug="commune-d-oignies")
IDENTIFIANT_PUBLIE = F.kind(
    "identifiant-publie-change", "Identifiant publié qui a changé",
    {"": "l'identifiant « {old} » a été publié (/actions/{old}/, dans urls.txt) et n'est plus celui d'aucune "
         "action : un identifiant publié ne change jamais ; remettez id: {old}, ou, pour changer l'adresse, "
         "gardez « {old} » dans anciens_ids",
     "utilise": "l'identifiant « {old} » a été publié (/actions/{old}/, dans urls.txt) et n'est plus celui "
                "d'aucune action, alors que {uses} l'utilise{nt} : un identifiant publié ne change jamais ; "
                "remettez id: {old}, ou, pour changer l'adresse, gardez « {old} » dans anciens_ids"},
    "L'identifiant d'une action forme l'adresse de sa page, que des partenaires citent. Celui-ci a été remplacé "
    "dans data/actions.yaml : l'ancienne adresse ne mènerait plus nulle part, et les décisions et le suivi qui "
    "le citent ne trouveraient plus l'action.",
    "Remettez l'ancien identifiant. Si l'action doit vraiment changer d'adresse, gardez l'ancien dans "
    "anciens_ids : son adresse renverra vers la nouvelle, et les fichiers qui le citent restent valides.",
    "data/actions.yaml:32: actions[voie-albert-carre-henin].id", variant="utilise", old="voie-albert-carre",
    uses="data/suivi/actions/voie-albert-carre.yaml", nt="")

# --- Printed totals (reconcile.py) ----------------------------------------------------------

ECART = F.kind(
    "ecart-non-explique", "Écart non expliqué",
    "écart non expliqué : {libelle} : chiffre imprimé {imprime}, chiffre calculé {calcule} ({calcul}), écart "
    "{ecart} ; corrigez la donnée ou expliquez l'écart dans ce champ (ecart et explication)",
    "Un total imprimé dans l'annexe 3 ne correspond pas à la somme des actions. Le site publie le total signé et "
    "l'écart, qui doit être expliqué.",
    "Corrigez le montant d'une action s'il est mal recopié ; sinon, expliquez l'écart dans le champ nommé "
    "(ecart : le montant exact de l'écart, explication : pourquoi).",
    "data/actions.yaml:349: totaux_publies.par_annee[0].constats.part_cahc", libelle="Année 2021 : coût total HT",
    imprime="714 115,20 €", calcule="710 455,20 €", calcul="somme des 10 lignes de 2021", ecart="-3 660,00 €")
EXPLICATION_PERIMEE = F.kind(
    "explication-perimee", "Explication d'un autre écart",
    "l'explication porte sur un écart de {old}, mais l'écart est maintenant de {new} ({libelle}) ; revoyez "
    "l'explication et son champ ecart",
    "L'écart expliqué n'est plus l'écart réel : une donnée a changé depuis que l'explication a été écrite.",
    "Revoyez la donnée modifiée ; si elle est juste, mettez à jour ecart et explication.",
    "data/actions.yaml:334: totaux_publies.total.constats.part_cahc", old="+399 961,00 €", new="+396 301,00 €",
    libelle="TOTAL : coût total HT")
INCOHERENCE = F.kind(
    "incoherence-non-expliquee", "Incohérence non expliquée",
    "incohérence non expliquée : {message} ; corrigez la donnée ou expliquez-la dans ce champ",
    "Le document signé se contredit à cet endroit (ENJEU et chantier, fiche d'un autre chantier, part absente) ; "
    "le site publie ce qui a été signé et montre la contradiction, qui doit être expliquée.",
    "Corrigez la donnée si elle est mal recopiée ; sinon, expliquez la contradiction dans le champ constats nommé.",
    "data/actions.yaml:274: actions[lecture-spectacle].constats.part_cahc", message="la part n'est pas indiquée")
EXPLICATION_SANS_OBJET = F.kind(
    "explication-sans-objet", "Explication sans objet",
    "cette explication ne correspond plus à aucune incohérence ; retirez-la",
    "L'incohérence ou l'écart que ce champ expliquait n'existe plus.",
    "Retirez l'explication (ou rétablissez la donnée qui a changé, si c'est elle qui est fausse).",
    "data/actions.yaml:60: actions[cite-darcy].constats.part_cahc")

# --- Fidelity to the signed text (fidelity.py) ----------------------------------------------------

SIGNE = F.kind(
    "contrat-signe-differe", "Différent du contrat signé",
    "le contrat signé {what} ({place}) ; pour une modification décidée après la signature, enregistrez une "
    "décision (voir CONTRIBUTING.md)",
    "Les fichiers du contrat signé reproduisent le document signé le 13 décembre 2021, mot pour mot et au "
    "centime ; cette valeur en diffère.",
    "Rétablissez la valeur signée que le message cite. Un changement décidé après la signature s'enregistre "
    "comme une décision (data/decisions/).",
    "data/actions.yaml:38: actions[voie-albert-carre].cout_total", what="porte 1 950 206,00 €", place="annexe 3")
EN_TROP = F.kind(
    "absent-du-contrat-signe", "Absent du contrat signé",
    "{this} n'est pas dans {inside} ; {one} ajouté{e} après la signature s'enregistre par une décision (voir "
    "CONTRIBUTING.md)",
    "Cet élément (action, article, indicateur…) n'est pas dans le document signé.",
    "Retirez-le du fichier du contrat signé ; s'il a été ajouté après la signature, enregistrez la décision qui "
    "l'ajoute.",
    "data/actions.yaml:300: actions[nouvelle-action]", this="cette action", inside="l'annexe 3 du contrat signé",
    one="une action", e="e")
MANQUANT = F.kind(
    "manque-au-contrat-signe", "Manque par rapport au contrat signé",
    "{inside} porte {here} {the} {label} ; {one} retiré{e} après la signature s'enregistre par une décision (voir "
    "CONTRIBUTING.md)",
    "Le document signé contient cet élément, que le fichier n'a pas (ou plus).",
    "Rétablissez l'élément ; s'il a été retiré après la signature, enregistrez la décision qui l'abandonne.",
    "data/actions.yaml:274: actions", inside="l'annexe 3 du contrat signé", here="ici", the="l'action",
    label="« Lecture spectacle »", one="une action", e="e")
INDICATEUR_AVEC_VALEUR = F.kind(
    "indicateur-signe-sans-valeur", "Valeur ajoutée à un indicateur signé",
    "le contrat signé ne donne ni unité, ni source, ni valeur à ses indicateurs (article 9) ; une donnée de suivi "
    "ajoutée après la signature s'enregistre par une décision (voir CONTRIBUTING.md)",
    "Les indicateurs de l'article 9 sont signés sans valeur : data/indicators.yaml n'en porte pas.",
    "Retirez la valeur de data/indicators.yaml ; les valeurs mesurées se saisissent dans "
    "data/suivi/indicateurs/<id>.yaml.",
    "data/indicators.yaml:40: orientations[0].groupes[0].indicateurs[o1-taux].mesures")
SOURCE_ILLISIBLE = F.kind(
    "source-illisible", "Texte signé illisible",
    "{why} : ce fichier n'a plus la forme du contrat signé ; rétablissez-le, il ne change jamais",
    "Le texte du contrat signé (sources/) a été modifié : il ne peut plus servir de référence.",
    "Rétablissez le fichier depuis l'historique du dépôt ; il ne change jamais.",
    "sources/crte-cahc-2021-12-13.txt:1: (source)", why="aucun titre « Article N - … »")
