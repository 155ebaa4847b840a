"""Letters on request (visa, travel approval) and the deletion of passport data after the meeting."""

import datetime as dt
import subprocess

import pytest
import time_machine
from django.utils import timezone

from accreditation import services
from accreditation.models import Accreditation, LetterRequest
from accreditation.tasks import delete_passport_data
from tests.accreditation.conftest import PASSPORT, valid_expiry

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def with_passport(delegate, meeting):
    return Accreditation.objects.create(
        participant=delegate, passport_number=PASSPORT, passport_expiry=valid_expiry(meeting), nationality="Vietnamese"
    )


def request_letter(client, meeting, delegate, purpose="visa"):
    return client.post(
        f"/en/accreditation/meetings/{meeting.pk}/letters/",
        {"purpose": purpose, "language": "en", "participants": [delegate.pk]},
    )


def test_a_visa_letter_is_requested_issued_with_the_passport_and_verified(
    client, focal_point_vn, secretariat_user, meeting, delegate, with_passport, tmp_path
):
    client.force_login(focal_point_vn)
    assert request_letter(client, meeting, delegate).status_code == 302
    [letter] = LetterRequest.objects.all()
    assert "Requested" in client.get(f"/en/accreditation/meetings/{meeting.pk}/letters/").content.decode()

    client.force_login(secretariat_user)
    assert "Nguyễn Thị Lan" in client.get(f"/en/accreditation/meetings/{meeting.pk}/").content.decode()
    client.post(f"/en/accreditation/letters/{letter.pk}/issue/")
    letter.refresh_from_db()
    assert letter.state == "issued" and letter.reference.startswith(f"ACCSM-{meeting.pk}-{letter.pk}-")

    client.force_login(focal_point_vn)
    assert letter.reference in client.get(f"/en/accreditation/meetings/{meeting.pk}/letters/").content.decode()
    pdf = client.get(f"/en/accreditation/letters/{letter.pk}.pdf")
    text = pdf_text(pdf.content, tmp_path)
    assert f"Passport number {PASSPORT}" in text
    assert letter.reference in text and letter.verification_code in text

    client.logout()
    page = client.get(f"/en/accreditation/verify/{letter.verification_code}/")
    shown = page.content.decode()
    assert page.status_code == 200 and letter.reference in shown and "SOM 24" in shown
    assert "Nguyễn" not in shown and PASSPORT not in shown and "lan@moha" not in shown
    assert client.get("/en/accreditation/verify/forged-code/").status_code == 404


def test_a_travel_letter_carries_no_passport_data(
    client, secretariat_user, focal_point_vn, meeting, delegate, with_passport, tmp_path
):
    client.force_login(focal_point_vn)
    request_letter(client, meeting, delegate, purpose="travel")
    [letter] = LetterRequest.objects.all()
    services.letter_request_issue(actor=secretariat_user, request=letter)
    text = pdf_text(client.get(f"/en/accreditation/letters/{letter.pk}.pdf").content, tmp_path)
    assert PASSPORT not in text


def test_a_visa_letter_without_passport_data_is_refused_and_a_decline_needs_a_reason(
    client, focal_point_vn, secretariat_user, meeting, delegate
):
    [letter] = services.letter_requests_create(
        actor=focal_point_vn, meeting=meeting, participant_ids=[delegate.pk], purpose="visa", language="vi"
    )
    with pytest.raises(services.LetterRefused, match="needs the passport number"):
        services.letter_request_issue(actor=secretariat_user, request=letter)
    client.force_login(secretariat_user)
    client.post(f"/en/accreditation/letters/{letter.pk}/decline/", {"reason": ""})
    assert LetterRequest.objects.get().state == "requested"
    client.post(f"/en/accreditation/letters/{letter.pk}/decline/", {"reason": "No visa needed for ASEAN citizens"})
    assert LetterRequest.objects.get().state == "declined"
    client.force_login(focal_point_vn)
    assert (
        "No visa needed for ASEAN citizens"
        in client.get(f"/en/accreditation/meetings/{meeting.pk}/letters/").content.decode()
    )


def test_one_open_request_per_purpose_and_never_for_another_country(
    focal_point_vn, focal_point_th, meeting, delegate, foreign_delegate
):
    services.letter_requests_create(
        actor=focal_point_vn, meeting=meeting, participant_ids=[delegate.pk], purpose="visa", language="en"
    )
    with pytest.raises(services.DomainError, match="already requested"):
        services.letter_requests_create(
            actor=focal_point_vn, meeting=meeting, participant_ids=[delegate.pk], purpose="visa", language="en"
        )
    with pytest.raises(services.NotFound):
        services.letter_requests_create(
            actor=focal_point_th, meeting=meeting, participant_ids=[delegate.pk], purpose="visa", language="en"
        )


def test_another_country_cannot_read_an_issued_letter(
    client, focal_point_th, secretariat_user, focal_point_vn, meeting, delegate, with_passport
):
    [letter] = services.letter_requests_create(
        actor=focal_point_vn, meeting=meeting, participant_ids=[delegate.pk], purpose="visa", language="en"
    )
    letter = services.letter_request_issue(actor=secretariat_user, request=letter)
    client.force_login(focal_point_th)
    assert client.get(f"/en/accreditation/letters/{letter.pk}.pdf").status_code == 404
    page = client.get(f"/en/accreditation/meetings/{meeting.pk}/letters/").content.decode()
    assert letter.reference not in page and "Nguyễn" not in page


def test_passport_data_is_deleted_the_set_number_of_days_after_the_meeting(settings, meeting, delegate, with_passport):
    settings.ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING = 30
    with time_machine.travel(meeting.end + dt.timedelta(days=29), tick=False):
        assert delete_passport_data() == 0
    assert Accreditation.objects.get().passport_number == PASSPORT

    with time_machine.travel(meeting.end + dt.timedelta(days=31), tick=False):
        assert delete_passport_data() == 1
        now = timezone.now()
    accreditation = Accreditation.objects.get()
    assert (accreditation.passport_number, accreditation.passport_expiry, accreditation.date_of_birth) == (
        "",
        None,
        None,
    )
    assert accreditation.passport_data_deleted_at == now
    assert accreditation.nationality == "Vietnamese"


def test_the_deletion_is_on_by_default_and_in_the_beat_schedule(settings):
    from accsm_portal import settings as production

    assert production.ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING == 30
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "accreditation.tasks.delete_passport_data" in tasks


def test_zero_days_keeps_passport_data(settings, meeting, with_passport):
    settings.ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING = 0
    with time_machine.travel(meeting.end + dt.timedelta(days=3650), tick=False):
        assert delete_passport_data() == 0
