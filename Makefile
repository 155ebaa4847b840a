# The ACCSM Portal's two set-up commands: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTHON ?= python3

.PHONY: run test bench install lint messages check-deploy clean backup restore

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## make run: venv, locked dependencies, migrations, translations, demo data, web server and Celery worker + beat.
run: install
	bash scripts/system-packages.sh run
	bash scripts/run.sh

## make test: everything the tests need, then ruff, migrations check, deploy check and the whole suite.
test: install
	bash scripts/system-packages.sh test
	bash scripts/test.sh

## make bench: stress data on PostgreSQL (its own database), gunicorn with production settings, load from wrk;
## results in var/bench/. Options: make bench BENCH_ARGS="--scale 0.05 --seconds 3" (see --help).
bench: install
	bash scripts/system-packages.sh bench
	$(PY) -m bench.run $(BENCH_ARGS)

messages: install
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -l vi

## make backup: the database (pg_dump custom format on PostgreSQL) and the uploaded files, in one archive
## under var/backups (BACKUP_DIR). make restore FILE=var/backups/accsm-backup-….tar puts them back.
backup: install
	DEBUG=$${DEBUG-1} $(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/accsm-backup-YYYYmmdd-HHMMSS.tar"; exit 2; }
	DEBUG=$${DEBUG-1} $(PY) manage.py restore "$(FILE)"

clean:
	rm -rf $(VENV) var staticfiles
