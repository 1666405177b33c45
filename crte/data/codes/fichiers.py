"""Kinds of problem: files that cannot be read, YAML syntax, the shape of a record."""
from __future__ import annotations

from crte.data.codes import family

F = family("fichiers", "Fichiers, syntaxe YAML et forme des fiches",
           "Le fichier ne peut pas être lu, ou ce qu'il contient n'a pas la forme d'une fiche : rien de ce qui "
           "s'y trouve n'est pris en compte tant que l'erreur n'est pas corrigée.")

# --- Files ---------------------------------------------------------------------------

FICHIER_ILLISIBLE = F.kind(
    "fichier-illisible", "Fichier illisible", "impossible de lire le fichier ({why}) ; vérifiez ses droits",
    "Le système refuse de lire le fichier (droits, dossier à la place d'un fichier…).",
    "Vérifiez que c'est bien un fichier et qu'il est lisible (droits de lecture).",
    "data/actions.yaml:1: (fichier)", why="permission refusée")
ENCODAGE = F.kind(
    "encodage", "Fichier qui n'est pas en UTF-8", "le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8",
    "Le fichier a été enregistré dans un autre encodage (souvent « Windows-1252 » ou « Latin-1 ») : ses accents "
    "ne peuvent pas être lus.",
    "Dans l'éditeur, enregistrez le fichier avec l'encodage UTF-8 (VS Code : « Enregistrer avec l'encodage »).",
    "data/actions.yaml:12: (fichier)")
FICHIER_VIDE = F.kind(
    "fichier-vide", "Fichier vide", "le fichier est vide",
    "Le fichier ne contient rien (ou seulement des commentaires).",
    "Rétablissez son contenu (l'historique du dépôt le garde), ou supprimez le fichier s'il est en trop.",
    "data/indicators.yaml:1: (fichier)")
FICHIER_INTROUVABLE = F.kind(
    "fichier-introuvable", "Fichier du contrat introuvable", "fichier introuvable",
    "Un des six fichiers du contrat (contract, orientations, actions, indicators, communes, territoire) manque.",
    "Rétablissez le fichier à sa place, sous ce nom exact (l'historique du dépôt le garde).",
    "data/communes.yaml:1: (fichier)")
DOSSIER_NON_LU = F.kind(
    "dossier-non-lu", "Dossier qui n'est pas lu",
    {"": "un dossier n'est pas lu ici : un fichier .yaml par élément, directement dans ce dossier",
     "suivi": "ce dossier n'est pas lu : data/suivi/ contient les dossiers actions/ et indicateurs/, et les "
              "fichiers tableau-de-bord.yaml et financeurs.yaml",
     "donnees": "ce dossier n'est pas lu : data/ contient les dossiers decisions/ et suivi/, et les fichiers du "
                "contrat signé"},
    "Un dossier se trouve là où le site attend des fichiers : rien de ce qu'il contient n'est lu.",
    "Déplacez ses fichiers directement dans le dossier attendu, ou supprimez-le.",
    "data/decisions/2024:1: (fichier)")
FICHIER_NON_LU = F.kind(
    "fichier-non-lu", "Fichier qui n'est pas lu",
    {"": "ce fichier n'est pas lu : le nom d'un fichier de données finit par .yaml, en minuscules",
     "donnees": "ce fichier n'est pas lu : data/ contient {expected} (et, facultatif, glossaire.yaml), "
                   "et les dossiers decisions/ et suivi/",
     "suivi": "ce fichier n'est pas lu : data/suivi/ ne lit que tableau-de-bord.yaml et financeurs.yaml ; le "
              "suivi d'une action se range dans data/suivi/actions/, celui d'un indicateur dans "
              "data/suivi/indicateurs/",
     "action": "ce fichier n'est pas lu : le suivi de l'action « {name} » se range dans data/suivi/actions/ ; "
               "déplacez-le : data/suivi/actions/{file}",
     "indicateur": "ce fichier n'est pas lu : le suivi de l'indicateur « {name} » se range dans "
                   "data/suivi/indicateurs/ ; déplacez-le : data/suivi/indicateurs/{file}"},
    "Aucun fichier de data/ n'est ignoré en silence : celui-ci n'est à aucune place que le site lit (nom, "
    "extension ou dossier), donc rien de ce qu'il contient ne serait publié.",
    "Renommez-le (extension .yaml, en minuscules) ou déplacez-le dans le dossier que le message indique ; "
    "supprimez-le s'il est en trop.",
    "data/suivi/cite-darcy.yaml:1: (fichier)", variant="action", name="cite-darcy", file="cite-darcy.yaml")

# --- YAML syntax ---------------------------------------------------------------------

PROFONDEUR = F.kind(
    "imbrication-trop-profonde", "Imbrication trop profonde",
    {"indentation": "indentation de plus de {max} espaces : imbrication trop profonde",
     "crochets": "plus de {max} crochets ou accolades imbriqués : imbrication trop profonde",
     "blocs": "plus de {max} listes ou blocs de champs imbriqués : imbrication trop profonde"},
    "Le fichier imbrique des blocs bien plus profondément qu'aucune donnée du contrat ne le demande ; c'est "
    "presque toujours un copier-coller raté.",
    "Reprenez la ligne indiquée : retirez les espaces ou les [ et { en trop.",
    "data/actions.yaml:42: (syntaxe YAML)", variant="crochets", max=50)
TABULATION = F.kind(
    "tabulation", "Tabulation dans l'indentation", "tabulation dans l'indentation : YAML n'accepte que des espaces",
    "Le début de la ligne contient une tabulation ; YAML n'accepte que des espaces pour indenter.",
    "Remplacez la tabulation par des espaces (l'éditeur peut le faire : « Convertir l'indentation en espaces »).",
    "data/actions.yaml:40: (syntaxe YAML)")
GUILLEMET = F.kind(
    "guillemet-non-ferme", "Guillemet non refermé",
    {"": "le guillemet ouvert sur cette ligne n'est pas refermé sur la même ligne ; ajoutez-le",
     "fin": "le guillemet ouvert sur cette ligne n'est jamais refermé : le fichier se termine avant"},
    "Un texte entre guillemets commence sur cette ligne sans se terminer : YAML lit la suite du fichier comme "
    "faisant partie du texte.",
    "Ajoutez le guillemet fermant à la fin du texte, sur la même ligne.",
    "data/actions.yaml:276: (syntaxe YAML)")
ECHAPPEMENT = F.kind(
    "echappement-inconnu", "Barre oblique inverse dans un texte",
    "barre oblique inverse (\\) suivie d'un caractère inconnu dans un texte entre guillemets doubles : écrivez "
    "\\\\ ou utilisez des guillemets simples",
    "Entre guillemets doubles, YAML lit « \\ » comme le début d'un code (\\n, \\t…) ; celui-ci n'en est pas un.",
    "Doublez la barre (\\\\), ou écrivez le texte entre guillemets simples ('…').",
    "data/actions.yaml:12: (syntaxe YAML)")
DEUX_POINTS = F.kind(
    "deux-points-inattendu", "Deux-points dans un texte",
    {"": "deux-points inattendu : un texte qui contient « : » s'écrit entre guillemets, et un champ doit être "
         "aligné avec les autres champs de son bloc",
     "texte": "deux-points inattendu dans la valeur de « {key} » : un texte qui contient « : » s'écrit entre "
              "guillemets"},
    "Un « : » suivi d'une espace sépare un champ de sa valeur : dans une valeur sans guillemets, YAML le prend "
    "pour un nouveau champ.",
    "Écrivez la valeur entre guillemets : titre: \"Étude : phase 1\".",
    "data/actions.yaml:12: (syntaxe YAML)", variant="texte", key="titre")
INDENTATION_EN_TROP = F.kind(
    "indentation-en-trop", "Espaces en trop devant un champ",
    "cette ligne a {n} espace{s} de trop en début de ligne : alignez « {key} » sur « {prev} » (ligne {line})",
    "Les champs d'un même bloc commencent tous à la même colonne ; celui-ci est décalé vers la droite, et YAML "
    "le lit comme la suite de la valeur du champ précédent.",
    "Retirez les espaces en trop, pour que le champ commence à la même colonne que ses voisins.",
    "data/suivi/actions/cite-darcy.yaml:4: (syntaxe YAML)", n=1, s="", key="source", prev="date", line=3)
NON_ALIGNE = F.kind(
    "ligne-mal-alignee", "Ligne mal alignée",
    "cette ligne n'est pas alignée avec le bloc commencé ligne {start} ; vérifiez les espaces en début de ligne",
    "Le nombre d'espaces en début de ligne ne correspond à aucun bloc : YAML ne sait pas à quelle fiche la ligne "
    "appartient.",
    "Alignez la ligne sur les autres champs de son bloc (même nombre d'espaces).",
    "data/actions.yaml:40: (syntaxe YAML)", start=37)
CROCHET = F.kind(
    "crochet-non-ferme", "Crochet ou accolade non refermé",
    "crochet [ ou accolade {{ ouvert sur cette ligne et jamais refermé",
    "Une liste [ … ] ou un bloc { … } écrit sur une ligne n'est pas refermé.",
    "Ajoutez le ] ou le } manquant, ou écrivez le texte entre guillemets s'il commence par [ ou {.",
    "data/actions.yaml:12: (syntaxe YAML)")
CARACTERE_SPECIAL = F.kind(
    "caractere-special", "Caractère spécial en début de valeur",
    {"": "caractère spécial en début de valeur (@, `, % …) : écrivez la valeur entre guillemets",
     "alias": "* ou & en début de valeur : écrivez la valeur entre guillemets"},
    "YAML réserve certains caractères en début de valeur (@, `, %, *, &) ; sans guillemets, la valeur ne peut "
    "pas être lue.",
    "Écrivez la valeur entre guillemets.",
    "data/actions.yaml:12: (syntaxe YAML)")
CONTROLE_FICHIER = F.kind(
    "caractere-de-controle-fichier", "Caractère invisible dans le fichier",
    "caractère de contrôle invisible (U+{hex}) : supprimez-le (il vient souvent d'un copier-coller)",
    "Le fichier contient un caractère invisible que YAML refuse, souvent venu d'un copier-coller.",
    "Supprimez le caractère (effacez et retapez le début de la ligne).",
    "data/actions.yaml:12: (syntaxe YAML)", hex="0007")
SYNTAXE = F.kind(
    "syntaxe-yaml", "Erreur de syntaxe YAML",
    {"": "erreur de syntaxe YAML ; vérifiez l'indentation, les deux-points et les guillemets",
     "fichier": "erreur de syntaxe YAML ; vérifiez le fichier"},
    "Le fichier n'est pas du YAML valide à cet endroit.",
    "Vérifiez l'indentation (des espaces), les « : » après les noms de champs et les guillemets.",
    "data/actions.yaml:12: (syntaxe YAML)")
CLE_EN_DOUBLE = F.kind(
    "cle-en-double", "Champ écrit deux fois", "clé en double (déjà définie ligne {line}) ; n'en gardez qu'une",
    "Le même champ est écrit deux fois dans une fiche : une seule valeur peut être retenue.",
    "Gardez la bonne valeur, supprimez l'autre ligne.",
    "data/actions.yaml:39: actions[projet-alimentaire-territorial].cout_total", line=38)
TIRET_MANQUANT = F.kind(
    "tiret-manquant", "Il manque un « - » devant un élément de liste",
    {"": "« {key} » est déjà défini ligne {line} dans cet élément de liste : il manque probablement un « - » "
         "devant cette ligne, pour commencer l'élément suivant",
     "changements": "plusieurs changements dans un même élément ({kinds}) : il manque probablement un « - » "
                    "devant « {key} » (ligne {line}), pour commencer l'élément suivant",
     "colonne": "« {key} » commence à la colonne des « - » de la liste commencée ligne {line} : il manque "
                "probablement un « - » devant, pour commencer un nouvel élément"},
    "Chaque élément d'une liste commence par « - ». Sans lui, les lignes de l'élément suivant s'ajoutent au "
    "précédent : ses champs y sont en double et il serait perdu (ne supprimez pas ces lignes).",
    "Ajoutez « - » devant le premier champ de l'élément, à la même colonne que le « - » de l'élément précédent.",
    "data/decisions/2023-09-19-comite-de-pilotage.yaml:12: changements[0].modifier_action",
    key="modifier_action", line=8)

# --- The shape of a record -------------------------------------------------------------

CHAMP_MANQUANT = F.kind(
    "champ-manquant", "Champ obligatoire manquant", "champ obligatoire manquant",
    "La fiche n'a pas ce champ, qui est obligatoire (CHAMPS.md dit lesquels le sont).",
    "Ajoutez le champ et sa valeur ; vérifiez son orthographe s'il est écrit.",
    "data/actions.yaml:40: actions[friche-mecastamp].maitre_ouvrage")
CHAMP_INCONNU = F.kind(
    "champ-inconnu", "Champ inconnu",
    {"": "champ inconnu ; vouliez-vous dire « {near} » ?",
     "liste": "champ inconnu ; champs possibles : {known}"},
    "Ce nom de champ n'existe pas dans ce type de fiche : sa valeur ne serait pas lue.",
    "Corrigez son orthographe (le message propose le champ le plus proche) ou retirez-le ; CHAMPS.md liste les "
    "champs de chaque fiche.",
    "data/actions.yaml:39: actions[projet-alimentaire-territorial].cout_totale", near="cout_total")
BLOC_ATTENDU = F.kind(
    "bloc-attendu", "Fiche attendue", "une liste de champs « nom: valeur » est attendue ici",
    "À cet endroit le site attend une fiche (des lignes « nom: valeur » indentées), pas une valeur seule.",
    "Écrivez les champs de la fiche sur les lignes suivantes, indentées ; voir CHAMPS.md.",
    "data/decisions/2022-06-14-comite-de-pilotage.yaml:5: source")
LISTE_ATTENDUE = F.kind(
    "liste-attendue", "Liste attendue", "une liste est attendue (éléments commençant par « - »)",
    "Ce champ contient une liste : chaque élément commence par « - » sur sa propre ligne.",
    "Écrivez chaque élément sur une ligne commençant par « - ».",
    "data/actions.yaml:44: actions[cite-darcy].indicateurs")
LISTE_VIDE = F.kind(
    "liste-vide", "Liste vide", "la liste est vide",
    "Cette liste doit avoir au moins un élément.",
    "Ajoutez au moins un élément, ou retirez le champ s'il est facultatif.",
    "data/decisions/2022-06-14-comite-de-pilotage.yaml:7: changements")
VALEUR_VIDE = F.kind(
    "valeur-vide", "Valeur vide", "valeur vide ; ce champ est obligatoire",
    "Le champ est écrit sans valeur alors qu'il est obligatoire.",
    "Écrivez sa valeur après « : », ou rétablissez-la.",
    "data/actions.yaml:281: actions[lecture-spectacle].titre")
VALEUR_ATTENDUE = F.kind(
    "valeur-attendue", "Valeur seule attendue", "{what} est attendu, pas une liste ou un bloc de champs",
    "Ce champ prend une seule valeur, écrite sur la même ligne ; il contient ici une liste ou des champs.",
    "Écrivez la valeur sur la ligne du champ, après « : ».",
    "data/actions.yaml:281: actions[lecture-spectacle].titre", what="un texte")
VALEUR_REFUSEE = F.kind(
    "valeur-refusee", "Valeur refusée", "valeur refusée ({why})",
    "La valeur n'a pas le type attendu par ce champ.",
    "Vérifiez le type du champ dans CHAMPS.md et corrigez la valeur.",
    "data/actions.yaml:12: actions[cite-darcy].titre", why="type inattendu")

# --- What depends on a record that could not be read ---------------------------------------

DEPEND = F.kind(
    "depend-d-une-erreur", "Dépend d'un élément qui contient une erreur",
    {"": "« {value} » dépend de {source}, qui contient une erreur : ce qui s'y rapporte sera vérifié une fois "
         "cette erreur corrigée",
     "plusieurs": "« {value} » dépend de {source}, qui contient une erreur : ce qui s'y rapporte, ici et en {n} "
                  "autre{s} endroit{s}, sera vérifié une fois cette erreur corrigée"},
    "Ce fichier renvoie à un élément (action, financeur, chantier…) dont la fiche contient une erreur et n'a "
    "donc pas pu être lue. L'erreur est signalée à sa ligne ; ce qui en dépend n'est pas signalé une seconde fois.",
    "Corrigez l'erreur signalée dans le fichier nommé : ce message disparaît avec elle (la vérification reprend "
    "alors ce qui en dépend).",
    "data/suivi/actions/legumerie-intercommunale.yaml:1: (fichier)", value="legumerie-intercommunale",
    source="la décision data/decisions/2023-09-19-comite-de-pilotage.yaml")
