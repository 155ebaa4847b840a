"""A focal point's first day, in a real Chromium at a phone's width (390 px): accept the invitation and choose a
password, register three delegates, import a file with one bad row and read the report, withdraw one.
Then a focal point of another country opens each of those URLs and gets 404.

Screenshots go to docs/screenshots/ when ACCSM_UPDATE_SCREENSHOTS=1, otherwise to a temporary folder.
"""

import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import Participant
from tests.factories import FocalPointFactory, FocalPointInvitationFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "Lotus-pond-at-dawn-42"


def add_participant(page, meeting, *, name, email, role="Delegate"):
    page.get_by_role("link", name="Add a participant").click()
    page.locator("#id_full_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_role").select_option(label=role)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(f"**/en/my/meetings/{meeting.pk}/")


def test_focal_point_onboards_registers_imports_and_withdraws(
    page, live_server, sign_in, viet_nam, thailand, tmp_path, screenshots
):
    meeting = MeetingFactory(
        title="SOM 23",
        start=timezone.now() + dt.timedelta(days=40),
        end=timezone.now() + dt.timedelta(days=40, hours=8),
        delegates_allowed=5,
    )
    FocalPointInvitationFactory(token="a-long-random-token", member_state=viet_nam, email="lan@moha.gov.vn")
    page.set_viewport_size(PHONE)

    # The link from the email: choose a password, land on "My meetings".
    page.goto("/en/accounts/invitation/a-long-random-token/")
    page.get_by_label("First name").fill("Lan")
    page.get_by_label("Last name").fill("Nguyễn")
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/en/my/meetings/")
    assert page.locator("h1").inner_text() == "My meetings"
    page.screenshot(path=str(screenshots / "focal-point-my-meetings.png"), full_page=True)
    page.get_by_role("link", name="SOM 23").click()

    # Three delegates, one of them the head of delegation.
    add_participant(page, meeting, name="Trần Văn Minh", email="minh@moha.gov.vn", role="Head of delegation")
    add_participant(page, meeting, name="Lê Thị Hoa", email="hoa@moha.gov.vn")
    add_participant(page, meeting, name="Phạm Văn Đức", email="duc@moha.gov.vn")
    assert page.locator("#places").inner_text() == "3 of 5 used"

    # A file with one bad row: nothing is imported, the report names the row and the problem.
    upload = tmp_path / "delegates.csv"
    upload.write_text("Full name,Email,Role\nVõ Thị Sáu,sau@moha.gov.vn,delegate\nĐặng Văn Lâm,not-an-email,delegate\n")
    page.get_by_role("link", name="Import a file").click()
    page.get_by_label("CSV or XLSX file").set_input_files(str(upload))
    page.get_by_role("button", name="Import").click()
    report = page.locator(".import-report tbody tr")
    assert [" ".join(text.split()) for text in report.all_inner_texts()] == ["3 Email Enter a valid email address."]
    page.screenshot(path=str(screenshots / "focal-point-import-report.png"), full_page=True)
    assert Participant.objects.filter(full_name="Võ Thị Sáu").count() == 0

    # Withdraw one: asked first, then their place is free.
    page.goto(f"/en/my/meetings/{meeting.pk}/")
    hoa = Participant.objects.get(full_name="Lê Thị Hoa")
    page.locator(f"#participant-{hoa.pk}").get_by_role("link", name="Withdraw").click()
    page.get_by_role("button", name="Withdraw").click()
    page.wait_for_url(f"**/en/my/meetings/{meeting.pk}/")
    assert page.locator("#places").inner_text() == "2 of 5 used"
    assert page.locator(f"#participant-{hoa.pk} .badge").first.inner_text() == "Withdrawn"
    page.screenshot(path=str(screenshots / "focal-point-delegation.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone

    # A focal point of Thailand: every URL of Viet Nam's objects is a 404; the meeting page shows Thailand's own.
    page.context.clear_cookies()
    sign_in(FocalPointFactory(member_state=thailand).user)
    delegation = hoa.delegation
    minh = Participant.objects.get(full_name="Trần Văn Minh")
    for url in (
        f"/en/my/participants/{minh.pk}/edit/",
        f"/en/my/participants/{minh.pk}/withdraw/",
        f"/en/my/participants/{hoa.pk}/edit/",
        f"/en/registrations/delegations/{delegation.pk}/history/",
        f"/en/registrations/delegations/{delegation.pk}/nomination-letter/",
        f"/en/my/meetings/{meeting.pk}/participants/copy/?from={delegation.pk}",
    ):
        assert page.goto(url).status == 404, url
    page.goto(f"/en/my/meetings/{meeting.pk}/")
    assert "Trần Văn Minh" not in page.content()
    assert page.locator("#places").inner_text() == "0 of 5 used"
