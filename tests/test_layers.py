"""The folders of crte/ are the pipeline (ARCHITECTURE.md): a module imports only from
its own layer or the layers below it, and no module is over 300 lines."""
from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

# Bottom first.
LAYERS = [("crte.fr", "crte.dates"), ("crte.data",), ("crte.routes", "crte.siteurl"), ("crte.views",),
          ("crte.outputs",), ("crte.pages",), ("crte.search",), ("crte.mkdocs",), ("crte.cli",)]
MODULES = sorted((ROOT / "crte").rglob("*.py"))


def layer(module: str) -> int | None:
    return next((i for i, names in enumerate(LAYERS) if any(module == n or module.startswith(n + ".")
                                                            for n in names)), None)


def imported(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "crte":
            out += [node.module] if node.module != "crte" else [f"crte.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.split(".")[0] == "crte"]
    return out


def name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_every_module_has_a_layer() -> None:
    assert [name(p) for p in MODULES if name(p) != "crte" and layer(name(p)) is None] == []


def test_imports_only_go_down_the_pipeline() -> None:
    upward = [f"{name(p)} -> {m}" for p in MODULES for m in imported(p)
              if layer(name(p)) is not None and (layer(m) or 0) > (layer(name(p)) or 0)]
    assert upward == []


def test_no_module_is_over_300_lines() -> None:
    long = {name(p): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}


def test_no_template_line_is_over_300_characters() -> None:
    # A long line breaks inside a Jinja tag or comment (`-%}`, `{{-`, `{#⏎#}`): the output is the same.
    long = [f"{p.relative_to(ROOT)}:{n}" for folder in ("templates", "overrides") for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 300]
    assert long == []
