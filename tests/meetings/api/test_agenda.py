"""Agendas through the API: everyone reads the agendas of announced meetings; the secretariat writes them
through the schedule services, which raise the meeting's revision and log the change."""

import pytest

from meetings.models import AgendaItem, Meeting
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(api_client, secretariat_user):
    api_client.force_login(secretariat_user)
    return api_client


def test_agendas_of_announced_meetings_only(api_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, order=2, title="Report")
    AgendaItemFactory(meeting=meeting, order=1, title="Opening")
    AgendaItemFactory(meeting=MeetingFactory(status="draft"), title="Secret draft item")
    response = api_client.get("/api/v1/agenda-items/", {"meeting": meeting.pk})
    assert [(i["meeting"], i["title"]) for i in response.json()["results"]] == [
        (meeting.pk, "Opening"),
        (meeting.pk, "Report"),
    ]
    assert [i["title"] for i in api_client.get("/api/v1/agenda-items/").json()["results"]] == ["Opening", "Report"]


def test_secretariat_adds_changes_reorders_and_removes_items(staff_client):
    meeting = MeetingFactory()
    first = staff_client.post(
        "/api/v1/agenda-items/", {"meeting": meeting.pk, "title_en": "Opening", "title_vi": "Khai mạc"}, format="json"
    )
    second = staff_client.post("/api/v1/agenda-items/", {"meeting": meeting.pk, "title_en": "Report"}, format="json")
    assert (first.status_code, second.json()["order"]) == (201, 2)
    outcome = staff_client.patch(
        f"/api/v1/agenda-items/{second.json()['id']}/", {"outcome_en": "Adopted"}, format="json"
    )
    assert outcome.json()["outcome"] == "Adopted"
    reordered = staff_client.post(
        f"/api/v1/meetings/{meeting.pk}/agenda-order/",
        {"items": [second.json()["id"], first.json()["id"]]},
        format="json",
    )
    assert [i["title"] for i in reordered.json()["agenda_items"]] == ["Report", "Opening"]
    assert staff_client.delete(f"/api/v1/agenda-items/{first.json()['id']}/").status_code == 204
    assert list(AgendaItem.objects.values_list("title_en", flat=True)) == ["Report"]
    assert Meeting.objects.get().sequence == 5  # two additions, an outcome, an order, a removal
    assert staff_client.get("/api/v1/agenda-items/?lang=vi").json()["results"][0]["title"] == "Report"


def test_reordering_from_a_stale_agenda_is_409(staff_client):
    meeting = MeetingFactory()
    items = AgendaItemFactory.create_batch(2, meeting=meeting)
    AgendaItemFactory(meeting=meeting)  # added meanwhile
    response = staff_client.post(
        f"/api/v1/meetings/{meeting.pk}/agenda-order/", {"items": [i.pk for i in reversed(items)]}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "conflict")


def test_only_the_secretariat_writes_agendas(api_client, focal_point_vn, token_client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    assert (
        api_client.post("/api/v1/agenda-items/", {"meeting": meeting.pk, "title_en": "X"}, format="json").status_code
        == 401
    )
    api_client.force_login(focal_point_vn)
    assert api_client.patch(f"/api/v1/agenda-items/{item.pk}/", {"title_en": "X"}, format="json").status_code == 403
    assert api_client.delete(f"/api/v1/agenda-items/{item.pk}/").status_code == 403
    assert token_client(focal_point_vn).delete(f"/api/v1/agenda-items/{item.pk}/").status_code == 403
    assert AgendaItem.objects.get().title == item.title


def test_agenda_list_query_count_does_not_grow(api_client, django_assert_num_queries):
    # The items, their count, and their presenters (one prefetch for the page).
    AgendaItemFactory()
    with django_assert_num_queries(3):
        api_client.get("/api/v1/agenda-items/")
    AgendaItemFactory.create_batch(5)
    with django_assert_num_queries(3):
        assert api_client.get("/api/v1/agenda-items/").json()["count"] == 6
