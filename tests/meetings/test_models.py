"""Each invariant of the meetings model is held by the database, not only by forms."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from meetings.models import Participant
from tests.factories import ChairmanshipFactory, DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def refused(save):
    with pytest.raises(IntegrityError), transaction.atomic():
        save()


def test_meeting_cannot_end_before_it_starts():
    meeting = MeetingFactory()
    meeting.end = meeting.start - dt.timedelta(hours=1)
    refused(meeting.save)


def test_registration_deadline_must_be_before_the_meeting():
    meeting = MeetingFactory()
    meeting.registration_deadline = meeting.start
    refused(meeting.save)


def test_registration_must_open_before_its_deadline():
    meeting = MeetingFactory()
    meeting.registration_opens = meeting.registration_deadline
    refused(meeting.save)


def test_cancelled_meeting_needs_a_reason():
    meeting = MeetingFactory()
    meeting.status = "cancelled"
    refused(meeting.save)


def test_chairmanship_term_cannot_end_before_it_starts():
    chairmanship = ChairmanshipFactory()
    chairmanship.term_end = chairmanship.term_start - dt.timedelta(days=1)
    refused(chairmanship.save)


def test_one_delegation_per_country_and_meeting():
    delegation = DelegationFactory()
    refused(lambda: DelegationFactory(meeting=delegation.meeting, member_state=delegation.member_state))


def test_at_most_one_head_of_delegation():
    delegation = DelegationFactory()
    ParticipantFactory(delegation=delegation, role=Participant.Role.HEAD)
    refused(lambda: ParticipantFactory(delegation=delegation, role=Participant.Role.HEAD))


def test_a_withdrawn_head_frees_the_role():
    delegation = DelegationFactory()
    ParticipantFactory(delegation=delegation, role=Participant.Role.HEAD, status=Participant.Status.CANCELLED)
    assert ParticipantFactory(delegation=delegation, role=Participant.Role.HEAD).pk


def test_departure_cannot_be_before_arrival():
    participant = ParticipantFactory()
    participant.arrival = participant.delegation.meeting.start
    participant.departure = participant.arrival - dt.timedelta(days=1)
    refused(participant.save)


def test_meeting_shows_its_venue_time_zone_offset():
    meeting = MeetingFactory(start=dt.datetime(2021, 4, 8, 2, 0, tzinfo=dt.UTC), time_zone="Asia/Ho_Chi_Minh")
    assert (meeting.local_start.hour, meeting.utc_offset) == (9, "UTC+07:00")
