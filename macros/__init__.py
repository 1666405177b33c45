"""Our Python code for the CRTE site: data model, loader, computed views and the
mkdocs-macros entry point (`define_env`, in main.py).

The data flow, one module per step:

    data/*.yaml --yamlnodes--> YAML nodes with line numbers
                --loader-----> model (frozen dataclasses, Decimal money)
                --views------> computed views (totals, groupings)
                --pages------> Markdown pages from templates/ (hooks.py adds them)
"""


def define_env(env):  # noqa: ANN001 - mkdocs-macros looks for it in the package
    from .main import define_env as define

    define(env)
