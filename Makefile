# Ruang Aman: the two commands of the quick start are `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The Nu HTML Checker, installed from the npm registry by the pinned tools/vnu/package-lock.json
VNU    := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check serve docs report publish test test-fast lint system-deps vnu clean

# `make site` installs what the site needs; the test tools (pytest, playwright, ...) come only
# with `make test`, `make test-fast` and `make lint` (TEST_STAMP).
TEST_STAMP := $(VENV)/.installed-test

# Every distribution of the stack, pinned exactly (scripts/freeze-constraints writes it).
CONSTRAINTS := constraints.txt

$(STAMP): pyproject.toml setup.py $(CONSTRAINTS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[test]'
	@touch $(TEST_STAMP)

## site: set up .venv, validate content and build the bilingual site into site/
site: $(STAMP)
	$(BIN)/ruangaman build

## check: validate content/ and docs/ only (BASE=rev: also report a changed publish destination)
check: $(STAMP)
	$(BIN)/ruangaman check $(if $(BASE),--base "$(BASE)")

## serve: live preview on http://127.0.0.1:8000, rebuilding on every change
serve: $(STAMP)
	$(BIN)/ruangaman serve

## docs: regenerate what is made from the model (JSON Schemas, editor guide references)
docs: $(STAMP)
	$(BIN)/ruangaman docs

## report: what needs an editor's attention (exit 1 when something does)
report: $(STAMP)
	$(BIN)/ruangaman report

## publish: validate, build and send the site to publish.destination in content/site.yml
publish: $(STAMP)
	$(BIN)/ruangaman publish

## lint: ruff lint and format check
lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## system-deps: install the Debian packages the tests drive (chromium, sshd, ...)
system-deps:
	@scripts/system-deps

## vnu: install the Nu HTML Checker (npm vnu-jar) into tools/vnu/node_modules
vnu: $(VNU)
$(VNU): tools/vnu/package.json tools/vnu/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js with npm" >&2; exit 1; }
	npm ci --prefix tools/vnu --no-audit --no-fund --loglevel=error
	@touch $(VNU)

## test: set up everything and run the whole suite
test: $(TEST_STAMP) system-deps $(VNU) lint
	$(BIN)/pytest

## test-fast: lint and the suite without the browser and Nu HTML Checker tests (quick loops)
test-fast: $(TEST_STAMP) lint
	$(BIN)/pytest -m "not browser and not vnu"

clean:
	rm -rf site .staging .pytest_cache .ruff_cache
