"""`python -m tests.mkdocs_engine build ARGS`: MkDocs 1.6.1's command line, with the
`properdocs.*` modules our plugin imports served by `mkdocs.*` (the mirror of ProperDocs'
own `properdocs.replacement`). Only for tests/site/test_engine.py, which builds the site
with both engines and compares every page: ProperDocs must change nothing but the
generator tag."""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from types import ModuleType
from typing import Any


class _Alias(importlib.abc.Loader):
    def __init__(self, real: str) -> None:
        self.real = real

    def create_module(self, spec: Any) -> ModuleType:
        module = importlib.import_module(self.real)
        sys.modules[spec.name] = module
        return module

    def exec_module(self, module: ModuleType) -> None:
        pass


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if not fullname.startswith("properdocs."):
            return None
        real = "mkdocs." + fullname.removeprefix("properdocs.")
        spec = importlib.util.find_spec(real)
        if spec is None:
            return None
        return importlib.util.spec_from_loader(fullname, _Alias(real), is_package=spec.submodule_search_locations
                                               is not None)


if __name__ == "__main__":
    import mkdocs
    from mkdocs.__main__ import cli

    sys.meta_path.insert(0, _Finder())
    sys.modules["properdocs"] = mkdocs
    cli.main(args=sys.argv[1:], prog_name="mkdocs")
