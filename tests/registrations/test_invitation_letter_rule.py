"""Who gets a letter of invitation is one rule (registrations.selectors.can_have_invitation_letter), and every
door agrees with it: the letter's download, the focal point's delegation page and the secretariat's
registrations page offer a letter for exactly the same participants."""

import itertools

import pytest
from django.urls import reverse

from meetings.models import Meeting, Participant
from registrations.selectors import can_have_invitation_letter
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TRAVEL = {Meeting.Format.IN_PERSON, Meeting.Format.HYBRID}


def _letter_url(participant: Participant) -> str:
    return reverse("registrations:invitation_letter", args=[participant.pk, "en"])


@pytest.fixture
def participants(viet_nam) -> list[Participant]:
    """One participant of every status at a meeting of every format."""
    people = []
    for meeting_format in Meeting.Format.values:
        delegation = DelegationFactory(meeting=MeetingFactory(format=meeting_format), member_state=viet_nam)
        people += [ParticipantFactory(delegation=delegation, status=status) for status in Participant.Status.values]
    return people


def test_every_door_offers_a_letter_to_the_same_participants(client, secretariat_user, focal_point_vn, participants):
    expected = {
        p.pk: p.status == Participant.Status.CONFIRMED and p.delegation.meeting.format in TRAVEL for p in participants
    }
    assert sum(expected.values()) == len(TRAVEL)  # the table is not empty: a confirmed person per travel format

    rule = {p.pk: can_have_invitation_letter(p) for p in participants}

    client.force_login(secretariat_user)
    download = {p.pk: client.get(_letter_url(p)).status_code == 200 for p in participants}
    meetings = {p.delegation.meeting for p in participants}
    secretariat_pages = "".join(
        client.get(reverse("secretariat:registrations", args=[m.pk])).content.decode() for m in meetings
    )
    on_secretariat_page = {p.pk: _letter_url(p) in secretariat_pages for p in participants}

    client.force_login(focal_point_vn)
    focal_point_pages = "".join(client.get(reverse("my:delegation", args=[m.pk])).content.decode() for m in meetings)
    on_focal_point_page = {p.pk: _letter_url(p) in focal_point_pages for p in participants}
    focal_point_download = {p.pk: client.get(_letter_url(p)).status_code == 200 for p in participants}

    assert rule == expected
    assert download == expected
    assert focal_point_download == expected
    assert on_secretariat_page == expected
    assert on_focal_point_page == expected


@pytest.mark.parametrize(
    ("status", "meeting_format"), list(itertools.product(Participant.Status.values, Meeting.Format.values))
)
def test_the_rule_reads_the_meeting_it_is_given_without_a_query(django_assert_num_queries, status, meeting_format):
    meeting = Meeting(format=meeting_format)
    participant = Participant(status=status)

    with django_assert_num_queries(0):
        offered = can_have_invitation_letter(participant, meeting)

    assert offered == (status == Participant.Status.CONFIRMED and meeting_format in TRAVEL)
