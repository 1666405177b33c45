"""A synthetic copy of the project with N actions, for the build benchmark (issue 8).

`generate(dest, n)` copies what a build reads (mkdocs.yml, docs/, crte/,
templates/, overrides/ and data/) into `dest`, then, unless `n` is None (the real data,
unmodified), rewrites:

- data/orientations.yaml: the real orientations, chantiers and fiches, plus
  synthetic ones so that every orientation can carry actions. The plan
  announces 25 chantiers (article 2): we number them 1-25 by orientation, as
  the real ones are (1-5, 6-12, 13-17, 18-20, 21-25), with 4 fiches each. The
  structure stays fixed; only the number of actions grows, as it would in life.
  Orientation 1 gets a `libelle_annexe`, which the real data lacks (no row of
  annex 3 uses it).
- data/actions.yaml: N actions with French text of realistic lengths, each in a
  chantier of its own orientation and a fiche of its own chantier, each with a
  CAHC share, so that no `constats` is needed; `totaux_publies` are the exact
  sums, so that the reconciliation finds no gap. Each is located as staff
  locate them (`localisation`): in the commune its title names (and its
  owner's), or on the whole territory. data/communes.yaml, indicators.yaml and
  contract.yaml stay as they are.

The result is loaded with the real loader before returning: a dataset the
loader refuses would benchmark the error path, not the build.

    python bench/generate.py DEST N     # N = "real" for the real data
"""
from __future__ import annotations

import json
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from crte.data.loader import load
from crte.data.model import Crte

ROOT = Path(__file__).resolve().parent.parent

# What a build reads. overrides/ is the theme's custom_dir (mkdocs.yml); a part
# missing from the source tree is skipped, so that an older tree still works.
PARTS = ("mkdocs.yml", "docs", "crte", "templates", "overrides", "data")

# Chantier numbers by orientation; the real chantiers (1, 5 | 6, 7, 10 | 13-15 | 19 | 21, 25) fit in.
CHANTIERS = {1: range(1, 6), 2: range(6, 13), 3: range(13, 18), 4: range(18, 21), 5: range(21, 26)}
FICHES_PER_CHANTIER = 4
LABEL_1 = "UN TERRITOIRE DE RENOUVEAU ECONOMIQUE"
ORIENTATION_WEIGHTS = (20, 25, 25, 15, 15)
YEARS = ("2021", "2022", "2023", "2024", "2025", "2026")
YEAR_WEIGHTS = (25, 30, 15, 12, 10, 8)

TERRITOIRE = 0.15  # share of actions on the whole territory, not in named communes
MAITRES = ("CAHC", "CAHC", "CAHC", "GESPATRIM", "EPF Hauts-de-France", "Pas-de-Calais Habitat",
           "SIZIAF", "Maisons & Cités")
VERBES = ("Réhabilitation", "Aménagement", "Création", "Requalification", "Rénovation énergétique",
          "Étude de programmation", "Mise en œuvre", "Extension", "Reconversion", "Sécurisation",
          "Renaturation", "Modernisation", "Déploiement", "Acquisition foncière", "Restauration",
          "Construction", "Diagnostic et travaux", "Mise en accessibilité")
OBJETS = ("des espaces publics", "de la voirie communautaire", "du réseau de chaleur biomasse",
          "de la friche industrielle", "des cheminements doux", "de la médiathèque",
          "du pôle d'échanges multimodal", "des logements de la cité minière", "de la trame verte et bleue",
          "du groupe scolaire", "des zones humides", "de la salle de sports", "du parc urbain",
          "des réseaux d'assainissement", "du centre-ville", "de l'éclairage public", "des berges du canal",
          "de la piste cyclable", "du tiers-lieu numérique", "de la zone d'activités",
          "du chevalement classé", "des jardins partagés", "de la maison de santé", "du marché couvert")
COMPLEMENTS = ("et création de réseaux", "en lien avec la démarche ERBM", "dans le cadre du plan de relance",
               "pour la pratique sportive et le bien-être", "avec concertation des habitants",
               "et mise en lumière", "(phase 2)", "(étude préalable)", "et gestion différenciée",
               "pour les modes doux", "et désimperméabilisation des sols", "- part CAHC + ville")
PHRASES = (
    "Le projet s'inscrit dans la démarche de transition écologique portée par la CAHC.",
    "Les travaux visent à améliorer la qualité de vie des habitants et la sécurité des usagers.",
    "Une étude préalable définira le programme, le phasage et le coût prévisionnel des interventions.",
    "L'opération est inscrite dans l'Engagement pour le Renouveau du Bassin Minier (ERBM).",
    "Le site, classé au patrimoine mondial de l'UNESCO, fait l'objet d'une rénovation intégrée.",
    "La démarche associe les habitants, les associations et les partenaires institutionnels du territoire.",
    "Les aménagements favorisent les déplacements à pied et à vélo entre les quartiers et la gare.",
    "Le projet réduit les consommations d'énergie des bâtiments publics et leurs émissions de gaz à effet de serre.",
    "Il s'agit de reconvertir une friche polluée en un quartier mixte proche des transports en commun.",
    "Les eaux pluviales seront gérées à la parcelle afin de limiter les rejets au réseau unitaire.",
    "Cette action complète les dispositifs existants (OPAH-RU, ORT, Petites Villes de Demain).",
    "Un programme d'animation accompagnera l'ouverture de l'équipement au public.",
    "Le chantier respecte les exigences de la charte de chantier propre de l'agglomération.",
    "La restauration des milieux humides renforce la biodiversité et la résilience face aux inondations.",
    "Le coût comprend les études, la maîtrise d'œuvre et les travaux, hors acquisitions foncières.",
    "Le financement sollicite le fonds friches, la DSIL et les crédits du plan de relance.",
)
CHANTIER_TITRES = {
    2: "Développer l'économie circulaire et l'écologie industrielle", 3: "Accompagner le commerce de proximité",
    4: "Former aux métiers verts et verdissants", 8: "Améliorer la qualité de l'air et réduire les nuisances",
    9: "Rénover le parc de logements privés", 11: "Adapter le territoire au changement climatique",
    12: "Réduire et valoriser les déchets", 16: "Limiter l'artificialisation des sols",
    17: "Développer l'agriculture urbaine", 18: "Promouvoir la santé et la prévention",
    20: "Accompagner les publics fragiles", 22: "Soutenir l'innovation sociale",
    23: "Développer la coopération entre les communes", 24: "Accompagner la vie associative",
}
FICHE_TITRES = ("Réaliser un diagnostic partagé", "Accompagner les porteurs de projet",
                "Mobiliser les financements", "Expérimenter de nouvelles pratiques",
                "Évaluer et diffuser les résultats", "Coordonner les acteurs du territoire")


# --- YAML writing ------------------------------------------------------------------------
# Every string is written double-quoted (a JSON string is a valid YAML double-quoted
# scalar), as staff write the real files: no YAML 1.1 surprise ("19.10", "2021").

def _yaml(value: Any, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                lines.append(f"{pad}{k}:")
                lines += _yaml(v, indent + 2)
            else:
                lines.append(f"{pad}{k}: {_scalar(v)}")
    else:
        for item in value:
            sub = _yaml(item, indent + 2) if isinstance(item, (dict, list)) else [f"{pad}  {_scalar(item)}"]
            lines.append(f"{pad}- {sub[0].lstrip()}")
            lines += sub[1:]
    return lines


def _scalar(v: Any) -> str:
    if isinstance(v, bool):  # before int: bool is an int, and YAML wants "true", not "True"
        return "true" if v else "false"
    return str(v) if isinstance(v, int) else json.dumps(v, ensure_ascii=False)


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_)[:6])


# --- Synthetic records ---------------------------------------------------------------------

def _orientations(real: dict[str, Any]) -> dict[str, Any]:
    """The real orientations, completed to 25 chantiers of 4 fiches each."""
    data = json.loads(json.dumps(real))  # deep copy
    for o in data["orientations"]:
        if o["numero"] == 1:
            o["libelle_annexe"] = LABEL_1
        existing = {c["numero"]: c for c in o["chantiers"]}
        chantiers = []
        for n in CHANTIERS[o["numero"]]:
            c = existing.get(n) or {"numero": n, "titre": CHANTIER_TITRES[n],
                                    "orientation_source": "Annexe 3.", "fiches": []}
            minors = {int(f["numero"].split(".")[1]) for f in c["fiches"]}
            m = 1
            while len(minors) < FICHES_PER_CHANTIER:
                minors.add(m)
                m += 1
            titles = {f["numero"]: f["titre"] for f in c["fiches"]}
            c["fiches"] = [{"numero": f"{n}.{k}", "titre": titles.get(f"{n}.{k}", FICHE_TITRES[k % len(FICHE_TITRES)])}
                           for k in sorted(minors)]
            chantiers.append(c)
        o["chantiers"] = chantiers
    return data


def _text(low: int, high: int, make: Callable[[], str]) -> str:
    """Draw texts with `make` until one has low..high characters."""
    while True:
        text = make()
        if low <= len(text) <= high:
            return text


def _title(rng: random.Random, place: str) -> str:
    def make() -> str:
        words = [rng.choice(VERBES), rng.choice(OBJETS)]
        words += rng.sample(COMPLEMENTS, rng.randint(0, 2))
        return " ".join(words + [place])
    return _text(60, 90, make)


def _description(rng: random.Random) -> str:
    return _text(150, 350, lambda: " ".join(rng.sample(PHRASES, rng.randint(2, 4))))


def _actions(rng: random.Random, n: int, orientations: dict[str, Any], indicators: dict[int, list[str]],
             communes: list[tuple[str, str]]) -> dict[str, Any]:
    """The rows and their exact totals; `communes` are (slug, nom) of data/communes.yaml."""
    owners = [*((m, None) for m in MAITRES), *((f"CAHC / Commune de {nom}", slug) for slug, nom in communes),
              *((f"Commune de {nom}", slug) for slug, nom in communes)]
    actions: list[dict[str, Any]] = []
    total = [0, 0]
    years: dict[str, list[int]] = {}
    by_number = {o["numero"]: o for o in orientations["orientations"]}
    for i in range(n):
        # The first five rows take one orientation each, so that all five are used.
        numero = i + 1 if i < 5 else rng.choices(range(1, 6), ORIENTATION_WEIGHTS)[0]
        o = by_number[numero]
        c = rng.choice(o["chantiers"])
        f = rng.choice(c["fiches"])
        year = YEARS[i] if i < len(YEARS) else rng.choices(YEARS, YEAR_WEIGHTS)[0]
        # 10 000 € to 2 M€, in cents, log-uniform: about 0.4 M€ on average, so that the
        # annex total of 10 000 actions stays under the 9 999 999 999,99 € the loader accepts.
        cost = int(10 ** rng.uniform(6, 8.3))
        if rng.random() < 0.6:  # most printed costs have no cents
            cost -= cost % 100
        share = min(cost, round(cost * rng.uniform(0.1, 0.6)))
        owner, owner_commune = rng.choice(owners)
        # Located as staff do it, from what the title and the owner say (see data/actions.yaml).
        if rng.random() < TERRITOIRE:
            titre = _title(rng, "sur le territoire communautaire")
            localisation: dict[str, Any] = {"territoire": True}
        else:
            slug, nom = rng.choice(communes)
            if owner_commune and rng.random() < 0.8:  # a commune's project is mostly in that commune
                slug, nom = next(x for x in communes if x[0] == owner_commune)
            titre = _title(rng, f"à {nom}")
            localisation = {"communes": [slug] + ([owner_commune] if owner_commune not in (None, slug) else [])}
        localisation["source"] = f"Titre : « {titre} »" + (
            f" ; maître d'ouvrage : « {owner} »." if owner_commune else ".")
        row: dict[str, Any] = {
            "id": f"{_slug(titre)}-{i + 1}",  # the number keeps ids unique
            "enjeu": o["libelle_annexe"], "chantier": c["numero"], "fiche": f["numero"],
            "maitre_ouvrage": owner, "titre": titre, "description": _description(rng),
            "annee_lancement": year, "cout_total": _money(cost), "part_cahc": _money(share),
            "localisation": localisation,
        }
        if indicators.get(numero) and rng.random() < 0.3:
            row["indicateurs"] = rng.sample(indicators[numero], min(2, len(indicators[numero])))
        actions.append(row)
        for sums in (total, years.setdefault(year, [0, 0])):
            sums[0] += cost
            sums[1] += share
    return {
        "actions": actions,
        "totaux_publies": {
            "total": {"cout_total": _money(total[0]), "part_cahc": _money(total[1])},
            "par_annee": [{"annee": y, "cout_total": _money(c), "part_cahc": _money(p)}
                          for y, (c, p) in sorted(years.items())],
        },
    }


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """Copy what a build reads from `source` into `dest` (which must not hold it yet)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = source / part
        if not src.exists():
            continue
        if src.is_dir():
            # data/: the signed contract only; the decisions and tracking name real actions.
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "decisions", "suivi"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def generate(dest: Path, n: int | None, seed: int = 8, source: Path = ROOT) -> Crte:
    """Write the project from `source` into `dest` (which must not hold it yet); return
    the loaded data.

    `n` None keeps the real data. Raises DataErrors if the loader refuses the result.
    """
    data = copy_project(dest, source) / "data"
    if n is not None:
        rng = random.Random(seed)
        # safe_load is enough to read our own files: every ambiguous value in them is quoted.
        orientations = _orientations(yaml.safe_load((source / "data/orientations.yaml").read_text("utf-8")))
        blocks = yaml.safe_load((source / "data/indicators.yaml").read_text("utf-8"))["orientations"]
        indicators = {b["orientation"]: [i["id"] for g in b["groupes"] for i in g["indicateurs"]] for b in blocks}
        communes = [(c["slug"], c["nom"]) for c in
                    yaml.safe_load((source / "data/communes.yaml").read_text("utf-8"))["communes"]]
        for name, content in (("orientations.yaml", orientations),
                              ("actions.yaml", _actions(rng, n, orientations, indicators, communes))):
            # Keep the file's schema comment (editors validate with it), then say what this is.
            first = (data / name).read_text("utf-8").split("\n", 1)[0]
            header = [first] if first.startswith("# yaml-language-server:") else []
            header.append("# Generated by bench/generate.py: synthetic data for the build benchmark.")
            (data / name).write_text("\n".join(header + _yaml(content)) + "\n", "utf-8")
    return load(data)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    crte = generate(Path(argv[0]), None if argv[1] == "real" else int(argv[1]))
    years = sorted({a.annee_lancement for a in crte.actions})
    print(f"{argv[0]}: {len(crte.actions)} actions, {len(crte.orientations)} orientations, "
          f"{len(crte.chantiers)} chantiers, {len(crte.fiches)} fiches, {len(crte.indicators)} indicateurs, "
          f"années {', '.join(years)} ; chargées sans erreur par crte.data.loader.load")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
