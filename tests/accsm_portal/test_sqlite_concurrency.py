"""The embedded default under concurrent writers (issue 22): on a file SQLite database with the settings
`make run` uses, twenty focal points submitting at once all get an answer (no "database is locked" 500)
and each delegation's allowance holds."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError

from api.errors import api_exception_handler
from common.locking import is_database_busy

ROOT = Path(__file__).resolve().parents[2]


def run_writers(tmp_path, *, countries: int, per_country: int) -> dict:
    env = {
        **os.environ,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.accsm_portal.sqlite_writers", str(countries), str(per_country)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_twenty_simultaneous_registrations_on_sqlite_all_answered_and_allowance_kept(tmp_path):
    result = run_writers(tmp_path, countries=10, per_country=2)

    assert result["journal_mode"] == "wal"
    answers = result["answers"]
    assert [answer for answer in answers if answer["status"] not in (200, 302)] == []
    # Each country had one place: one of its two submissions registered (redirect), the other was told why.
    assert sum(answer["status"] == 302 for answer in answers) == 10
    assert all(answer["full"] for answer in answers if answer["status"] == 200)
    assert result["registered_per_country"] == result["countries"]


def test_a_database_still_locked_is_busy_not_a_server_error():
    assert is_database_busy(OperationalError("database is locked"))
    assert not is_database_busy(OperationalError("no such table: meetings_meeting"))
    response = api_exception_handler(OperationalError("database is locked"), {})
    assert response.status_code == 409
    assert response.data["code"] == "busy"
