"""What the loader reads of the file system, and what one input may cost (files.py,
bounds.py): links only into the data, never a pipe or a folder taken for a file,
anchors and aliases refused before anything expands them, sizes and nesting bounded.

The same kinds go through `make check` and `make build` in test_catalogue.py.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from crte.data import bounds
from crte.data.bounds import MAX_BYTES, MAX_NESTING, MAX_NODES
from crte.data.errors import MAX_PER_FILE, DataError, DataErrors
from crte.data.loader import load
from crte.data.model import FILES

from ..conftest import copy_signed
from .test_catalogue import BOMB, DECISION_TEXT
from .test_loader_errors import Data

A = "data/actions.yaml"
TITLE = '    titre: "Lecture spectacle"'
ALIASES = ("les ancres (&) et les alias (*) de YAML ne sont pas acceptés ; écrivez la valeur en entier à chaque"
           " endroit (entre guillemets si elle commence par & ou *)")
REPLACE = "remplacez-le par le fichier lui-même"


@pytest.fixture
def data(tmp_path: Path) -> Data:
    return Data(tmp_path)


# --- Anchors, aliases, bounds --------------------------------------------------------------------

def test_a_yaml_bomb_is_refused_at_once_at_each_line(data: Data) -> None:
    name = in_a_decision(data, BOMB + DECISION_TEXT)
    start = time.monotonic()
    errors = data.errors()
    assert time.monotonic() - start < 5  # expanded, its 10**10 values would take hours
    assert errors == [f"{name}:{n + 1}: (syntaxe YAML): « &a{n} »"
                      + (f", « *a{n - 1} »" if n else "") + f" : {ALIASES}" for n in range(10)]


def test_an_anchor_that_would_eat_the_start_of_a_value_is_refused(data: Data) -> None:
    data.edit("actions.yaml", TITLE, "    titre: &Lecture spectacle")
    assert data.errors() == [f"{A}:{data.line('actions.yaml', '&Lecture')}: (syntaxe YAML): « &Lecture » : {ALIASES}"]


def in_a_decision(data: Data, text: str) -> str:
    (data.dir / "decisions").mkdir()
    (data.dir / "decisions" / "2022-06-14-comite-de-pilotage.yaml").write_text(text, encoding="utf-8")
    return "data/decisions/2022-06-14-comite-de-pilotage.yaml"


def test_too_many_values_are_refused_before_the_tree_is_built(data: Data) -> None:
    # The mapping, its key « liste », the list, then one value a line from line 2: value
    # MAX_NODES + 1 is on line MAX_NODES - 1.
    name = in_a_decision(data, "liste:\n" + "  - 1\n" * MAX_NODES)
    assert data.errors() == [f"{name}:{MAX_NODES - 1}: (syntaxe YAML): plus de 500 000 valeurs dans ce fichier : il"
                             " est trop grand ; découpez-le ou vérifiez qu'il s'agit du bon fichier"]


def test_the_data_folder_as_a_whole_has_a_bound_too(data: Data, monkeypatch: pytest.MonkeyPatch) -> None:
    signed = sum(1 for f in data.dir.glob("*.yaml") for e in yaml.parse(f.read_text(encoding="utf-8"))
                 if isinstance(e, (yaml.ScalarEvent, yaml.CollectionStartEvent)))
    monkeypatch.setattr(bounds, "MAX_TOTAL_NODES", signed + 100)  # 600 000 in truth
    # The mapping, its key, the list, then one value a line from line 2: value 101 is on line 99.
    name = in_a_decision(data, "liste:\n" + "  - 1\n" * 200)
    total = f"{signed + 100:,}".replace(",", " ")
    assert data.errors() == [f"{name}:99: (syntaxe YAML): avec ce fichier, les données dépassent {total} valeurs en"
                             " tout : vérifiez qu'il s'agit des bons fichiers"]


def test_a_file_made_of_mistakes_lists_a_hundred_and_counts_the_others(data: Data) -> None:
    name = in_a_decision(data, "changements:\n" + "  - 1\n" * 150)
    errors = data.errors()
    # date, instance, objet and source are missing, and each of the 150 changes is no change.
    assert len(errors) == MAX_PER_FILE + 1 and errors[0] == (
        f"{name}:1: (fichier): et 54 autres erreurs dans ce fichier, non listées (plus de 100) : corrigez celles-ci,"
        " puis relancez la vérification")
    assert errors[-1] == f"{name}:97: changements[95]: une liste de champs « nom: valeur » est attendue ici"


def test_blocks_nested_too_deep_are_refused(data: Data) -> None:
    # Line n opens the block of fields n + 1 deep (the file's own is 1 deep).
    name = in_a_decision(data, "".join(f"{'  ' * i}a:\n" for i in range(MAX_NESTING)) + "  " * MAX_NESTING + "a: b\n")
    assert data.errors() == [f"{name}:{MAX_NESTING + 1}: (syntaxe YAML): plus de {MAX_NESTING} listes ou blocs de"
                             " champs imbriqués : imbrication trop profonde"]


def test_a_file_too_large_is_refused_unread(data: Data) -> None:
    (data.dir / "communes.yaml").write_bytes(b"#" * (MAX_BYTES + 1024 * 1024))
    assert data.errors() == ["data/communes.yaml:1: (fichier): fichier trop volumineux (17,0 Mo, 16,0 Mo au plus) ;"
                             " découpez-le ou vérifiez qu'il s'agit du bon fichier"]


# --- Links, pipes, folders -----------------------------------------------------------------------

@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository (the folder of mkdocs.yml) with data/ and an example whose signed files link to data/."""
    root = tmp_path / "depot"
    copy_signed(root / "data")
    (root / "mkdocs.yml").write_text("site_name: Essai\n", encoding="utf-8")
    example = root / "examples" / "exemple"
    example.mkdir(parents=True)
    for spec in FILES:  # every file of the contract: contract.yaml, …, territoire.yaml
        (example / spec.name).symlink_to(Path("..", "..", "data", spec.name))
    return root


def test_a_link_into_the_repository_data_is_read(repository: Path) -> None:
    assert len(load(repository / "examples" / "exemple", "examples/exemple").actions) == 24
    inside = repository / "data" / "communes.yaml"
    inside.rename(repository / "data" / "communes-2021.yaml")
    inside.symlink_to("communes-2021.yaml")  # within the data folder
    assert len(load(repository / "data").communes) == 14


def test_a_link_out_of_the_data_is_refused_even_within_the_repository(repository: Path, data: Data) -> None:
    (repository / "data" / "actions.yaml").unlink()
    (repository / "data" / "actions.yaml").symlink_to(Path("..", "mkdocs.yml"))
    message = ("lien symbolique vers « {} », hors des données : un lien ne peut mener qu'à un fichier du dossier"
               f" de données ou du dossier data/ du dépôt ; {REPLACE}")
    assert [str(e) for e in errors_of(repository / "data")] == [
        "data/actions.yaml:1: (fichier): " + message.format(Path("..", "mkdocs.yml"))]
    # Without mkdocs.yml above it, the data folder is the only place a link may lead to.
    other = data.dir.parent / "autre.yaml"
    shutil.copy(data.dir / "communes.yaml", other)
    (data.dir / "communes.yaml").unlink()
    (data.dir / "communes.yaml").symlink_to(other)
    (data.dir / "decisions").symlink_to("/etc")
    assert data.errors() == ["data/communes.yaml:1: (fichier): " + message.format(other),
                             "data/decisions:1: (dossier): " + message.format("/etc")]


def errors_of(folder: Path) -> list[DataError]:
    with pytest.raises(DataErrors) as exc:
        load(folder)
    return exc.value.errors


def test_broken_links_loops_pipes_and_misplaced_folders_are_reported(data: Data) -> None:
    (data.dir / "communes.yaml").unlink()
    (data.dir / "communes.yaml").symlink_to("communes.yaml")
    (data.dir / "decisions").write_text("", encoding="utf-8")
    suivi = data.dir / "suivi"
    (suivi / "actions").mkdir(parents=True)
    os.mkfifo(suivi / "actions" / "voie-albert-carre.yaml")
    (suivi / "tableau-de-bord.yaml").symlink_to("absent.yaml")
    (suivi / "financeurs.yaml").mkdir()
    assert data.errors() == [
        "data/communes.yaml:1: (fichier): liens symboliques en boucle : ce lien mène, directement ou non, à"
        f" lui-même ; {REPLACE}",
        "data/decisions:1: (dossier): ce devrait être un dossier, qui contient un fichier .yaml par élément ;"
        " renommez ou déplacez ce fichier",
        "data/suivi/actions/voie-albert-carre.yaml:1: (fichier): ce n'est pas un fichier ordinaire mais un tube"
        " nommé (FIFO), qui ne peut pas être lu comme des données ; remplacez-le par un vrai fichier .yaml",
        "data/suivi/financeurs.yaml:1: (fichier): c'est un dossier, pas un fichier : un fichier .yaml est attendu à"
        " cet endroit ; renommez ou déplacez le dossier",
        "data/suivi/tableau-de-bord.yaml:1: (fichier): lien symbolique cassé : il mène à « absent.yaml », qui"
        " n'existe pas ; corrigez-le ou remplacez-le par le fichier lui-même",
    ]
