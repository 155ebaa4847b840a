#!/usr/bin/env bash
# The whole test command: lint, import boundaries, types, migrations check, translations, deploy check, docker-compose check, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
echo "== database: ${DATABASE_URL:-SQLite (embedded default)}; broker: ${REDIS_URL:-filesystem (embedded default)}"

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== import boundaries between the apps (import-linter; contracts in .importlinter)"
.venv/bin/lint-imports --no-cache

echo "== mypy (services and selectors; pyproject.toml [tool.mypy])"
DEBUG=1 .venv/bin/mypy

echo "== migrations are complete"
DEBUG=1 $PY manage.py makemigrations --check --dry-run

echo "== translations"
msgfmt --check -o /dev/null locale/vi/LC_MESSAGES/django.po
DEBUG=1 $PY manage.py compilemessages --ignore=.venv -l vi >/dev/null

echo "== deploy check with production settings"
ACCSM_DEV_ENV= DEBUG=0 SECRET_KEY="ci-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" ALLOWED_HOSTS=accsm.example.org \
  $PY manage.py check --deploy --fail-level WARNING

echo "== docker-compose.yml"
if command -v docker-compose >/dev/null; then
  SECRET_KEY=x POSTGRES_PASSWORD=x S3_SECRET_KEY=x docker-compose -f docker-compose.yml config -q
else
  echo "docker-compose not installed: skipped (apt-get install docker-compose)"
fi

echo "== pytest (${PYTEST_WORKERS:-2} processes, pytest-xdist; PYTEST_WORKERS=0 runs them in this one)"
$PY -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
