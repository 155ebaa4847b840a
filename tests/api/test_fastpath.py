"""Anonymous polls of the public schedule are answered 304 from the cache, with no database query, for as
long as nothing has been written since their ETag was computed; any committed write ends that at once."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from api import fastpath
from meetings.models import Meeting
from tests.factories import ChairmanshipFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/meetings/"


@pytest.fixture
def schedule(viet_nam):
    chairmanship = ChairmanshipFactory(ordinal=21, chair=viet_nam)
    start = timezone.now() + dt.timedelta(days=30)
    return [MeetingFactory(chairmanship=chairmanship, start=start + dt.timedelta(days=n)) for n in range(3)]


@pytest.mark.parametrize("path", [LIST + "?chairmanship=21", "/calendar/meetings.ics", "/calendar/accsm-21.ics"])
def test_an_unchanged_poll_costs_no_query(client, schedule, path, django_assert_num_queries):
    etag = client.get(path)["ETag"]
    with django_assert_num_queries(0):
        again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again["Cache-Control"]


def test_the_api_304_says_when_it_was_generated(client, schedule):
    etag = client.get(LIST)["ETag"]
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag)["X-Page-Generated"].endswith("Z")


@pytest.mark.parametrize("path", [LIST, "/calendar/meetings.ics"])
def test_a_saved_change_is_served_at_once(client, schedule, path):
    etag = client.get(path)["ETag"]
    meeting = schedule[1]
    meeting.venue_en = "Da Nang"
    meeting.save()
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_deleted_meeting_is_served_at_once(client, schedule):
    etag = client.get(LIST)["ETag"]
    schedule[0].delete()
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_stamp_changes_when_a_transaction_commits_not_before(schedule):
    before = cache.get(fastpath.STAMP_KEY) or fastpath.bump()
    with transaction.atomic():
        Meeting.objects.filter(pk=schedule[0].pk).first().save()
        Meeting.objects.filter(pk=schedule[1].pk).first().save()
        assert cache.get(fastpath.STAMP_KEY) == before  # a poll meanwhile still reads the old rows
    assert cache.get(fastpath.STAMP_KEY) != before


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_the_stamp(schedule):
    before = cache.get(fastpath.STAMP_KEY) or fastpath.bump()
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule[0].save()
        raise RuntimeError
    assert cache.get(fastpath.STAMP_KEY) == before


def test_polls_with_credentials_go_through_the_view(client, schedule, django_assert_max_num_queries):
    etag = client.get(LIST)["ETag"]
    client.force_login(UserFactory())
    response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert response["ETag"] != etag  # the ETag names the reader: a signed-in user's is their own
    with django_assert_max_num_queries(10) as queries:
        client.get(LIST, HTTP_IF_NONE_MATCH=response["ETag"])
    assert len(queries) > 0


def test_the_private_feed_never_takes_the_fast_path(client, focal_point_vn, schedule, django_assert_max_num_queries):
    from api.services import calendar_feed_create

    path = f"/calendar/private/{calendar_feed_create(actor=focal_point_vn)}.ics"
    etag = client.get(path)["ETag"]
    with django_assert_max_num_queries(20) as queries:
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) > 0


@pytest.mark.parametrize("path", [LIST + "?chairmanship=21&page_size=2", "/calendar/accsm-21.ics"])
def test_a_repeated_request_gets_the_same_answer_without_a_query(client, schedule, path, django_assert_num_queries):
    first = client.get(path)
    with django_assert_num_queries(0):
        again = client.get(path)
    assert (again.status_code, again.content) == (200, first.content)
    assert sorted(again.headers) == sorted(first.headers)
    for name in ("Content-Type", "ETag", "Cache-Control", "Content-Language"):
        assert again[name] == first[name]
    assert set(again["Vary"].split(", ")) == set(first["Vary"].split(", "))


def test_answers_in_other_languages_and_formats_are_remembered_apart(client, schedule):
    Meeting.objects.filter(pk=schedule[0].pk).update(title_vi="Hội nghị thử")
    client.get(LIST)
    vietnamese = client.get(LIST, HTTP_ACCEPT_LANGUAGE="vi")
    assert vietnamese.json()["results"][0]["title"] == "Hội nghị thử"
    assert client.get(LIST + "?lang=vi").json()["results"][0]["title"] == "Hội nghị thử"
    assert client.get(LIST).json()["results"][0]["title"] == schedule[0].title_en


def test_an_answer_remembered_for_another_host_or_scheme_is_not_served(client, schedule):
    path = LIST + "?page_size=1"
    poisoned = client.get(path, HTTP_HOST="localhost:8443", secure=True)
    assert poisoned.json()["next"].startswith("https://localhost:8443/")

    plain = client.get(path)
    other_port = client.get(path, HTTP_HOST="localhost:9000")

    assert plain.json()["next"].startswith("http://testserver/")
    assert other_port.json()["next"].startswith("http://localhost:9000/")
