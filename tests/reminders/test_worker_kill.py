"""A real Celery worker on Redis and PostgreSQL, killed (SIGKILL) in the middle of a batch.

The worker runs as a subprocess against pytest-django's test database, with a file-based email
backend (slowed down like a mail server) as the outbox we read back. Every due reminder must arrive,
and none twice — except at most the one message whose hand-over the kill interrupted
(docs/reminders.md, "The one-message window").
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from reminders.models import Reminder
from reminders.services.planner import plan_reminders
from reminders.tasks import dispatch_reminders
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REMINDERS = 12
MAIL_DELAY = 0.25  # seconds per message: the batch takes ~3 s, so the kill lands in the middle
CLAIM_TIMEOUT = 3  # seconds: how long a dead worker's claim (and lease) blocks
DEADLINE = 60  # seconds at most (typically 10–20), worker start-ups included
HEADER = re.compile(rb"^X-ACCSM-Reminder: (\d+)\r?$", re.MULTILINE)


def worker_database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def delivered(outbox: Path) -> dict[int, int]:
    """How many times each reminder reached the outbox (a message cut off by the kill counts too)."""
    counts: dict[int, int] = {}
    for path in outbox.glob("*.log"):
        for match in HEADER.finditer(path.read_bytes()):
            counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
    return counts


def wait_for(condition, *, what: str, deadline: float, worker_logs: list[Path]):
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    logs = "\n".join(path.read_text(errors="replace")[-3000:] for path in worker_logs if path.exists())
    pytest.fail(f"timed out waiting for {what}\n--- worker log ---\n{logs}")


@pytest.fixture
def worker_env(tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    from accsm_portal.celery import app

    app.conf.task_always_eager = False  # through the real broker (tests/conftest.py makes tasks eager)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "DB_CONN_MAX_AGE": "0",
        "ACCSM_VAR_DIR": str(tmp_path / "var"),
        "EMAIL_BACKEND": "tests.reminders.backends.SlowFileBackend",
        "EMAIL_FILE_PATH": str(outbox),
        "ACCSM_TEST_MAIL_DELAY": str(MAIL_DELAY),
        "REMINDERS_CLAIM_TIMEOUT_SECONDS": str(CLAIM_TIMEOUT),
    }
    return env, outbox


def test_worker_killed_mid_batch_sends_every_reminder_once(worker_env, tmp_path):
    env, outbox = worker_env
    deadline = time.monotonic() + DEADLINE
    queue = f"reminders-test-{uuid.uuid4().hex[:8]}"  # our own queue: no other worker takes our tasks
    meeting = MeetingFactory(start=timezone.now() + timezone.timedelta(hours=12))  # 1-day reminders due now
    for _ in range(REMINDERS):
        ParticipantFactory(delegation__meeting=meeting)
    plan_reminders()
    due = set(Reminder.objects.filter(send_after__lte=timezone.now()).values_list("pk", flat=True))
    assert len(due) == REMINDERS

    workers: list[subprocess.Popen] = []
    logs: list[Path] = []

    def start_worker(name: str) -> subprocess.Popen:
        log = tmp_path / f"{name}.log"
        logs.append(log)
        command = [sys.executable, "-m", "celery", "-A", "accsm_portal", "worker", "-Q", queue, "-n", f"{name}@%h"]
        command += ["--concurrency=2", "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
        workers.append(process)
        return process

    def kill(process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the worker and its pool children
            process.wait(timeout=10)

    try:
        first = start_worker(f"first-{queue}")
        dispatch_reminders.apply_async(queue=queue)  # the dispatcher twice for the same moment
        dispatch_reminders.apply_async(queue=queue)
        wait_for(
            lambda: sum(delivered(outbox).values()) >= 4, what="the first messages", deadline=deadline, worker_logs=logs
        )
        kill(first)

        sent_before_kill = set(delivered(outbox))
        claimed = set(Reminder.objects.filter(state="sending").values_list("pk", flat=True))
        # Claimed but never marked sent: the batch's rest (not handed over yet) and the message in doubt.
        in_doubt = claimed & sent_before_kill
        assert len(sent_before_kill) < REMINDERS, "the kill should land in the middle of the batch"
        assert len(in_doubt) <= 1, "one sender at a time, one message at a time: at most one message in doubt"

        start_worker(f"second-{queue}")
        last_tick = 0.0

        def all_sent() -> bool:
            nonlocal last_tick
            if time.monotonic() - last_tick > 1:  # what beat does every minute, every second here
                dispatch_reminders.apply_async(queue=queue)
                last_tick = time.monotonic()
            return Reminder.objects.filter(pk__in=due, state="sent").count() == REMINDERS

        wait_for(all_sent, what="every reminder sent", deadline=deadline, worker_logs=logs)
    finally:
        for process in workers:
            kill(process)
        _drop_queue(queue)

    counts = delivered(outbox)
    assert set(counts) == due  # every due reminder arrived
    repeated = {pk for pk, count in counts.items() if count > 1}
    assert repeated <= in_doubt  # only the one whose hand-over the kill interrupted, if any
    assert all(count <= 2 for count in counts.values())


def _drop_queue(queue: str) -> None:
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.delete(queue)
    client.close()
