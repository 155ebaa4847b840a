"""The focal points' pages under /<lang>/my/: what a focal point sees and does on them."""

import datetime as dt
import io
import zipfile

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from meetings.models import Meeting, Participant
from registrations.services import registration as services
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory
from tests.registrations.test_registration import minimal_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(
        title="SOM 23",
        start=dt.datetime(2030, 8, 5, 1, 30, tzinfo=dt.UTC),  # 08:30 in Hà Nội
        end=dt.datetime(2030, 8, 5, 10, 0, tzinfo=dt.UTC),
        registration_deadline=dt.datetime(2030, 7, 20, 10, 0, tzinfo=dt.UTC),
        delegates_allowed=3,
    )


@pytest.fixture
def fp(client, focal_point_vn):
    client.force_login(focal_point_vn)
    return client


def form_data(**extra):
    return {"full_name": "Nguyễn Thị Lan", "role": "delegate", "language": "vi", "email": "lan@moha.gov.vn", **extra}


# --- My meetings ------------------------------------------------------------------------------------------


def test_my_meetings_lists_only_meetings_the_country_is_invited_to(fp, meeting):
    MeetingFactory(title="HCS+3 only for the Plus Three", invites_asean=False, invites_plus_three=True)
    MeetingFactory(title="A draft", status=Meeting.Status.DRAFT)
    response = fp.get(reverse("my:meetings"))
    assert [m.title for m in response.context["upcoming"]] == ["SOM 23"]


def test_my_meetings_shows_deadline_in_the_venue_time_zone_and_the_delegation_state(fp, meeting, viet_nam):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory.create_batch(2, delegation=delegation)
    ParticipantFactory(delegation=delegation, status=Participant.Status.WAITLISTED)
    page = fp.get(reverse("my:meetings")).content.decode()
    assert "20/07/2030 17:00 (UTC+07:00)" in page  # 10:00 UTC is 17:00 in Hà Nội
    assert "2 registered, 1 on the waiting list" in page


def test_my_meetings_does_not_show_another_countrys_delegation(fp, meeting, thailand):
    ParticipantFactory.create_batch(3, delegation=DelegationFactory(meeting=meeting, member_state=thailand))
    assert "Nobody registered yet" in fp.get(reverse("my:meetings")).content.decode()


def test_my_meetings_queries_do_not_grow_with_meetings(fp, viet_nam, count_queries):
    def add_meeting():
        delegation = DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam)
        ParticipantFactory(delegation=delegation)

    add_meeting()
    one = count_queries(reverse("my:meetings"))
    for _ in range(6):
        add_meeting()
    assert count_queries(reverse("my:meetings")) == one


def test_people_who_are_not_focal_points_cannot_open_my_pages(client, secretariat_user):
    assert client.get(reverse("my:meetings")).status_code == 302  # to sign in
    client.force_login(secretariat_user)
    assert client.get(reverse("my:meetings")).status_code == 403


# --- The delegation page ---------------------------------------------------------------------------------


def test_delegation_page_lists_participants_head_first(fp, meeting, viet_nam):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory(delegation=delegation, full_name="Delegate One")
    ParticipantFactory(delegation=delegation, full_name="The Head", role=Participant.Role.HEAD)
    ParticipantFactory(delegation=delegation, full_name="Gone", status=Participant.Status.CANCELLED)
    response = fp.get(reverse("my:delegation", args=[meeting.pk]))
    assert [p.full_name for p in response.context["participants"]] == ["The Head", "Delegate One", "Gone"]
    assert "2 of 3 used" in response.content.decode()


def test_delegation_page_queries_do_not_grow_with_participants_or_history(
    fp, focal_point_vn, meeting, viet_nam, count_queries
):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    url = reverse("my:delegation", args=[meeting.pk])
    services.participant_register(actor=focal_point_vn, delegation=delegation, data=form_data())
    one = count_queries(url)
    for n in range(2):
        participant = services.participant_register(
            actor=focal_point_vn, delegation=delegation, data=form_data(full_name=f"P {n}", email=f"p{n}@x.org")
        )
        services.participant_update(actor=focal_point_vn, participant=participant, data={"position": "Adviser"})
    assert count_queries(url) == one


def test_after_the_deadline_the_page_offers_no_changes(fp, viet_nam):
    meeting = MeetingFactory(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=viet_nam))
    page = fp.get(reverse("my:delegation", args=[meeting.pk])).content.decode()
    assert "Registration is closed" in page
    assert "Add a participant" not in page and "/edit/" not in page


# --- Add, edit, withdraw ---------------------------------------------------------------------------------


def test_focal_point_adds_a_participant_with_arrival_in_venue_time(fp, meeting):
    response = fp.post(
        reverse("my:participant_add", args=[meeting.pk]), form_data(arrival="2030-08-04T14:30", role="head")
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (participant.arrival, participant.role, participant.delegation.member_state.code) == (
        dt.datetime(2030, 8, 4, 7, 30, tzinfo=dt.UTC),
        "head",
        "VN",
    )


def test_edit_form_shows_times_in_the_venue_time_zone(fp, meeting, viet_nam):
    participant = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam),
        arrival=dt.datetime(2030, 8, 4, 7, 30, tzinfo=dt.UTC),
    )
    page = fp.get(reverse("my:participant_edit", args=[participant.pk])).content.decode()
    assert 'value="2030-08-04T14:30"' in page


def test_a_second_head_is_shown_beside_the_role_and_the_input_is_kept(fp, meeting, viet_nam):
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), role="head")
    response = fp.post(reverse("my:participant_add", args=[meeting.pk]), form_data(role="head", phone="+84 912"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"role": ["This delegation already has a head of delegation."]}
    assert 'value="+84 912"' in response.content.decode()


def test_invalid_email_and_dates_outside_the_meeting_are_shown_beside_their_fields(fp, meeting):
    response = fp.post(reverse("my:participant_add", args=[meeting.pk]), form_data(email="lan@"))
    assert list(response.context["form"].errors) == ["email"]
    response = fp.post(reverse("my:participant_add", args=[meeting.pk]), form_data(departure="2031-08-04T14:30"))
    assert list(response.context["form"].errors) == ["departure"]
    assert Participant.objects.count() == 0


def test_a_full_delegation_offers_the_waiting_list(fp, meeting, viet_nam):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory.create_batch(3, delegation=delegation)
    response = fp.post(reverse("my:participant_add", args=[meeting.pk]), form_data())
    assert "waiting list" in response.context["form"].non_field_errors()[0]
    response = fp.post(reverse("my:participant_add", args=[meeting.pk]), form_data(waitlist="on"))
    assert response.status_code == 302
    assert delegation.participants.get(full_name="Nguyễn Thị Lan").status == Participant.Status.WAITLISTED


def test_withdraw_asks_first_then_withdraws(fp, meeting, viet_nam):
    participant = ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=viet_nam))
    url = reverse("my:participant_withdraw", args=[participant.pk])
    assert fp.get(url).status_code == 200
    participant.refresh_from_db()
    assert participant.status == Participant.Status.REGISTERED
    assert fp.post(url).status_code == 302
    participant.refresh_from_db()
    assert participant.status == Participant.Status.CANCELLED


# --- Import --------------------------------------------------------------------------------------------------


def csv_upload(text: str, name="participants.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("participants.xlsx", buffer.getvalue())


def test_templates_download_with_the_header_row(fp):
    csv_text = fp.get(reverse("my:import_template", args=["csv"])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Full name,Honorific,Position,Organisation,Email")
    workbook = load_workbook(io.BytesIO(fp.get(reverse("my:import_template", args=["xlsx"])).content))
    assert [c.value for c in workbook.worksheets[0][1]][:2] == ["Full name", "Honorific"]
    assert workbook.sheetnames == ["Participants", "Instructions"]


def test_import_of_a_good_xlsx_registers_everyone(fp, meeting):
    upload = xlsx_upload(
        [
            ["Full name", "Role", "Email", "Arrival"],
            ["Trần Văn Minh", "Head of delegation", "minh@moha.gov.vn", dt.datetime(2030, 8, 4, 14, 30)],
            ["Lê Thị Hoa", "delegate", "hoa@moha.gov.vn", None],
        ]
    )
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": upload})
    assert response.status_code == 302
    people = list(Participant.objects.order_by("pk").values_list("full_name", "role", "arrival"))
    assert people == [
        ("Trần Văn Minh", "head", dt.datetime(2030, 8, 4, 7, 30, tzinfo=dt.UTC)),
        ("Lê Thị Hoa", "delegate", None),
    ]


def test_import_with_bad_rows_saves_nothing_and_reports_each(fp, meeting):
    text = (
        "Full name,Email,Role,Arrival\n"
        "Trần Văn Minh,minh@moha.gov.vn,head,2030-08-04 14:30\n"
        "Lê Thị Hoa,not-an-email,delegate,\n"
        ",nobody@moha.gov.vn,delegate,\n"
        "Phạm Văn Đức,duc@moha.gov.vn,chief,04/08/2030\n"
    )
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": csv_upload(text)})
    assert response.status_code == 422
    assert response.context["report"] == [
        (3, "Email", "Enter a valid email address."),
        (4, "Full name", "This field is required."),
        (
            5,
            "Role",
            "Unknown role “chief”; use one of: Head of delegation, Alternate, Delegate, Adviser, Observer, Speaker.",
        ),
        (5, "Arrival", "Write the date and time as 2024-08-04 14:30."),
    ]
    assert Participant.objects.count() == 0


def test_import_reports_a_departure_before_the_arrival_with_the_rows_other_problems(fp, meeting):
    text = "Full name,Email,Arrival,Departure\nTrần Văn Minh,not-an-email,2030-08-04 14:30,2030-08-04 09:00\n"
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": csv_upload(text)})
    assert response.context["report"] == [
        (2, "", "Departure cannot be before arrival."),
        (2, "Email", "Enter a valid email address."),
    ]


def test_import_of_a_file_that_is_not_csv_or_xlsx_is_refused(fp, meeting):
    upload = SimpleUploadedFile("participants.pdf", minimal_pdf())
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": upload})
    assert response.context["form"].errors == {"file": ["Upload a CSV or XLSX file, such as the template."]}


def test_import_of_a_broken_xlsx_is_refused(fp, meeting):
    upload = SimpleUploadedFile("participants.xlsx", b"PK\x03\x04 not really a workbook")
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": upload})
    assert "cannot be read" in response.context["form"].errors["file"][0]


def test_import_of_ten_thousand_rows_is_refused_with_a_clear_message(fp, meeting):
    text = "Full name,Email\n" + "".join(f"Person {n},p{n}@example.org\n" for n in range(10_000))
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": csv_upload(text)})
    assert response.context["form"].errors == {
        "file": ["The file has more than 1000 rows with data; nothing was imported."]
    }
    assert Participant.objects.count() == 0


def delegation_list(count, **replaced):
    """A header and `count` people, the first of them head of delegation; `replaced`: {row number: row}."""
    rows = [["Full name", "Email", "Role", "Arrival"]]
    for n in range(1, count + 1):
        rows.append(
            [f"Nguyễn Văn Thử {n}", f"thu{n}@moha.gov.vn", "head" if n == 1 else "delegate", "2030-08-04 14:30"]
        )
    for number, row in replaced.items():
        rows[int(number.removeprefix("row")) - 1] = row
    return rows


def test_import_of_a_thousand_rows_registers_everyone_with_their_audit_entries(fp, meeting, viet_nam):
    meeting.delegates_allowed = 1000
    meeting.save()
    response = fp.post(
        reverse("my:participants_import", args=[meeting.pk]), {"file": xlsx_upload(delegation_list(1000))}
    )
    assert response.status_code == 302
    people = Participant.objects.order_by("pk")
    assert people.count() == 1000
    assert (people.first().full_name, people.first().role, people.last().full_name) == (
        "Nguyễn Văn Thử 1",
        "head",
        "Nguyễn Văn Thử 1000",
    )
    entries = LogEntry.objects.get_for_model(Participant).select_related("actor").order_by("pk")
    assert [int(entry.object_pk) for entry in entries] == list(people.values_list("pk", flat=True))
    assert {(entry.actor.username, entry.additional_data["member_state"]) for entry in entries} == {
        ("fp-vn", viet_nam.pk)
    }


def test_import_of_a_thousand_and_one_rows_is_refused(fp, meeting):
    meeting.delegates_allowed = 2000
    meeting.save()
    response = fp.post(
        reverse("my:participants_import", args=[meeting.pk]), {"file": xlsx_upload(delegation_list(1001))}
    )
    assert response.context["form"].errors == {
        "file": ["The file has more than 1000 rows with data; nothing was imported."]
    }
    assert Participant.objects.count() == 0


def test_import_with_a_problem_on_row_700_imports_nothing_and_names_row_700(fp, meeting):
    meeting.delegates_allowed = 1000
    meeting.save()
    repeated = ["Someone Else", "thu5@moha.gov.vn", "delegate", ""]  # the address of row 6
    response = fp.post(
        reverse("my:participants_import", args=[meeting.pk]),
        {"file": xlsx_upload(delegation_list(1000, row700=repeated))},
    )
    assert response.status_code == 422
    assert response.context["report"] == [(700, "Email", "This person is already registered in this delegation.")]
    assert Participant.objects.count() == 0


def test_import_with_unknown_columns_names_them(fp, meeting):
    response = fp.post(
        reverse("my:participants_import", args=[meeting.pk]), {"file": csv_upload("Full name,Passport\nA,B\n")}
    )
    assert response.context["form"].errors == {"file": ["Unknown columns: Passport. Use the template's header row."]}


def test_import_reads_vietnamese_headers_and_semicolons(fp, meeting):
    text = "Họ và tên;Thư điện tử;Vai trò\nTrần Văn Minh;minh@moha.gov.vn;Trưởng đoàn\n"
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": csv_upload(text)})
    assert response.status_code == 302
    assert Participant.objects.get().role == "head"


# --- Copy and Note Verbale -----------------------------------------------------------------------------------


def test_copy_from_an_earlier_meeting(fp, meeting, viet_nam):
    earlier = DelegationFactory(member_state=viet_nam, meeting=MeetingFactory(title="SOM 22"))
    people = ParticipantFactory.create_batch(2, delegation=earlier)
    url = reverse("my:participants_copy", args=[meeting.pk])
    assert [d.pk for d in fp.get(url).context["sources"]] == [earlier.pk]
    response = fp.post(f"{url}?from={earlier.pk}", {"participants": [people[0].pk]})
    assert response.status_code == 302
    assert list(Participant.objects.filter(delegation__meeting=meeting).values_list("full_name", flat=True)) == [
        people[0].full_name
    ]


def test_nomination_letter_upload_and_download(fp, meeting):
    upload = SimpleUploadedFile("nv.pdf", minimal_pdf(), content_type="application/pdf")
    assert fp.post(reverse("my:nomination_letter", args=[meeting.pk]), {"nomination_letter": upload}).status_code == 302
    delegation = meeting.delegations.get()
    response = fp.get(reverse("registrations:nomination_letter", args=[delegation.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="note-verbale-vn-{meeting.pk}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_nomination_letter_that_is_not_a_pdf_is_refused_beside_the_field(fp, meeting):
    upload = SimpleUploadedFile("nv.pdf", b"<html>hello</html>", content_type="application/pdf")
    response = fp.post(reverse("my:nomination_letter", args=[meeting.pk]), {"nomination_letter": upload})
    assert response.context["form"].errors == {"nomination_letter": ["Attach the Note Verbale as a PDF file."]}


def test_the_secretariat_downloads_the_nomination_letter_too(client, secretariat_user, viet_nam):
    delegation = DelegationFactory(member_state=viet_nam)
    delegation.nomination_letter.save("nv.pdf", SimpleUploadedFile("nv.pdf", minimal_pdf()))
    client.force_login(secretariat_user)
    assert client.get(reverse("registrations:nomination_letter", args=[delegation.pk])).status_code == 200


def test_a_late_change_is_refused_with_a_clear_message_and_nothing_saved(fp, viet_nam):
    meeting = MeetingFactory(registration_deadline=timezone.now() - dt.timedelta(minutes=5))
    response = fp.post(reverse("my:participant_add", args=[meeting.pk]), form_data())
    assert response.context["form"].non_field_errors() == [
        "Registration for this meeting is closed; ask the secretariat to make changes."
    ]
    assert Participant.objects.count() == 0


def test_copy_sources_queries_do_not_grow(fp, meeting, viet_nam, count_queries):
    url = reverse("my:participants_copy", args=[meeting.pk])
    ParticipantFactory(delegation=DelegationFactory(member_state=viet_nam))
    one = count_queries(url)
    for _ in range(4):
        ParticipantFactory(delegation=DelegationFactory(member_state=viet_nam))
    assert count_queries(url) == one


def test_the_pages_read_in_vietnamese(fp, meeting, viet_nam):
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), role="head")
    page = fp.get(f"/vi/my/meetings/{meeting.pk}/").content.decode()
    assert "Đoàn Việt Nam" in page
    assert "Trưởng đoàn" in page
    assert "Đã dùng 1/3 suất" in page


def test_import_of_a_csv_with_an_unbalanced_quote_is_refused_with_the_row(fp, meeting):
    text = 'Full name,Email\nBình,binh@moha.gov.vn\n"Alice,alice@example.org\nBob,bob@example.org\n'
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": csv_upload(text)})
    assert response.context["form"].errors == {
        "file": [
            (
                'Row 3 has a quote (") that is not closed, or text right after a closing quote; '
                "correct the quotes in that row and try again."
            )
        ]
    }
    assert Participant.objects.count() == 0


def test_import_of_a_zip_bomb_is_refused_by_its_directory(fp, meeting):
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package,
        package.open("xl/worksheets/sheet1.xml", "w") as part,
    ):
        for _ in range(32):
            part.write(b" " * (1024 * 1024))
    upload = SimpleUploadedFile("participants.xlsx", buffer.getvalue())
    response = fp.post(reverse("my:participants_import", args=[meeting.pk]), {"file": upload})
    assert response.context["form"].errors == {
        "file": ["The file would unpack to 32.0\xa0MB; the limit is 16.0\xa0MB."]
    }
