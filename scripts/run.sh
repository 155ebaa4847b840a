#!/usr/bin/env bash
# Brings the portal up for a developer: web server on http://127.0.0.1:8000 and a real Celery worker
# with beat. SQLite and the filesystem broker unless DATABASE_URL / REDIS_URL say otherwise.
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=${DEBUG:-1}
PY=.venv/bin/python
mkdir -p var/celery/queue var/celery/processed var/celery/control var/mail

$PY manage.py migrate --noinput
$PY manage.py compilemessages --ignore=.venv -l vi >/dev/null
$PY manage.py load_demo  # into an empty database only; `manage.py load_demo --reset` starts again

trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait' INT TERM EXIT
.venv/bin/celery -A accsm_portal worker --beat --loglevel=INFO --concurrency=2 \
  --schedule var/celerybeat-schedule &
$PY manage.py runserver 127.0.0.1:${PORT:-8000} &
echo
echo "ACCSM Portal: http://127.0.0.1:${PORT:-8000}/  (Ctrl-C stops the web server and the worker)"
wait
