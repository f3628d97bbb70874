# Two entry points for a fresh machine: `make demo` and `make test`. Both build .venv themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test install install-dev lint unit browser-deps screenshot bench eval clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -e ".[dev]"
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## demo: install, then code the built-in example articles and print the events as a table
demo: install
	$(VENV)/bin/thucydides code examples/ --format table --no-progress

browser-deps:
	sh scripts/install-browser.sh

## test: install with dev extras and headless Chromium, lint, run every test
test: install-dev browser-deps
	$(VENV)/bin/ruff check thucydides tests benchmarks
	$(VENV)/bin/pytest

## screenshot: code the reference article in the web page, save docs/screenshot.png
screenshot: install-dev browser-deps
	$(PY) scripts/screenshot.py

bench: install
	$(PY) benchmarks/speed.py

## eval: the referee on every dev set (needs ../shared)
eval: install
	$(PYTHON) ../shared/eval/run.py --system "$(VENV)/bin/thucydides code {input} -o {output} --format documents" \
	  --gold ../shared/eval/dev/*.jsonl

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
