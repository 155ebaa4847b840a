"""The secretariat writes one message, in both languages, to chosen groups; each person gets it once, in
their own language, through the outbox; people without an email address are kept in the record."""

import pytest
from django.core import mail

from circulars import selectors, services
from circulars.models import Circular, CircularRecipient
from circulars.services import CircularData
from common.errors import DomainError, Forbidden
from meetings.models import Meeting, Participant
from outbox.dispatcher import send_pending
from outbox.models import OutboxEmail
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def message(**changes) -> CircularData:
    values = {
        "subject_en": "Venue of SOM 23",
        "subject_vi": "Địa điểm SOM 23",
        "body_en": "The meeting will be held at the Sokha Hotel.",
        "body_vi": "Cuộc họp sẽ diễn ra tại khách sạn Sokha.",
        "group": Circular.Group.FOCAL_POINTS,
    }
    return CircularData(**{**values, **changes})


@pytest.fixture
def countries(viet_nam, thailand):
    lao = MemberStateFactory(code="LA", name="Lao PDR")
    FocalPointFactory(member_state=viet_nam, user=UserFactory(email="fp-vn@example.org", preferred_language="vi"))
    FocalPointFactory(member_state=thailand, user=UserFactory(email="fp-th@example.org", preferred_language="en"))
    FocalPointFactory(member_state=thailand, user=UserFactory(email="", first_name="Somchai", last_name="P."))
    FocalPointFactory(member_state=thailand, is_active=False, user=UserFactory(email="old-th@example.org"))
    FocalPointFactory(member_state=lao, user=UserFactory(email="fp-la@example.org"))
    return viet_nam, thailand, lao


def sent_by_address():
    send_pending()
    return {message.to[0]: message for message in mail.outbox}


def test_focal_points_of_the_chosen_countries_get_it_in_their_language(secretariat_user, countries):
    viet_nam, thailand, _lao = countries
    circular = services.circular_send(actor=secretariat_user, data=message(member_states=(viet_nam, thailand)))

    sent = sent_by_address()
    assert set(sent) == {"fp-vn@example.org", "fp-th@example.org"}  # not Lao PDR, not an inactive focal point
    assert (sent["fp-vn@example.org"].subject, sent["fp-th@example.org"].subject) == (
        "Địa điểm SOM 23",
        "Venue of SOM 23",
    )
    assert "Cuộc họp sẽ diễn ra tại khách sạn Sokha." in sent["fp-vn@example.org"].body
    assert "The meeting will be held at the Sokha Hotel." in sent["fp-th@example.org"].body
    # the one without an address is in the record, not lost
    rows = list(circular.recipients.order_by("email").values_list("email", "member_state__code"))
    assert rows == [("", "TH"), ("fp-th@example.org", "TH"), ("fp-vn@example.org", "VN")]
    assert circular.recipients.get(email="").name == "Somchai P."
    assert CircularRecipient.objects.filter(circular=circular, email="", outbox_email__isnull=True).count() == 1
    assert OutboxEmail.objects.filter(kind="circular").count() == 2


def test_heads_of_delegation_of_a_meeting(secretariat_user, viet_nam, thailand):
    meeting = MeetingFactory(title="SOM 23")
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam)
    th = DelegationFactory(meeting=meeting, member_state=thailand)
    ParticipantFactory(delegation=vn, role=Participant.Role.HEAD, email="head-vn@example.org", language="vi")
    ParticipantFactory(delegation=vn, email="delegate-vn@example.org")
    ParticipantFactory(delegation=th, role=Participant.Role.HEAD, email="", full_name="Anan K.")
    ParticipantFactory(
        delegation=th, role=Participant.Role.HEAD, email="withdrawn@example.org", status=Participant.Status.CANCELLED
    )
    ParticipantFactory(role=Participant.Role.HEAD, email="other-meeting@example.org")

    people = services.circular_preview(
        actor=secretariat_user, data=message(group=Circular.Group.HEADS_OF_DELEGATION, meeting=meeting)
    )
    assert [(p.member_state.code, p.email, p.language) for p in people] == [
        ("TH", "", "en"),
        ("VN", "head-vn@example.org", "vi"),
    ]
    services.circular_send(
        actor=secretariat_user, data=message(group=Circular.Group.HEADS_OF_DELEGATION, meeting=meeting)
    )
    sent = sent_by_address()
    assert list(sent) == ["head-vn@example.org"]
    assert sent["head-vn@example.org"].subject == "Địa điểm SOM 23"


def test_everyone_registered_each_address_once(secretariat_user, viet_nam):
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory(delegation=delegation, email="an@example.org")
    ParticipantFactory(delegation=delegation, email="AN@example.org")  # the same person's address twice
    ParticipantFactory(delegation=delegation, email="binh@example.org", status=Participant.Status.WAITLISTED)
    ParticipantFactory(delegation=delegation, email="chi@example.org", status=Participant.Status.DECLINED)
    data = message(group=Circular.Group.REGISTERED, meeting=meeting)
    circular = services.circular_send(actor=secretariat_user, data=data)
    assert sorted(circular.recipients.values_list("email", flat=True)) == ["an@example.org", "binh@example.org"]
    assert sorted(sent_by_address()) == ["an@example.org", "binh@example.org"]


def test_an_email_sent_twice_by_the_worker_goes_once(secretariat_user, countries):
    viet_nam, _thailand, _lao = countries
    services.circular_send(actor=secretariat_user, data=message(member_states=(viet_nam,)))
    send_pending()
    send_pending()
    assert [m.to for m in mail.outbox] == [["fp-vn@example.org"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"subject_vi": " "}, "subject_vi"),
        ({"body_en": ""}, "body_en"),
        ({"group": "everyone"}, "group"),
        ({"member_states": ()}, "member_states"),
        ({"group": Circular.Group.REGISTERED}, "meeting"),
    ],
)
def test_bad_messages_are_refused_with_a_clear_message(secretariat_user, countries, changes, field):
    viet_nam, _thailand, _lao = countries
    with pytest.raises(DomainError) as refused:
        services.circular_send(actor=secretariat_user, data=message(**{"member_states": (viet_nam,), **changes}))
    assert refused.value.field == field
    assert Circular.objects.count() == OutboxEmail.objects.count() == 0


def test_a_draft_meeting_is_not_a_choice(secretariat_user):
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    with pytest.raises(DomainError) as refused:
        services.circular_send(actor=secretariat_user, data=message(group=Circular.Group.REGISTERED, meeting=draft))
    assert refused.value.field == "meeting"
    assert draft not in selectors.meetings_for_messages()


def test_nobody_to_receive_it_is_refused(secretariat_user, viet_nam):
    with pytest.raises(DomainError) as refused:
        services.circular_send(actor=secretariat_user, data=message(member_states=(viet_nam,)))
    assert "Nobody would receive" in str(refused.value.message)


def test_only_the_secretariat_sends(focal_point_vn, countries):
    viet_nam, _thailand, _lao = countries
    with pytest.raises(Forbidden):
        services.circular_send(actor=focal_point_vn, data=message(member_states=(viet_nam,)))
    assert services.can_send(focal_point_vn) is False


def test_a_persons_export_and_erasure_include_the_messages_they_were_sent(secretariat_user, viet_nam):
    from privacy import services as privacy

    meeting = MeetingFactory()
    person = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), email="an@example.org"
    )
    services.circular_send(actor=secretariat_user, data=message(group=Circular.Group.REGISTERED, meeting=meeting))

    exported = privacy.person_export(actor=secretariat_user, participant=person)["other_records"]["circulars"]
    assert [(row["message"], row["email"]) for row in exported] == [("Venue of SOM 23", "an@example.org")]
    privacy.person_erase(actor=secretariat_user, participant=person)
    assert list(CircularRecipient.objects.values_list("name", "email", "participant")) == [("—", "", None)]
