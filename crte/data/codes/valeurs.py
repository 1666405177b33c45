"""Kinds of problem: one value, refused by the type of its field (fields.py, text.py)."""
from __future__ import annotations

from crte.data.codes import family

F = family("valeurs", "Valeurs des champs",
           "La valeur d'un champ n'a pas la forme que son type demande (texte, montant, date, nombre…). CHAMPS.md "
           "donne le type de chaque champ et un exemple.")

# --- Text ----------------------------------------------------------------------------

PAS_UN_TEXTE = F.kind(
    "pas-un-texte", "Texte lu par YAML comme autre chose",
    "« {value} » est lu par YAML comme {kind}, pas comme un texte ; écrivez-le entre guillemets : \"{value}\"",
    "Sans guillemets, YAML lit certaines valeurs comme un booléen (NO, oui…), un nombre (2022, 19.10, 0123) ou "
    "une date, et parfois les change (19.10 devient 19.1, 0123 devient 83).",
    "Écrivez la valeur entre guillemets droits.",
    "data/actions.yaml:277: actions[lecture-spectacle].fiche", value="19.10", kind="le nombre 19.1")
TEXTE_VIDE = F.kind(
    "texte-vide", "Texte vide", "texte vide ; ce champ est obligatoire",
    "Le champ est écrit, mais son texte ne contient que des espaces.",
    "Écrivez le texte, ou rétablissez-le.",
    "data/actions.yaml:281: actions[lecture-spectacle].titre")
CARACTERE_INVISIBLE = F.kind(
    "caractere-invisible", "Caractère invisible dans un texte",
    {"": "contient un caractère de contrôle invisible ({char}, position {pos}) ; supprimez-le (il vient souvent "
         "d'un copier-coller)",
     "invisible": "contient un caractère invisible ({char}, position {pos}) ; supprimez-le (il vient souvent d'un "
                  "copier-coller)",
     "direction": "contient un caractère de direction d'écriture, qui peut masquer ou inverser le texte affiché "
                  "({char}, position {pos}) ; supprimez-le (il vient souvent d'un copier-coller)"},
    "Le texte contient un caractère qu'on ne voit pas (contrôle, espace sans largeur, changement de sens "
    "d'écriture) : il n'a pas sa place dans un contrat publié et peut changer ce que le lecteur voit.",
    "Retapez le texte autour de la position indiquée (le message compte les caractères depuis le début).",
    "data/actions.yaml:281: actions[lecture-spectacle].titre", char="U+0007", pos=8)
SAUT_DE_LIGNE = F.kind(
    "saut-de-ligne", "Saut de ligne dans un texte d'une ligne",
    {"": "contient un saut de ligne (position {pos}) : ce champ tient sur une seule ligne ; pour l'écrire sur "
         "plusieurs lignes du fichier, utilisez >- (les lignes sont alors rejointes)",
     "tabulation": "contient une tabulation (position {pos}) : ce champ tient sur une seule ligne ; pour l'écrire "
                   "sur plusieurs lignes du fichier, utilisez >- (les lignes sont alors rejointes)"},
    "Ce champ s'affiche sur une ligne (titre, nom…) ; son texte contient un saut de ligne ou une tabulation.",
    "Écrivez le texte sur une ligne, ou avec >- suivi du texte sur les lignes suivantes, indentées.",
    "data/actions.yaml:281: actions[lecture-spectacle].titre", pos=8)
ESPACE_EN_BORD = F.kind(
    "espace-en-bord", "Espace au début ou à la fin d'un texte", "commence ou finit par une espace ; retirez-la",
    "Le texte entre guillemets commence ou finit par une espace, qui serait publiée.",
    "Retirez l'espace à l'intérieur des guillemets.",
    "data/suivi/financeurs.yaml:12: financeurs[etat].dispositifs")
GUILLEMETS_TYPOGRAPHIQUES = F.kind(
    "guillemets-typographiques", "Guillemets de traitement de texte",
    "est entouré de guillemets typographiques ({first}…{last}), qui seraient publiés avec le texte ; écrivez-le "
    "entre guillemets droits : \"…\"",
    "Un traitement de texte remplace \" par “ ou ” : YAML ne les reconnaît pas comme guillemets et les garde "
    "dans le texte.",
    "Remplacez-les par des guillemets droits (\").",
    "data/actions.yaml:281: actions[lecture-spectacle].titre", first="“", last="”")
TEXTE_TROP_LONG = F.kind(
    "texte-trop-long", "Texte trop long", "texte trop long ({n} caractères, {max} au plus) ; vérifiez la saisie",
    "Le texte dépasse la longueur qu'un champ de ce type peut avoir : c'est presque toujours un copier-coller "
    "de trop.",
    "Raccourcissez le texte.",
    "data/actions.yaml:282: actions[lecture-spectacle].description", n=1204, max=1000)
HTML = F.kind(
    "html", "HTML dans un texte",
    {"": "contient du HTML ou un lien javascript (« {snippet} ») : écrivez du texte, sans balises",
     "markdown": "contient du HTML ou un lien javascript (« {snippet} ») : écrivez du texte, éventuellement en "
                 "Markdown, sans balises"},
    "Les textes sont publiés tels quels : une balise HTML (<b>, <script>…) ou un lien javascript: n'y est pas "
    "admis.",
    "Écrivez le texte sans balises ; le texte du contrat accepte le Markdown (**gras**, *italique*, listes).",
    "data/actions.yaml:281: actions[lecture-spectacle].titre", snippet="<script>")
FORME = F.kind(
    "forme-inattendue", "Valeur qui n'a pas la forme attendue", "« {value} » n'a pas la forme attendue{hint}",
    "Ce champ a une forme fixe (identifiant, numéro de fiche, année, adresse web…) que la valeur ne respecte pas.",
    "Écrivez la valeur comme le message l'indique (son exemple, CHAMPS.md).",
    "data/actions.yaml:98: actions[8].id", value="Cité Crombez",
    hint=" : minuscules sans accents, chiffres et tirets (ex. « cite-declercq »)")
IDENTIFIANT_TROP_LONG = F.kind(
    "identifiant-trop-long", "Identifiant trop long",
    "trop long ({n} caractères, {max} au plus) : il forme une adresse web",
    "Un identifiant forme l'adresse d'une page ; au-delà de cette longueur, certains systèmes refusent le nom "
    "de fichier.",
    "Choisissez un identifiant plus court.",
    "data/actions.yaml:98: actions[8].id", n=300, max=80)

# --- Years and periods ---------------------------------------------------------------------

PERIODE_A_L_ENVERS = F.kind(
    "periode-a-l-envers", "Période à l'envers",
    "la période « {value} » est à l'envers ou vide ; écrivez \"{fixed}\"",
    "Une période s'écrit de la première à la dernière année, et dure au moins deux ans.",
    "Écrivez les deux années dans l'ordre : \"2021-2022\".",
    "data/actions.yaml:120: actions[centre-gare-libercourt].annee_lancement", value="2022-2021", fixed="2021-2022")
HORS_PERIODE = F.kind(
    "hors-periode", "Année hors de la période",
    {"": "« {value} » est hors de la période {first}-{last} ; vérifiez l'année",
     "contrat": "« {value} » est hors de la période {first}-{last} du contrat (article 1 : « la période "
                "contractuelle 2021-2026 ») ; vérifiez l'année"},
    "L'année n'est pas dans la période que ce champ admet (2021-2026 pour le contrat).",
    "Corrigez l'année.",
    "data/actions.yaml:120: actions[centre-gare-libercourt].annee_lancement", variant="contrat", value="2030",
    first=2021, last=2026)

# --- Numbers, amounts, dates, booleans ------------------------------------------------------------

GUILLEMETS_EN_TROP = F.kind(
    "guillemets-en-trop", "Nombre ou booléen entre guillemets",
    "« {raw} » est entre guillemets ; écrivez {raw} sans guillemets",
    "Ce champ prend un nombre entier ou un booléen (true, false), qui s'écrit sans guillemets ; entre "
    "guillemets, c'est un texte.",
    "Retirez les guillemets.",
    "data/orientations.yaml:30: orientations[1].chantiers[0].numero", raw="14")
ZERO_INITIAL = F.kind(
    "zero-initial", "Nombre qui commence par un zéro",
    {"": "« {raw} » commence par un zéro, que YAML lit comme un nombre octal ; écrivez {fixed}",
     "montant": "« {raw} » commence par un zéro ; écrivez le montant sans zéro initial"},
    "YAML lit un nombre qui commence par 0 comme un nombre octal (019 n'est pas 19).",
    "Retirez le zéro initial.",
    "data/actions.yaml:276: actions[lecture-spectacle].chantier", raw="019", fixed=19)
TROP_GRAND = F.kind(
    "nombre-trop-grand", "Nombre trop grand",
    {"": "« {raw} » est trop grand (9999 au plus)",
     "montant": "« {raw} » dépasse 9 999 999 999,99 € ; vérifiez la saisie",
     "chiffres": "« {raw} » a trop de chiffres (15 avant la virgule et 6 après au plus) ; vérifiez la saisie"},
    "La valeur dépasse ce qu'un champ de ce type peut contenir : c'est presque toujours une faute de frappe.",
    "Vérifiez la saisie.",
    "data/actions.yaml:38: actions[voie-albert-carre].cout_total", variant="montant", raw="99999999999")
ENTIER = F.kind(
    "entier-invalide", "Nombre entier attendu", "« {raw} » n'est pas un nombre entier positif (ex. 14)",
    "Ce champ prend un nombre entier positif (un numéro d'article, de chantier, d'orientation…).",
    "Écrivez le nombre en chiffres, sans guillemets.",
    "data/contract.yaml:210: articles[12].numero", raw="treize")
POURCENTAGE = F.kind(
    "pourcentage-invalide", "Pourcentage attendu",
    {"": "« {raw} » n'est pas un pourcentage : écrivez un nombre entier de 0 à 100, sans guillemets ni signe % "
         "(ex. 40)",
     "signe": "écrivez le pourcentage sans le signe % : {fixed}"},
    "Ce champ prend un pourcentage : un nombre entier de 0 à 100, sans guillemets ni signe %.",
    "Écrivez le nombre seul : avancement: 40.",
    "data/suivi/actions/cite-darcy.yaml:8: etapes[0].avancement", raw="150")
MONTANT_SANS_GUILLEMETS = F.kind(
    "montant-sans-guillemets", "Montant sans guillemets", "écrivez le montant entre guillemets : \"{raw}\"",
    "Un montant s'écrit entre guillemets : sans eux, YAML le lit comme un nombre à virgule flottante, qui peut "
    "perdre des centimes.",
    "Ajoutez les guillemets : cout_total: \"1950206.00\".",
    "data/actions.yaml:38: actions[voie-albert-carre].cout_total", raw="1950206.00")
MONTANT_NEGATIF = F.kind(
    "montant-negatif", "Montant négatif", "montant négatif « {raw} » ; un montant est positif ou nul",
    "Un montant (coût, part, dépense, financement) n'est jamais négatif.",
    "Retirez le signe « - » ; une baisse s'enregistre comme une décision qui donne le nouveau montant.",
    "data/actions.yaml:38: actions[voie-albert-carre].cout_total", raw="-1950206.00")
MONTANT_DECIMALES = F.kind(
    "montant-decimales", "Montant de plus de deux décimales",
    "« {raw} » a plus de deux décimales ; arrondissez au centime (ex. \"1950206.00\")",
    "Un montant s'écrit au centime près : deux chiffres au plus après le point.",
    "Arrondissez au centime.",
    "data/actions.yaml:38: actions[voie-albert-carre].cout_total", raw="1950206.001")
MONTANT = F.kind(
    "montant-invalide", "Montant illisible",
    "« {raw} » n'est pas un montant ; écrivez des chiffres avec un point décimal, sans espace ni symbole € "
    "(ex. \"1950206.00\")",
    "Un montant s'écrit en chiffres, avec un point décimal, sans espace, sans virgule et sans €.",
    "Écrivez par exemple \"1950206.00\" pour 1 950 206,00 €.",
    "data/actions.yaml:38: actions[voie-albert-carre].cout_total", raw="1 950 206")
PART_NULLE = F.kind(
    "part-nulle", "Part de 0 €",
    "une part de 0 € se confondrait avec une part inconnue : si la part n'est pas connue, retirez la ligne "
    "part_cahc (jamais 0 pour « inconnu »)",
    "Le site distingue une part inconnue (champ absent, affichée « non indiquée ») d'un montant. Une part de "
    "0 € est refusée : elle est presque toujours écrite pour « inconnue », et ferait compter 0 € dans les totaux.",
    "Retirez la ligne part_cahc si la part n'est pas donnée ; sinon écrivez son montant.",
    "data/decisions/2023-09-19-comite-de-pilotage.yaml:11: changements[0].modifier_action.part_cahc")
NOMBRE_SANS_GUILLEMETS = F.kind(
    "nombre-sans-guillemets", "Nombre décimal sans guillemets", "écrivez le nombre entre guillemets : \"{raw}\"",
    "Une valeur d'indicateur ou un écart est un nombre décimal, qui s'écrit entre guillemets : sans eux, YAML "
    "le lit comme un nombre à virgule flottante et peut le changer (18.10 devient 18.1).",
    "Ajoutez les guillemets : valeur: \"18.5\".",
    "data/suivi/indicateurs/o4-taux-chomage.yaml:6: mesures[0].valeur", raw="18.5")
NOMBRE = F.kind(
    "nombre-invalide", "Nombre illisible",
    "« {raw} » n'est pas un nombre ; écrivez des chiffres avec un point décimal (ex. \"12.5\")",
    "Un nombre décimal s'écrit en chiffres, avec un point (pas de virgule), sans espace ni unité.",
    "Écrivez par exemple \"12.5\".",
    "data/suivi/indicateurs/o4-taux-chomage.yaml:6: mesures[0].valeur", raw="18,5")
DATE_SANS_GUILLEMETS = F.kind(
    "date-sans-guillemets", "Date sans guillemets", "écrivez la date entre guillemets : \"{raw}\"",
    "Une date s'écrit entre guillemets : sans eux, YAML la lit comme une date à sa façon, que les éditeurs lisent "
    "autrement.",
    "Ajoutez les guillemets : date: \"2022-06-14\".",
    "data/contract.yaml:240: signature.date", raw="2021-12-13")
DATE_INEXISTANTE = F.kind(
    "date-inexistante", "Date qui n'existe pas",
    {"": "« {raw} » a la forme AAAA-MM-JJ, mais ce jour n'existe pas : {month} n'a que {days} jours ; vérifiez "
         "la date",
     "mois": "« {raw} » a la forme AAAA-MM-JJ, mais le mois {month} n'existe pas (01 à 12) ; vérifiez la date"},
    "La date est bien écrite, mais elle n'est pas dans le calendrier (30 février, 31 juin, mois 13…).",
    "Vérifiez la date dans le document source.",
    "data/suivi/actions/cite-darcy.yaml:2: etapes[0].date", raw="2024-02-30", month="février 2024", days=29)
DATE = F.kind(
    "date-invalide", "Date illisible",
    {"": "« {raw} » n'est pas une date AAAA-MM-JJ (ex. \"2021-12-13\")",
     "francaise": "« {raw} » n'est pas une date AAAA-MM-JJ ; écrivez \"{iso}\""},
    "Une date s'écrit année-mois-jour, en chiffres, avec des tirets : \"2022-06-14\".",
    "Réécrivez la date sous cette forme, entre guillemets.",
    "data/suivi/actions/cite-darcy.yaml:2: etapes[0].date", variant="francaise", raw="14/06/2022",
    iso="2022-06-14")
BOOLEEN = F.kind(
    "booleen-invalide", "Valeur true ou false attendue", "« {raw} » : écrivez true ou false",
    "Ce champ vaut true (oui) ou false (non), en anglais, sans guillemets.",
    "Écrivez true ou false.",
    "data/contract.yaml:300: annexes[2].publiee", raw="oui")

# --- Choices -------------------------------------------------------------------------------

VALEUR_INCONNUE = F.kind(
    "valeur-inconnue", "Valeur hors de la liste",
    {"": "« {value} » inconnu ; valeurs possibles : {values}",
     "proche": "« {value} » inconnu ; vouliez-vous dire « {near} » ? valeurs possibles : {values}"},
    "Ce champ prend une valeur parmi une liste fixe (une instance, un statut, une unité…), écrite exactement.",
    "Choisissez une des valeurs que le message liste, avec ses accents.",
    "data/suivi/indicateurs/o4-taux-chomage.yaml:1: unite", variant="proche", value="pourcent", near="%",
    values="%, nombre, km")
STATUT_ABANDONNEE = F.kind(
    "statut-abandonnee", "« abandonnée » dans le suivi",
    "« abandonnée » ne se saisit pas dans le suivi : une action est abandonnée par une décision (data/decisions/, "
    "voir CONTRIBUTING.md)",
    "Une action n'est abandonnée que par une décision du comité de pilotage ou un avenant, qui a sa date et sa "
    "source.",
    "Enregistrez la décision d'abandon dans data/decisions/ ; retirez cette étape.",
    "data/suivi/actions/cite-darcy.yaml:4: etapes[1].statut")
