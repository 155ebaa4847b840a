import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from ops import health
from ops.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_healthz_answers_200_with_every_part_ok_after_a_heartbeat(client):
    worker_heartbeat.apply()

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert {name: part["status"] for name, part in body.items() if name != "status"} == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "worker": "ok",
    }
    assert body["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_worker_never_sent_a_heartbeat(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["worker"] == {"status": "down", "error": "no heartbeat from the worker yet"}


def test_healthz_is_503_when_the_last_heartbeat_is_too_old(client, settings):
    with time_machine.travel(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        worker_heartbeat.apply()
    with time_machine.travel(
        dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS + 1),
        tick=False,
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "down"


def test_healthz_is_503_and_names_no_secret_when_the_database_is_down(client, monkeypatch):
    worker_heartbeat.apply()

    def broken():
        raise RuntimeError("could not connect to server at db.internal as user accsm")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == {"status": "down", "error": "RuntimeError"}
    assert "db.internal" not in response.content.decode()


def test_healthz_is_503_when_the_broker_cannot_be_reached(client, settings, monkeypatch):
    from accsm_portal.celery import app

    worker_heartbeat.apply()
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"]["status"] == "down"


def test_healthz_lives_outside_the_language_prefix_and_needs_no_sign_in(client):
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/healthz").status_code in (200, 503)


def test_the_heartbeat_runs_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]
    assert entry["task"] == "ops.tasks.worker_heartbeat"
    assert entry["schedule"] < settings.HEARTBEAT_MAX_AGE_SECONDS


@pytest.mark.django_db(transaction=True)
def test_the_container_healthcheck_script_passes_on_a_healthy_portal_and_fails_otherwise(live_server):
    import os
    import subprocess
    import sys
    from urllib.parse import urlsplit

    env = {**os.environ, "PORT": str(urlsplit(live_server.url).port), "ALLOWED_HOSTS": "localhost,accsm.example.org"}

    def run():
        return subprocess.run([sys.executable, "scripts/healthcheck.py"], env=env, capture_output=True, text=True)

    unhealthy = run()
    worker_heartbeat.apply()
    healthy = run()

    assert (unhealthy.returncode, healthy.returncode) == (1, 0)
    assert "503" in unhealthy.stderr
