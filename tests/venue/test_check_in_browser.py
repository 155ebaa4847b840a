"""At the door, on a phone (360 px, real Chromium): check in by the number typed from a badge, by a name
typed without diacritics, then through a dropped connection: the scan waits on the phone, is sent when the
connection is back, and counted once.

Screenshots go to docs/screenshots/ when ACCSM_UPDATE_SCREENSHOTS=1, otherwise to a temporary folder.
"""

import pytest
from django.urls import reverse

from venue import services
from venue.models import Attendance, Scan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 760}


def test_door_keeper_checks_in_by_number_and_by_name_and_through_a_dropped_connection(
    page, sign_in, meeting, thang, somchai, door_keeper, secretariat_user, screenshots
):
    issued = services.badges_issue(actor=secretariat_user, participants=[thang, somchai])
    page.set_viewport_size(PHONE)
    sign_in(door_keeper)
    page.goto(reverse("venue:check_in", args=[meeting.pk]))
    result = page.locator("[data-result]")

    # The number printed under the QR, typed as a door keeper would.
    page.get_by_label("Badge number").fill(issued[somchai.pk].printed_serial.lower())
    page.get_by_role("button", name="Check", exact=True).click()
    page.locator(".result-ok").wait_for()
    assert page.locator("[data-result-message]").inner_text() == "Welcome: checked in."
    assert page.locator("[data-result-name]").inner_text() == "Ms. Somchai Jaidee"
    assert page.locator("[data-result-facts]").inner_text() == "Thailand · Delegate · Confirmed · Inside now"
    assert page.locator("[data-result-photo]").inner_text() == "SJ"
    page.screenshot(path=str(screenshots / "check-in-phone.png"), full_page=True)

    # A name without its diacritics.
    page.get_by_label("Find by name").fill("nguyen duy thang")
    page.get_by_role("button", name="Mr. Nguyễn Duy Thăng").click()
    page.locator("[data-result-name]", has_text="Mr. Nguyễn Duy Thăng").wait_for()
    assert "result-ok" in result.get_attribute("class")

    # A code that is not a badge: red, and says so.
    page.get_by_label("Badge number").fill("ZZZZ-ZZZZ")
    page.get_by_role("button", name="Check", exact=True).click()
    page.locator(".result-bad").wait_for()
    assert page.locator("[data-result-message]").inner_text() == "No badge has this number."
    page.screenshot(path=str(screenshots / "check-in-phone-refused.png"), full_page=True)

    # The connection drops: Somchai leaves; the scan waits on the phone.
    page.context.set_offline(True)
    page.get_by_label("Check out").check()
    page.get_by_label("Badge number").fill(issued[somchai.pk].printed_serial)
    page.get_by_role("button", name="Check", exact=True).click()
    page.locator(".result-queued").wait_for()
    assert page.locator("[data-queue]").inner_text() == "Scans waiting to be sent: 1"
    page.screenshot(path=str(screenshots / "check-in-phone-offline.png"), full_page=True)
    assert Scan.objects.filter(direction="out").count() == 0

    # Back online: sent once, the queue empties, and a reload sends nothing again.
    page.context.set_offline(False)
    page.locator("[data-queue]").wait_for(state="hidden", timeout=15_000)
    page.locator(".recent-ok", has_text="Sent after the connection came back").wait_for()
    page.reload()
    page.wait_for_timeout(1000)
    assert Scan.objects.filter(direction="out").count() == 1
    assert Scan.objects.count() == 3
    assert {(a.participant.full_name, a.present) for a in Attendance.objects.select_related("participant")} == {
        ("Somchai Jaidee", False),
        ("Nguyễn Duy Thăng", True),
    }


def test_the_secretariats_venue_and_attendance_pages(
    page, sign_in, meeting, thang, somchai, door_keeper, secretariat_user, screenshots
):
    services.scan_record(
        actor=door_keeper, session=meeting, scan_id=__import__("uuid").uuid4(), method="name", code=str(thang.pk)
    )
    sign_in(secretariat_user)
    for width, height in ((1280, 900), (360, 760)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(reverse("secretariat:venue", args=[meeting.pk]))
        assert page.locator(".attendance-table tbody tr", has_text="Viet Nam").inner_text().split() == [
            "Viet",
            "Nam",
            "1",
            "1",
        ]
        page.screenshot(path=str(screenshots / f"venue-{width}.png"), full_page=True)
        page.goto(reverse("secretariat:attendance", args=[meeting.pk]))
        assert page.locator("#no-show-list").inner_text() == "Thailand — Ms. Somchai Jaidee · " + somchai.email
        page.screenshot(path=str(screenshots / f"attendance-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(reverse("venue:check_in", args=[meeting.pk]))
    page.screenshot(path=str(screenshots / "check-in-1280.png"), full_page=True)
