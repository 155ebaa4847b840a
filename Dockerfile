# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 accsm
WORKDIR /app

COPY requirements.txt .
RUN pip install --require-hashes -r requirements.txt
COPY . .
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -l vi \
    && DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput \
    && mkdir -p /app/var /data/private /data/backups && chown -R accsm /app/var /data

USER accsm
EXPOSE 8000
CMD ["gunicorn", "accsm_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
