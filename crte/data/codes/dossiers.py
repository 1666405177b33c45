"""Kinds of problem (family « fichiers », continued): what stands where a data file or
folder is expected (links, pipes, folders), and what a file may cost to read
(files.py, bounds.py, errors.MAX_PER_FILE)."""
from __future__ import annotations

from crte.data.codes.fichiers import F

LINK_FIX = ("Remplacez le lien par le fichier lui-même (copiez son contenu), ou faites-le mener à un fichier du "
            "dossier de données.")

# --- Links, folders and special files ----------------------------------------------------

LIEN_CASSE = F.kind(
    "lien-casse", "Lien symbolique cassé",
    "lien symbolique cassé : il mène à « {target} », qui n'existe pas ; corrigez-le ou remplacez-le par le "
    "fichier lui-même",
    "Le fichier (ou le dossier) est un lien symbolique vers un fichier qui n'existe pas (déplacé, renommé, "
    "supprimé) : il n'y a rien à lire.",
    "Corrigez la cible du lien, ou remplacez le lien par le fichier lui-même.",
    "data/suivi/financeurs.yaml:1: (fichier)", target="financeurs-2022.yaml")
LIEN_EN_BOUCLE = F.kind(
    "lien-en-boucle", "Liens symboliques en boucle",
    "liens symboliques en boucle : ce lien mène, directement ou non, à lui-même ; remplacez-le par le fichier "
    "lui-même",
    "Le lien mène à un autre lien, qui mène… au premier : il ne mène à aucun fichier.",
    LINK_FIX,
    "data/suivi/financeurs.yaml:1: (fichier)")
LIEN_HORS_DONNEES = F.kind(
    "lien-hors-donnees", "Lien symbolique hors des données",
    "lien symbolique vers « {target} », hors des données : un lien ne peut mener qu'à un fichier du dossier de "
    "données ou du dossier data/ du dépôt ; remplacez-le par le fichier lui-même",
    "La vérification ne lit que les fichiers des données : un lien vers un autre fichier de la machine ou du dépôt "
    "(sources/, .git/…) n'est pas suivi, pour que rien d'autre ne puisse être lu ni publié.",
    LINK_FIX,
    "data/suivi/financeurs.yaml:1: (fichier)", target="/etc/passwd")
CHEMIN_ILLISIBLE = F.kind(
    "chemin-illisible", "Chemin qui ne peut pas être suivi",
    {"": "impossible de suivre ce chemin ({why}) ; vérifiez ses droits",
     "dossier": "impossible de lire le dossier ({why}) ; vérifiez ses droits"},
    "Le système refuse de suivre le chemin du fichier ou de lister le dossier (droits, nom trop long…).",
    "Vérifiez les droits du dossier (lecture et traversée) et le nom du fichier.",
    "data/decisions:1: (dossier)", variant="dossier", why="permission refusée")
DOSSIER_ATTENDU = F.kind(
    "dossier-attendu", "Fichier à la place d'un dossier",
    "ce devrait être un dossier, qui contient un fichier .yaml par élément ; renommez ou déplacez ce fichier",
    "À cet endroit (data/decisions/, data/suivi/, data/suivi/actions/…), le site attend un dossier, pas un "
    "fichier.",
    "Renommez ou déplacez le fichier, puis créez le dossier et rangez-y un fichier .yaml par élément.",
    "data/decisions:1: (dossier)")
FICHIER_ATTENDU = F.kind(
    "fichier-attendu", "Dossier à la place d'un fichier",
    "c'est un dossier, pas un fichier : un fichier .yaml est attendu à cet endroit ; renommez ou déplacez le "
    "dossier",
    "Un dossier porte le nom d'un fichier de données (financeurs.yaml, tableau-de-bord.yaml…) : il n'y a pas de "
    "fichier à lire.",
    "Renommez ou déplacez le dossier, et rétablissez le fichier à sa place.",
    "data/suivi/financeurs.yaml:1: (fichier)")
FICHIER_SPECIAL = F.kind(
    "fichier-special", "Fichier spécial",
    "ce n'est pas un fichier ordinaire mais {kind}, qui ne peut pas être lu comme des données ; remplacez-le par "
    "un vrai fichier .yaml",
    "Ce qui porte ce nom n'est pas un fichier de texte mais un objet du système (tube nommé, socket, "
    "périphérique) : le lire bloquerait la vérification.",
    "Supprimez-le et mettez à sa place un vrai fichier .yaml.",
    "data/suivi/actions/voie-albert-carre.yaml:1: (fichier)", kind="un tube nommé (FIFO)")

# --- What a file may cost ------------------------------------------------------------------

FICHIER_TROP_GROS = F.kind(
    "fichier-trop-volumineux", "Fichier trop volumineux",
    "fichier trop volumineux ({size}, {max} au plus) ; découpez-le ou vérifiez qu'il s'agit du bon fichier",
    "Le fichier dépasse de loin la taille de toute donnée du contrat : c'est presque toujours un autre fichier "
    "enregistré sous ce nom ; il n'est pas lu.",
    "Vérifiez qu'il s'agit du bon fichier ; s'il l'est, découpez-le (un fichier par décision, par action suivie).",
    "data/communes.yaml:1: (fichier)", size="17,0 Mo", max="16,0 Mo")
TROP_DE_VALEURS = F.kind(
    "trop-de-valeurs", "Trop de valeurs",
    {"": "plus de {max} valeurs dans ce fichier : il est trop grand ; découpez-le ou vérifiez qu'il s'agit du bon "
         "fichier",
     "total": "avec ce fichier, les données dépassent {max} valeurs en tout : vérifiez qu'il s'agit des bons "
              "fichiers"},
    "Le fichier (ou l'ensemble des fichiers de données) contient bien plus de valeurs qu'aucune donnée du contrat "
    "n'en demande : la vérification s'arrête là pour rester rapide.",
    "Vérifiez qu'il s'agit des bons fichiers ; découpez un fichier trop grand.",
    "data/actions.yaml:499999: (syntaxe YAML)", max="500 000")
ANCRE = F.kind(
    "ancre-ou-alias", "Ancre ou alias YAML",
    "{marks} : les ancres (&) et les alias (*) de YAML ne sont pas acceptés ; écrivez la valeur en entier à chaque "
    "endroit (entre guillemets si elle commence par & ou *)",
    "YAML permet de nommer une valeur (&nom) pour la répéter ailleurs (*nom) ; les données n'en ont jamais "
    "besoin, et une ancre avale en silence le début d'une valeur (titre: &Cie Durand se lit « Durand »).",
    "Écrivez la valeur en entier à chaque endroit ; une valeur qui commence par & ou * s'écrit entre guillemets.",
    "data/actions.yaml:12: (syntaxe YAML)", marks="« &Cie »")
NON_LISTEES = F.kind(
    "erreurs-non-listees", "Erreurs non listées",
    "et {n} autre{s} erreur{s} dans ce fichier, non listée{s} (plus de {max}) : corrigez celles-ci, puis "
    "relancez la vérification",
    "Le fichier contient plus d'erreurs que la vérification n'en liste pour un fichier : les suivantes sont "
    "seulement comptées.",
    "Corrigez les erreurs listées (souvent une même erreur répétée), puis relancez la vérification : les "
    "suivantes apparaîtront.",
    "data/actions.yaml:1: (fichier)", n=54, s="s", max=100)
