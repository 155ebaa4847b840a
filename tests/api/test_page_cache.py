"""The meetings list keeps serialised pages in the cache under their ETag: a repeated request costs the
freshness query only, and a change shows at once in exactly the lists that show the changed meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import Meeting
from tests.factories import ChairmanshipFactory, MeetingFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/meetings/"


@pytest.fixture
def two_chairmanships(viet_nam, thailand):
    start = timezone.now() + dt.timedelta(days=30)
    accsm21 = ChairmanshipFactory(ordinal=21, chair=viet_nam)
    accsm22 = ChairmanshipFactory(ordinal=22, chair=thailand)
    for n in range(3):
        MeetingFactory(chairmanship=accsm21, title=f"SOM {n}", start=start + dt.timedelta(days=n))
        MeetingFactory(chairmanship=accsm22, title=f"HCS {n}", start=start + dt.timedelta(days=n))
    return accsm21, accsm22


def titles(response):
    return [meeting["title"] for meeting in response.json()["results"]]


@pytest.fixture
def without_fast_path(settings):
    """Anonymous repeats are answered before the view (api.fastpath); these tests are about the view."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("api.fastpath")]


@pytest.mark.parametrize("count", [1, 12])
def test_a_repeated_list_costs_one_query_whatever_its_length(
    api_client, count, without_fast_path, django_assert_num_queries
):
    start = timezone.now() + dt.timedelta(days=30)
    MeetingFactory.create_batch(count, start=start)
    first = api_client.get(LIST, {"page_size": 50})
    assert len(first.json()["results"]) == count
    with django_assert_num_queries(1):  # the freshness query; the page comes from the cache
        again = api_client.get(LIST, {"page_size": 50})
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]


def test_a_changed_meeting_shows_at_once(api_client, two_chairmanships):
    _accsm21, _ = two_chairmanships
    before = api_client.get(LIST, {"chairmanship": 21})
    meeting = Meeting.objects.get(title="SOM 1")
    meeting.title_en = "SOM 1, moved to Da Nang"
    meeting.save()
    after = api_client.get(LIST, {"chairmanship": 21})
    assert titles(after) == ["SOM 0", "SOM 1, moved to Da Nang", "SOM 2"]
    assert after["ETag"] != before["ETag"]


def test_a_change_elsewhere_leaves_a_filtered_list_as_it_was(api_client, two_chairmanships):
    first = api_client.get(LIST, {"chairmanship": 21})
    other = Meeting.objects.get(title="HCS 0")
    other.title_en = "HCS 0, renamed"
    other.save()
    again = api_client.get(LIST, {"chairmanship": 21}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert titles(api_client.get(LIST, {"chairmanship": 22}))[0] == "HCS 0, renamed"


def test_a_removed_meeting_disappears(api_client, two_chairmanships):
    api_client.get(LIST, {"chairmanship": 21})
    Meeting.objects.get(title="SOM 2").delete()
    assert titles(api_client.get(LIST, {"chairmanship": 21})) == ["SOM 0", "SOM 1"]


def test_pages_and_languages_are_cached_apart(api_client, two_chairmanships):
    Meeting.objects.filter(title="SOM 0").update(title_vi="Hội nghị SOM 0")
    first_page = api_client.get(LIST, {"chairmanship": 21, "page_size": 2})
    second_page = api_client.get(LIST, {"chairmanship": 21, "page_size": 2, "page": 2})
    assert (titles(first_page), titles(second_page)) == (["SOM 0", "SOM 1"], ["SOM 2"])
    vietnamese = api_client.get(LIST, {"chairmanship": 21, "page_size": 2}, HTTP_ACCEPT_LANGUAGE="vi")
    assert titles(vietnamese)[0] == "Hội nghị SOM 0"
