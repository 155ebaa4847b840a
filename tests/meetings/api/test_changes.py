"""The secretariat changes the schedule through the API (the schedule services), and every client
sees what changed: /api/v1/changes/ and its Atom feed."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from rest_framework.test import APIClient

from meetings.models import Meeting, MeetingChange
from meetings.services import schedule
from tests.factories import ChairmanshipFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def staff_client(api_client, secretariat_user):
    api_client.force_login(secretariat_user)
    return api_client


def new_meeting(staff_client, accsm21):
    response = staff_client.post(
        "/api/v1/meetings/",
        {
            "chairmanship": 21,
            "kind": "som",
            "title_en": "SOM 21",
            "title_vi": "Hội nghị quan chức cấp cao (SOM) 21",
            "start": "2031-08-03T09:00:00+07:00",
            "end": "2031-08-03T17:00:00+07:00",
            "time_zone": "Asia/Ho_Chi_Minh",
            "city_en": "Hanoi",
            "city_vi": "Hà Nội",
            "online_link": "https://meet.example.org/som21",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_secretariat_creates_publishes_moves_and_cancels(staff_client, accsm21, api_client):
    created = new_meeting(staff_client, accsm21)
    assert (created["status"], created["sequence"]) == ("draft", 0)
    url = f"/api/v1/meetings/{created['id']}/"
    published = staff_client.post(url + "publish/", {"sequence": 0}, format="json").json()
    moved = staff_client.patch(
        url, {"start": "2031-08-04T09:00:00+07:00", "end": "2031-08-04T17:00:00+07:00", "sequence": 1}, format="json"
    ).json()
    assert (published["status"], moved["sequence"], moved["local_start"]) == (
        "published",
        2,
        "2031-08-04T09:00:00+07:00",
    )
    cancelled = staff_client.post(url + "cancel/", {"reason": "Typhoon"}, format="json").json()
    assert (cancelled["status"], cancelled["cancellation_reason"], cancelled["sequence"]) == ("cancelled", "Typhoon", 3)
    assert list(MeetingChange.objects.order_by("pk").values_list("action", flat=True)) == [
        "published",
        "moved",
        "cancelled",
    ]


def test_stale_edit_is_409(staff_client, accsm21):
    created = new_meeting(staff_client, accsm21)
    url = f"/api/v1/meetings/{created['id']}/"
    staff_client.patch(url, {"title_en": "First", "sequence": 0}, format="json")
    stale = staff_client.patch(url, {"title_en": "Second", "sequence": 0}, format="json")
    assert (stale.status_code, stale.json()["code"]) == (409, "conflict")


def test_patch_needs_the_sequence(staff_client, accsm21):
    created = new_meeting(staff_client, accsm21)
    response = staff_client.patch(f"/api/v1/meetings/{created['id']}/", {"title_en": "X"}, format="json")
    assert (response.status_code, list(response.json()["fields"])) == (400, ["sequence"])


def test_invalid_meeting_is_a_field_error(staff_client, accsm21):
    response = staff_client.post(
        "/api/v1/meetings/",
        {"chairmanship": 99, "kind": "som", "title_en": "X", "start": "2031-08-03T09:00:00Z", "end": "nope"},
        format="json",
    )
    assert response.status_code == 400
    assert sorted(response.json()["fields"]) == ["chairmanship", "end"]
    unknown_host = staff_client.post(
        "/api/v1/meetings/",
        {
            "chairmanship": 21,
            "kind": "som",
            "title_en": "X",
            "start": "2031-08-03T09:00:00Z",
            "end": "2031-08-03T10:00:00Z",
            "host_country": "ZZ",
        },
        format="json",
    )
    assert (unknown_host.status_code, list(unknown_host.json()["fields"])) == (400, ["host_country"])
    backwards = staff_client.post(
        "/api/v1/meetings/",
        {
            "chairmanship": 21,
            "kind": "som",
            "title_en": "X",
            "start": "2031-08-03T09:00:00Z",
            "end": "2031-08-02T09:00:00Z",
        },
        format="json",
    )
    assert (backwards.status_code, list(backwards.json()["fields"])) == (400, ["end"])


def test_only_drafts_are_deleted(staff_client, accsm21):
    created = new_meeting(staff_client, accsm21)
    url = f"/api/v1/meetings/{created['id']}/"
    staff_client.post(url + "publish/", {}, format="json")
    assert staff_client.delete(url).status_code == 400
    draft = new_meeting(staff_client, accsm21)
    assert staff_client.delete(f"/api/v1/meetings/{draft['id']}/").status_code == 204
    assert staff_client.get(f"/api/v1/meetings/{draft['id']}/").status_code == 404


def test_focal_points_and_anonymous_clients_cannot_change_the_schedule(api_client, focal_point_vn, accsm21):
    meeting = MeetingFactory(chairmanship=accsm21)
    assert api_client.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "x"}, format="json").status_code == 401
    api_client.force_login(focal_point_vn)
    response = api_client.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "x"}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert Meeting.objects.get().status == "published"


def test_changes_since(api_client, secretariat_user, accsm21):
    meeting = MeetingFactory(chairmanship=accsm21, start=dt.datetime(2031, 8, 3, 2, tzinfo=dt.UTC))
    meeting.end = meeting.start + dt.timedelta(hours=8)
    meeting.save()
    schedule.meeting_update(
        actor=secretariat_user, meeting=meeting, data={"online_link": "https://meet.example.org/x"}, sequence=0
    )
    first = api_client.get("/api/v1/changes/")
    generated = first["X-Page-Generated"]
    assert [c["action"] for c in first.json()["results"]] == ["changed"]
    assert first.json()["results"][0]["new_values"] == {}  # the online link is never public
    schedule.meeting_postpone(
        actor=secretariat_user,
        meeting=meeting,
        start=dt.datetime(2031, 9, 3, 2, tzinfo=dt.UTC),
        end=dt.datetime(2031, 9, 3, 10, tzinfo=dt.UTC),
        reason="Elections",
    )
    since = api_client.get("/api/v1/changes/", {"since": generated}).json()["results"]
    assert [(c["action"], c["reason"], c["old_values"]["start"]) for c in since] == [
        ("postponed", "Elections", "2031-08-03T02:00:00+00:00")
    ]


def test_changes_of_drafts_are_hidden_until_published(staff_client, accsm21):
    api_client = APIClient()
    created = new_meeting(staff_client, accsm21)
    staff_client.patch(f"/api/v1/meetings/{created['id']}/", {"title_en": "Renamed", "sequence": 0}, format="json")
    assert api_client.get("/api/v1/changes/").json()["count"] == 0
    staff_client.post(f"/api/v1/meetings/{created['id']}/publish/", {}, format="json")
    assert [c["action"] for c in api_client.get("/api/v1/changes/").json()["results"]] == ["published"]
    assert [c["action"] for c in staff_client.get("/api/v1/changes/").json()["results"]] == ["changed", "published"]


def test_atom_feed_of_changes(client, secretariat_user):
    meeting = MeetingFactory(title="SOM 23")
    schedule.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Typhoon")
    response = client.get("/api/v1/changes.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["SOM 23: Cancelled"]
    assert "Typhoon" in entries[0].findtext(f"{ATOM}summary")
    vi = ET.fromstring(client.get("/api/v1/changes.atom?lang=vi").content)
    assert vi.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "SOM 23: Đã hủy"


def test_changes_list_query_count_does_not_grow(api_client, secretariat_user, django_assert_num_queries):
    def cancel_one():
        schedule.meeting_cancel(actor=secretariat_user, meeting=MeetingFactory(), reason="Storm")

    cancel_one()
    with django_assert_num_queries(2):
        api_client.get("/api/v1/changes/")
    for _ in range(4):
        cancel_one()
    with django_assert_num_queries(2):
        assert api_client.get("/api/v1/changes/").json()["count"] == 5


def test_chairmanship_handed_over_is_read_only(staff_client, viet_nam):
    from django.utils import timezone

    old = ChairmanshipFactory(ordinal=20, chair=viet_nam, handed_over_at=timezone.now())
    meeting = MeetingFactory(chairmanship=old)
    response = staff_client.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "x"}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "read_only")


def test_the_api_unpublishes_and_reschedules_through_the_same_services(staff_client, secretariat_user):
    """Issue 19: every step of the table has its API action; a refusal answers 400 with what is allowed."""
    meeting = MeetingFactory(status="published")
    answer = staff_client.post(f"/api/v1/meetings/{meeting.pk}/unpublish/", {"reason": "Too early"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "unpublished"
    refused = staff_client.post(
        f"/api/v1/meetings/{meeting.pk}/reschedule/",
        {"start": "2031-09-03T02:00:00Z", "end": "2031-09-03T10:00:00Z"},
        format="json",
    )
    assert refused.status_code == 400
    assert "It can: publish." in refused.content.decode()
    staff_client.post(f"/api/v1/meetings/{meeting.pk}/publish/", {}, format="json")
    meeting.refresh_from_db()
    postponed_start = meeting.start + dt.timedelta(days=3)
    schedule.meeting_postpone(
        actor=secretariat_user, meeting=meeting, start=postponed_start, end=postponed_start + dt.timedelta(hours=8)
    )
    answer = staff_client.post(
        f"/api/v1/meetings/{meeting.pk}/reschedule/",
        {"start": postponed_start.isoformat(), "end": (postponed_start + dt.timedelta(hours=8)).isoformat()},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "published"
    assert list(meeting.changes.order_by("pk").values_list("action", flat=True)) == [
        "unpublished",
        "published",
        "postponed",
        "rescheduled",
    ]
