"""Reading the schedule: filters, order, pages, languages, conditional requests and query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Meeting
from meetings.services import schedule
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipFactory,
    DocumentFactory,
    MeetingFactory,
    MemberStateFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))


def titles(response):
    assert response.status_code == 200, response.content
    return [meeting["title"] for meeting in response.json()["results"]]


def test_anonymous_client_sees_announced_meetings_in_start_order(api_client):
    later = MeetingFactory(title="Later", start=timezone.now() + dt.timedelta(days=60))
    MeetingFactory(title="Draft", status=Meeting.Status.DRAFT)
    MeetingFactory(title="Cancelled", status=Meeting.Status.CANCELLED, cancellation_reason="Typhoon")
    sooner = MeetingFactory(title="Sooner", start=timezone.now() + dt.timedelta(days=5))
    response = api_client.get("/api/v1/meetings/")
    assert titles(response) == ["Sooner", "Cancelled", "Later"]
    assert [m["id"] for m in response.json()["results"]][::2] == [sooner.pk, later.pk]


def test_same_start_is_ordered_by_id_so_pages_are_stable(api_client):
    start = timezone.now() + dt.timedelta(days=3)
    meetings = [MeetingFactory(start=start) for _ in range(5)]
    first = api_client.get("/api/v1/meetings/?page_size=2").json()
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()
    ids = [m["id"] for page in (first, second, third) for m in page["results"]]
    assert ids == [m.pk for m in meetings]
    assert (first["count"], third["next"]) == (5, None)


def test_page_size_is_capped(api_client):
    MeetingFactory()
    response = api_client.get("/api/v1/meetings/?page_size=100000")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_meeting_in_hanoi_shows_utc_and_venue_time(api_client):
    MeetingFactory(start=dt.datetime(2022, 8, 3, 9, tzinfo=HANOI), end=dt.datetime(2022, 8, 3, 17, tzinfo=HANOI))
    meeting = api_client.get("/api/v1/meetings/").json()["results"][0]
    assert (meeting["start"], meeting["local_start"], meeting["time_zone"]) == (
        "2022-08-03T02:00:00Z",
        "2022-08-03T09:00:00+07:00",
        "Asia/Ho_Chi_Minh",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chairmanship=21", ["HCS 21 online", "SOM 21"]),
        ("kind=hcs", ["HCS 21 online"]),
        ("status=cancelled", ["Forum 22 cancelled"]),
        ("format=virtual", ["HCS 21 online"]),
        ("host_country=bn", ["Forum 22 cancelled"]),
        ("year=2024", ["Forum 22 cancelled"]),
        ("start_from=2022-08-01&start_to=2022-08-04", ["SOM 21"]),
        ("start_from=2022-08-03T09:00:00%2B07:00", ["SOM 21", "Forum 22 cancelled"]),
        ("search=ha+noi", ["SOM 21"]),
        ("search=HÀ NỘI", ["SOM 21"]),
        ("ordering=-start", ["Forum 22 cancelled", "SOM 21", "HCS 21 online"]),
    ],
)
def test_filters(api_client, viet_nam, query, expected):
    brunei = MemberStateFactory(code="BN", name="Brunei Darussalam")
    accsm21 = ChairmanshipFactory(ordinal=21, chair=viet_nam)
    accsm22 = ChairmanshipFactory(ordinal=22, chair=brunei)
    MeetingFactory(
        chairmanship=accsm21,
        title="HCS 21 online",
        kind="hcs",
        format="virtual",
        start=dt.datetime(2021, 11, 1, 9, tzinfo=HANOI),
        city="",
        venue="",
    )
    MeetingFactory(
        chairmanship=accsm21,
        title="SOM 21",
        start=dt.datetime(2022, 8, 3, 9, tzinfo=HANOI),
        city="Hà Nội",
        host_country=viet_nam,
    )
    MeetingFactory(
        chairmanship=accsm22,
        title="Forum 22 cancelled",
        kind="forum",
        status="cancelled",
        cancellation_reason="Moved online",
        start=dt.datetime(2024, 8, 6, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        city="Bandar Seri Begawan",
        host_country=brunei,
        time_zone="Asia/Brunei",
    )
    assert titles(api_client.get(f"/api/v1/meetings/?{query}")) == expected


def test_vietnamese_fields_with_english_fallback(api_client):
    MeetingFactory(title="SOM", title_vi="Hội nghị quan chức cấp cao (SOM)", theme="Modernisation", theme_vi="")
    for response in (
        api_client.get("/api/v1/meetings/?lang=vi"),
        api_client.get("/api/v1/meetings/", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9"),
    ):
        meeting = response.json()["results"][0]
        assert (meeting["title"], meeting["theme"], response["Content-Language"]) == (
            "Hội nghị quan chức cấp cao (SOM)",
            "Modernisation",
            "vi",
        )
    assert titles(api_client.get("/api/v1/meetings/?lang=en", HTTP_ACCEPT_LANGUAGE="vi")) == ["SOM"]


def test_detail_nests_agenda_and_only_public_circulated_documents(api_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, order=2, title="Report of the meeting")
    AgendaItemFactory(meeting=meeting, order=1, title="Opening")
    DocumentFactory(meeting=meeting, title="Concept note", visibility="public", status="circulated")
    DocumentFactory(meeting=meeting, title="Adopted report", visibility="public", status="adopted")
    DocumentFactory(meeting=meeting, title="Draft", visibility="public", status="draft")
    DocumentFactory(meeting=meeting, title="Country paper", visibility="member_states", status="circulated")
    DocumentFactory(meeting=meeting, title="Secretariat note", visibility="secretariat", status="circulated")
    body = api_client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert [item["title"] for item in body["agenda_items"]] == ["Opening", "Report of the meeting"]
    assert sorted(doc["title"] for doc in body["documents"]) == ["Adopted report", "Concept note"]


def test_online_link_only_for_invited_focal_points_and_secretariat(
    api_client, focal_point_vn, thailand, focal_point_th, secretariat_user
):
    meeting = MeetingFactory(online_link="https://meet.example.org/som", invites_asean=True)
    thailand.group = "plus_three"
    thailand.save()
    url = f"/api/v1/meetings/{meeting.pk}/"
    assert api_client.get(url).json()["online_link"] is None
    api_client.force_login(focal_point_th)
    assert api_client.get(url).json()["online_link"] is None
    api_client.force_login(focal_point_vn)
    assert api_client.get(url).json()["online_link"] == "https://meet.example.org/som"
    api_client.force_login(secretariat_user)
    assert api_client.get(url).json()["online_link"] == "https://meet.example.org/som"


def test_secretariat_sees_drafts(api_client, secretariat_user):
    MeetingFactory(title="Draft", status=Meeting.Status.DRAFT)
    api_client.force_login(secretariat_user)
    assert titles(api_client.get("/api/v1/meetings/")) == ["Draft"]


# --- Incremental sync ---------------------------------------------------------------------------


def test_updated_since_returns_changes_including_cancellations(api_client, secretariat_user):
    kept = MeetingFactory(title="Unchanged")
    cancelled = MeetingFactory(title="To be cancelled")
    first = api_client.get("/api/v1/meetings/")
    generated = first["X-Page-Generated"]
    assert titles(first) == ["Unchanged", "To be cancelled"]
    assert kept.updated_at.isoformat() < generated.replace("Z", "+00:00")

    schedule.meeting_cancel(actor=secretariat_user, meeting=cancelled, reason="Typhoon")
    changed = api_client.get("/api/v1/meetings/", {"updated_since": generated})
    assert [(m["title"], m["status"]) for m in changed.json()["results"]] == [("To be cancelled", "cancelled")]


def test_generated_header_is_taken_before_reading(api_client):
    before = timezone.now()
    response = api_client.get("/api/v1/meetings/")
    generated = dt.datetime.fromisoformat(response["X-Page-Generated"])
    assert before <= generated <= timezone.now()


def test_anonymous_conditional_get_is_answered_304_without_any_query(api_client):
    MeetingFactory.create_batch(3)
    first = api_client.get("/api/v1/meetings/")
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (response.status_code, response.content, len(queries)) == (304, b"", 0)  # api/fastpath.py


def test_conditional_get_is_answered_304_from_the_freshness_query_alone(token_client, focal_point_vn):
    """A client with a token goes through the view: its only query beyond authentication is the freshness check."""
    client = token_client(focal_point_vn)
    MeetingFactory.create_batch(3)
    first = client.get("/api/v1/meetings/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    for conditional in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/meetings/", **conditional)
        assert (response.status_code, response.content) == (304, b"")
        # Who asks: the token comes from the cache (api/authentication.py), then the owner's rights (two
        # permission queries; staff would see drafts).
        *rights, freshness = (query["sql"] for query in queries)
        assert len(rights) == 2 and all("auth_permission" in sql for sql in rights)
        assert "COUNT(" in freshness and "MAX(" in freshness and "meetings_meeting" in freshness
        assert response["ETag"] == etag


def test_conditional_detail_is_answered_304_from_the_freshness_query_alone(token_client, focal_point_vn):
    client = token_client(focal_point_vn)
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    etag = client.get(f"/api/v1/meetings/{meeting.pk}/")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/meetings/{meeting.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    # The token from the cache, the owner's rights (two permission queries), then one query over meeting and agenda.
    assert [("meetings_meeting" in q["sql"], "COUNT(" in q["sql"]) for q in queries] == [(False, False)] * 2 + [
        (True, True)
    ]


def test_etag_changes_when_the_list_changes(api_client, secretariat_user):
    meeting = MeetingFactory()
    etag = api_client.get("/api/v1/meetings/")["ETag"]
    schedule.meeting_update(
        actor=secretariat_user, meeting=meeting, data={"venue_en": "New hall"}, sequence=meeting.sequence
    )
    response = api_client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_etag_changes_when_an_agenda_item_is_removed(api_client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    url = f"/api/v1/meetings/{meeting.pk}/"
    etag = api_client.get(url)["ETag"]
    item.delete()
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_etag_differs_by_language(api_client):
    MeetingFactory()
    assert api_client.get("/api/v1/meetings/")["ETag"] != api_client.get("/api/v1/meetings/?lang=vi")["ETag"]


# --- Query counts: the same whatever the number of rows ---------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/meetings/", "/api/v1/chairmanships/", "/api/v1/member-states/"])
def test_list_query_count_does_not_grow(api_client, django_assert_num_queries, url):
    def build(n):
        for _ in range(n):
            meeting = MeetingFactory(host_country=MemberStateFactory(), parent=None)
            AgendaItemFactory(meeting=meeting)

    build(1)
    with django_assert_num_queries(2):  # freshness (count + latest change), the page
        assert api_client.get(url).status_code == 200
    build(7)
    with django_assert_num_queries(2):
        assert api_client.get(url).status_code == 200
    with django_assert_num_queries(2):
        assert api_client.get(url + "?page_size=3").status_code == 200


def test_detail_query_count_does_not_grow(api_client, django_assert_num_queries):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    DocumentFactory(meeting=meeting)
    with django_assert_num_queries(5):  # freshness, meeting, agenda, presenters, documents
        api_client.get(f"/api/v1/meetings/{meeting.pk}/")
    AgendaItemFactory.create_batch(5, meeting=meeting)
    DocumentFactory.create_batch(5, meeting=meeting)
    with django_assert_num_queries(5):
        api_client.get(f"/api/v1/meetings/{meeting.pk}/")


def test_signed_in_list_query_count_does_not_grow(api_client, focal_point_vn, django_assert_num_queries):
    api_client.force_login(focal_point_vn)
    MeetingFactory(online_link="https://meet.example.org/a")
    one = queries_for(api_client, "/api/v1/meetings/")
    MeetingFactory.create_batch(6, online_link="https://meet.example.org/b")
    with django_assert_num_queries(one):
        api_client.get("/api/v1/meetings/")


def test_chairmanship_and_member_state_details(api_client, accsm21):
    assert api_client.get("/api/v1/chairmanships/21/").json()["chair"] == {"code": "VN", "name": "Viet Nam"}
    assert api_client.get("/api/v1/member-states/vn/").json() == {"code": "VN", "name": "Viet Nam", "group": "asean"}
    assert api_client.get("/api/v1/member-states/vn/?lang=vi").json()["name"] == "Việt Nam"
