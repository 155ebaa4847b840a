"""Redis stopped under the portal (issue 18): a redis-server of the test's own, stopped mid-test. Writes
that commit answer as they would, what the cache would have held is computed again, and the outage is
logged once, not per call."""

import ast
import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from meetings.models import Participant
from tests.factories import DelegationFactory, FocalPointFactory, MeetingFactory
from tests.helpers import ROOT, source_files

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")


class RedisServer:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_cache(monkeypatch):
    monkeypatch.setattr("common.cache._down", False)
    server = RedisServer()
    server.start()
    caches = {
        "default": {
            "BACKEND": "common.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=caches):
        yield server
    if server.process.poll() is None:
        server.stop()


def test_reads_miss_and_writes_drop_while_redis_is_away_logged_once(redis_cache, caplog):
    cache.set("k", "before")
    assert cache.get("k") == "before"
    redis_cache.stop()

    with caplog.at_level(logging.WARNING, logger="accsm.cache"):
        cache.set("k", "during")
        assert cache.get("k") is None
        assert cache.get("k", "default") == "default"
        assert cache.get_many(["k", "j"]) == {}
        assert cache.add("k", "x") is False
        cache.delete("k")
        assert [record.getMessage().split(":")[0] for record in caplog.records] == [
            "Cache unreachable, serving without it"
        ]

        redis_cache.start()
        cache.set("k", "after")
        assert cache.get("k") == "after"
        assert caplog.records[-1].getMessage() == "Cache reachable again."


@pytest.mark.django_db
def test_a_registration_while_redis_is_away_is_saved_answered_and_emailed(
    redis_cache, client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    user = FocalPointFactory(user__email="fp@example.org").user
    DelegationFactory(meeting=meeting, member_state=user.focal_point.member_state)
    client.force_login(user)
    redis_cache.stop()

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            f"/en/my/meetings/{meeting.pk}/participants/add/",
            {"full_name": "Trần Thị Bình", "role": "head", "language": "vi", "email": "binh@example.org"},
        )
    api = client.post(
        "/api/v1/participants/",
        {"delegation": user.focal_point.member_state.delegations.get().pk, "full_name": ""},
        content_type="application/json",
    )

    assert page.status_code == 302
    assert (api.status_code, api["Content-Type"], api.json()["code"]) == (400, "application/json", "invalid")
    assert Participant.objects.filter(full_name="Trần Thị Bình").exists()
    assert [message.to for message in mail.outbox][:1] == [["binh@example.org"]]


@pytest.mark.django_db
def test_public_pages_api_feeds_and_sign_in_answer_while_redis_is_away(redis_cache, client):
    meeting = MeetingFactory()
    user = FocalPointFactory().user
    redis_cache.stop()

    assert client.get("/api/v1/meetings/").status_code == 200
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 200
    assert client.get("/calendar/meetings.ics").status_code == 200
    assert client.get(f"/en/meetings/{meeting.pk}/").status_code == 200
    signed_in = client.post("/en/accounts/login/", {"username": user.username, "password": "correct-horse-battery"})
    assert (signed_in.status_code, client.get("/en/my/meetings/").status_code) == (302, 200)


def _on_commit_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "on_commit":
                yield node


def test_every_commit_hook_is_robust():
    """A hook that raises after the commit must not skip the hooks after it nor answer 500 for a saved change."""
    weak = []
    for path in source_files(skip=frozenset({"tests", "var", "staticfiles", "node_modules"})):  # migrations too
        for call in _on_commit_calls(ast.parse((ROOT / path).read_text(), str(path))):
            robust = next((kw.value for kw in call.keywords if kw.arg == "robust"), None)
            if not (isinstance(robust, ast.Constant) and robust.value is True):
                weak.append(f"{path}:{call.lineno}")
    assert weak == []


@pytest.mark.django_db
def test_tasks_are_queued_by_robust_hooks(django_capture_on_commit_callbacks):
    from django.db import connection

    from outbox.tasks import send_outbox

    with django_capture_on_commit_callbacks(execute=False):
        send_outbox.delay_on_commit()
        assert [robust for _sids, _callback, robust in connection.run_on_commit] == [True]
