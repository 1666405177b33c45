"""Our Python code for the CRTE site: data model, loader, computed views and the
mkdocs-macros entry point.

The data flow, one module per step:

    data/*.yaml --yamlnodes--> YAML nodes with line numbers
                --loader-----> model (frozen dataclasses, Decimal money)
                --views------> computed views (totals, groupings)
                --templates--> pages
"""
