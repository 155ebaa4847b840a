"""Issue 22 item 10: the small things a careful user notices, each checked as that user would."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    DelegationFactory,
    DocumentFactory,
    InitiativeFactory,
    MeetingFactory,
    ParticipantFactory,
    PriorityAreaFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def staff(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def secretary_of_state(viet_nam):
    return ParticipantFactory(
        delegation=DelegationFactory(member_state=viet_nam),
        full_name="Prak Sokhonn",
        position="Secretary of State, Ministry of Civil Service",
        organisation="Ministry of Civil Service",
        role="head",
    )


def test_the_participants_pdf_and_the_letter_name_the_organisation_once(staff, secretary_of_state):
    from registrations.letters import render_invitation_letter

    meeting = secretary_of_state.delegation.meeting
    listing = pdf_text(staff.get(reverse("secretariat:export_pdf", args=[meeting.pk])).content)
    assert "Secretary of State, Ministry of Civil Service" in listing
    assert "Ministry of Civil Service, Ministry of Civil Service" not in listing

    letter = pdf_text(render_invitation_letter(secretary_of_state, language="en"))
    assert letter.count("Ministry of Civil Service") == 2  # the address and the text, each once
    assert ", ," not in letter


def test_the_delegation_pages_name_the_organisation_once(client, staff, secretary_of_state, focal_point_vn):
    meeting = secretary_of_state.delegation.meeting
    workspace = staff.get(reverse("secretariat:registrations", args=[meeting.pk])).content.decode()
    assert "Secretary of State, Ministry of Civil Service</td>" in workspace
    client.force_login(focal_point_vn)
    delegation = client.get(reverse("my:delegation", args=[meeting.pk])).content.decode()
    assert "<div>Secretary of State, Ministry of Civil Service</div>" in delegation
    assert "Ministry of Civil Service, Ministry of Civil Service" not in delegation


def test_a_position_without_the_organisation_keeps_both():
    from meetings.models import Participant

    person = Participant(position="Director", organisation="Civil Service Commission")
    assert person.position_and_organisation == "Director, Civil Service Commission"
    assert Participant(position="", organisation="Civil Service Commission").position_and_organisation == (
        "Civil Service Commission"
    )


def test_a_same_day_meeting_shows_its_date_once_in_vietnamese(client, focal_point_vn, viet_nam):
    start = dt.datetime(2031, 3, 4, 2, 0, tzinfo=dt.UTC)  # 09:00 in Ha Noi
    meeting = MeetingFactory(start=start, end=start + dt.timedelta(hours=8))
    DelegationFactory(meeting=meeting, member_state=viet_nam)
    client.force_login(focal_point_vn)

    page = client.get(f"/vi/my/meetings/{meeting.pk}/").content.decode()

    assert "4 tháng 3, 2031, 09:00 – 17:00" in page
    assert page.count("4 tháng 3, 2031") == 1


def test_the_first_agenda_item_cannot_go_up_nor_the_last_down(staff):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    for order, title in enumerate(["Opening", "Report", "Closing"], start=1):
        AgendaItemFactory(meeting=meeting, order=order, title=title)

    page = staff.get(reverse("secretariat:meeting", args=[meeting.pk])).content.decode()

    buttons = re.findall(r'<button[^>]*data-move="(up|down)"([^>]*)>', page)
    disabled = [(direction, "disabled" in rest) for direction, rest in buttons]
    assert disabled == [
        ("up", True), ("down", False), ("up", False), ("down", False), ("up", False), ("down", True)
    ]  # fmt: skip


def test_the_meeting_workspace_shows_no_revision_counter_and_lists_its_documents(staff):
    meeting = MeetingFactory(sequence=6)
    DocumentFactory(meeting=meeting, title="Draft agenda of the SOM", status="draft", visibility="secretariat")

    page = staff.get(reverse("secretariat:meeting", args=[meeting.pk])).content.decode()

    assert "Revision" not in page
    assert "Draft agenda of the SOM" in page
    assert f'href="/en/documents/upload/?meeting={meeting.pk}"' in page  # "Add a document", on the workspace


@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        ("52nd SOM of the ASEAN Conference on Civil Service Matters", "en", "53rd SOM of the ASEAN Conference on Civil Service Matters"),
        ("ACCSM 21st meeting", "en", "ACCSM 22nd meeting"),
        ("The 11th SOM", "en", "The 12th SOM"),
        ("Cuộc họp SOM lần thứ 52", "vi", "Cuộc họp SOM lần thứ 53"),
        ("Workshop on digital government", "en", "Workshop on digital government (copy)"),
        ("Hội thảo về chính phủ số", "vi", "Hội thảo về chính phủ số (bản sao)"),
    ],
)  # fmt: skip
def test_a_copy_starts_with_the_next_title_in_the_series(title, language, expected):
    from meetings.services.schedule import next_title

    assert next_title(title, language) == expected


def test_duplicate_offers_the_next_title_and_keeps_the_one_typed(staff):
    meeting = MeetingFactory(title="52nd SOM", title_vi="Cuộc họp SOM lần thứ 52")
    url = reverse("secretariat:meeting_duplicate", args=[meeting.pk])

    form = staff.get(url).context["form"]
    assert (form["title_en"].value(), form["title_vi"].value()) == ("53rd SOM", "Cuộc họp SOM lần thứ 53")

    staff.post(url, {"start": "2031-08-05T09:00", "chairmanship": meeting.chairmanship_id, "title_en": "SOM-53"})
    staff.post(url, {"start": "2032-08-05T09:00", "chairmanship": meeting.chairmanship_id})
    copies = Meeting.objects.exclude(pk=meeting.pk).order_by("start")
    assert [(m.title_en, m.title_vi) for m in copies] == [
        ("SOM-53", "Cuộc họp SOM lần thứ 53"),
        ("53rd SOM", "Cuộc họp SOM lần thứ 53"),
    ]


def test_the_participants_xlsx_writes_arrival_and_departure_as_dates(staff, viet_nam):
    meeting = MeetingFactory(time_zone="Asia/Ho_Chi_Minh")
    ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam),
        arrival=dt.datetime(2031, 3, 3, 7, 30, tzinfo=dt.UTC),
        departure=dt.datetime(2031, 3, 5, 1, 0, tzinfo=dt.UTC),
    )

    response = staff.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[2]]
    arrival = sheet.cell(row=3, column=header.index("Arrival") + 1)
    departure = sheet.cell(row=3, column=header.index("Departure") + 1)
    assert arrival.value == dt.datetime(2031, 3, 3, 14, 30)  # venue time, a date Excel sorts
    assert departure.value == dt.datetime(2031, 3, 5, 8, 0)
    assert arrival.number_format == "yyyy-mm-dd hh:mm"


def test_the_import_template_offers_lists_for_role_and_language(client, focal_point_vn):
    from openpyxl.utils import get_column_letter

    from registrations.services.registration import PARTICIPANT_FIELDS

    client.force_login(focal_point_vn)
    response = client.get("/vi/my/participants-template.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    role, language = (get_column_letter(PARTICIPANT_FIELDS.index(name) + 1) for name in ("role", "language"))
    assert "Trưởng đoàn" in lists[f"{role}2:{role}1001"]  # the labels of the sheet's language
    assert lists[f"{language}2:{language}1001"].count(",") == 1  # the portal's two languages


def test_redoc_comes_without_its_vendors_cdn(client):
    page = client.get("/api/v1/schema/redoc/").content.decode()
    bundle_url = re.search(r'<script src="([^"]+)"', page).group(1)
    bundle = client.get(bundle_url).content.decode()
    assert "cdn.redoc.ly" not in bundle
    assert "/static/img/api-docs.svg" in bundle
    assert "<redoc" in page


def test_the_upload_form_marks_each_agenda_item_with_its_meeting_and_each_initiative_with_its_plan(staff):
    som, hcs = MeetingFactory(title="SOM 23"), MeetingFactory(title="HCS 23")
    opening = AgendaItemFactory(meeting=som, title="Opening", order=1)
    AgendaItemFactory(meeting=hcs, title="Report", order=1)
    old, new = WorkPlanFactory(title="Work Plan 2021–2025"), WorkPlanFactory(title="Work Plan 2026–2030")
    new.period_start, new.period_end = dt.date(2026, 1, 1), dt.date(2030, 12, 31)
    new.save()
    for plan in (old, new):
        InitiativeFactory(priority_area=PriorityAreaFactory(work_plan=plan), title="PSTI network")

    page = staff.get(f"/en/documents/upload/?meeting={som.pk}").content.decode()

    assert re.search(rf'<option value="{opening.pk}" data-meeting="{som.pk}"', page)
    assert ">PSTI network (Work Plan 2026–2030)</option>" in page
    assert ">PSTI network (Work Plan 2021–2025)</option>" in page


def test_moments_outside_a_meeting_say_their_zone(staff, secretariat_user):
    from django.template import Context, Template
    from django.utils import timezone

    from documents.models import DocumentStatusChange

    shown = Template("{% load moments %}{% moment when %}").render(
        Context({"when": dt.datetime(2026, 12, 4, 19, 50, tzinfo=dt.UTC)})
    )
    assert '<time datetime="2026-12-04T19:50:00+00:00" data-venue-zone="UTC">4 December 2026, 19:50</time>' in shown
    assert "(UTC, UTC+00:00)" in shown
    document = DocumentFactory()
    DocumentStatusChange.objects.create(
        document=document, new_status="circulated", changed_at=timezone.now(), changed_by=secretariat_user
    )
    page = staff.get(reverse("documents:detail", args=[document.pk])).content.decode()
    history = page.split("Status history")[1]
    assert re.search(r"<time datetime=\"[^\"]+\" data-venue-zone=\"UTC\">[^<]+, \d\d:\d\d</time>", history)
    assert "(UTC, UTC+00:00)" in history


def test_declining_a_registration_asks_first(staff, viet_nam):
    meeting = MeetingFactory()
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), full_name="Lê Văn Tám")

    page = staff.get(reverse("secretariat:registrations", args=[meeting.pk])).content.decode()

    # static/js/nav.js asks the question before the form is sent (the publish button's is tested in a browser)
    assert 'data-confirm="Decline Lê Văn Tám? Their country\'s focal points see the registration declined."' in page


def test_the_secretariats_meeting_list_sorts_by_a_column_and_keeps_the_filters(staff):
    from django.utils import timezone

    soon, later = timezone.now() + dt.timedelta(days=3), timezone.now() + dt.timedelta(days=60)
    MeetingFactory(title="Beta SOM", start=later, end=later + dt.timedelta(hours=2))
    MeetingFactory(title="Alpha SOM", start=soon, end=soon + dt.timedelta(hours=2))
    busy = MeetingFactory(title="Gamma SOM", start=later, end=later + dt.timedelta(hours=3))
    ParticipantFactory.create_batch(2, delegation=DelegationFactory(meeting=busy))
    url = reverse("secretariat:meetings")

    def order(query):
        return [m.title for m in staff.get(f"{url}?{query}").context["page"].object_list]

    assert order("sort=title") == ["Alpha SOM", "Beta SOM", "Gamma SOM"]
    assert order("sort=-title") == ["Gamma SOM", "Beta SOM", "Alpha SOM"]
    assert order("sort=-participants")[0] == "Gamma SOM"
    assert order("sort=when")[0] == "Alpha SOM"
    assert len(order("sort=nonsense")) == 3  # an unknown column: the usual order, no error
    page = staff.get(f"{url}?q=SOM&sort=title").content.decode()
    assert '<th scope="col" aria-sort="ascending"><a class="sort-link" href="?q=SOM&amp;sort=-title">' in page
    assert 'href="?q=SOM&amp;sort=participants"' in page


def test_the_secretariat_confirms_or_declines_several_at_once_and_a_decline_says_why(staff, viet_nam, thailand):
    from auditlog.models import LogEntry

    from meetings.models import Participant

    meeting = MeetingFactory()
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam)
    first, second = ParticipantFactory(delegation=vn), ParticipantFactory(delegation=vn)
    third = ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=thailand))
    elsewhere = ParticipantFactory()  # another meeting's participant cannot be named here
    url = reverse("secretariat:participants_bulk_status", args=[meeting.pk])
    page = staff.get(reverse("secretariat:registrations", args=[meeting.pk])).content.decode()
    assert f'form="bulk-form" name="participants" value="{first.pk}"' in page

    staff.post(url, {"status": "confirmed", "participants": [first.pk, third.pk]})
    refused = staff.post(url, {"status": "declined", "participants": [second.pk]}, follow=True)
    assert "Say why they are declined" in refused.content.decode()
    staff.post(url, {"status": "declined", "participants": [second.pk, elsewhere.pk], "reason": "Late nomination"})
    staff.post(url, {"status": "declined", "participants": [second.pk], "reason": "Late nomination"})

    statuses = dict(Participant.objects.values_list("pk", "status"))
    assert (statuses[first.pk], statuses[third.pk], statuses[second.pk]) == ("confirmed", "confirmed", "declined")
    assert statuses[elsewhere.pk] == "registered"
    entry = LogEntry.objects.get_for_object(Participant.objects.get(pk=second.pk)).order_by("-pk").first()
    assert entry.additional_data.get("reason") == "Late nomination"
