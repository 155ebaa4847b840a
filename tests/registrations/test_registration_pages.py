"""Pages under /<lang>/registrations/: history, letters of invitation, waiting list, arrivals, letter template."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Delegation, InvitationLetterTemplate, Meeting, Participant
from registrations.services import registration as services
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    InvitationLetterTemplateFactory,
    MeetingFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def meeting():
    return MeetingFactory(
        title="HCS 23",
        title_vi="Hội nghị Người đứng đầu cơ quan công vụ lần thứ 23",
        start=dt.datetime(2030, 8, 7, 1, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 8, 7, 9, 0, tzinfo=dt.UTC),
        registration_deadline=dt.datetime(2030, 7, 20, tzinfo=dt.UTC),
        city="Hà Nội",
        venue="National Convention Center",
        delegates_allowed=2,
    )


# --- History ---------------------------------------------------------------------------------------------------


def test_history_shows_who_when_before_and_after(client, focal_point_vn, secretariat_user, viet_nam, meeting):
    delegation = services.delegation_for(actor=focal_point_vn, meeting=meeting)
    participant = services.participant_register(
        actor=focal_point_vn, delegation=delegation, data={"full_name": "Trần Văn Minh", "position": "Director"}
    )
    services.participant_update(actor=focal_point_vn, participant=participant, data={"position": "Deputy Minister"})
    services.participant_set_status(actor=secretariat_user, participant=participant, status="confirmed", reason="NV")
    client.force_login(focal_point_vn)
    history = client.get(reverse("registrations:delegation_history", args=[delegation.pk])).context["history"]
    assert [(e.subject, e.action, e.who) for e in history] == [
        ("Trần Văn Minh", "Changed", "Secretariat"),
        ("Trần Văn Minh", "Changed", str(focal_point_vn)),
        ("Trần Văn Minh", "Created", str(focal_point_vn)),
        ("Delegation", "Created", str(focal_point_vn)),
    ]
    assert [(c.label, c.before, c.after) for c in history[0].changes] == [("Status", "Registered", "Confirmed")]
    assert history[0].reason == "NV"
    assert [(c.label, c.before, c.after) for c in history[1].changes] == [("Position", "Director", "Deputy Minister")]


def test_history_times_are_in_the_venue_time_zone(client, focal_point_vn, viet_nam, meeting):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    participant = ParticipantFactory(delegation=delegation)
    services.participant_update(
        actor=focal_point_vn,
        participant=participant,
        data={"arrival": dt.datetime(2030, 8, 6, 3, 0, tzinfo=dt.UTC)},
    )
    client.force_login(focal_point_vn)
    history = client.get(reverse("my:delegation", args=[meeting.pk])).context["history"]
    assert [(c.label, c.before, c.after) for c in history[0].changes] == [("Arrival", "—", "06/08/2030 10:00")]


def test_history_never_names_another_countrys_people(client, focal_point_vn, viet_nam, thailand, meeting):
    """A Thai focal point who was moved to Viet Nam's delegation? No: anyone not a Vietnamese focal point or the
    secretariat is 'Someone else', and no address is shown."""
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    thai = FocalPointFactory(member_state=thailand, user__first_name="Somchai", user__last_name="Thai").user
    participant = ParticipantFactory(delegation=delegation, full_name="Lê Thị Hoa")
    from common.audit import audit_as

    with audit_as(thai):
        participant.position = "Adviser"
        participant.save()
    client.force_login(focal_point_vn)
    page = client.get(reverse("my:delegation", args=[meeting.pk])).content.decode()
    assert "Somchai" not in page
    assert "Someone else" in page
    assert "127.0.0.1" not in page


def test_secretariat_sees_staff_names_in_the_history(client, secretariat_user, viet_nam, meeting):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    participant = ParticipantFactory(delegation=delegation)
    services.participant_set_status(actor=secretariat_user, participant=participant, status="confirmed")
    client.force_login(secretariat_user)
    history = client.get(reverse("registrations:delegation_history", args=[delegation.pk])).context["history"]
    assert history[0].who == f"{secretariat_user} (Secretariat)"


def test_history_page_queries_do_not_grow_with_changes(client, focal_point_vn, viet_nam, meeting, count_queries):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    client.force_login(focal_point_vn)
    url = reverse("registrations:delegation_history", args=[delegation.pk])
    participant = services.participant_register(actor=focal_point_vn, delegation=delegation, data={"full_name": "A"})
    one = count_queries(url)
    for position in ("B", "C", "D"):
        services.participant_update(actor=focal_point_vn, participant=participant, data={"position": position})
    services.participant_register(actor=focal_point_vn, delegation=delegation, data={"full_name": "E"})
    assert count_queries(url) == one


# --- Letters of invitation -----------------------------------------------------------------------------------


def test_letter_of_invitation_in_english_and_vietnamese(client, focal_point_vn, viet_nam, meeting):
    InvitationLetterTemplateFactory(chairmanship=meeting.chairmanship)
    participant = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam),
        full_name="Nguyễn Thị Thu Hằng",
        honorific="Ms.",
        position="Deputy Director",
        status=Participant.Status.CONFIRMED,
    )
    client.force_login(focal_point_vn)
    english = client.get(reverse("registrations:invitation_letter", args=[participant.pk, "en"]))
    assert english["Content-Type"] == "application/pdf"
    text = pdf_text(english.content)
    assert "Ministry of Home Affairs" in text
    assert "We have the honour to invite Ms. Nguyễn Thị Thu Hằng, Deputy Director, Viet Nam, to the HCS 23" in text
    assert "7 August 2030 in Hà Nội" in text
    vietnamese = pdf_text(client.get(reverse("registrations:invitation_letter", args=[participant.pk, "vi"])).content)
    assert "Bộ Nội vụ" in vietnamese
    assert "Hội nghị Người đứng đầu cơ quan công vụ lần thứ 23" in vietnamese
    assert "Việt Nam" in vietnamese
    assert "7 tháng 8, 2030" in vietnamese


def test_without_a_template_the_default_letter_is_used(client, secretariat_user, viet_nam, meeting):
    participant = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), status=Participant.Status.CONFIRMED
    )
    client.force_login(secretariat_user)
    text = pdf_text(client.get(reverse("registrations:invitation_letter", args=[participant.pk, "en"])).content)
    assert "Ministry of Home Affairs" in text  # the chairing agency
    assert participant.full_name in text


@pytest.mark.parametrize(
    ("status", "meeting_format"),
    [
        (Participant.Status.REGISTERED, Meeting.Format.IN_PERSON),
        (Participant.Status.CONFIRMED, Meeting.Format.VIRTUAL),
    ],
)
def test_no_letter_before_confirmation_or_for_a_video_conference(
    client, focal_point_vn, viet_nam, status, meeting_format
):
    meeting = MeetingFactory(format=meeting_format)
    participant = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), status=status
    )
    client.force_login(focal_point_vn)
    assert client.get(reverse("registrations:invitation_letter", args=[participant.pk, "en"])).status_code == 404


def test_secretariat_edits_the_letter_template_in_both_languages(client, secretariat_user, meeting):
    client.force_login(secretariat_user)
    url = reverse("registrations:letter_template", args=[meeting.chairmanship_id])
    data = {
        "letterhead_en": "Ministry of Home Affairs",
        "letterhead_vi": "Bộ Nội vụ",
        "body_en": "Dear {name}, welcome to {meeting}.",
        "body_vi": "Kính mời {name} dự {meeting}.",
        "signatory_name_en": "Nguyễn Văn Bình",
    }
    assert client.post(url, data).status_code == 302
    template = InvitationLetterTemplate.objects.get()
    assert (template.body_en, template.body_vi, template.letterhead_vi) == (
        "Dear {name}, welcome to {meeting}.",
        "Kính mời {name} dự {meeting}.",
        "Bộ Nội vụ",
    )
    assert (
        client.get(reverse("registrations:letter_template_preview", args=[meeting.chairmanship_id, "vi"])).status_code
        == 200
    )


def test_unknown_placeholder_is_refused_beside_its_field(client, secretariat_user, meeting):
    client.force_login(secretariat_user)
    url = reverse("registrations:letter_template", args=[meeting.chairmanship_id])
    response = client.post(url, {"letterhead_en": "MOHA", "body_en": "Hello {passport}."})
    assert list(response.context["form"].errors) == ["body_en"]
    assert "{passport}" in response.context["form"].errors["body_en"][0]
    assert not InvitationLetterTemplate.objects.exists()


# --- Waiting list --------------------------------------------------------------------------------------------


def test_secretariat_accepts_from_the_waiting_list(client, secretariat_user, viet_nam, meeting):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory.create_batch(2, delegation=delegation)
    waiting = ParticipantFactory(delegation=delegation, status=Participant.Status.WAITLISTED, full_name="Waiting One")
    client.force_login(secretariat_user)
    page = client.get(reverse("registrations:waiting_list", args=[meeting.pk]))
    assert [p.full_name for p in page.context["waiting"]] == ["Waiting One"]
    response = client.post(reverse("registrations:waiting_list_decide", args=[waiting.pk, "accept"]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, Delegation.objects.get(pk=delegation.pk).allowance) == ("registered", 3)


def test_secretariat_declines_from_the_waiting_list(client, secretariat_user, viet_nam, meeting):
    waiting = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), status=Participant.Status.WAITLISTED
    )
    client.force_login(secretariat_user)
    client.post(reverse("registrations:waiting_list_decide", args=[waiting.pk, "decline"]))
    waiting.refresh_from_db()
    assert waiting.status == Participant.Status.DECLINED


def test_waiting_list_queries_do_not_grow(client, secretariat_user, meeting, count_queries):
    client.force_login(secretariat_user)
    url = reverse("registrations:waiting_list", args=[meeting.pk])
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting), status=Participant.Status.WAITLISTED)
    one = count_queries(url)
    for _ in range(4):
        ParticipantFactory(delegation=DelegationFactory(meeting=meeting), status=Participant.Status.WAITLISTED)
    assert count_queries(url) == one


# --- Arrivals and departures -----------------------------------------------------------------------------------


def test_arrivals_and_departures_per_day_in_the_venue_time_zone(client, secretariat_user, viet_nam, thailand, meeting):
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam)
    th = DelegationFactory(meeting=meeting, member_state=thailand)
    # 18:00 UTC on 5 August is 01:00 on 6 August in Hà Nội.
    ParticipantFactory(delegation=vn, full_name="Late Arrival", arrival=dt.datetime(2030, 8, 5, 18, 0, tzinfo=dt.UTC))
    ParticipantFactory(
        delegation=th,
        full_name="Early Arrival",
        arrival=dt.datetime(2030, 8, 6, 1, 0, tzinfo=dt.UTC),
        departure=dt.datetime(2030, 8, 8, 5, 0, tzinfo=dt.UTC),
    )
    ParticipantFactory(
        delegation=th, full_name="Withdrawn", status="cancelled", arrival=dt.datetime(2030, 8, 6, 1, tzinfo=dt.UTC)
    )
    client.force_login(secretariat_user)
    days = client.get(reverse("registrations:arrivals", args=[meeting.pk])).context["days"]
    assert [
        (d.day, [m.participant.full_name for m in d.arrivals], [m.when.hour for m in d.arrivals]) for d in days
    ] == [
        (dt.date(2030, 8, 6), ["Late Arrival", "Early Arrival"], [1, 8]),
        (dt.date(2030, 8, 8), [], []),
    ]
    assert [m.participant.full_name for m in days[1].departures] == ["Early Arrival"]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("registrations:arrivals_csv", args=[meeting.pk])).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[1][:5] == ["2030-08-06", "01:00", "Arrival", "Ms. Late Arrival", "Viet Nam"]


def test_one_person_in_two_meetings_of_a_conference_week_arrives_once(client, secretariat_user, viet_nam, meeting):
    week = MeetingFactory(title="Conference week", start=meeting.start - dt.timedelta(days=2), end=meeting.end)
    meeting.parent = week
    meeting.save()
    som = MeetingFactory(title="SOM 23", parent=week, start=meeting.start - dt.timedelta(days=1), end=meeting.end)
    arrival = dt.datetime(2030, 8, 5, 3, 0, tzinfo=dt.UTC)
    for m in (meeting, som):
        ParticipantFactory(
            delegation=DelegationFactory(meeting=m, member_state=viet_nam), full_name="Same Person", arrival=arrival
        )
    client.force_login(secretariat_user)
    [day] = client.get(reverse("registrations:arrivals", args=[week.pk])).context["days"]
    [movement] = day.arrivals
    assert sorted(movement.meetings) == ["HCS 23", "SOM 23"]


def test_arrivals_queries_do_not_grow(client, secretariat_user, meeting, count_queries):
    client.force_login(secretariat_user)
    url = reverse("registrations:arrivals", args=[meeting.pk])
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting), arrival=meeting.start)
    one = count_queries(url)
    for _ in range(4):
        ParticipantFactory(delegation=DelegationFactory(meeting=meeting), arrival=meeting.start, departure=meeting.end)
    assert count_queries(url) == one


def test_registration_tools_index_queries_do_not_grow(client, secretariat_user, count_queries):
    client.force_login(secretariat_user)
    url = reverse("registrations:index")
    ParticipantFactory(delegation=DelegationFactory(meeting=MeetingFactory()))
    one = count_queries(url)
    for _ in range(4):
        ParticipantFactory(delegation=DelegationFactory(meeting=MeetingFactory()), status="waitlisted")
    assert count_queries(url) == one


def test_history_of_an_erased_person_shows_no_personal_data(client, focal_point_vn, viet_nam, meeting):
    from privacy.services import person_erase

    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    participant = services.participant_register(
        actor=focal_point_vn,
        delegation=delegation,
        data={"full_name": "Trần Văn Minh", "email": "minh@moha.gov.vn", "arrival": meeting.start},
    )
    person_erase(actor=focal_point_vn, participant=participant)
    client.force_login(focal_point_vn)
    page = client.get(reverse("my:delegation", args=[meeting.pk])).content.decode()
    assert "Trần Văn Minh" not in page and "minh@moha.gov.vn" not in page
    assert "(erased)" in page
