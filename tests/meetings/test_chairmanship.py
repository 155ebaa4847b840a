"""Chairmanships: the next one is opened, the outgoing one hands over and becomes read-only history."""

import datetime as dt

import pytest
from django.utils import timezone

from common.errors import DomainError, Forbidden
from meetings.models import Participant
from meetings.services import schedule
from meetings.services.chairmanship import chairmanship_create, chairmanship_hand_over
from registrations.services import registration
from tests.factories import ChairmanshipFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_the_next_chairmanship_takes_the_next_number(secretariat_user, thailand):
    ChairmanshipFactory(ordinal=22)

    nxt = chairmanship_create(
        actor=secretariat_user,
        data={
            "chair": thailand,
            "chairing_agency_en": "Office of the Civil Service Commission",
            "term_start": dt.date(2027, 1, 1),
            "term_end": dt.date(2028, 12, 31),
        },
    )

    assert nxt.ordinal == 23


def test_a_focal_point_cannot_open_a_chairmanship(focal_point_th, thailand):
    with pytest.raises(Forbidden):
        chairmanship_create(actor=focal_point_th, data={"chair": thailand})


def test_hand_over_makes_the_outgoing_meetings_read_only_for_schedule_and_registrations(secretariat_user):
    outgoing = ChairmanshipFactory(ordinal=22)
    incoming = ChairmanshipFactory(ordinal=23)
    meeting = MeetingFactory(chairmanship=outgoing)
    participant = ParticipantFactory(delegation__meeting=meeting)

    chairmanship_hand_over(actor=secretariat_user, chairmanship=outgoing, successor=incoming)

    outgoing.refresh_from_db()
    assert outgoing.handed_over_at is not None
    with pytest.raises(schedule.ReadOnlyHistory):
        schedule.meeting_publish(actor=secretariat_user, meeting=meeting)
    with pytest.raises(schedule.ReadOnlyHistory):
        registration.participant_set_status(
            actor=secretariat_user, participant=participant, status=Participant.Status.CONFIRMED
        )
    with pytest.raises(schedule.ReadOnlyHistory):
        registration.participant_register(
            actor=secretariat_user, delegation=participant.delegation, data={"full_name": "Late"}, reason="Asked"
        )
    participant.refresh_from_db()
    assert participant.status == Participant.Status.REGISTERED


def test_hand_over_goes_forward_only_and_once(secretariat_user):
    earlier = ChairmanshipFactory(ordinal=21)
    current = ChairmanshipFactory(ordinal=22)
    with pytest.raises(DomainError) as error:
        chairmanship_hand_over(actor=secretariat_user, chairmanship=current, successor=earlier)
    assert error.value.field == "successor"

    current.handed_over_at = timezone.now()
    current.save()
    with pytest.raises(schedule.ReadOnlyHistory):
        chairmanship_hand_over(actor=secretariat_user, chairmanship=current, successor=ChairmanshipFactory(ordinal=23))
