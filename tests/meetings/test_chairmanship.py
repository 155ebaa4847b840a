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
    meeting = MeetingFactory(chairmanship=outgoing, start=timezone.now() - dt.timedelta(days=2))
    participant = ParticipantFactory(delegation__meeting=meeting)
    schedule.meeting_conclude(actor=secretariat_user, meeting=meeting)  # issue 19: nothing left ahead

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


def test_only_an_asean_member_state_may_chair_and_the_form_offers_exactly_those(secretariat_user, thailand):
    from meetings.models import MemberState
    from meetings.staff.forms import ChairmanshipForm
    from tests.factories import MemberStateFactory

    japan = MemberStateFactory(code="JP", name="Japan", group=MemberState.Group.PLUS_THREE)

    with pytest.raises(DomainError) as refused:
        chairmanship_create(
            actor=secretariat_user,
            data={"chair": japan, "chairing_agency_en": "NPA", "term_start": dt.date(2027, 1, 1)},
        )

    assert refused.value.field == "chair"
    offered = list(ChairmanshipForm().fields["chair"].queryset)
    assert thailand in offered
    assert japan not in offered


def test_hand_over_is_refused_while_the_outgoing_chair_has_meetings_ahead_and_names_them(secretariat_user, client):
    from django.urls import reverse

    client.force_login(secretariat_user)
    staff_client = client

    outgoing = ChairmanshipFactory(ordinal=22)
    incoming = ChairmanshipFactory(ordinal=23)
    ahead = MeetingFactory(chairmanship=outgoing, title="SOM 22", status="published")
    draft = MeetingFactory(chairmanship=outgoing, title="Workshop on HR", status="draft")
    MeetingFactory(chairmanship=outgoing, title="Forum", status="cancelled", cancellation_reason="Flood")
    MeetingFactory(
        chairmanship=outgoing, title="HCS 22", status="concluded", start=timezone.now() - dt.timedelta(days=9)
    )
    ParticipantFactory(delegation__meeting=ahead)

    with pytest.raises(DomainError) as error:
        chairmanship_hand_over(actor=secretariat_user, chairmanship=outgoing, successor=incoming)
    message = str(error.value.message)
    assert message.startswith("2 meetings of this chairmanship are still ahead")
    assert "SOM 22" in message and "Workshop on HR" in message
    assert "Forum" not in message and "HCS 22" not in message
    outgoing.refresh_from_db()
    assert outgoing.handed_over_at is None

    # The page lists them (with links) and offers no hand-over button; a forced POST is refused too.
    page = staff_client.get(reverse("secretariat:chairmanship_hand_over", args=[outgoing.pk]))
    assert {m.title for m in page.context["still_ahead"]} == {"SOM 22", "Workshop on HR"}
    assert b'type="submit">Hand over' not in page.content
    response = staff_client.post(
        reverse("secretariat:chairmanship_hand_over", args=[outgoing.pk]), {"successor": incoming.pk}
    )
    assert response.status_code == 200
    assert "still ahead" in response.content.decode()
    outgoing.refresh_from_db()
    assert outgoing.handed_over_at is None

    # Once each is held, cancelled or deleted, the hand-over goes through.
    schedule.meeting_cancel(actor=secretariat_user, meeting=ahead, reason="Moved to the next chair")
    schedule.meeting_delete(actor=secretariat_user, meeting=draft)
    chairmanship_hand_over(actor=secretariat_user, chairmanship=outgoing, successor=incoming)
    outgoing.refresh_from_db()
    assert outgoing.handed_over_at is not None
