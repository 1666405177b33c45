# Two commands matter (see README.md): `make serve` and `make test`.
# Every target installs what it needs first: a local .venv from the pinned
# requirements.txt (and, for the browser tests, Debian's chromium).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1:8000
DATA   ?= data
FORMAT ?=

# Material prints a banner about MkDocs 2 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING := 1

# npm packages (package-lock.json pins them): axe-core for the browser tests; Decap CMS,
# the browser editor the site serves at /edition/, its local back end decap-server
# (make edit) and the yaml package its file format uses.
NODE     := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
EDIT_PORT ?= 8081

.PHONY: install node browser java check build urls serve edit test lint test-staff-record bench lighthouse clean schemas

# Debian's python3 lacks ensurepip until python3-venv is installed.
# Then the crte package itself, editable (pyproject.toml): its plugin's entry point is
# what `plugins: - crte` in mkdocs.yml names. No build isolation: setuptools is the venv's.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; \
	  else echo "Installez python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-build-isolation --no-deps -e .
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq fonts-dejavu-core; \
	  else echo "Installez fonts-dejavu-core (sudo apt-get install fonts-dejavu-core)"; exit 1; fi; }
	rm -f $(VENV)/.installed-*
	touch $@

# NO_INSTALL=1: the tests run make in copies of the project with this checkout's .venv
# (VENV=…); a copy never installs itself there (the editable install would then point at
# the copy, removed after the tests, and `import crte` would fail everywhere).
ifeq ($(NO_INSTALL),1)
install:
else
install: $(STAMP)
endif

# The npm packages, from the npm registry, never from a CDN. The browser tests also use
# Debian's chromium, driven by Python Playwright. Never a downloaded browser.
# A copy whose node_modules is a link to another checkout's (the tests' project copies)
# never runs npm ci: it would empty the linked folder. One shell for the whole recipe, so
# that the link's `exit 0` ends it.
$(NODE): package.json package-lock.json
	@if [ -L node_modules ]; then echo "node_modules est un lien : paquets npm déjà installés là où il mène"; exit 0; fi; \
	command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq npm; \
	  else echo "Installez npm (sudo apt-get install npm)"; exit 1; fi; }; \
	echo "npm ci --no-audit --no-fund --silent"; npm ci --no-audit --no-fund --silent && touch $@

node: $(NODE)

browser: $(NODE)
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Installez chromium (sudo apt-get install chromium)"; exit 1; fi; }

# The W3C Nu HTML checker of the tests (npm vnu-jar, tests/site/test_nu.py) runs on Java.
java:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless; \
	  else echo "Installez Java (sudo apt-get install default-jre-headless)"; exit 1; fi; }

## Validate data/ and print a summary (or every error, file:line: field: message). On a review
## platform, each error is also shown on its line of the pull request (crte/cli/check.py):
## FORMAT=github (the default when GITHUB_ACTIONS=true), FORMAT=gitlab (when GITLAB_CI=true), FORMAT=texte.
check: install
	$(BIN)/python -m crte.cli.check $(DATA) $(FORMAT)

## Regenerate, from the record declarations of crte/data/, the editors' JSON Schemas
## (schemas/) and the field reference (CHAMPS.md). Never edit those by hand.
schemas: install
	$(BIN)/python -m crte.cli.schemas .

## Build the static site into site/: atomically (a failed build leaves site/ as it
## was) and reproducibly (dates from the last commit). See crte/cli/build.py.
## make build DATA=<folder> builds from another data folder (CRTE_DATA, see crte/mkdocs/dataset.py).
build: install node
	CRTE_DATA="$(DATA)" $(BIN)/python -m crte.cli.build site

## Add the URLs of the built site to urls.txt (the permanent-URL manifest, committed).
urls: build
	$(BIN)/python -m crte.outputs.manifest site urls.txt

## Build, then serve on http://127.0.0.1:8000, rebuilding when docs/, data/, crte/ or
## templates/ change (see `watch` in mkdocs.yml), and restarting MkDocs when a .py file of
## crte/ changes (crte/cli/serve.py). A data error shows a banner over the last valid
## data instead of stopping the server (crte/mkdocs/devserver.py). DATA=<folder>, HOST=host:port.
serve: install node
	CRTE_DATA="$(DATA)" $(BIN)/python -m crte.cli.serve -a $(HOST)

## The browser editor on one's own computer: make serve, plus decap-server (Decap CMS's
## local back end, on 127.0.0.1:$(EDIT_PORT)) writing into this working copy; open
## http://$(HOST)/edition/ and « Se connecter » (no account). Files are written in $(DATA)/.
edit: install node
	@echo "Éditeur : http://$(HOST)/edition/ (les fichiers sont écrits dans $(DATA)/ ; Ctrl-C pour arrêter)"
	@PORT=$(EDIT_PORT) BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY="$(CURDIR)" MODE=fs \
	  node node_modules/decap-server/dist/index.js & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	CRTE_DATA="$(DATA)" CRTE_EDITION_LOCAL=http://127.0.0.1:$(EDIT_PORT)/api/v1 \
	  $(BIN)/python -m crte.cli.serve -a $(HOST)

## The linter and the type checker (ruff, mypy: strict on crte/data; pyproject.toml), then
## the whole test suite, browser tests included.
## The suite runs on every core (pytest-xdist), each test file on one worker: the sites a
## file's tests share are built once per worker (tests/site/conftest.py).
test: install browser java lint
	$(BIN)/python -m pytest -n auto --dist loadfile

lint: install
	$(BIN)/ruff check crte tests bench
	$(BIN)/mypy

## The whole suite again, as CI runs it on a pull request, on a clean copy of HEAD whose data/
## holds a complete staff record (tests/fixtures/staff-record/: decisions of every kind,
## tracking, indicator values, a new funder) instead of data/'s decisions and tracking.
## See tests/staff_record.py. CI runs it after `make test`.
test-staff-record: install browser java
	$(BIN)/python -m tests.staff_record

SIZES ?= 24 250 2500 10000
RELOAD_SIZES ?= 24 2500

## Build time and page weight as the contract grows, and the search's speed at the
## largest size, in Chromium (bench/README.md). make bench SIZES="250 2500" to choose the sizes.
bench: install browser
	$(BIN)/python -m bench.run --sizes "$(SIZES)" --search --reload "$(RELOAD_SIZES)"

# Lighthouse (npm, pinned by bench/lighthouse/package-lock.json: 12.2.3, the last one
# for Node 20) in its own folder: the tests do not install it.
LIGHTHOUSE := bench/lighthouse/node_modules/.installed
$(LIGHTHOUSE): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --silent
	touch $@

## Lighthouse mobile on the home page, an action, /finances/ and /recherche/, served as
## GitHub Pages serves them (bench/lighthouse.py, bench/README.md). RUNS=3 per page.
RUNS ?= 3
lighthouse: build browser $(LIGHTHOUSE)
	$(BIN)/python -m bench.lighthouse --runs $(RUNS)

clean:
	rm -rf site .site.builds .site.lock .site.new .pytest_cache
