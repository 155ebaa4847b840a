#!/usr/bin/env bash
# Brings the portal up for a developer: migrations, translations, the demo (into an empty database only),
# then scripts/serve.sh: the web server on http://127.0.0.1:$PORT (8000) and a real Celery worker with beat.
# SQLite and the filesystem broker unless DATABASE_URL / REDIS_URL say otherwise. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8000}
VAR=${ACCSM_VAR_DIR:-var}

if ! [[ $PORT =~ ^[0-9]+$ ]] || ((10#$PORT < 1 || 10#$PORT > 65535)); then
  echo "PORT must be a port number from 1 to 65535, not '$PORT' (e.g. PORT=8101 make run)." >&2
  exit 2
fi
PORT=$((10#$PORT))
if ! $PY -c "import socket, sys; s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$PORT" 2>/dev/null; then
  echo "Port $PORT on 127.0.0.1 is taken (another 'make run'?). Stop it, or choose another: PORT=8101 make run" >&2
  exit 2
fi

# What manage.py in this checkout reads from now on (accsm_portal/settings.py, read_dev_env): the same
# settings as the server below, so that `.venv/bin/python manage.py …` works with no variable set.
mkdir -p "$VAR"
{
  echo "# Written by 'make run' (scripts/run.sh) on $(date -u +%Y-%m-%dT%H:%M:%SZ); it writes it again each time."
  echo "# manage.py in this checkout reads it; what the environment says wins. Never used in production."
  echo "DEBUG=${DEBUG:-1}"
  echo "PORT=$PORT"
  echo "SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}"
  [[ -n ${DATABASE_URL:-} ]] && echo "DATABASE_URL=$DATABASE_URL"
  [[ -n ${REDIS_URL:-} ]] && echo "REDIS_URL=$REDIS_URL"
  [[ -n ${ACCSM_VAR_DIR:-} ]] && echo "ACCSM_VAR_DIR=$ACCSM_VAR_DIR"
} >"$VAR/dev.env.new"
mv "$VAR/dev.env.new" "$VAR/dev.env"
export DEBUG=${DEBUG:-1} PORT SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}

$PY manage.py migrate --noinput
$PY manage.py compilemessages --ignore=.venv -l vi >/dev/null
$PY manage.py load_demo # into an empty database only; `manage.py load_demo --reset` starts again

exec bash scripts/serve.sh
