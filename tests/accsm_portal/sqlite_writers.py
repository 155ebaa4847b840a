"""Run by test_sqlite_concurrency.py in a fresh process on a file SQLite database (the embedded default's
settings, not the suite's in-memory one): migrate, then N focal points submit the add-participant page at
the same moment through the whole middleware stack. Prints one JSON object with what each request got."""

import functools
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accsm_portal.settings")
django.setup()

from django.core.management import call_command  # noqa: E402 — Django must be set up first
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from meetings.models import Participant  # noqa: E402
from tests.factories import FocalPointFactory, MeetingFactory, MemberStateFactory  # noqa: E402
from tests.helpers import run_concurrently  # noqa: E402


def main(countries: int, per_country: int) -> dict:
    call_command("migrate", verbosity=0)
    meeting = MeetingFactory(delegates_allowed=1)
    focal_points = [FocalPointFactory(member_state=MemberStateFactory()).user for _ in range(countries)]
    url = reverse("my:participant_add", kwargs={"meeting_pk": meeting.pk})
    submitters = [user for user in focal_points for _ in range(per_country)]

    def submit(index: int, user) -> dict:
        client = Client()
        client.force_login(user)
        data = {
            "full_name": f"Delegate {index}",
            "role": "delegate",
            "language": "en",
            "email": f"d{index}@example.org",
        }
        response = client.post(url, data)
        return {
            "status": response.status_code,
            "full": b"has used all its places" in response.content,
            "busy": b"try again in a moment" in response.content,
        }

    results = run_concurrently(*(functools.partial(submit, i, user) for i, user in enumerate(submitters)))
    answers = [{"status": 500, "error": repr(r)} if isinstance(r, Exception) else r for r in results]
    return {
        "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
        "answers": answers,
        "registered_per_country": sorted(
            Participant.objects.values_list("delegation__member_state_id", flat=True).order_by()
        ),
        "countries": sorted(user.focal_point.member_state_id for user in focal_points),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))  # noqa: T201  the test reads this line
