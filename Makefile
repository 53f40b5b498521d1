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

.PHONY: run test lint format bench install assets runtime-deps system-deps clean messages

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

# Debian packages, each installed only when missing: the running system needs the Thai fonts
# (certificates, demo portfolios) and LibreOffice (letters and the KPI report as PDF, and Calc so
# the workbooks open); the tests
# also drive Chromium, poppler and zbar.
define apt_missing
	@missing=""; \
	for pair in $(1); do \
	  probe=$${pair%%=*}; package=$${pair#*=}; \
	  case "$$probe" in \
	    font:*) fc-list 2>/dev/null | grep -qi "$${probe#font:}" || missing="$$missing $$package";; \
	    file:*) [ -e "$${probe#file:}" ] || missing="$$missing $$package";; \
	    *) command -v "$$probe" >/dev/null || missing="$$missing $$package";; \
	  esac; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef
# Calc beside Writer: LibreOffice opens the .xlsx exports only with its spreadsheet module.
RUNTIME_PACKAGES := font:laksaman=fonts-thai-tlwg soffice=libreoffice-writer-nogui \
  file:/usr/lib/libreoffice/program/libsclo.so=libreoffice-calc-nogui
TEST_PACKAGES := $(RUNTIME_PACKAGES) chromium=chromium pdftoppm=poppler-utils zbarimg=zbar-tools \
  font:notosans-regular=fonts-noto-core

runtime-deps:
	$(call apt_missing,$(RUNTIME_PACKAGES))

system-deps:
	$(call apt_missing,$(TEST_PACKAGES))

run: install assets runtime-deps
	$(BIN)/pramoen migrate --no-input -v 0
	$(BIN)/pramoen demo load
	@echo ""
	@echo "Pramoen: http://$(HOST):$(PORT)/  (Ctrl-C to stop; a worker runs the queued jobs beside it)"
	@# One recipe line, one shell: the worker runs in the background and ends with the server
	@# (Ctrl-C reaches both; the trap covers the server stopping any other way).
	@$(BIN)/pramoen worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/pramoen runserver $(HOST):$(PORT)

test: install assets system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

bench: install assets system-deps
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# English catalogs (issue 19). Thai is the source language: the msgids are the Thai texts. Each
# app with a locale/ folder has its own catalog (parallel work never meets in one .po); the
# project catalog (src/pramoen/locale) holds the core templates and the other apps. kpi is left
# out until its templates are wrapped. Needs GNU gettext (msgfmt, xgettext), no network; new
# msgids arrive with an empty msgstr and tests/core/test_translations.py fails until translated.
I18N_APPS := judging orgs awards people studio
MAKEMESSAGES := makemessages -l en --no-location --no-obsolete --no-wrap
messages: install
	@for app in $(I18N_APPS); do \
	  (cd src/pramoen/$$app && $(CURDIR)/$(BIN)/pramoen $(MAKEMESSAGES)) || exit 1; \
	done
	cd src/pramoen && $(CURDIR)/$(BIN)/pramoen $(MAKEMESSAGES) $(foreach d,$(I18N_APPS) kpi static library,-i $(d))
	cd src/pramoen && $(CURDIR)/$(BIN)/pramoen compilemessages -l en

clean:
	rm -rf $(VENV) node_modules var test-artifacts .pytest_cache .ruff_cache .mypy_cache .import_linter_cache .grimp_cache
