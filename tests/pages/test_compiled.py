"""The compiled templates kept in memory and on disk (crte/pages/compiled.py): reused only
for the same template, source and settings; a damaged or foreign file compiles again."""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from crte.pages.compiled import CompiledTemplates


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("{% if x %}\n<b>{{ x }}</b>\n{% endif %}\n", encoding="utf-8")
    return tmp_path


def render(folder: Path, cache: CompiledTemplates, compiles: list[str], **settings: object) -> str:
    env = Environment(loader=FileSystemLoader(folder / "t"), bytecode_cache=cache, **settings)  # type: ignore[arg-type]
    compile_ = env.compile

    def counted(source: object, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiles.append(str(name))
        return compile_(source, name, *args, **kwargs)  # type: ignore[arg-type]

    env.compile = counted  # type: ignore[method-assign]
    return env.get_template("page.html").render(x="<i>")


def disk(folder: Path) -> CompiledTemplates:
    cache = CompiledTemplates()
    cache.keep_in(folder / "cache")  # made when missing
    return cache


def test_the_next_process_reads_the_code_from_disk(folder: Path) -> None:
    compiles: list[str] = []
    first = render(folder, disk(folder), compiles)
    assert compiles == ["page.html"] and len(list((folder / "cache").glob("*.cache"))) == 1
    # A new cache over the same folder, as in the next build: nothing compiled, the same page.
    assert render(folder, disk(folder), compiles) == first and compiles == ["page.html"]


def test_other_settings_or_an_edited_source_compile_again(folder: Path) -> None:
    compiles: list[str] = []
    cache = disk(folder)
    plain = render(folder, cache, compiles)
    trimmed = render(folder, cache, compiles, trim_blocks=True, autoescape=True)
    assert plain == "\n<b><i></b>\n" and trimmed == "<b>&lt;i&gt;</b>\n" and len(compiles) == 2
    assert render(folder, disk(folder), compiles, trim_blocks=True, autoescape=True) == trimmed and len(compiles) == 2
    (folder / "t" / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    assert render(folder, disk(folder), compiles) == "<p><i></p>" and len(compiles) == 3


def test_a_damaged_file_compiles_again(folder: Path) -> None:
    compiles: list[str] = []
    render(folder, disk(folder), compiles)
    for file in (folder / "cache").glob("*.cache"):
        file.write_bytes(file.read_bytes()[:40])
    assert render(folder, disk(folder), compiles) == "\n<b><i></b>\n" and len(compiles) == 2


def test_without_a_folder_it_keeps_the_code_in_memory(folder: Path) -> None:
    (folder / "fichier").write_text("pas un dossier")
    compiles: list[str] = []
    cache = CompiledTemplates()
    cache.keep_in(folder / "avant")  # an earlier build's folder, forgotten below
    cache.keep_in(folder / "fichier" / "cache")  # cannot be made: in memory only
    render(folder, cache, compiles)
    assert render(folder, cache, compiles) == "\n<b><i></b>\n" and compiles == ["page.html"]
    assert render(folder, CompiledTemplates(), compiles) and compiles == ["page.html"] * 2  # not on disk
    assert not list((folder / "avant").iterdir())
