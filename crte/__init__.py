"""crte: publishes a territorial contract (CRTE) as a static site, from YAML data.

One subpackage per step a record goes through; imports only go down this list
(ARCHITECTURE.md):

    data/*.yaml --crte.data-------> read (line numbers, YAML 1.1 traps), declared (each
                                    field once), loaded (every error at once), checked,
                                    frozen model (crte.data.model)
                --crte.views------> computed views: totals, breakdowns, timelines
                --crte.pages------> Markdown pages from templates/
                --crte.outputs----> open data, spreadsheet, datapackage, feed, JSON, cards
                --crte.search-----> the Pagefind index
                --crte.mkdocs-----> the engine's plugin and macros, the dev server
                --crte.cli--------> make check, schemas, build, serve, urls

At the bottom, used by all: crte.fr (French formatting), crte.dates, crte.routes
(every URL of the site), crte.siteurl.
"""
