"""Check-in at the door: each bad input answered clearly, nothing counted twice, nothing lost; door staff
see only what check-in needs; the endpoint's queries stay the same however large the meeting."""

import datetime as dt
import uuid

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from meetings.models import Participant
from tests.factories import MeetingFactory, ParticipantFactory, UserFactory
from venue import badges, services
from venue.models import Attendance, DoorStaff, Scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def badge_of(secretariat_user):
    def issue(participant):
        return services.badges_issue(actor=secretariat_user, participants=[participant])[participant.pk]

    return issue


def post_scan(client, session, **data):
    data = {"scan_id": str(uuid.uuid4()), "method": "qr", "direction": "in", **data}
    return client.post(reverse("venue:scan", args=[session.pk]), data)


@pytest.fixture
def door_client(client, door_keeper):
    client.force_login(door_keeper)
    return client


def test_a_scanned_badge_checks_in_and_shows_what_the_door_needs(door_client, meeting, thang, badge_of):
    badge = badge_of(thang)

    answer = post_scan(door_client, meeting, code=badges.qr_payload(badge.serial)).json()

    assert answer["ok"] is True
    assert answer["code"] == "ok"
    assert answer["person"] == {
        "name": "Mr. Nguyễn Duy Thăng",
        "initials": "NT",
        "photo": None,
        "country": "Viet Nam",
        "role": "Head of delegation",
        "status": "Confirmed",
        "inside": True,
    }


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("https://example.org/ticket/123", "not_ours"),
        ("", "invalid"),
        ("ABCDEFGH:forged-signature", "forged"),
        ("x" * 500, "invalid"),
    ],
)
def test_codes_that_are_not_good_badges_are_refused_with_their_reason(door_client, meeting, code, expected):
    response = post_scan(door_client, meeting, code=code)

    assert response.json()["ok"] is False
    assert response.json()["code"] == expected
    assert Scan.objects.count() == 0


def test_an_altered_code_is_refused_as_forged(door_client, meeting, thang, somchai, badge_of):
    genuine, other = badge_of(thang), badge_of(somchai)
    signature = badges.qr_payload(genuine.serial).split(":", 1)[1]

    answer = post_scan(door_client, meeting, code=f"{other.serial}:{signature}").json()

    assert (answer["ok"], answer["code"]) == (False, "forged")
    assert answer["message"] == "This code was forged or altered: do not let the bearer in; call the secretariat."


def test_a_code_signed_with_another_key_is_forged(door_client, meeting, thang, badge_of, settings):
    badge = badge_of(thang)
    foreign = signing.Signer(key="someone-elses-secret-key-of-enough-length", salt=badges.SALT).sign(badge.serial)

    assert post_scan(door_client, meeting, code=foreign).json()["code"] == "forged"


def test_a_revoked_badge_says_so_with_the_person(door_client, meeting, thang, badge_of):
    badge = badge_of(thang)
    services.badges_revoke(participant=thang, reason="withdrawn")

    answer = post_scan(door_client, meeting, code=badges.qr_payload(badge.serial)).json()

    assert (answer["ok"], answer["code"], answer["message"]) == (False, "revoked", "This badge was revoked.")
    assert answer["person"]["name"] == "Mr. Nguyễn Duy Thăng"
    assert Attendance.objects.count() == 0


def test_a_badge_of_another_meeting_says_so_and_shows_nobody(door_client, meeting, badge_of):
    elsewhere = ParticipantFactory(
        delegation__meeting=MeetingFactory(title="HCS 23"), status=Participant.Status.CONFIRMED
    )
    badge = badge_of(elsewhere)

    answer = post_scan(door_client, meeting, code=badges.qr_payload(badge.serial)).json()

    assert (answer["ok"], answer["code"], answer["person"]) == (False, "other_meeting", None)


def test_a_participant_not_confirmed_is_turned_away(door_client, meeting, thang, badge_of, delegation_vn):
    badge = badge_of(thang)
    Participant.objects.filter(pk=thang.pk).update(status=Participant.Status.REGISTERED)

    answer = post_scan(door_client, meeting, code=badges.qr_payload(badge.serial)).json()

    assert (answer["ok"], answer["code"]) == (False, "not_allowed")


def test_two_scans_within_seconds_are_counted_once(door_keeper, meeting, thang, badge_of):
    code = badges.qr_payload(badge_of(thang).serial)
    now = timezone.now()

    first = services.scan_record(
        actor=door_keeper, session=meeting, scan_id=uuid.uuid4(), method="qr", code=code, at=now
    )
    second = services.scan_record(
        actor=door_keeper,
        session=meeting,
        scan_id=uuid.uuid4(),
        method="qr",
        code=code,
        at=now + dt.timedelta(seconds=3),
    )

    assert (first.code, second.code) == ("ok", "repeat")
    assert second.message == "Already scanned a moment ago: counted once."
    assert Attendance.objects.filter(session=meeting).count() == 1


def test_a_scan_sent_again_is_stored_once_and_answered_as_the_first_time(door_client, meeting, thang, badge_of):
    code = badges.qr_payload(badge_of(thang).serial)
    scan_id = str(uuid.uuid4())

    first = post_scan(door_client, meeting, code=code, scan_id=scan_id).json()
    again = post_scan(door_client, meeting, code=code, scan_id=scan_id).json()

    assert first["code"] == "ok"
    assert (again["ok"], again["code"], again["person"]["name"]) == (True, "replayed", "Mr. Nguyễn Duy Thăng")
    assert Scan.objects.count() == 1


def test_check_out_and_back_in_per_session_of_a_conference_week(door_keeper, meeting, thang, badge_of):
    som = MeetingFactory(parent=meeting, title="SOM 23", chairmanship=meeting.chairmanship)
    hcs = MeetingFactory(parent=meeting, title="HCS 23", chairmanship=meeting.chairmanship)
    code = badges.qr_payload(badge_of(thang).serial)
    start = timezone.now() - dt.timedelta(hours=3)

    def scan(session, direction, minutes):
        return services.scan_record(
            actor=door_keeper,
            session=session,
            scan_id=uuid.uuid4(),
            method="qr",
            code=code,
            direction=direction,
            at=start + dt.timedelta(minutes=minutes),
        )

    scan(som, "in", 0)
    scan(som, "out", 60)
    scan(hcs, "in", 90)

    rows = {row.session_id: row.present for row in Attendance.objects.all()}
    assert rows == {som.pk: False, hcs.pk: True}


def test_a_typed_badge_number_and_a_name_check_in_too(door_client, meeting, thang, somchai, badge_of):
    badge = badge_of(thang)

    typed = post_scan(door_client, meeting, method="typed", code=badge.printed_serial.lower()).json()
    by_name = post_scan(door_client, meeting, method="name", code=str(somchai.pk)).json()

    assert (typed["code"], typed["person"]["name"]) == ("ok", "Mr. Nguyễn Duy Thăng")
    assert (by_name["code"], by_name["person"]["name"]) == ("ok", "Ms. Somchai Jaidee")


def test_search_by_name_ignores_diacritics(door_client, meeting, thang, somchai):
    response = door_client.get(reverse("venue:search", args=[meeting.pk]), {"q": "nguyen thang"})

    assert [(r["name"], r["country"], r["allowed"]) for r in response.json()["results"]] == [
        ("Mr. Nguyễn Duy Thăng", "Viet Nam", True)
    ]
    assert set(response.json()["results"][0]) == {
        "id",
        "name",
        "initials",
        "country",
        "role",
        "status",
        "allowed",
        "photo",
    }


def test_a_scan_older_than_a_day_is_refused(door_client, meeting, thang, badge_of):
    code = badges.qr_payload(badge_of(thang).serial)
    old = (timezone.now() - dt.timedelta(days=2)).isoformat()

    response = post_scan(door_client, meeting, code=code, at=old)

    assert response.status_code == 400
    assert Attendance.objects.count() == 0


# --- Who may open the door -------------------------------------------------------------------------------


def test_someone_without_door_access_gets_404_everywhere(client, meeting, thang, badge_of):
    client.force_login(UserFactory())
    code = badges.qr_payload(badge_of(thang).serial)

    assert client.get(reverse("venue:check_in", args=[meeting.pk])).status_code == 404
    assert post_scan(client, meeting, code=code).status_code == 404
    assert client.get(reverse("venue:search", args=[meeting.pk]), {"q": "Thang"}).status_code == 404
    assert Scan.objects.count() == 0


def test_door_staff_of_one_meeting_cannot_scan_at_another(door_client, meeting):
    other = MeetingFactory()

    assert door_client.get(reverse("venue:check_in", args=[other.pk])).status_code == 404
    assert door_client.get(reverse("venue:search", args=[other.pk]), {"q": "a"}).status_code == 404


def test_door_staff_reach_no_secretariat_page(door_client, meeting):
    for name in (
        "secretariat:venue",
        "secretariat:attendance",
        "secretariat:registrations",
        "secretariat:export_badges",
    ):
        assert door_client.get(reverse(name, args=[meeting.pk])).status_code == 403
    assert door_client.get(reverse("api:attendance-list")).json()["results"] == []


def test_door_staff_of_a_conference_week_scan_at_its_sessions(client, meeting, thang, badge_of):
    som = MeetingFactory(parent=meeting, chairmanship=meeting.chairmanship)
    keeper = UserFactory()
    DoorStaff.objects.create(user=keeper, meeting=meeting)
    client.force_login(keeper)

    answer = post_scan(client, som, code=badges.qr_payload(badge_of(thang).serial)).json()

    assert answer["code"] == "ok"


def test_the_door_index_lists_only_the_users_meetings(door_client, meeting):
    MeetingFactory(title="Not mine")

    page = door_client.get(reverse("venue:door")).content.decode()

    assert meeting.title in page and "Not mine" not in page


# --- Queries -------------------------------------------------------------------------------------------


def test_the_scan_endpoint_runs_the_same_queries_however_many_participants(
    door_client, meeting, delegation_vn, thang, badge_of, django_assert_num_queries
):
    def scan_queries():
        code = badges.qr_payload(badge_of(thang).serial)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert post_scan(door_client, meeting, code=code).json()["ok"]
        Scan.objects.all().delete()
        Attendance.objects.all().delete()
        return len(queries)

    few = scan_queries()
    for participant in ParticipantFactory.create_batch(30, delegation=delegation_vn, status="confirmed"):
        badge_of(participant)
    assert scan_queries() == few


def test_the_benchmarks_check_in_row_scans_every_badge_once(secretariat_user, settings, monkeypatch):
    """bench/inprocess.py's check-in measurement, on a small meeting: every badge read, nothing left behind."""
    from bench import inprocess
    from meetings.models import Meeting

    monkeypatch.setattr(inprocess, "CHECK_IN_DELEGATES", 12)
    big = MeetingFactory()

    measured = inprocess._check_in({"big_meeting": big.pk, "secretariat_user": secretariat_user.pk})

    assert measured["scans"] == 12
    assert measured["scans_per_second"] > 0
    assert not Meeting.objects.filter(title_en=inprocess.CHECK_IN_MEETING_TITLE).exists()
