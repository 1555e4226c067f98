# Nafida — the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Test settings: SQLite unless DATABASE_URL is set (CI sets PostgreSQL and Redis).

.PHONY: install demo test bench-clock bench-pages bench-sweep bench-sign-up messages lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	bin/system-deps
	$(BIN)/pip install --quiet -e ".[dev]"
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore "$(VENV)" -v 0

demo: install
	bin/demo

test: install
	bin/system-deps test
	DEBUG= $(BIN)/pytest $(PYTEST_ARGS)

bench-clock: install
	DEBUG=1 $(BIN)/python bench/legal_clock.py

bench-pages: install
	DEBUG=1 $(BIN)/python bench/pages.py $(BENCH_ARGS)

bench-sweep: install
	DEBUG=1 $(BIN)/python bench/sweep.py $(BENCH_ARGS)

bench-sign-up: install
	DEBUG=1 $(BIN)/python bench/sign_up.py $(BENCH_ARGS)

messages: $(BIN)/python
	DEBUG=1 $(BIN)/python manage.py makemessages -l ar -l fr -l en --ignore "$(VENV)/*" --ignore "tests/*" --ignore "bench/*" --ignore "var/*"

lint: $(BIN)/python
	$(BIN)/ruff check .
