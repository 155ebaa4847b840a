"""The stress data builder, at a tiny size: the same code path as `make bench`, a few hundred rows."""

import dataclasses
import random

import psycopg
import pytest
from django.db import connection
from django.db.models import Count, Q

from bench import data, database
from meetings.models import Delegation, Meeting, Participant
from tests.factories import MeetingFactory

TINY = dataclasses.replace(
    data.Sizes(), chairmanships=3, meetings=8, participants=60, documents=6, initiatives=4, big_meeting_participants=26
)


def server_url() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/x"


def test_bench_database_keeps_the_server_and_uses_its_own_name():
    url = database.bench_database_url("postgres://alice:secret@db.internal:5433/accsm_production", "accsm_bench")
    assert url == "postgres://alice:secret@db.internal:5433/accsm_bench"
    assert database.bench_database_url(None) == "postgres://postgres@127.0.0.1:5432/accsm_bench"


def test_a_sqlite_url_is_refused():
    with pytest.raises(database.NotABenchDatabase):
        database.bench_database_url("sqlite:///var/db.sqlite3")


def test_scaled_sizes_keep_the_shape():
    small = data.Sizes().scaled(0.01)
    assert (small.meetings, small.participants, small.documents, small.initiatives) == (100, 2000, 300, 20)
    assert small.chairmanships == 25 and small.big_meeting_participants == 400


@pytest.mark.django_db(transaction=True)
def test_a_database_with_other_data_is_refused(on_postgres):
    # The test database holds the portal's tables and no benchmark marker: exactly what must never be touched.
    url = database.bench_database_url(server_url(), connection.settings_dict["NAME"])
    with pytest.raises(database.NotABenchDatabase, match="did not create"):
        database.ensure_bench_database(url)


@pytest.mark.django_db(transaction=True)
def test_an_empty_database_is_created_and_claimed_then_accepted_again(on_postgres):
    name = f"{connection.settings_dict['NAME']}_claim"
    url = database.bench_database_url(server_url(), name)
    admin = psycopg.connect(url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    try:
        database.ensure_bench_database(url)
        database.ensure_bench_database(url)  # the second time it is recognised by its marker
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
            marker = conn.execute("SELECT to_regclass(%s)", [database.MARKER_TABLE]).fetchone()[0]
        assert marker == database.MARKER_TABLE
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_the_builder_writes_a_consistent_data_set(db):
    anchors = data._Builder(TINY, random.Random(1)).build(log=lambda message: None)
    data._reset_sequences()

    assert Meeting.objects.count() == 8
    assert Participant.objects.count() == 60
    big = Meeting.objects.get(pk=anchors["big_meeting"])
    assert Participant.objects.filter(delegation__meeting=big).count() == 26 == anchors["big_meeting_participants"]
    assert big.status == Meeting.Status.PUBLISHED
    assert Delegation.objects.filter(meeting=big).count() == TINY.delegations_per_meeting
    # Every delegation fits its people in its allowance, and has exactly one head.
    delegations = Delegation.objects.select_related("meeting").annotate(
        active=Count("participants", filter=Q(participants__status__in=Participant.ACTIVE_STATUSES)),
        heads=Count("participants", filter=Q(participants__role=Participant.Role.HEAD)),
    )
    assert all(d.active <= d.allowance for d in delegations)
    assert {d.heads for d in delegations if d.participants.exists()} == {1}
    # The current chairmanship holds its share of the meetings; the users exist.
    assert (
        anchors["current_chairmanship_meetings"]
        == Meeting.objects.filter(chairmanship=anchors["current_chairmanship"]).count()
    )
    assert set(anchors["focal_point_users"]) >= {"VN", "TH"}
    # The sequences were reset: the portal adds rows after the explicit primary keys.
    assert MeetingFactory().pk > 8
