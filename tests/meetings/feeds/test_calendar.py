"""Calendar feeds, parsed back with icalendar as a calendar app would read them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from api import services
from meetings.services import schedule
from tests.factories import ChairmanshipFactory, MeetingFactory, MemberStateFactory

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))


def parse(response) -> Calendar:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def hanoi_som(**kwargs):
    return MeetingFactory(
        title="SOM 21",
        start=dt.datetime(2022, 8, 3, 9, tzinfo=HANOI),
        end=dt.datetime(2022, 8, 3, 17, tzinfo=HANOI),
        time_zone="Asia/Ho_Chi_Minh",
        venue="National Convention Center",
        city="Hà Nội",
        **kwargs,
    )


def test_hanoi_meeting_at_nine_is_two_utc_with_its_time_zone(client):
    meeting = hanoi_som()
    calendar = parse(client.get("/calendar/meetings.ics"))
    event = events(calendar)[f"accsm-meeting-{meeting.pk}@accsm-portal"]
    start = event.decoded("DTSTART")
    assert (start.hour, str(start.tzinfo), event["DTSTART"].params["TZID"]) == (
        9,
        "Asia/Ho_Chi_Minh",
        "Asia/Ho_Chi_Minh",
    )
    assert start.astimezone(dt.UTC) == dt.datetime(2022, 8, 3, 2, tzinfo=dt.UTC)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(event["LOCATION"]) == "National Convention Center, Hà Nội"
    assert str(event["URL"]) == f"http://127.0.0.1:8000/en/meetings/{meeting.pk}/"
    assert (event["SEQUENCE"], str(event["STATUS"])) == (0, "CONFIRMED")
    assert event.decoded("LAST-MODIFIED") == meeting.updated_at.replace(microsecond=0)


def test_uid_is_stable_and_sequence_rises_after_an_edit(client, secretariat_user):
    meeting = hanoi_som()
    before = events(parse(client.get("/calendar/meetings.ics")))
    schedule.meeting_update(
        actor=secretariat_user,
        meeting=meeting,
        data={"start": dt.datetime(2022, 8, 4, 9, tzinfo=HANOI), "end": dt.datetime(2022, 8, 4, 17, tzinfo=HANOI)},
        sequence=0,
    )
    after = events(parse(client.get("/calendar/meetings.ics")))
    assert list(after) == list(before)
    event = next(iter(after.values()))
    assert (event["SEQUENCE"], event.decoded("DTSTART").day) == (1, 4)


def test_cancelled_meeting_stays_in_the_feed_as_cancelled(client, secretariat_user):
    meeting = hanoi_som()
    schedule.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Typhoon warning")
    event = next(iter(events(parse(client.get("/calendar/meetings.ics"))).values()))
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CANCELLED", 1)
    assert "Typhoon warning" in str(event["DESCRIPTION"])


def test_video_conference_and_no_public_online_link(client):
    MeetingFactory(format="virtual", venue="", city="", online_link="https://meet.example.org/secret")
    event = next(iter(events(parse(client.get("/calendar/meetings.ics"))).values()))
    assert str(event["LOCATION"]) == "Video conference"
    assert "meet.example.org" not in parse(client.get("/calendar/meetings.ics")).to_ical().decode()


def test_drafts_are_never_in_public_feeds(client):
    draft = MeetingFactory(status="draft")
    assert events(parse(client.get("/calendar/meetings.ics"))) == {}
    assert client.get(f"/calendar/meetings/{draft.pk}.ics").status_code == 404


def test_chairmanship_feed_and_single_meeting_feed(client, viet_nam):
    accsm21 = ChairmanshipFactory(ordinal=21, chair=viet_nam)
    accsm22 = ChairmanshipFactory(ordinal=22, chair=MemberStateFactory(code="BN"))
    ours = MeetingFactory(chairmanship=accsm21)
    theirs = MeetingFactory(chairmanship=accsm22)
    calendar = parse(client.get("/calendar/accsm-21.ics"))
    assert list(events(calendar)) == [f"accsm-meeting-{ours.pk}@accsm-portal"]
    assert str(calendar["X-WR-CALNAME"]) == "ACCSM 21 meetings"
    assert list(events(parse(client.get(f"/calendar/meetings/{theirs.pk}.ics")))) == [
        f"accsm-meeting-{theirs.pk}@accsm-portal"
    ]
    assert client.get("/calendar/accsm-99.ics").status_code == 404
    assert client.get("/calendar/meetings/99999999999999999999999.ics").status_code == 404


def test_vietnamese_feed(client):
    MeetingFactory(title="Senior Officials Meeting", title_vi="Hội nghị quan chức cấp cao (SOM)")
    event = next(iter(events(parse(client.get("/calendar/meetings.ics?lang=vi"))).values()))
    assert str(event["SUMMARY"]) == "Hội nghị quan chức cấp cao (SOM)"


def test_private_feed_lists_invited_meetings_with_online_links(client, focal_point_vn):
    invited = MeetingFactory(online_link="https://meet.example.org/som", invites_asean=True)
    MeetingFactory(title="Plus Three only", invites_asean=False, invites_plus_three=True)
    url = f"/calendar/private/{services.calendar_feed_create(actor=focal_point_vn)}.ics"
    calendar = parse(client.get(url))
    assert list(events(calendar)) == [f"accsm-meeting-{invited.pk}@accsm-portal"]
    event = next(iter(events(calendar).values()))
    assert "https://meet.example.org/som" in str(event["DESCRIPTION"])
    assert str(event["CONFERENCE"]) == "https://meet.example.org/som"


def test_revoked_or_replaced_private_feed_is_404(client, focal_point_vn):
    MeetingFactory()
    first = services.calendar_feed_create(actor=focal_point_vn)
    second = services.calendar_feed_create(actor=focal_point_vn)
    assert client.get(f"/calendar/private/{first}.ics").status_code == 404
    assert client.get(f"/calendar/private/{second}.ics").status_code == 200
    services.calendar_feed_revoke(actor=focal_point_vn)
    assert client.get(f"/calendar/private/{second}.ics").status_code == 404
    assert client.get("/calendar/private/cal_guessed.ics").status_code == 404


def test_private_feed_stops_when_the_focal_point_is_deactivated(client, focal_point_vn):
    token = services.calendar_feed_create(actor=focal_point_vn)
    focal_point_vn.focal_point.is_active = False
    focal_point_vn.focal_point.save()
    assert client.get(f"/calendar/private/{token}.ics").status_code == 404


def test_feed_is_cached_until_its_data_changes(client, secretariat_user, django_assert_max_num_queries):
    meeting = hanoi_som()
    first = client.get("/calendar/meetings.ics")
    with django_assert_max_num_queries(1):  # at most the freshness query; the body comes from the cache
        cached = client.get("/calendar/meetings.ics")
    assert cached.content == first.content
    schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": "SOM 21 (new)"}, sequence=0)
    changed = client.get("/calendar/meetings.ics")
    assert "SOM 21 (new)" in changed.content.decode()


def test_feed_conditional_get_is_304(client):
    hanoi_som()
    etag = client.get("/calendar/meetings.ics")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/calendar/meetings.ics", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert len(queries) <= 1  # the freshness query, or none at all from the fast path (api/fastpath.py)


def test_feed_query_count_does_not_grow(client, django_assert_num_queries):
    MeetingFactory(host_country=MemberStateFactory())
    with django_assert_num_queries(2):  # freshness, meetings (with chairmanship and host country)
        client.get("/calendar/meetings.ics")
    MeetingFactory.create_batch(5, host_country=MemberStateFactory())
    with django_assert_num_queries(2):
        client.get("/calendar/meetings.ics")
