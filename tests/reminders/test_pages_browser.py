import os

import pytest

from reminders.services.dispatcher import dispatch_due
from reminders.services.planner import plan_reminders
from reminders.tasks import dispatch_reminders
from tests.factories import DelegationFactory, DocumentFactory, MeetingFactory, ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("ACCSM_SCREENSHOTS")  # a folder: save screenshots there to look at the pages


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_secretariat_sends_a_scheduled_reminder_now_from_the_meeting_page(
    page, sign_in, secretariat_user, viet_nam, monkeypatch
):
    woken = []
    monkeypatch.setattr(dispatch_reminders, "delay", lambda: woken.append(True))
    meeting = MeetingFactory(title="SOM 23", registration_deadline=None)
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory(delegation=delegation, full_name="Nguyễn Duy Thăng", role="head")
    ParticipantFactory(delegation=delegation, full_name="No Mail", email="")
    DocumentFactory(meeting=meeting, status="draft")
    plan_reminders()
    sign_in(secretariat_user)

    page.goto(f"/en/secretariat/reminders/meetings/{meeting.pk}/")
    shot(page, "meeting-en")
    row = page.locator("tr", has_text="Nguyễn Duy Thăng").first
    row.get_by_role("button", name="Send now").click()

    assert "goes out within a minute" in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text() == "SOM 23 Published"
    assert page.get_by_role("link", name="Reminders", exact=True).last.get_attribute("aria-current") == "page"
    assert woken == [True]
    dispatch_due()
    page.reload()
    past = page.locator("table.reminders").last.locator("tbody tr")
    assert past.count() == 1
    assert "Nguyễn Duy Thăng" in past.inner_text() and "Sent" in past.inner_text()
    page.goto("/en/secretariat/reminders/")
    shot(page, "index-en")
    page.goto(f"/vi/secretariat/reminders/meetings/{meeting.pk}/")
    shot(page, "meeting-vi")
    page.set_viewport_size({"width": 390, "height": 800})
    shot(page, "meeting-phone")
