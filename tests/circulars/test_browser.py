"""In a real Chromium: the secretariat writes a message in both languages to two countries' focal points,
sees who will receive it (and who has no address), sends it and finds it in the record — on a laptop and
on a phone. No console errors."""

import os

import pytest

from circulars.models import Circular
from tests.factories import FocalPointFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def console_errors(page) -> list[str]:
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.mark.parametrize("width", [1280, 360])
def test_the_secretariat_previews_and_sends_a_message(page, sign_in, secretariat_user, screenshots, width):
    from tests.factories import MemberStateFactory

    viet_nam = MemberStateFactory(code="VN", name="Viet Nam")
    thailand = MemberStateFactory(code="TH", name="Thailand")
    FocalPointFactory(
        member_state=viet_nam, user=UserFactory(first_name="Lan", last_name="Nguyen", email="lan@moha.gov.vn")
    )
    FocalPointFactory(member_state=thailand, user=UserFactory(first_name="Somchai", last_name="Prasert", email=""))
    page.set_viewport_size({"width": width, "height": 900})
    errors = console_errors(page)
    sign_in(secretariat_user)

    page.goto("/en/secretariat/messages/new/")
    page.get_by_label("Subject (English)").fill("Venue of SOM 23")
    page.get_by_label("Subject (Vietnamese)").fill("Địa điểm SOM 23")
    page.get_by_label("Message (English)").fill("The meeting will be held at the Sokha Hotel, Phnom Penh.")
    page.get_by_label("Message (Vietnamese)").fill("Cuộc họp sẽ diễn ra tại khách sạn Sokha, Phnôm Pênh.")
    page.get_by_label("Viet Nam").check()
    page.get_by_label("Thailand").check()
    page.get_by_role("button", name="Show who will receive it").click()

    recipients = page.locator("#recipients")
    assert "Who will receive it: 2 people" in recipients.inner_text()
    assert "lan@moha.gov.vn" in recipients.inner_text()
    assert "Somchai Prasert" in recipients.get_by_role("alert").inner_text()
    page.screenshot(path=str(screenshots / f"message-preview-{width}.png"), full_page=True)

    page.get_by_role("button", name="Send the message").click()
    page.wait_for_url("**/secretariat/messages/*/")
    assert "The message is on its way to 2 people." in page.inner_text("body")
    page.screenshot(path=str(screenshots / f"message-sent-{width}.png"), full_page=True)
    assert Circular.objects.get().recipients.count() == 2

    page.goto("/en/secretariat/messages/")
    assert "Venue of SOM 23" in page.inner_text("main")
    page.screenshot(path=str(screenshots / f"message-record-{width}.png"), full_page=True)
    if os.environ.get("ACCSM_KEEP_SCREENSHOTS"):
        import shutil

        for name in ("preview", "sent", "record"):
            shutil.copy(screenshots / f"message-{name}-{width}.png", f"/tmp/sync-message-{name}-{width}.png")
    assert errors == []
