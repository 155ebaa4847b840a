"""The dashboard (what is coming and what needs action) and the chairmanship pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Chairmanship, MemberState
from tests.factories import (
    ChairmanshipFactory,
    DelegationFactory,
    DocumentFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def board(client):
    return client.get(reverse("secretariat:dashboard")).context["board"]


def test_upcoming_meetings_with_days_to_go_drafts_included_past_and_cancelled_left_out(staff_client, chairmanship):
    soon = MeetingFactory(chairmanship=chairmanship, title="Soon", start=timezone.now() + dt.timedelta(days=3))
    draft = MeetingFactory(chairmanship=chairmanship, title="Draft", status="draft")
    MeetingFactory(chairmanship=chairmanship, title="Past", start=timezone.now() - dt.timedelta(days=3))
    MeetingFactory(chairmanship=chairmanship, title="Off", status="cancelled", cancellation_reason="Flood")

    upcoming = board(staff_client).upcoming

    assert [m.title for m in upcoming] == ["Soon", "Draft"]
    assert upcoming[0].days_to_go in (3, 4)  # the venue's date can be a day ahead of UTC
    assert draft.pk == upcoming[1].pk
    assert soon.pk == upcoming[0].pk


def test_the_registration_matrix_shows_every_invited_state_and_its_status(
    staff_client, chairmanship, viet_nam, thailand
):
    MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)
    laos = MemberStateFactory(code="LA", name="Lao PDR")
    meeting = MeetingFactory(chairmanship=chairmanship, title="SOM", delegates_allowed=3)
    ParticipantFactory(delegation__meeting=meeting, delegation__member_state=viet_nam, status="confirmed")
    ParticipantFactory(delegation__meeting=meeting, delegation__member_state=thailand)
    DelegationFactory(meeting=meeting, member_state=laos)

    matrix = board(staff_client).matrices[0]

    assert [(c.member_state.code, c.state, c.taken, c.allowance) for c in matrix.cells] == [
        ("LA", "none", 0, 3),
        ("TH", "registered", 1, 3),
        ("VN", "confirmed", 1, 3),
    ]


def test_needs_action_lists_confirmations_deadlines_and_draft_documents(staff_client, chairmanship, viet_nam):
    near = MeetingFactory(
        chairmanship=chairmanship,
        title="Deadline in 3 days",
        start=timezone.now() + dt.timedelta(days=20),
        registration_deadline=timezone.now() + dt.timedelta(days=3),
    )
    MeetingFactory(chairmanship=chairmanship, title="Far deadline")
    ParticipantFactory(delegation__meeting=near, delegation__member_state=viet_nam)
    DocumentFactory(meeting=near, title="Draft report", status="draft")
    DocumentFactory(meeting=near, title="Circulated report")

    data = board(staff_client)

    assert [m.title for m in data.awaiting] == ["Deadline in 3 days"]
    assert [m.title for m in data.deadlines] == ["Deadline in 3 days"]
    assert [d.title for d in data.draft_documents] == ["Draft report"]


def test_deadlines_this_week_are_the_twenty_nearest(staff_client, chairmanship):
    now = timezone.now()
    for hours in range(25, 0, -1):
        MeetingFactory(
            chairmanship=chairmanship,
            title=f"Deadline in {hours} h",
            start=now + dt.timedelta(days=20),
            registration_deadline=now + dt.timedelta(hours=hours),
        )

    assert [m.title for m in board(staff_client).deadlines] == [f"Deadline in {hours} h" for hours in range(1, 21)]


@pytest.mark.parametrize("count", [1, 5])
def test_the_dashboard_costs_the_same_queries_for_one_or_many_meetings(
    staff_client, chairmanship, count, django_assert_num_queries
):
    for n in range(count):
        meeting = MeetingFactory(chairmanship=chairmanship, registration_deadline=timezone.now() + dt.timedelta(days=2))
        ParticipantFactory(delegation__meeting=meeting, delegation__member_state=MemberStateFactory(code=f"Z{n}"))
        DocumentFactory(meeting=meeting, status="draft")
    with django_assert_num_queries(12):
        staff_client.get(reverse("secretariat:dashboard"))


def test_creating_the_next_chairmanship(staff_client, chairmanship, thailand):
    response = staff_client.post(
        reverse("secretariat:chairmanship_new"),
        {
            "ordinal": 22,
            "chair": thailand.pk,
            "chairing_agency_en": "Office of the Civil Service Commission",
            "chairing_agency_vi": "Văn phòng Ủy ban Công vụ",
            "term_start": "2023-01-01",
            "term_end": "2024-12-31",
        },
    )

    assert response.status_code == 302
    assert Chairmanship.objects.get(ordinal=22).chairing_agency_vi == "Văn phòng Ủy ban Công vụ"


def test_a_term_ending_before_it_starts_is_refused_beside_the_field(staff_client, chairmanship, thailand):
    response = staff_client.post(
        reverse("secretariat:chairmanship_new"),
        {
            "ordinal": 22,
            "chair": thailand.pk,
            "chairing_agency_en": "OCSC",
            "term_start": "2024-01-01",
            "term_end": "2023-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Chairmanship.objects.filter(ordinal=22).exists()


def test_hand_over_from_the_page(staff_client, chairmanship):
    successor = ChairmanshipFactory(ordinal=22)

    staff_client.post(
        reverse("secretariat:chairmanship_hand_over", args=[chairmanship.pk]), {"successor": successor.pk}
    )

    chairmanship.refresh_from_db()
    assert chairmanship.is_history


@pytest.mark.parametrize("count", [1, 4])
def test_the_chairmanship_list_costs_the_same_queries(staff_client, count, django_assert_num_queries):
    for n in range(count):
        ChairmanshipFactory(ordinal=40 + n)
    with django_assert_num_queries(6):
        staff_client.get(reverse("secretariat:chairmanships"))
