"""A meeting's registrations as the secretariat sees them, the changes it makes, and the exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import MemberState, Participant
from tests.factories import DelegationFactory, MeetingFactory, MemberStateFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(chairmanship):
    return MeetingFactory(chairmanship=chairmanship, title="SOM 21", title_vi="Hội nghị SOM 21", delegates_allowed=3)


@pytest.fixture
def delegations(meeting, viet_nam, thailand):
    cambodia = MemberStateFactory(code="KH", name="Cambodia", name_vi="Campuchia")
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam)
    th = DelegationFactory(meeting=meeting, member_state=thailand)
    kh = DelegationFactory(meeting=meeting, member_state=cambodia)
    ParticipantFactory(delegation=vn, full_name="Trần Văn Bình", position="Vụ trưởng")
    ParticipantFactory(
        delegation=vn, full_name="Nguyễn Duy Thăng", role="head", position="Thứ trưởng", status="confirmed"
    )
    ParticipantFactory(delegation=th, full_name="Somchai Jaidee", role="head", status="confirmed")
    ParticipantFactory(delegation=th, full_name="Withdrawn Person", status="cancelled")
    ParticipantFactory(delegation=kh, full_name="Sok Chanthy", role="head")
    return {"VN": vn, "TH": th, "KH": kh}


def test_the_page_lists_every_invited_country_with_its_delegation(staff_client, meeting, delegations):
    MemberStateFactory(code="PH", name="Philippines")
    MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)

    response = staff_client.get(reverse("secretariat:registrations", args=[meeting.pk]))

    rows = response.context["rows"]
    assert [row.member_state.code for row in rows] == ["KH", "PH", "TH", "VN"]
    assert [p.full_name for p in rows[3].participants] == ["Nguyễn Duy Thăng", "Trần Văn Bình"]
    assert rows[1].delegation is None


@pytest.mark.parametrize("countries", [1, 6])
def test_the_registrations_page_costs_the_same_queries_for_one_or_many_delegations(
    staff_client, meeting, countries, django_assert_num_queries
):
    for n in range(countries):
        delegation = DelegationFactory(meeting=meeting, member_state=MemberStateFactory(code=f"Q{n}"))
        ParticipantFactory(delegation=delegation, role="head")
        ParticipantFactory(delegation=delegation)
    with django_assert_num_queries(9):
        staff_client.get(reverse("secretariat:registrations", args=[meeting.pk]))


def test_confirm_and_decline(staff_client, meeting, delegations):
    binh = Participant.objects.get(full_name="Trần Văn Bình")
    url = reverse("secretariat:participant_status", args=[meeting.pk, binh.pk])

    staff_client.post(url, {"status": "confirmed"})
    binh.refresh_from_db()
    assert binh.status == "confirmed"

    staff_client.post(url, {"status": "declined"})
    binh.refresh_from_db()
    assert binh.status == "declined"


def test_a_participant_of_another_meeting_is_a_404(staff_client, meeting, delegations):
    elsewhere = ParticipantFactory()
    url = reverse("secretariat:participant_status", args=[meeting.pk, elsewhere.pk])
    assert staff_client.post(url, {"status": "confirmed"}).status_code == 404


def test_adding_a_participant_for_a_country_requires_a_reason(staff_client, meeting, delegations, thailand):
    url = reverse("secretariat:participant_add", args=[meeting.pk])
    data = {"member_state": thailand.pk, "full_name": "Niran Sukjai", "role": "delegate", "language": "en"}

    refused = staff_client.post(url, {**data, "reason": ""})
    staff_client.post(url, {**data, "reason": "Requested by OCSC email of 3 May"})

    assert refused.context["form"].errors["reason"]
    assert 'value="Niran Sukjai"' in refused.content.decode()
    added = Participant.objects.get(full_name="Niran Sukjai")
    assert (added.delegation, added.status) == (delegations["TH"], "registered")


def test_adding_a_second_head_is_refused_beside_the_role(staff_client, meeting, delegations, viet_nam):
    response = staff_client.post(
        reverse("secretariat:participant_add", args=[meeting.pk]),
        {"member_state": viet_nam.pk, "full_name": "Second Head", "role": "head", "language": "vi", "reason": "Asked"},
    )

    assert response.context["form"].errors["role"] == ["This delegation already has a head of delegation."]


def test_a_country_not_invited_cannot_be_chosen(staff_client, meeting):
    china = MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)
    response = staff_client.post(
        reverse("secretariat:participant_add", args=[meeting.pk]),
        {"member_state": china.pk, "full_name": "Li Wei", "role": "head", "language": "en", "reason": "Asked"},
    )
    assert "member_state" in response.context["form"].errors


# --- Exports --------------------------------------------------------------------------------------


def test_csv_lists_participants_by_country_in_english_order_head_first(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:4] == ["Country", "Role", "Honorific", "Full name"]
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Cambodia", "Sok Chanthy"),
        ("Thailand", "Somchai Jaidee"),
        ("Viet Nam", "Nguyễn Duy Thăng"),
        ("Viet Nam", "Trần Văn Bình"),
    ]


def test_csv_cells_that_look_like_formulas_are_kept_as_text(staff_client, meeting, viet_nam):
    ParticipantFactory(delegation__meeting=meeting, delegation__member_state=viet_nam, full_name="=HYPERLINK(1)")
    response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][3] == "'=HYPERLINK(1)"


def test_country_names_follow_the_page_language_but_the_order_stays_english(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]).replace("/en/", "/vi/"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Campuchia", "Thái Lan", "Việt Nam", "Việt Nam"]


def test_xlsx_has_the_same_rows(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))

    assert response.streaming  # from a temporary file, not built in memory
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "SOM 21"
    assert values[1][3] == "Full name"
    assert [(row[0], row[3]) for row in values[2:]] == [
        ("Cambodia", "Sok Chanthy"),
        ("Thailand", "Somchai Jaidee"),
        ("Viet Nam", "Nguyễn Duy Thăng"),
        ("Viet Nam", "Trần Văn Bình"),
    ]


def test_pdf_list_groups_by_delegation_with_vietnamese_letters(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_pdf", args=[meeting.pk]))

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    headings = [line for line in text.splitlines() if line in ("Cambodia", "Thailand", "Viet Nam")]
    assert headings == ["Cambodia", "Thailand", "Viet Nam"]
    assert text.index("Nguyễn Duy Thăng") < text.index("Trần Văn Bình")
    assert "Withdrawn Person" not in text


def test_badges_one_per_participant(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_badges", args=[meeting.pk]))

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for name in ("Sok Chanthy", "Somchai Jaidee", "Nguyễn Duy Thăng", "Trần Văn Bình"):
        assert text.count(name) == 1
    assert "VIỆT NAM" not in text and "VIET NAM" in text


@pytest.mark.parametrize("count", [1, 30])
def test_exports_cost_the_same_queries_for_few_or_many(
    staff_client, meeting, viet_nam, count, django_assert_num_queries
):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam, extra_places=40)
    for _ in range(count):
        ParticipantFactory(delegation=delegation)
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]))
        b"".join(response.streaming_content)
    with django_assert_num_queries(6):
        staff_client.get(reverse("secretariat:export_pdf", args=[meeting.pk]))
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))
        b"".join(response.streaming_content)
