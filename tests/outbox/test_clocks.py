"""One clock (issue 18): a worker whose own clock is 15 minutes fast, run under Debian's faketime beside
the true one, can neither take the live dispatcher's lease nor its claims."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from outbox.models import DispatcherLease
from outbox.sending import acquire_lease, release_lease

ROOT = Path(__file__).resolve().parents[2]

NEEDS_FAKETIME = pytest.mark.skipif(
    shutil.which("faketime") is None, reason="needs faketime (apt-get install faketime)"
)

FAST_WORKER = """
import json, django
django.setup()
from django.utils import timezone
from outbox.sending import acquire_lease
print(json.dumps({"its_clock": timezone.now().isoformat(), "took_lease": acquire_lease() is not None}))
"""


def run_with_a_fast_clock(minutes: int) -> dict:
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "accsm_portal.settings", "DEBUG": "1"}
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    done = subprocess.run(
        ["faketime", "-f", f"+{minutes}m", sys.executable, "-c", FAST_WORKER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@NEEDS_FAKETIME
@pytest.mark.django_db(transaction=True)
def test_a_worker_with_a_fast_clock_cannot_take_a_live_lease(on_postgres):
    token = acquire_lease()
    assert token is not None

    fast = run_with_a_fast_clock(15)

    assert fast["took_lease"] is False  # its clock says the lease ran out; the database's does not
    assert DispatcherLease.objects.get().token == token
    release_lease(token)
    assert run_with_a_fast_clock(15)["took_lease"] is True  # a free lease it takes, as anyone would


def test_no_beat_tick_expires_by_the_workers_clock(settings):
    assert {
        name for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if "expires" in entry.get("options", {})
    } == set()
