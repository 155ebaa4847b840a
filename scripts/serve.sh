#!/usr/bin/env bash
# The two processes of `make run` (scripts/run.sh prepares the database first): the Celery worker with beat
# and Django's web server on 127.0.0.1:$PORT. Ctrl-C (or TERM) stops both within STOP_SECONDS (8): each is
# asked to stop, and what is still running then is killed with its children. When one of them exits by
# itself, the other is stopped too, so nothing is left running behind a dead terminal.
set -uo pipefail
cd "$(dirname "$0")/.."
set -m # each process below gets its own process group, so that stopping one stops its children too
PORT=${PORT:-8000}
STOP_SECONDS=${STOP_SECONDS:-8}
VAR=${ACCSM_VAR_DIR:-var}
mkdir -p "$VAR"/celery/{queue,processed,control} "$VAR/mail"

.venv/bin/celery -A accsm_portal worker --beat --loglevel=INFO --concurrency=2 \
  --schedule "$VAR/celerybeat-schedule" &
worker=$!
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" &
web=$!

alive() { kill -0 -- "-$1" 2>/dev/null; }
stop() {
  trap - INT TERM
  echo
  echo "Stopping the web server and the worker…"
  kill -TERM -- "-$web" "-$worker" 2>/dev/null
  for _ in $(seq $((STOP_SECONDS * 4))); do
    alive "$web" || alive "$worker" || exit "${1:-0}"
    sleep 0.25
  done
  echo "Still running after ${STOP_SECONDS} s: killed (an unfinished task is delivered again at the next start)."
  kill -KILL -- "-$web" "-$worker" 2>/dev/null
  exit "${1:-0}"
}
trap 'stop 130' INT
trap 'stop 143' TERM

echo
echo "ACCSM Portal: http://127.0.0.1:$PORT/  (Ctrl-C stops the web server and the worker)"
wait -n "$web" "$worker"
status=$?
alive "$web" || echo "The web server stopped (exit $status)." >&2
alive "$worker" || echo "The Celery worker stopped (exit $status)." >&2
stop "$status"
