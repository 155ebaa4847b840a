"""The progress page in Chromium, on a laptop and a phone (docs/screenshots/export-progress-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from exportjobs.models import ExportJob
from tests.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_progress_page_shows_the_jobs_progress_on_a_laptop_and_a_phone(
    page, sign_in, secretariat_user, screenshots, live_server
):
    meeting = MeetingFactory(title="SOM of ACCSM 23")
    job = ExportJob.objects.create(
        requested_by=secretariat_user, kind="participants_xlsx", params={"meeting": meeting.pk}, key="k",
        rows=2400, state="running", progress=35, expires_at=timezone.now() + dt.timedelta(days=1),
    )  # fmt: skip
    sign_in(secretariat_user)
    page.goto(live_server.url + reverse("exportjobs:job", args=[job.pk]))
    assert page.locator("[data-export-bar]").get_attribute("value") == "35"
    page.screenshot(path=str(screenshots / "export-progress-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(screenshots / "export-progress-phone.png"), full_page=True)
