"""The mixed load of `make bench BENCH_ARGS="--mixed"` (bench/mixed.py starts it): focal points working their
delegations before a deadline, the secretariat's pages, and calendar and API pollers, all at once.

Read by Locust only. Its sessions, token and paths come from the JSON file named by BENCH_MIXED_CONFIG,
written by bench/mixed.py; each user picks its own identity from it. Only 127.0.0.1 is loaded.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, between, constant_pacing, task

CONFIG = json.loads(Path(os.environ["BENCH_MIXED_CONFIG"]).read_text())  # read once at import
_focal_points = itertools.cycle(CONFIG["focal_points"])
_secretariat = itertools.cycle(CONFIG["secretariat"])


class FocalPoint(HttpUser):
    """A focal point in the last hour before the deadline: their meetings, the delegation, the add form."""

    weight = CONFIG["weights"]["focal_points"]
    wait_time = between(1, 5)

    def on_start(self):
        me = next(_focal_points)
        self.client.cookies.set(CONFIG["session_cookie"], me["session"])
        self.meeting = me["meeting"]

    @task(5)
    def delegation(self):
        self.client.get(f"/en/my/meetings/{self.meeting}/", name="delegation page")

    @task(2)
    def my_meetings(self):
        self.client.get("/en/my/meetings/", name="my meetings")

    @task(1)
    def add_form(self):
        self.client.get(f"/en/my/meetings/{self.meeting}/participants/add/", name="add a participant (form)")


class Secretariat(HttpUser):
    weight = CONFIG["weights"]["secretariat"]
    wait_time = between(2, 6)

    def on_start(self):
        self.client.cookies.set(CONFIG["session_cookie"], next(_secretariat)["session"])

    @task(2)
    def dashboard(self):
        self.client.get(CONFIG["paths"]["dashboard"], name="secretariat dashboard")

    @task(3)
    def registrations(self):
        self.client.get(CONFIG["paths"]["registrations"], name="registrations page")


class Poller(HttpUser):
    """A calendar client or an API client, each asking every `poll_seconds`, answered 304 when nothing changed."""

    weight = CONFIG["weights"]["pollers"]
    wait_time = constant_pacing(CONFIG["poll_seconds"])

    def on_start(self):
        self.etags: dict[str, str] = {}

    def _poll(self, path: str, name: str, headers: dict[str, str] | None = None):
        headers = dict(headers or {})
        if path in self.etags:
            headers["If-None-Match"] = self.etags[path]
        with self.client.get(path, headers=headers, name=name, catch_response=True) as response:
            if response.status_code in (200, 304):
                if etag := response.headers.get("ETag"):
                    self.etags[path] = etag
                response.success()

    @task(1)
    def calendar(self):
        self._poll(CONFIG["paths"]["calendar"], "iCal feed, one chairmanship")

    @task(1)
    def api_list(self):
        self._poll(
            CONFIG["paths"]["api_list"],
            "API meetings list, token",
            {"Authorization": f"Bearer {CONFIG['token']}"},
        )
