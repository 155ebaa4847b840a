"""Badges that work at the door: the PDF carries a signed QR that a real decoder reads back, and a door
keeper checks the person in with what it read; the badge of a withdrawn participant stops working."""

import io
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Participant
from registrations.services import registration
from tests.factories import ParticipantFactory
from venue import badges, services
from venue.models import Attendance, Badge, BadgeDesign

from .qr import pdf_pages_as_images, read_qr_codes

pytestmark = pytest.mark.django_db


def badges_pdf(client, meeting, layout="sheet"):
    response = client.get(reverse("secretariat:export_badges", args=[meeting.pk]) + f"?layout={layout}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def staff_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def test_badges_pdf_carries_a_qr_the_door_reads_back_and_checks_in(
    staff_client, meeting, thang, somchai, door_keeper, secretariat_user
):
    pdf = badges_pdf(staff_client, meeting)

    codes = read_qr_codes(pdf)
    issued = {badge.participant_id: badge for badge in Badge.objects.all()}
    assert sorted(codes) == sorted(badges.qr_payload(issued[p.pk].serial) for p in (thang, somchai))
    assert all("Thăng" not in code and "Somchai" not in code for code in codes)  # nothing personal in clear
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in ("Mr. Nguyễn Duy Thăng", "VIET NAM", "Việt Nam", "HEAD OF DELEGATION", "Trưởng đoàn", "NT"):
        assert expected in text
    assert issued[thang.pk].printed_serial in text

    result = services.scan_record(
        actor=door_keeper, session=meeting, scan_id=uuid.uuid4(), method="qr", code=codes[0], direction="in"
    )
    assert (result.ok, result.code) == (True, "ok")
    assert Attendance.objects.get(participant=result.participant, session=meeting).present is True


def test_a6_layout_is_one_badge_per_a6_page(staff_client, meeting, thang, somchai):
    pdf = badges_pdf(staff_client, meeting, layout="a6")

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [298, 420]  # A6 in points
    assert len(read_qr_codes(pdf)) == 2


def test_sheet_layout_holds_four_badges_to_an_a4_page(staff_client, meeting, delegation_vn):
    ParticipantFactory.create_batch(5, delegation=delegation_vn, status=Participant.Status.CONFIRMED)

    pdf = badges_pdf(staff_client, meeting)

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert len(read_qr_codes(pdf)) == 5


def test_badges_are_issued_once_and_only_to_confirmed_participants(staff_client, meeting, thang, delegation_vn):
    ParticipantFactory(delegation=delegation_vn, full_name="Registered Only", status=Participant.Status.REGISTERED)

    first = badges_pdf(staff_client, meeting)
    again = badges_pdf(staff_client, meeting)

    assert Badge.objects.count() == 1
    assert read_qr_codes(first) == read_qr_codes(again)
    assert "Registered Only" not in PdfReader(io.BytesIO(first)).pages[0].extract_text()


def test_role_band_takes_the_meetings_colour(staff_client, meeting, thang):
    BadgeDesign.objects.create(meeting=meeting, role_colours={"head": "#ffd700"})

    page = pdf_pages_as_images(badges_pdf(staff_client, meeting, layout="a6"), dpi=50)[0].convert("RGB")

    # The band's middle, at the foot of the badge, away from its text.
    assert page.getpixel((8, page.height - 8)) == (255, 215, 0)


def test_a_withdrawn_participants_badge_is_revoked(meeting, thang, focal_point_vn, secretariat_user, door_keeper):
    (badge,) = services.badges_issue(actor=secretariat_user, participants=[thang]).values()
    code = badges.qr_payload(badge.serial)
    meeting.registration_deadline = None
    meeting.save()

    registration.participant_withdraw(actor=focal_point_vn, participant=thang)

    badge.refresh_from_db()
    assert badge.revoked_at is not None
    with pytest.raises(services.BadgeRevoked) as refused:
        services.scan_record(actor=door_keeper, session=meeting, scan_id=uuid.uuid4(), method="qr", code=code)
    assert refused.value.participant == thang


def test_a_declined_participants_badge_is_revoked(meeting, thang, secretariat_user):
    (badge,) = services.badges_issue(actor=secretariat_user, participants=[thang]).values()

    registration.participant_set_status(actor=secretariat_user, participant=thang, status="declined", reason="x")

    badge.refresh_from_db()
    assert badge.revoked_reason == "declined"


def test_initials_stand_in_for_a_missing_photo(thang):
    assert badges.photo_for(thang) is None
    assert badges.initials(thang) == "NT"
    thang.full_name = "Somchai"
    assert badges.initials(thang) == "S"
