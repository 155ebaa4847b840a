# The ACCSM Portal's two set-up commands: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTHON ?= python3

.PHONY: run test bench install lock messages clean backup restore

# The locks (requirements.txt, requirements-dev.txt) pin every package and every file's hash: pip refuses
# anything else. They are written by `make lock`, never by hand.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## make lock: requirements*.in -> requirements*.txt (uv, hashes, one lock for every platform). Versions
## already locked are kept; to move one: make lock LOCK_ARGS="--upgrade-package django" (or --upgrade).
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock: install
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -o requirements-dev.txt

## make run: venv, locked dependencies, migrations, translations, demo data, web server and Celery worker + beat.
run: install
	bash scripts/system-packages.sh run
	bash scripts/run.sh

## make test: everything the tests need, then ruff, migrations check, deploy check and the whole suite.
test: install
	bash scripts/system-packages.sh test
	bash scripts/test.sh

## make bench: stress data on PostgreSQL (its own database), gunicorn with production settings, load from wrk;
## results in var/bench/. Options: make bench BENCH_ARGS="--scale 0.05 --seconds 3" (see --help);
## BENCH_ARGS="--mixed" adds the mixed load from Locust (130 focal points, the secretariat, 500 pollers, 5 min).
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
