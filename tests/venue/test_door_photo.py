"""The door's answer shows the participant's photo (issue 16): through a route only door staff of that meeting
(and the secretariat) may open, for that meeting's participants only, never cached."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accreditation.models import Accreditation
from tests.accreditation.images import jpeg_bytes
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory, UserFactory
from tests.venue.test_check_in import post_scan
from venue import badges, services
from venue.models import DoorStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(thang):
    content = jpeg_bytes(600, 800)
    Accreditation.objects.create(participant=thang, photo=ContentFile(content, name="thang.jpg"))
    return content


def photo_url(meeting, participant):
    return reverse("venue:photo", args=[meeting.pk, participant.pk])


def test_the_scan_answer_links_the_photo_and_door_staff_see_it_never_cached(
    client, door_keeper, meeting, thang, photo, secretariat_user
):
    badge = services.badges_issue(actor=secretariat_user, participants=[thang])[thang.pk]
    client.force_login(door_keeper)

    answer = post_scan(client, meeting, code=badges.qr_payload(badge.serial)).json()

    assert answer["person"]["photo"] == photo_url(meeting, thang)
    response = client.get(answer["person"]["photo"])
    assert response.status_code == 200
    assert response.content == photo
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"


def test_the_search_by_name_shows_the_photo_where_there_is_one(client, door_keeper, meeting, thang, somchai, photo):
    client.force_login(door_keeper)

    results = client.get(reverse("venue:search", args=[meeting.pk]), {"q": "a"}).json()["results"]

    assert {person["name"]: person["photo"] for person in results} == {
        "Mr. Nguyễn Duy Thăng": photo_url(meeting, thang),
        "Ms. Somchai Jaidee": None,
    }


def test_door_staff_of_another_meeting_focal_points_and_anonymous_visitors_cannot_open_the_photo(
    client, meeting, thang, photo, focal_point_vn
):
    other = MeetingFactory()
    DoorStaff.objects.create(user=UserFactory(username="other-door"), meeting=other)
    url = photo_url(meeting, thang)

    assert client.get(url).status_code == 302  # to the sign-in page
    assert "/login/" in client.get(url)["Location"]
    for user in (DoorStaff.objects.get(meeting=other).user, focal_point_vn):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(photo_url(other, thang)).status_code == 404  # their own door, another meeting's person


def test_door_staff_see_photos_of_their_own_meeting_only(client, door_keeper, meeting, viet_nam):
    elsewhere = ParticipantFactory(delegation=DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam))
    Accreditation.objects.create(participant=elsewhere, photo=ContentFile(jpeg_bytes(600, 800), name="x.jpg"))
    client.force_login(door_keeper)

    assert client.get(photo_url(meeting, elsewhere)).status_code == 404


def test_a_participant_without_a_photo_answers_not_found(client, door_keeper, meeting, thang):
    client.force_login(door_keeper)

    assert client.get(photo_url(meeting, thang)).status_code == 404
