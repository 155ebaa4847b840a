"""Badges and the door follow the accreditation (issue 16): when a meeting asks for accreditation, only the
accredited get a badge and come in, and the badge carries the accreditation's photo."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from accreditation.models import Accreditation, AccreditationRequirements
from registrations import exports
from tests.venue.test_check_in import post_scan
from venue import badges, services

pytestmark = pytest.mark.django_db


def jpeg(colour=(180, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def asks_photo(meeting):
    return AccreditationRequirements.objects.create(meeting=meeting, photo=True)


def test_only_the_accredited_get_a_badge_when_the_meeting_asks_for_accreditation(
    asks_photo, secretariat_user, thang, somchai
):
    photo = jpeg()
    Accreditation.objects.create(
        participant=thang, status=Accreditation.Status.ACCREDITED, photo=ContentFile(photo, name="thang.jpg")
    )
    Accreditation.objects.create(participant=somchai, status=Accreditation.Status.PENDING)

    issued = services.badges_issue(actor=secretariat_user, participants=[thang, somchai])

    assert set(issued) == {thang.pk}
    badges.attach_photos([thang])
    assert badges.photo_for(thang).read() == photo
    pdf = exports.badges_pdf(list(issued.values()), thang.delegation.meeting)
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf


def test_the_door_turns_away_a_confirmed_participant_not_yet_accredited(
    asks_photo, client, door_keeper, meeting, somchai, thang, secretariat_user
):
    Accreditation.objects.create(participant=thang, status=Accreditation.Status.ACCREDITED)
    badge = services.badges_issue(actor=secretariat_user, participants=[thang])[thang.pk]
    Accreditation.objects.filter(participant=thang).update(
        status=Accreditation.Status.RETURNED, return_reason="The photo is not a passport photo."
    )
    client.force_login(door_keeper)

    answer = post_scan(client, meeting, code=badges.qr_payload(badge.serial)).json()

    assert (answer["ok"], answer["code"]) == (False, "not_accredited")
    assert answer["message"] == "This participant is not accredited for the meeting yet."
