# Langsa Kompetensi — the two commands: `make run` and `make test`.
# Everything else here serves them. Works on a machine with only Python 3.12+.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_BIN = $(shell sh scripts/find-python.sh)

.DEFAULT_GOAL := help
.PHONY: help run test check smoke bench clean-local

help:
	@echo "make run    - jalankan aplikasi (web, worker, beat) di http://127.0.0.1:8000"
	@echo "make test   - jalankan seluruh pengujian"
	@echo "make check  - ruff, kontrak lapisan aplikasi, migrasi, check --deploy"

$(VENV)/bin/python:
	@test -n "$(PYTHON_BIN)" || exit 1
	$(PYTHON_BIN) -m venv $(VENV)

$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(PY) manage.py runall

# pytest exits 5 when no test was collected (e.g. a -k filter); that is not a failure here.
test: $(VENV)/.installed-dev
	$(PY) scripts/ensure_database.py
	set +e; CELERY_QUEUE=uji $(PY) -m pytest -n 2 $(PYTEST_ARGS); rc=$$?; [ $$rc -eq 5 ] && rc=0; exit $$rc

check: $(VENV)/.installed-dev
	$(PY) scripts/ensure_database.py
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=ci-check-deploy-$$RANDOM$$RANDOM$$RANDOM$$RANDOM-0123456789abcdefghijklmnop \
	  ALLOWED_HOSTS=kompetensi.langsakota.go.id EMAIL_URL=smtp://mail.langsakota.go.id:587 \
	  DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/langsa_kompetensi} \
	  REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The fresh-machine path: embedded database, demo city, one request, a real worker on the
# embedded broker.
smoke: $(VENV)/.installed-dev
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py migrate --no-input --verbosity 0
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py seed_demo --pegawai 200
	env -u DATABASE_URL -u REDIS_URL $(PY) scripts/smoke_request.py
	set +e; env -u DATABASE_URL -u REDIS_URL CELERY_QUEUE=uji $(PY) -m pytest -m worker; rc=$$?; [ $$rc -eq 5 ] && rc=0; exit $$rc

bench: $(VENV)/.installed-dev
	@for script in bench/*.py; do $(PY) $$script || exit 1; done

# Stops the embedded PostgreSQL and removes its data, the local broker and uploaded files.
clean-local:
	-$(PY) -c "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','langsa_kompetensi.settings'); from langsa_kompetensi import embedded; embedded.stop_server()"
	rm -rf .local
