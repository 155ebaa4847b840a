"""Attendance: per session and country on the secretariat's pages (live), the list by delegation with the
head first and the no-shows, its PDF and XLSX, and the API, where a country sees only its own people."""

import io
import uuid

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from api import services as api_services
from meetings.models import Participant
from tests.factories import DelegationFactory, MeetingFactory, MemberStateFactory, ParticipantFactory
from tests.helpers import queries_for
from venue import badges, services
from venue.models import Attendance, DoorStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def week(meeting):
    """The meeting as a conference week with two sessions."""
    som = MeetingFactory(parent=meeting, title="SOM 23", chairmanship=meeting.chairmanship)
    hcs = MeetingFactory(parent=meeting, title="HCS 23", chairmanship=meeting.chairmanship)
    return som, hcs


def check_in(actor, session, participant, direction="in"):
    return services.scan_record(
        actor=actor, session=session, scan_id=uuid.uuid4(), method="name", code=str(participant.pk), direction=direction
    )


@pytest.fixture
def came(secretariat_user, week, thang, somchai, delegation_vn):
    """Thăng at both sessions, Somchai at the SOM only, Hoa (Viet Nam) never."""
    som, hcs = week
    hoa = ParticipantFactory(delegation=delegation_vn, full_name="Lê Thị Hoa", status=Participant.Status.CONFIRMED)
    check_in(secretariat_user, som, thang)
    check_in(secretariat_user, hcs, thang)
    check_in(secretariat_user, som, somchai)
    return hoa


def test_the_meeting_page_counts_each_session_by_country(staff_client, meeting, came):
    page = staff_client.get(reverse("secretariat:meeting", args=[meeting.pk])).content.decode()

    summary = staff_client.get(reverse("secretariat:attendance_summary", args=[meeting.pk])).context["summary"]
    assert [s.title for s in summary.sessions] == ["SOM of ACCSM 23", "SOM 23", "HCS 23"]
    assert [(row.country.name, row.expected, row.per_session) for row in summary.rows] == [
        ("Thailand", 1, [0, 1, 0]),
        ("Viet Nam", 2, [0, 1, 1]),
    ]
    assert summary.totals == [0, 2, 1]
    assert f'data-refresh-url="/en/secretariat/meetings/{meeting.pk}/attendance/summary/"' in page


def test_the_attendance_page_lists_delegations_head_first_and_the_no_shows(staff_client, meeting, came, thang):
    response = staff_client.get(reverse("secretariat:attendance", args=[meeting.pk]))

    countries = response.context["countries"]
    assert [(c.name, [p.full_name for p in people]) for c, people in countries] == [
        ("Thailand", ["Somchai Jaidee"]),
        ("Viet Nam", ["Nguyễn Duy Thăng", "Lê Thị Hoa"]),
    ]
    assert [p.full_name for p in response.context["no_shows"]] == ["Lê Thị Hoa"]


def test_the_attendance_list_as_xlsx_and_pdf(staff_client, meeting, came):
    xlsx = staff_client.get(reverse("secretariat:attendance_export", args=[meeting.pk, "xlsx"]))
    pdf = staff_client.get(reverse("secretariat:attendance_export", args=[meeting.pk, "pdf"]))

    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content))
    rows = list(sheet.worksheets[0].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[2], r[5], r[6], r[7]) for r in rows] == [
        ("Thailand", "Ms. Somchai Jaidee", "present", None, 1),
        ("Viet Nam", "Mr. Nguyễn Duy Thăng", "present", "present", 2),
        ("Viet Nam", "Ms. Lê Thị Hoa", None, None, 0),
    ]
    assert [r[1] for r in sheet.worksheets[1].iter_rows(min_row=2, values_only=True)] == ["Ms. Lê Thị Hoa"]
    text = (
        PdfReader(io.BytesIO(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)).pages[0].extract_text()
    )
    assert "Viet Nam · 1/2" in text and "No-shows" in text and "Lê Thị Hoa" in text
    assert staff_client.get(reverse("secretariat:attendance_export", args=[meeting.pk, "docx"])).status_code == 404


def test_attendance_pages_run_the_same_queries_with_more_countries_and_people(
    staff_client, meeting, came, secretariat_user, week
):
    urls = [
        reverse(name, args=[meeting.pk])
        for name in (
            "secretariat:attendance",
            "secretariat:attendance_summary",
            "secretariat:venue",
            "secretariat:meeting",
        )
    ]
    before = [queries_for(staff_client, url) for url in urls]
    for code in ("KH", "LA", "MY"):
        delegation = DelegationFactory(meeting=meeting, member_state=MemberStateFactory(code=code))
        for person in ParticipantFactory.create_batch(3, delegation=delegation, status=Participant.Status.CONFIRMED):
            check_in(secretariat_user, week[0], person)
    DoorStaff.objects.create(user=secretariat_user, meeting=meeting)

    assert [queries_for(staff_client, url) for url in urls] == before


# --- The secretariat's venue page ------------------------------------------------------------------------


def test_the_secretariat_grants_and_removes_door_access(staff_client, meeting, django_user_model):
    keeper = django_user_model.objects.create_user("hotel-desk", "desk@hotel.vn", "x-long-password-1")

    response = staff_client.post(reverse("secretariat:door_staff_add", args=[meeting.pk]), {"user": "DESK@hotel.vn"})
    assert response.status_code == 302
    door = DoorStaff.objects.get()
    assert (door.user, door.meeting) == (keeper, meeting)
    assert services.can_scan_at(keeper, meeting)

    response = staff_client.post(reverse("secretariat:door_staff_add", args=[meeting.pk]), {"user": "nobody"})
    assert "No active user has this user name or email." in response.content.decode()

    staff_client.post(reverse("secretariat:door_staff_remove", args=[meeting.pk, door.pk]))
    assert not services.can_scan_at(keeper, meeting)


def test_badge_colours_are_saved_per_meeting_and_checked(staff_client, meeting):
    colours = dict.fromkeys(Participant.Role.values, "#123456")

    staff_client.post(reverse("secretariat:badge_colours", args=[meeting.pk]), {**colours, "head": "#ff0000"})
    bad = staff_client.post(reverse("secretariat:badge_colours", args=[meeting.pk]), {**colours, "head": "red"})

    assert meeting.badge_design.role_colours["head"] == "#ff0000"
    assert "Give a colour written as #RRGGBB." in bad.content.decode()


# --- The API ---------------------------------------------------------------------------------------------


def test_a_focal_point_sees_only_their_countrys_attendance(client, meeting, came, focal_point_vn, focal_point_th):
    client.force_login(focal_point_vn)
    rows = client.get(reverse("api:attendance-list"), {"meeting": meeting.pk}).json()["results"]
    assert sorted((r["participant_name"], r["member_state"]) for r in rows) == [
        ("Nguyễn Duy Thăng", "VN"),
        ("Nguyễn Duy Thăng", "VN"),
    ]
    thai_row = Attendance.objects.get(participant__full_name="Somchai Jaidee")
    assert client.get(reverse("api:attendance-detail", args=[thai_row.pk])).status_code == 404

    client.force_login(focal_point_th)
    rows = client.get(reverse("api:attendance-list")).json()["results"]
    assert [(r["participant_name"], r["member_state"]) for r in rows] == [("Somchai Jaidee", "TH")]


def test_a_countrys_token_sees_its_own_country_and_staff_see_all(
    client, meeting, came, secretariat_user, focal_point_vn, viet_nam
):
    _token, key = api_services.api_token_create(
        actor=secretariat_user, name="MOHA", owner=focal_point_vn, scope="read", member_state=viet_nam
    )
    rows = client.get(reverse("api:attendance-list"), HTTP_AUTHORIZATION=f"Bearer {key}").json()["results"]
    assert {r["member_state"] for r in rows} == {"VN"}

    client.force_login(secretariat_user)
    rows = client.get(reverse("api:attendance-list"), {"meeting": meeting.pk}).json()["results"]
    assert len(rows) == 3


def test_privacy_export_and_erasure_cover_badges_and_scans(meeting, thang, secretariat_user):
    from venue import privacy
    from venue.models import Badge, Scan

    services.badges_issue(actor=secretariat_user, participants=[thang])
    check_in(secretariat_user, meeting, thang)

    exported = privacy.export_attendance([thang])
    assert [sorted(row) for row in exported] == [["badge", "issued", "revoked"], ["first_in", "last_scan", "session"]]
    privacy.erase_attendance([thang])
    assert Scan.objects.count() == 0
    assert Badge.objects.get().revoked_reason == "erased"
    assert badges.photo_for(thang) is None
