"""Certificates of attendance: a PDF for each participant who came, in both languages, signed as the
secretariat sets per meeting, with a QR that a real decoder reads back to a public page confirming it
(and nothing else); emailed through the outbox one by one or all at once."""

import io
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Participant
from outbox.dispatcher import send_pending
from outbox.models import OutboxEmail
from tests.factories import MeetingFactory, ParticipantFactory
from venue import certificates, services
from venue.models import Certificate, CertificateSignatory

from .qr import read_qr_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def attended(meeting, thang, secretariat_user):
    som = MeetingFactory(parent=meeting, title="SOM 23", title_vi="SOM 23 (vi)", chairmanship=meeting.chairmanship)
    services.scan_record(actor=secretariat_user, session=som, scan_id=uuid.uuid4(), method="name", code=str(thang.pk))
    CertificateSignatory.objects.create(
        meeting=meeting, signatory_name="Trương Hải Long", signatory_title_en="Deputy Minister of Home Affairs",
        signatory_title_vi="Thứ trưởng Bộ Nội vụ",
    )  # fmt: skip
    return thang


def pdf_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_certificate_reads_in_both_languages_and_its_qr_opens_the_verification(
    staff_client, client, meeting, attended, settings
):
    settings.SITE_URL = "http://testserver"
    pdf = pdf_of(staff_client.get(reverse("secretariat:certificate_pdf", args=[meeting.pk, attended.pk])))

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in (
        "CERTIFICATE OF ATTENDANCE", "GIẤY CHỨNG NHẬN THAM DỰ", "Mr. Nguyễn Duy Thăng", "SOM of ACCSM 23",
        "Hội nghị SOM ACCSM 23", "Sessions attended: SOM 23", "Trương Hải Long", "Deputy Minister of Home Affairs",
        "Thứ trưởng Bộ Nội vụ", Certificate.objects.get().reference,
    ):  # fmt: skip
        assert expected in text
    (url,) = read_qr_codes(pdf)
    certificate = Certificate.objects.get()
    assert url == f"http://testserver/en/venue/certificates/{certificate.code}/"

    staff_client.logout()
    page = client.get(url.removeprefix("http://testserver"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "This certificate of attendance is genuine." in body and "Mr. Nguyễn Duy Thăng" in body
    for private in (attended.email, attended.phone or "+84", "Director"):
        assert private not in body


def test_an_altered_code_confirms_nothing(client, meeting, attended, secretariat_user):
    certificate = services.certificate_issue(actor=secretariat_user, participant=attended)

    assert client.get(reverse("venue:certificate_verify", args=[certificate.code + "x"])).status_code == 404
    assert client.get(reverse("venue:certificate_download", args=["forged-token"])).status_code == 404


def test_no_certificate_for_someone_who_never_came(staff_client, meeting, somchai):
    response = staff_client.get(reverse("secretariat:certificate_pdf", args=[meeting.pk, somchai.pk]))

    assert response.status_code == 302
    assert Certificate.objects.count() == 0
    with pytest.raises(services.NotAttended):
        services.ensure_certificate_allowed(somchai)


def test_certificates_are_emailed_through_the_outbox_with_a_working_link(
    staff_client, client, meeting, attended, somchai, settings
):
    settings.SITE_URL = "http://testserver"

    response = staff_client.post(reverse("secretariat:certificates_email", args=[meeting.pk]))

    assert response.status_code == 302
    email = OutboxEmail.objects.get()
    assert (email.kind, email.to_email) == ("attendance_certificate", attended.email)  # Somchai never came
    send_pending()
    (sent,) = mail.outbox
    assert sent.subject == "[ACCSM] Certificate of attendance: SOM of ACCSM 23"
    link = next(line for line in sent.body.splitlines() if "/certificates/download/" in line)
    download = client.get(link.removeprefix("http://testserver"))
    assert download.status_code == 200
    assert "Mr. Nguyễn Duy Thăng" in PdfReader(io.BytesIO(pdf_of(download))).pages[0].extract_text()


def test_one_certificate_emailed_on_request(staff_client, meeting, attended, delegation_vn, secretariat_user):
    other = ParticipantFactory(delegation=delegation_vn, status=Participant.Status.CONFIRMED)
    services.scan_record(
        actor=secretariat_user, session=meeting, scan_id=uuid.uuid4(), method="name", code=str(other.pk)
    )

    staff_client.post(reverse("secretariat:certificates_email", args=[meeting.pk]), {"participant": other.pk})

    assert [e.to_email for e in OutboxEmail.objects.all()] == [other.email]


def test_a_participant_of_another_meeting_is_not_found(staff_client, meeting, attended):
    stranger = ParticipantFactory(status=Participant.Status.CONFIRMED)

    assert staff_client.get(reverse("secretariat:certificate_pdf", args=[meeting.pk, stranger.pk])).status_code == 404


def test_the_secretariat_sets_the_signatory_in_both_languages(staff_client, meeting):
    staff_client.post(
        reverse("secretariat:certificate_signatory", args=[meeting.pk]),
        {
            "signatory_name": "Trương Hải Long",
            "signatory_title_en": "Deputy Minister",
            "signatory_title_vi": "Thứ trưởng",
        },
    )

    signatory = CertificateSignatory.objects.get(meeting=meeting)
    assert (signatory.signatory_name, signatory.signatory_title_en, signatory.signatory_title_vi) == (
        "Trương Hải Long", "Deputy Minister", "Thứ trưởng",
    )  # fmt: skip
    assert certificates.DOWNLOAD_DAYS == 180


# --- Emailed automatically after the meeting ----------------------------------------------------------------


def _ended(meeting, hours_ago: float):
    import datetime as dt

    from django.utils import timezone

    end = timezone.now() - dt.timedelta(hours=hours_ago)
    type(meeting).objects.filter(pk=meeting.pk).update(
        start=end - dt.timedelta(hours=8), end=end, registration_opens=None, registration_deadline=None
    )


def test_the_beat_task_emails_each_attendee_once_after_the_set_hours_however_often_it_runs(
    meeting, attended, somchai, settings
):
    from venue.tasks import email_certificates_due

    settings.ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING = 24
    _ended(meeting, hours_ago=23)
    assert email_certificates_due() == 0  # the hours have not passed yet
    _ended(meeting, hours_ago=25)

    assert email_certificates_due() == 1
    assert email_certificates_due() == 0  # run twice: sent once

    assert [(e.kind, e.to_email) for e in OutboxEmail.objects.all()] == [("attendance_certificate", attended.email)]
    send_pending()
    assert [m.to for m in mail.outbox] == [[attended.email]]  # Somchai never came
    assert Certificate.objects.get(participant=attended).emailed_at is not None


def test_the_automatic_run_skips_those_the_secretariat_already_emailed_and_the_button_still_sends(
    staff_client, meeting, attended, settings
):
    settings.ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING = 1
    _ended(meeting, hours_ago=2)
    staff_client.post(reverse("secretariat:certificates_email", args=[meeting.pk]))

    assert services.certificates_email_due() == 0
    staff_client.post(reverse("secretariat:certificates_email", args=[meeting.pk]), {"participant": attended.pk})
    assert OutboxEmail.objects.count() == 2  # on request it sends again


def test_no_automatic_emails_when_switched_off_for_the_withdrawn_or_for_long_past_meetings(meeting, attended, settings):
    settings.ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING = 0
    _ended(meeting, hours_ago=48)
    assert services.certificates_email_due() == 0

    settings.ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING = 24
    _ended(meeting, hours_ago=24 + 15 * 24)  # due more than two weeks ago: left to the secretariat
    assert services.certificates_email_due() == 0

    _ended(meeting, hours_ago=30)
    Participant.objects.filter(pk=attended.pk).update(status=Participant.Status.CANCELLED)
    assert services.certificates_email_due() == 0
    assert OutboxEmail.objects.count() == 0


def test_the_beat_runs_the_certificates_task(settings):
    from accsm_portal.celery import app

    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "venue.tasks.email_certificates_due"]
    app.loader.import_default_modules()  # what a worker does at start: every app's tasks module (autodiscovery)
    assert entry["task"] in app.tasks
