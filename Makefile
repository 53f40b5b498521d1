# Pramoen: `make run` serves the system with demo data; `make test` runs every test.
# Both set up what they need on a fresh machine (virtualenv, Python packages, front-end assets,
# and for tests Debian's Chromium, LibreOffice, poppler and zbar).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
LINT_PATHS := $(wildcard src tests bench)
SYSTEM_PACKAGES := chromium libreoffice-writer-nogui poppler-utils zbar-tools fonts-thai-tlwg fonts-noto-core

.PHONY: run test lint format bench install assets system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED)

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(ASSETS)

# Debian packages the tests drive for real; installed only when one is missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	fc-list 2>/dev/null | grep -qi laksaman || missing="$$missing fonts-thai-tlwg"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

run: install assets
	$(BIN)/pramoen migrate --no-input -v 0
	$(BIN)/pramoen demo load
	@echo ""
	@echo "Pramoen: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/pramoen runserver $(HOST):$(PORT)

test: install assets system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

format: install
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

bench: install assets system-deps
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules var test-artifacts .pytest_cache .ruff_cache
