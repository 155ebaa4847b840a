"""The secretariat corrects a participant's details on a country's request, with a reason for the audit trail."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from meetings.models import Participant
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(chairmanship):
    return MeetingFactory(chairmanship=chairmanship, title="SOM 21", delegates_allowed=3)


@pytest.fixture
def delegation(meeting, viet_nam):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory(delegation=delegation, full_name="Nguyễn Duy Thăng", role="head", status="confirmed")
    return delegation


@pytest.fixture
def binh(delegation):
    return ParticipantFactory(
        delegation=delegation, full_name="Tran Van Binh", position="Expert", email="binh@moha.gov.vn", language="vi"
    )


def form_data(participant: Participant, **changes) -> dict:
    data = {
        name: getattr(participant, name)
        for name in ("full_name", "honorific", "position", "organisation", "email", "phone", "role",
                     "dietary_needs", "accessibility_needs", "language")
    }  # fmt: skip
    return {**data, "reason": "Corrected at MOHA's request (email of 3 May)", **changes}


def edit_url(meeting, participant) -> str:
    return reverse("secretariat:participant_edit", args=[meeting.pk, participant.pk])


def test_the_registrations_page_links_each_active_participant_to_the_form(staff_client, meeting, binh):
    page = staff_client.get(reverse("secretariat:registrations", args=[meeting.pk])).content.decode()

    assert f'href="{edit_url(meeting, binh)}" aria-label="Edit Tran Van Binh"' in page


def test_the_form_shows_the_participants_details(staff_client, meeting, binh):
    page = staff_client.get(edit_url(meeting, binh)).content.decode()

    assert 'value="Tran Van Binh"' in page and 'value="binh@moha.gov.vn"' in page
    assert "Tran Van Binh, delegation of Viet Nam" in page


def test_details_are_corrected_with_the_reason_in_the_audit_trail(staff_client, meeting, binh, secretariat_user):
    response = staff_client.post(
        edit_url(meeting, binh), form_data(binh, full_name="Trần Văn Bình", position="Director-General")
    )

    assert response.status_code == 302
    assert response.url.endswith("/registrations/?country=VN#delegation-VN")
    binh.refresh_from_db()
    assert (binh.full_name, binh.position, binh.status) == ("Trần Văn Bình", "Director-General", "registered")
    entry = LogEntry.objects.get_for_object(binh).order_by("-timestamp").first()
    assert entry.actor == secretariat_user
    assert "Corrected at MOHA's request" in str(entry.additional_data)
    followed = staff_client.get(response.url).content.decode()
    assert "Trần Văn Bình: details saved." in followed


def test_without_a_reason_nothing_changes_and_the_typing_is_kept(staff_client, meeting, binh):
    response = staff_client.post(edit_url(meeting, binh), form_data(binh, position="Director-General", reason=""))

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert 'value="Director-General"' in response.content.decode()
    binh.refresh_from_db()
    assert binh.position == "Expert"


def test_a_second_head_is_refused_beside_the_role(staff_client, meeting, binh):
    response = staff_client.post(edit_url(meeting, binh), form_data(binh, role="head"))

    assert response.context["form"].errors["role"]
    binh.refresh_from_db()
    assert binh.role == "delegate"


def test_a_withdrawn_participant_cannot_be_edited(staff_client, meeting, binh):
    Participant.objects.filter(pk=binh.pk).update(status="cancelled")

    response = staff_client.post(edit_url(meeting, binh), form_data(binh, position="Director-General"))

    assert "withdrawn or declined" in response.content.decode()
    binh.refresh_from_db()
    assert binh.position == "Expert"


def test_a_participant_of_another_meeting_is_a_404(staff_client, meeting, binh):
    elsewhere = ParticipantFactory()

    assert staff_client.get(edit_url(meeting, elsewhere)).status_code == 404
    assert staff_client.post(edit_url(meeting, elsewhere), form_data(elsewhere)).status_code == 404


def test_the_page_is_in_vietnamese(staff_client, meeting, binh):
    page = staff_client.get(f"/vi{edit_url(meeting, binh)[3:]}").content.decode()

    assert "Tran Van Binh, đoàn Việt Nam" in page
    assert "Lý do Ban Thư ký thay mặt quốc gia sửa thông tin này" in page
