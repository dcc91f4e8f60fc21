# smajob — the two commands are `make run` and `make test`; everything else is for developers.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export FLASK_APP := wsgi.py

# `make run` is the developer's server: the dev secret and plain-http cookies are allowed.
db demo run scheduler: export SMAJOB_ENV ?= development

.PHONY: run test bench load lint i18n setup db demo clean scheduler

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres]"
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/pybabel compile -f -d smajob/translations 2>&1 | grep -v "^compiling" || true

db: setup
	$(BIN)/flask db upgrade

demo: db
	$(BIN)/flask smajob seed-demo --if-empty

run: demo
	$(BIN)/flask smajob demo-logins
	$(BIN)/flask run --host 127.0.0.1 --port 5000

scheduler: db
	$(BIN)/flask smajob scheduler

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m tests.benchmarks $(ARGS)

# 50 simulated users for 60 s against gunicorn + a throwaway PostgreSQL database seeded at country
# scale (SMAJOB_LOAD_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres), then
# the fault drills on a private PostgreSQL server of their own (ARGS=--drills-only: just those).
load: setup
	$(BIN)/python -m tests.load $(ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/bandit -q -r smajob -ll

# Extract UI strings and merge them into the Danish catalogue (then translate the new msgstr).
i18n: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o smajob/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i smajob/translations/messages.pot -d smajob/translations -l en --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis
