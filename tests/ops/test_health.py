import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from ops import health

pytestmark = pytest.mark.django_db


def heartbeats():
    health.record_heartbeat("worker")
    health.record_heartbeat("beat")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_healthz_answers_200_with_every_part_ok_after_a_heartbeat(client):
    heartbeats()

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert {name: part["status"] for name, part in body.items() if name != "status"} == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "worker": "ok",
        "beat": "ok",
    }
    assert body["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_worker_never_sent_a_heartbeat(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["worker"] == {"status": "down", "error": "no heartbeat from worker yet"}


def test_healthz_is_503_when_the_last_heartbeat_is_too_old(client, settings):
    with time_machine.travel(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        health.record_heartbeat("worker")
    with time_machine.travel(
        dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS + 1),
        tick=False,
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "down"


def test_healthz_is_503_and_names_no_secret_when_the_database_is_down(client, monkeypatch):
    heartbeats()

    def broken():
        raise RuntimeError("could not connect to server at db.internal as user accsm")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == {"status": "down", "error": "RuntimeError"}
    assert "db.internal" not in response.content.decode()


def test_healthz_is_503_when_the_broker_cannot_be_reached(client, settings, monkeypatch):
    from accsm_portal.celery import app

    heartbeats()
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"]["status"] == "down"


def test_healthz_lives_outside_the_language_prefix_and_needs_no_sign_in(client):
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/healthz").status_code in (200, 503)


def test_a_stopped_beat_is_named_and_the_worker_stays_ok(client):
    health.record_heartbeat("worker")

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert (body["worker"]["status"], body["beat"]) == ("ok", {"status": "down", "error": "no heartbeat from beat yet"})


def test_the_heartbeat_age_is_a_minute_unless_the_operator_sets_it(settings):
    assert settings.HEARTBEAT_MAX_AGE_SECONDS == 60
    assert settings.HEARTBEAT_INTERVAL_SECONDS < settings.HEARTBEAT_MAX_AGE_SECONDS


def test_the_worker_beats_from_its_own_timer_and_beat_on_every_tick(settings, tmp_path):
    from accsm_portal.celery import app
    from ops.heartbeats import HeartbeatScheduler, WorkerHeartbeat

    class FakeTimer:
        def call_repeatedly(self, seconds, function, args):
            self.seconds, self.function, self.args = seconds, function, args
            return self

    class FakeWorker:
        timer = FakeTimer()

    assert "ops.heartbeats:WorkerHeartbeat" in app.steps["worker"]
    WorkerHeartbeat(FakeWorker()).start(FakeWorker())
    assert FakeWorker.timer.seconds == settings.HEARTBEAT_INTERVAL_SECONDS
    assert health.health_report(["worker"])[0]

    assert settings.CELERY_BEAT_SCHEDULER == "ops.heartbeats:HeartbeatScheduler"
    scheduler = HeartbeatScheduler(app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
    scheduler.setup_schedule()
    assert scheduler.tick() <= settings.HEARTBEAT_INTERVAL_SECONDS
    assert health.health_report(["beat"])[0]


def test_the_health_command_checks_the_parts_named(capsys):
    from django.core.management import CommandError, call_command

    health.record_heartbeat("beat")
    call_command("health", "beat")
    with pytest.raises(CommandError, match="down: worker"):
        call_command("health", "worker")


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
    heartbeats()
    healthy = run()

    assert (unhealthy.returncode, healthy.returncode) == (1, 0)
    assert "503" in unhealthy.stderr
