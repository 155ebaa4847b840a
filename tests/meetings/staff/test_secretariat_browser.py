"""The secretariat's day in a real Chromium: sign in, create a meeting, build and reorder its agenda,
publish it, confirm a registration, download the lists, cancel it and notify the registered.

Screenshots of the dashboard and a meeting page go to docs/screenshots/ when ACCSM_UPDATE_SCREENSHOTS=1
(the README shows them), otherwise to a temporary folder, so an ordinary test run leaves the tree clean.
"""

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import Chairmanship, Meeting, MemberState, Participant
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipFactory,
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
    SecretariatUserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASEAN = [
    ("BN", "Brunei Darussalam", "Brunei Darussalam"),
    ("KH", "Cambodia", "Campuchia"),
    ("ID", "Indonesia", "Indonesia"),
    ("LA", "Lao PDR", "Lào"),
    ("MY", "Malaysia", "Malaysia"),
    ("MM", "Myanmar", "Myanmar"),
    ("PH", "Philippines", "Philippines"),
    ("SG", "Singapore", "Singapore"),
    ("TH", "Thailand", "Thái Lan"),
    ("VN", "Viet Nam", "Việt Nam"),
]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    if os.environ.get("ACCSM_UPDATE_SCREENSHOTS") == "1":
        folder = Path(django_settings.BASE_DIR) / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path


@pytest.fixture
def asean():
    states = {code: MemberStateFactory(code=code, name=name, name_vi=name_vi) for code, name, name_vi in ASEAN}
    states["ASEC"] = MemberStateFactory(code="ASEC", name="ASEAN Secretariat", group=MemberState.Group.SECRETARIAT)
    return states


@pytest.fixture
def chairmanship(asean) -> Chairmanship:
    return ChairmanshipFactory(
        ordinal=21,
        chair=asean["VN"],
        chairing_agency="Ministry of Home Affairs",
        chairing_agency_vi="Bộ Nội vụ",
        theme="Civil service modernization towards a cohesive and responsive ASEAN Community",
        theme_vi="Hiện đại hóa nền công vụ hướng đến một Cộng đồng ASEAN gắn kết và chủ động thích ứng",
        term_start=dt.date(2021, 1, 1),
        term_end=dt.date(2031, 12, 31),
    )


def sign_in_with_the_form(page, username, password):
    page.goto("/en/accounts/login/?next=/en/secretariat/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/secretariat/")


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment, timezone.get_fixed_timezone(7 * 60)).strftime("%Y-%m-%dT%H:%M")


def download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    return Path(info.value.path()).read_bytes()


def test_secretariat_runs_a_meeting_from_sign_in_to_the_lists(page, live_server, asean, chairmanship, screenshots):
    SecretariatUserFactory(username="mai", first_name="Mai", last_name="Nguyen")
    start = (timezone.now() + dt.timedelta(days=12)).replace(hour=2, minute=0, second=0, microsecond=0)

    # Sign in through the form, then create a meeting with times typed in Hanoi time.
    sign_in_with_the_form(page, "mai", "correct-horse-battery")
    page.get_by_role("link", name="New meeting").first.click()
    page.get_by_label("Kind").select_option("som")
    page.get_by_label("Title (English)").fill("Senior Officials Meeting of ACCSM 21")
    page.get_by_label("Title (Vietnamese)").fill("Hội nghị quan chức cấp cao (SOM) ACCSM 21")
    page.get_by_label("Time zone").select_option("Asia/Ho_Chi_Minh")
    page.get_by_label("Start").fill(local(start))
    page.get_by_label("End").fill(local(start + dt.timedelta(hours=8)))
    page.get_by_label("City (English)").fill("Hanoi")
    page.get_by_label("City (Vietnamese)").fill("Hà Nội")
    page.get_by_label("Venue (English)").fill("National Convention Center")
    page.get_by_label("Registration deadline").fill(local(start - dt.timedelta(days=5)))
    page.get_by_role("button", name="Save as draft").click()

    meeting = Meeting.objects.get()
    assert (meeting.start, meeting.status) == (start, "draft")
    assert page.locator("h1").inner_text().startswith("Senior Officials Meeting of ACCSM 21")

    # Add three agenda items and move the last one up: no page load in between.
    page.evaluate("window.__samePage = true")
    for title in ("Adoption of the agenda", "Report on the Work Plan 2021–2025", "Date and venue of the next SOM"):
        page.get_by_label("Title (English)").fill(title)
        page.get_by_role("button", name="Add item").click()
        page.locator("ol.agenda-editor li", has_text=title).wait_for()
    page.get_by_role("button", name="Move “Date and venue of the next SOM” up").click()
    page.get_by_text("Order saved.").wait_for()
    assert page.evaluate("window.__samePage") is True
    assert page.locator("ol.agenda-editor li strong").all_inner_texts() == [
        "Adoption of the agenda",
        "Date and venue of the next SOM",
        "Report on the Work Plan 2021–2025",
    ]
    assert list(meeting.agenda_items.values_list("title", flat=True)) == [
        "Adoption of the agenda",
        "Date and venue of the next SOM",
        "Report on the Work Plan 2021–2025",
    ]

    # Record an outcome in place.
    item = page.locator("ol.agenda-editor li", has_text="Adoption of the agenda")
    item.get_by_role("link", name="Edit").click()
    page.get_by_label("Outcome or decision (English)").fill("The agenda was adopted.")
    page.get_by_role("button", name="Save item").click()
    page.locator("ol.agenda-editor .outcome", has_text="The agenda was adopted.").wait_for()
    assert page.evaluate("window.__samePage") is True

    # Publish: it tells everyone, so the portal asks first; "Cancel" leaves the draft, "OK" publishes.
    questions = []

    def answer(dialog, yes):
        questions.append(dialog.message)
        dialog.accept() if yes else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Publish").click()
    page.wait_for_timeout(300)
    assert page.locator("h1 .badge").inner_text() == "Draft"
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Publish").click()
    page.locator("h1 .badge", has_text="Published").wait_for()
    assert len(questions) == 2 and questions[0].startswith("Publish this meeting? Everyone then sees it")

    # Two countries register (as their focal points would); the secretariat confirms one participant.
    vn = DelegationFactory(meeting=meeting, member_state=asean["VN"])
    th = DelegationFactory(meeting=meeting, member_state=asean["TH"])
    ParticipantFactory(delegation=vn, full_name="Trần Văn Bình", position="Vụ trưởng Vụ Hợp tác quốc tế")
    ParticipantFactory(delegation=vn, full_name="Nguyễn Duy Thăng", role="head", position="Thứ trưởng Bộ Nội vụ")
    ParticipantFactory(delegation=th, full_name="Somchai Jaidee", role="head", position="Secretary-General, OCSC")
    page.get_by_role("link", name="Registrations").click()
    page.get_by_role("button", name="Confirm Nguyễn Duy Thăng").click()
    page.locator("tr", has_text="Nguyễn Duy Thăng").locator(".badge", has_text="Confirmed").wait_for()
    assert Participant.objects.get(full_name="Nguyễn Duy Thăng").status == "confirmed"

    # The lists, read back.
    rows = list(csv.reader(io.StringIO(download(page, "CSV").decode("utf-8-sig"))))
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Thailand", "Somchai Jaidee"),
        ("Viet Nam", "Nguyễn Duy Thăng"),
        ("Viet Nam", "Trần Văn Bình"),
    ]
    sheet = load_workbook(io.BytesIO(download(page, "Excel"))).active
    assert [row[3] for row in sheet.iter_rows(min_row=3, values_only=True)] == [
        "Somchai Jaidee",
        "Nguyễn Duy Thăng",
        "Trần Văn Bình",
    ]
    pdf = PdfReader(io.BytesIO(download(page, "List of participants (PDF)")))
    text = pdf.pages[0].extract_text()
    assert text.index("Thailand") < text.index("Nguyễn Duy Thăng") < text.index("Trần Văn Bình")
    badges = PdfReader(io.BytesIO(download(page, "Name badges (PDF)"))).pages[0].extract_text()
    # Badges are for confirmed participants (venue.services.ensure_badge_allowed): one so far.
    assert [badges.count(name) for name in ("Somchai Jaidee", "Nguyễn Duy Thăng", "Trần Văn Bình")] == [0, 1, 0]

    # Screenshots for the README: the meeting page, and the dashboard with a little more going on.
    page.get_by_role("link", name="Overview").click()
    page.screenshot(path=str(screenshots / "meeting.png"), full_page=True)
    for days, title, kind in (
        (4, "Focal points meeting", "focal_points"),
        (30, "Heads of Civil Service meeting", "hcs"),
    ):
        other = MeetingFactory(
            chairmanship=chairmanship,
            kind=kind,
            title=title,
            start=start + dt.timedelta(days=days - 12),
            registration_deadline=start + dt.timedelta(days=days - 14, hours=8),
        )
        ParticipantFactory(delegation__meeting=other, delegation__member_state=asean["KH"], status="confirmed")
    page.locator("summary", has_text="Schedule").first.click()  # the secretariat's schedule menu
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", name="Open registrations").wait_for()
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)


def test_secretariat_confirms_from_the_list_of_those_to_confirm(page, sign_in, asean, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship, title="SOM 21", delegates_allowed=5)
    vn = DelegationFactory(meeting=meeting, member_state=asean["VN"])
    th = DelegationFactory(meeting=meeting, member_state=asean["TH"])
    ParticipantFactory(delegation=vn, full_name="Nguyễn Duy Thăng", role="head", status="confirmed")
    ParticipantFactory(delegation=vn, full_name="Trần Văn Bình")
    ParticipantFactory(delegation=th, full_name="Somchai Jaidee", role="head")
    names = page.locator('tr.participant td[data-label="Name"]')

    sign_in(SecretariatUserFactory())
    page.goto(f"/en/secretariat/meetings/{meeting.pk}/registrations/")
    page.get_by_label("Status").select_option(label="To confirm")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**status=registered**")
    assert names.all_inner_texts() == ["Ms. Somchai Jaidee", "Ms. Trần Văn Bình"]

    page.get_by_role("button", name="Confirm Trần Văn Bình").click()
    page.get_by_text("Trần Văn Bình: Confirmed.").wait_for()

    # Back on the same filtered list, at Viet Nam's delegation, which has nobody left to confirm.
    assert "status=registered" in page.url and page.url.endswith("#delegation-VN")
    assert page.get_by_label("Status").input_value() == "registered"
    assert names.all_inner_texts() == ["Ms. Somchai Jaidee"]
    assert Participant.objects.get(full_name="Trần Văn Bình").status == "confirmed"


def test_cancelling_tells_everyone_registered(page, sign_in, settings, asean, chairmanship):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    meeting = MeetingFactory(
        chairmanship=chairmanship, title="Forum on Good Governance", title_vi="Diễn đàn Quản trị tốt"
    )
    AgendaItemFactory(meeting=meeting, title="Opening")
    ParticipantFactory(
        delegation__meeting=meeting, delegation__member_state=asean["VN"], email="binh@moha.gov.vn", language="vi"
    )
    ParticipantFactory(delegation__meeting=meeting, delegation__member_state=asean["TH"], email="somchai@ocsc.go.th")
    FocalPointFactory(member_state=asean["TH"], user__email="fp@ocsc.go.th")

    staff = SecretariatUserFactory()
    sign_in(staff)
    page.goto(f"/en/secretariat/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Cancel meeting").click()
    page.get_by_role("button", name="Cancel the meeting").click()
    page.get_by_text("This field is required.").wait_for()  # no reason, nothing cancelled
    page.get_by_label("Reason for cancellation").fill("Typhoon Yagi closes the airports.")
    page.get_by_role("button", name="Cancel the meeting").click()
    page.locator("h1 .badge", has_text="Cancelled").wait_for()

    # Issue 19: everyone concerned — the participants, the invited countries' focal points, the secretariat.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["binh@moha.gov.vn", "fp@ocsc.go.th", "somchai@ocsc.go.th", staff.email]
    )
    vietnamese = next(message for message in mail.outbox if message.to == ["binh@moha.gov.vn"])
    assert vietnamese.subject == "Đã hủy: Diễn đàn Quản trị tốt"
    assert "Typhoon Yagi closes the airports." in vietnamese.body
    page.goto(f"/en/meetings/{meeting.pk}/")
    assert "Typhoon Yagi closes the airports." in page.locator("main").inner_text()
