"""The timetable (issue 19, item 4): timed agenda items with session, room and presenters, refused when they
fall outside their meeting or take a room already held, shown day by day on the meeting page, the
conference week's page, the API and the meeting's .ics."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from common.errors import DomainError
from meetings.models import AgendaItem, Meeting
from meetings.services import schedule, timetable
from meetings.services.timetable import Presenter
from tests.factories import (
    ChairmanshipFactory,
    DelegationFactory,
    DocumentFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")


@pytest.fixture
def staff_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2030, 8, day, hour, minute, tzinfo=PHNOM_PENH)


@pytest.fixture
def week(db):
    """ACCSM 23's conference week in Phnom Penh: SOM and SOM+3 on the 5th, HCS on the 7th."""
    chairmanship = ChairmanshipFactory(ordinal=23, chair=MemberStateFactory(code="KH", name="Cambodia"))
    week = MeetingFactory(
        chairmanship=chairmanship,
        kind=Meeting.Kind.CONFERENCE_WEEK,
        title="ACCSM 23 conference week",
        start=at(5, 8),
        end=at(7, 18),
        time_zone="Asia/Phnom_Penh",
        registration_deadline=None,
    )
    parts = {
        name: MeetingFactory(
            chairmanship=chairmanship,
            parent=week,
            kind=kind,
            title=name,
            start=start,
            end=end,
            time_zone="Asia/Phnom_Penh",
            registration_deadline=None,
        )
        for name, kind, start, end in [
            ("SOM 23", Meeting.Kind.SOM, at(5, 8), at(5, 12)),
            ("7th SOM+3", Meeting.Kind.SOM_PLUS_THREE, at(5, 13), at(5, 17)),
            ("HCS 23", Meeting.Kind.HCS, at(7, 8), at(7, 17)),
        ]
    }
    return week, parts


def add(actor, meeting, **data):
    return schedule.agenda_item_add(actor=actor, meeting=meeting, data={"title_en": "Item", **data})


def test_an_item_inside_its_meeting_is_placed(secretariat_user, week):
    _week, parts = week
    item = add(secretariat_user, parts["SOM 23"], starts_at=at(5, 9), duration=90, room_en="Ballroom A")

    assert (item.starts_at, item.ends_at) == (at(5, 9), at(5, 10, 30))


@pytest.mark.parametrize(("start", "minutes"), [(at(5, 7, 30), 30), (at(5, 11, 30), 45), (at(6, 9), 30)])
def test_an_item_outside_its_meetings_times_is_refused(secretariat_user, week, start, minutes):
    _week, parts = week

    with pytest.raises(DomainError) as refused:
        add(secretariat_user, parts["SOM 23"], starts_at=start, duration=minutes)

    assert refused.value.field == "starts_at"
    assert "falls outside the meeting, which runs from 5 August 2030, 08:00 to 5 August 2030, 12:00" in str(
        refused.value.message
    )
    assert not AgendaItem.objects.exists()


def test_two_items_cannot_hold_one_room_at_once_across_the_week(secretariat_user, week):
    _week, parts = week
    add(secretariat_user, parts["SOM 23"], title_en="Opening", starts_at=at(5, 11), duration=60, room_en="Ballroom A")

    # SOM+3 starts at 13:00; widen it to overlap SOM's last hour in the same room (spelt differently).
    Meeting.objects.filter(pk=parts["7th SOM+3"].pk).update(start=at(5, 11))
    with pytest.raises(DomainError) as refused:
        add(
            secretariat_user,
            Meeting.objects.get(pk=parts["7th SOM+3"].pk),
            starts_at=at(5, 11, 30),
            duration=30,
            room_en="  ballroom   a ",
        )

    assert refused.value.field == "room_en"
    assert str(refused.value.message) == (
        "Ballroom A is taken from 5 August 2030, 11:00 to 5 August 2030, 12:00 by “Opening” (SOM 23). "
        "Choose another room or time."
    )


def test_back_to_back_items_and_other_rooms_and_other_weeks_do_not_clash(secretariat_user, week):
    _week, parts = week
    add(secretariat_user, parts["SOM 23"], starts_at=at(5, 9), duration=60, room_en="Ballroom A")
    add(secretariat_user, parts["SOM 23"], starts_at=at(5, 10), duration=60, room_en="Ballroom A")  # back to back
    add(secretariat_user, parts["SOM 23"], starts_at=at(5, 9), duration=60, room_en="Room 2")  # another room
    add(secretariat_user, parts["SOM 23"], starts_at=at(5, 9), duration=60)  # no room
    other = MeetingFactory(start=at(5, 8), end=at(5, 12), time_zone="Asia/Phnom_Penh", registration_deadline=None)
    add(secretariat_user, other, starts_at=at(5, 9), duration=60, room_en="Ballroom A")  # not in the week

    assert AgendaItem.objects.count() == 5


def test_an_edit_that_moves_an_item_onto_a_taken_room_is_refused(secretariat_user, week):
    _week, parts = week
    add(secretariat_user, parts["HCS 23"], title_en="Plenary", starts_at=at(7, 9), duration=120, room_en="Hall")
    item = add(
        secretariat_user, parts["HCS 23"], title_en="Lunch talk", starts_at=at(7, 12), duration=60, room_en="Hall"
    )

    with pytest.raises(DomainError, match="Hall is taken from 7 August 2030, 09:00 to 7 August 2030, 11:00"):
        schedule.agenda_item_update(actor=secretariat_user, item=item, data={"starts_at": at(7, 10)})

    item.refresh_from_db()
    assert item.starts_at == at(7, 12)


def test_a_meeting_cannot_move_away_from_its_timed_items(secretariat_user, week):
    _week, parts = week
    som = parts["SOM 23"]
    add(secretariat_user, som, title_en="Closing", starts_at=at(5, 11), duration=60)
    som.refresh_from_db()

    with pytest.raises(DomainError, match=r"“Closing” \(5 August 2030, 11:00\). Move them first."):
        schedule.meeting_update(actor=secretariat_user, meeting=som, data={"end": at(5, 11, 30)}, sequence=som.sequence)


def test_presenters_are_read_from_lines_as_a_country_an_organisation_or_a_name(db):
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam", name_vi="Việt Nam")
    secretariat = MemberStateFactory(code="ASEC", name="ASEAN Secretariat", group="secretariat")

    presenters = timetable.parse_presenters(
        "Nguyễn Duy Thăng, Việt Nam\n\n  Kim Min-jun,  Datastreams \nASEAN Secretariat\nvn\nDr. Somchai"
    )

    assert presenters == [
        Presenter(name="Nguyễn Duy Thăng", member_state=viet_nam),
        Presenter(name="Kim Min-jun", organisation="Datastreams"),
        Presenter(member_state=secretariat),
        Presenter(member_state=viet_nam),
        Presenter(name="Dr. Somchai"),
    ]


def test_an_items_presenters_are_replaced_and_logged(secretariat_user, week):
    _week, parts = week
    cambodia = parts["SOM 23"].chairmanship.chair
    item = add(secretariat_user, parts["SOM 23"], presenters=[Presenter(member_state=cambodia)])

    schedule.agenda_item_update(
        actor=secretariat_user,
        item=item,
        data={"presenters": [Presenter(name="Sok Chan", member_state=cambodia), Presenter(organisation="NECTEC")]},
    )

    assert [str(p) for p in item.presenters.all()] == ["Sok Chan (Cambodia)", "NECTEC"]
    change = parts["SOM 23"].changes.order_by("-pk").first()
    assert change.new_values["agenda_item"]["presenters"] == [
        {"name": "Sok Chan", "country": "KH", "organisation": ""},
        {"name": "", "country": "", "organisation": "NECTEC"},
    ]


def test_the_secretariat_form_shows_the_conflict_beside_the_room(staff_client, secretariat_user, week):
    _week, parts = week
    som = parts["SOM 23"]
    add(secretariat_user, som, title_en="Opening", starts_at=at(5, 9), duration=60, room_en="Ballroom A")

    response = staff_client.post(
        reverse("secretariat:agenda_add", args=[som.pk]),
        {"title_en": "Keynote", "starts_at": "2030-08-05T09:30", "duration": "30", "room_en": "Ballroom A"},
        headers={"X-Requested-With": "fetch"},
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Ballroom A is taken from 5 August 2030, 09:00 to 5 August 2030, 10:00 by “Opening” (SOM 23)." in html
    assert AgendaItem.objects.filter(meeting=som).count() == 1


def test_the_secretariat_form_reads_the_start_in_the_venues_time_zone(staff_client, week):
    _week, parts = week
    som = parts["SOM 23"]

    response = staff_client.post(
        reverse("secretariat:agenda_add", args=[som.pk]),
        {
            "title_en": "Opening",
            "starts_at": "2030-08-05T09:00",
            "duration": "45",
            "session_en": "Opening session",
            "session_vi": "Phiên khai mạc",
            "room_en": "Ballroom A",
            "presenters": "Sok Chan, Datastreams",
        },
    )

    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=som)
    assert (item.starts_at, item.duration, item.session_vi) == (at(5, 9), 45, "Phiên khai mạc")
    assert [str(p) for p in item.presenters.all()] == ["Sok Chan (Datastreams)"]


def test_the_api_refuses_a_taken_room_and_writes_presenters(api_client, secretariat_user, week):
    _week, parts = week
    api_client.force_login(secretariat_user)
    som = parts["SOM 23"]
    cambodia = som.chairmanship.chair
    body = {
        "meeting": som.pk,
        "title_en": "Opening",
        "starts_at": "2030-08-05T02:00:00Z",
        "duration": 60,
        "room_en": "Ballroom A",
        "presenters": [{"name": "Sok Chan", "country": "KH"}, {"organisation": "NECTEC"}],
    }

    created = api_client.post("/api/v1/agenda-items/", body, format="json")
    clash = api_client.post("/api/v1/agenda-items/", {**body, "title_en": "Keynote"}, format="json")

    assert created.status_code == 201, created.json()
    assert created.json()["presenters"] == [
        {"name": "Sok Chan", "country": cambodia.code, "organisation": ""},
        {"name": "", "country": None, "organisation": "NECTEC"},
    ]
    assert (created.json()["ends_at"], created.json()["room"]) == ("2030-08-05T03:00:00Z", "Ballroom A")
    assert clash.status_code == 400
    assert "Ballroom A is taken from 5 August 2030, 09:00" in str(clash.json())


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_meetings_page_shows_its_timetable_day_by_day(client, secretariat_user, week):
    _week, parts = week
    hcs = parts["HCS 23"]
    add(secretariat_user, hcs, title_en="Adoption of the report", starts_at=at(7, 15), duration=30, room_en="Hall")
    add(
        secretariat_user,
        hcs,
        title_en="Opening remarks",
        session_en="Opening session",
        starts_at=at(7, 9),
        duration=30,
        room_en="Hall",
        presenters=[Presenter(name="Sok Chan", member_state=hcs.chairmanship.chair)],
    )
    add(secretariat_user, hcs, title_en="Other business")

    text = _text(client.get(f"/en/meetings/{hcs.pk}/").content.decode())

    assert "Timetable" in text
    assert (
        "Wednesday, 7 August 2030 Time Item Room Presenters "
        "09:00 – 09:30 Opening session Opening remarks Hall Sok Chan (Cambodia) "
        "15:00 – 15:30 Adoption of the report Hall —"
    ) in text
    assert "Not yet timed Other business" in text


def test_a_conference_weeks_page_gathers_its_meetings_timetable_registrations_and_papers(
    client, secretariat_user, week
):
    week_meeting, parts = week
    add(secretariat_user, parts["HCS 23"], title_en="Adoption of the declaration", starts_at=at(7, 10), duration=60)
    add(secretariat_user, parts["SOM 23"], title_en="Opening of SOM", starts_at=at(5, 8, 30), duration=30)
    add(secretariat_user, parts["7th SOM+3"], title_en="ACCSM+3 cooperation", starts_at=at(5, 14), duration=60)
    for part in parts.values():
        ParticipantFactory(delegation=DelegationFactory(meeting=part, member_state=week_meeting.chairmanship.chair))
    DocumentFactory(meeting=parts["SOM 23"], title="Concept note of SOM 23", status="circulated", visibility="public")

    text = _text(client.get(f"/en/meetings/{week_meeting.pk}/").content.decode())

    assert (
        "Monday, 5 August 2030 Time Meeting Item Room Presenters "
        "08:30 – 09:00 SOM 23 Opening of SOM — — "
        "14:00 – 15:00 7th SOM+3 ACCSM+3 cooperation — — "
        "Wednesday, 7 August 2030 Time Meeting Item Room Presenters "
        "10:00 – 11:00 HCS 23 Adoption of the declaration — —"
    ) in text
    assert "3 registrations from 1 country across the week's meetings." in text
    assert "Papers of the week's meetings SOM 23 Concept note of SOM 23" in text
    assert "The agenda has not been published yet." not in text


def test_the_week_page_and_the_agenda_form_speak_vietnamese(client, staff_client, secretariat_user, week):
    from tests.untranslated import english_left, html_text, untranslated_content

    week_meeting, parts = week
    add(
        secretariat_user,
        parts["SOM 23"],
        title_en="Opening",
        title_vi="Khai mạc",
        session_en="Opening session",
        session_vi="Phiên khai mạc",
        starts_at=at(5, 9),
        duration=30,
        room_en="Hall",
        room_vi="Hội trường",
    )
    item = add(secretariat_user, parts["SOM 23"], title_en="Other business", title_vi="Các vấn đề khác")
    ParticipantFactory(delegation=DelegationFactory(meeting=parts["SOM 23"]))

    page = html_text(client.get(f"/vi/meetings/{week_meeting.pk}/").content.decode())
    form = html_text(
        staff_client.get(f"/vi/secretariat/meetings/{parts['SOM 23'].pk}/agenda/{item.pk}/").content.decode()
    )

    assert "Lịch trình" in page and "Phiên khai mạc" in page and "Hội trường" in page and "Chưa xếp giờ" in page
    assert english_left(page, content=untranslated_content()) == []
    assert "Người trình bày" in form
    assert english_left(form, content=untranslated_content()) == []


@pytest.mark.parametrize("size", [1, 4])
def test_a_conference_weeks_page_costs_the_same_queries_however_full(
    client, secretariat_user, week, size, django_assert_num_queries
):
    week_meeting, parts = week
    cambodia = week_meeting.chairmanship.chair
    for part in parts.values():
        for n in range(size):
            add(
                secretariat_user,
                part,
                starts_at=part.start + dt.timedelta(minutes=30 * n),
                duration=30,
                room_en=f"Room {part.pk}",
                presenters=[Presenter(name=f"Speaker {n}", member_state=cambodia), Presenter(organisation="NECTEC")],
            )
            ParticipantFactory(delegation=DelegationFactory(meeting=part))
            DocumentFactory(meeting=part, status="circulated", visibility="public")

    with django_assert_num_queries(10):
        response = client.get(f"/en/meetings/{week_meeting.pk}/")
    assert response.content.decode().count('class="timetable-time"') == 3 * size


@pytest.mark.parametrize("size", [1, 6])
def test_a_meetings_timetable_costs_the_same_queries_however_long(
    client, secretariat_user, week, size, django_assert_num_queries
):
    _week, parts = week
    som = parts["SOM 23"]
    for n in range(size):
        add(
            secretariat_user,
            som,
            starts_at=som.start + dt.timedelta(minutes=20 * n),
            duration=20,
            presenters=[Presenter(name=f"Speaker {n}", member_state=som.chairmanship.chair)],
        )

    with django_assert_num_queries(5):
        client.get(f"/en/meetings/{som.pk}/")


def test_a_meetings_calendar_has_an_event_per_timed_item(client, secretariat_user, week):
    _week, parts = week
    som = parts["SOM 23"]
    item = add(
        secretariat_user,
        som,
        title_en="Opening",
        session_en="Opening session",
        starts_at=at(5, 9),
        duration=45,
        room_en="Ballroom A",
        presenters=[Presenter(name="Sok Chan", member_state=som.chairmanship.chair)],
    )
    add(secretariat_user, som, title_en="Any other business")  # untimed: no event of its own
    som.refresh_from_db()

    calendar = Calendar.from_ical(client.get(reverse("calendar:meeting", args=[som.pk])).content)

    events = list(calendar.walk("VEVENT"))
    assert [str(event["summary"]) for event in events] == ["SOM 23", "Opening — SOM 23"]
    session = events[1]
    assert str(session["uid"]).startswith(f"accsm-agenda-item-{item.pk}@")
    assert str(session["related-to"]) == str(events[0]["uid"])
    assert (session.decoded("dtstart"), session.decoded("dtend")) == (at(5, 9), at(5, 9, 45))
    assert session["dtstart"].params["TZID"] == "Asia/Phnom_Penh"
    assert int(session["sequence"]) == som.sequence
    assert str(session["location"]).startswith("Ballroom A, ")
    assert "Presenters: Sok Chan (Cambodia)" in str(session["description"])


def test_a_postponed_meeting_takes_its_timetable_along_and_a_shorter_new_date_that_drops_it_is_refused(
    secretariat_user,
):
    forum = MeetingFactory(
        title="Forum on Good Governance",
        start=at(10, 9),
        end=at(10, 17),
        time_zone="Asia/Phnom_Penh",
        registration_deadline=None,
        status=Meeting.Status.PUBLISHED,
    )
    panel = add(secretariat_user, forum, title_en="Panel", starts_at=at(10, 14), duration=60, room_en="Hall")
    forum.refresh_from_db()

    schedule.meeting_postpone(
        actor=secretariat_user,
        meeting=forum,
        start=at(11, 9),
        end=at(11, 17),
        reason="Typhoon",
        sequence=forum.sequence,
    )

    panel.refresh_from_db()
    assert (panel.starts_at, panel.ends_at) == (at(11, 14), at(11, 15))  # the same hours, a day later
    forum.refresh_from_db()
    with pytest.raises(DomainError, match=r"“Panel” \(12 August 2030, 14:00\). Move them first."):
        schedule.meeting_reschedule(
            actor=secretariat_user, meeting=forum, start=at(12, 9), end=at(12, 12), sequence=forum.sequence
        )
    panel.refresh_from_db()
    forum.refresh_from_db()
    assert (panel.starts_at, forum.start, forum.status) == (at(11, 14), at(11, 9), Meeting.Status.POSTPONED)
