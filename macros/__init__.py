"""Our Python code for the CRTE site, one subpackage per step a record goes through:

    data/*.yaml --data/reader---> raw values that keep their lines (YAML 1.1 traps)
                --data/fields, contract, plan, actions, indicators--> declarations:
                                  each field once (type, required, description)
                --data/loader---> validated records, every error at once
                --data/checks---> references, duplicates, printed totals
                --views/--------> computed views (totals, breakdowns, formatting)
                --site/---------> pages from templates/, search, open data, build

`main.py` (mkdocs-macros, `define_env`) and `hooks.py` (MkDocs hooks) are the
entry points MkDocs expects; they only call into the subpackages.
"""


def define_env(env):  # noqa: ANN001 - mkdocs-macros looks for it in the package
    from .main import define_env as define

    define(env)
