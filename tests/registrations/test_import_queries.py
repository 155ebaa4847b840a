"""A file import reads the delegation once and writes the whole file in one statement (and its audit entries
in another): a row adds no statement, and the rules it used to query per row still hold across the file."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Participant
from registrations.services import registration as services
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roomy_delegation(viet_nam):
    return DelegationFactory(member_state=viet_nam, meeting=MeetingFactory(delegates_allowed=30))


def rows(count, start=0):
    return [(n + 2, {"full_name": f"Importee {n}", "email": f"d{n}@moha.gov.vn"}) for n in range(start, start + count)]


def queries_to_import(actor, delegation, count, *, head=False) -> int:
    file_rows = rows(count)
    if head:
        file_rows[0][1]["role"] = Participant.Role.HEAD
    with CaptureQueriesContext(connection) as queries:
        services.participants_import(actor=actor, delegation=delegation, rows=file_rows)
    delegation.participants.all().delete()
    return len(queries)


def test_the_statements_of_an_import_do_not_grow_with_the_file(focal_point_vn, roomy_delegation):
    queries_to_import(focal_point_vn, roomy_delegation, 1)  # warms the per-process caches (content types…)
    ParticipantFactory.create_batch(3, delegation=roomy_delegation, email="")
    three = queries_to_import(focal_point_vn, roomy_delegation, 3)
    ParticipantFactory.create_batch(3, delegation=roomy_delegation, email="")
    twelve_with_a_head = queries_to_import(focal_point_vn, roomy_delegation, 12, head=True)
    # Per row there were 7 statements before (the departure constraint's query in savepoints, the insert and its
    # audit entry in a savepoint), and 3 more before the roster (count of places, duplicate lookups), and the
    # head's query.
    assert twelve_with_a_head == three
    # Who acts (permissions, focal point), the meeting and the delegation locked (PostgreSQL first sets the lock
    # timeout) and its people read, the participants inserted and their audit entries inserted, in a savepoint
    # here as the test runs in a transaction, and the webhook subscriptions read once for the whole import
    # (webhooks.events.emit_many): 8 statements on SQLite, 9 on PostgreSQL, whatever the number of rows.
    assert three <= 10


def test_a_second_head_in_the_file_or_in_the_delegation_is_rejected(focal_point_vn, roomy_delegation):
    head = {"role": Participant.Role.HEAD}
    file_rows = [(2, {"full_name": "First head", **head}), (3, {"full_name": "Second head", **head})]
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=roomy_delegation, rows=file_rows)
    assert [(p.row, p.field) for p in rejected.value.problems] == [(3, "role")]

    ParticipantFactory(delegation=roomy_delegation, role=Participant.Role.HEAD, status=Participant.Status.WAITLISTED)
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=roomy_delegation, rows=file_rows[:1])
    assert [(p.row, p.field) for p in rejected.value.problems] == [(2, "role")]


def test_a_departure_before_arrival_is_reported_on_its_row(focal_point_vn, roomy_delegation):
    start = roomy_delegation.meeting.start
    file_rows = [*rows(1), (3, {"full_name": "Early", "arrival": start, "departure": start - dt.timedelta(hours=1)})]
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=roomy_delegation, rows=file_rows)
    assert [(p.row, p.field, p.message) for p in rejected.value.problems] == [
        (3, "", "Departure cannot be before arrival.")
    ]
    assert roomy_delegation.participants.count() == 0


def test_a_file_repeating_someone_already_registered_is_rejected(focal_point_vn, roomy_delegation):
    ParticipantFactory(delegation=roomy_delegation, full_name="Trần Văn Bình", email="binh@moha.gov.vn")
    file_rows = [
        (2, {"full_name": "Lê Thị Hoa", "email": "BINH@moha.gov.vn"}),
        (3, {"full_name": "trần văn bình ", "email": "other@moha.gov.vn"}),
    ]
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=roomy_delegation, rows=file_rows)
    assert [(p.row, p.field) for p in rejected.value.problems] == [(2, "email"), (3, "full_name")]


def test_a_withdrawn_person_may_be_imported_again(focal_point_vn, roomy_delegation):
    ParticipantFactory(
        delegation=roomy_delegation, full_name="Importee 0", email="d0@moha.gov.vn", status=Participant.Status.CANCELLED
    )
    imported = services.participants_import(actor=focal_point_vn, delegation=roomy_delegation, rows=rows(1))
    assert [p.full_name for p in imported] == ["Importee 0"]


def test_a_file_repeating_a_row_of_its_own_is_rejected(focal_point_vn, roomy_delegation):
    file_rows = [*rows(2), (9, {"full_name": "Someone else", "email": "D1@moha.gov.vn"})]
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=roomy_delegation, rows=file_rows)
    assert [(p.row, p.field) for p in rejected.value.problems] == [(9, "email")]


def test_the_allowance_counts_the_rows_already_imported(focal_point_vn, viet_nam):
    delegation = DelegationFactory(member_state=viet_nam, meeting=MeetingFactory(delegates_allowed=3))
    ParticipantFactory(delegation=delegation)
    ParticipantFactory(delegation=delegation, status=Participant.Status.DECLINED)  # takes no place
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=delegation, rows=rows(3))
    assert [(p.row, p.field) for p in rejected.value.problems] == [(4, "")]


def test_a_head_the_checks_missed_is_refused_by_the_database_with_the_whole_file(
    focal_point_vn, roomy_delegation, monkeypatch
):
    """As when another registration slips in between (SQLite has no row locks): the constraint has the last word."""
    ParticipantFactory(delegation=roomy_delegation, role=Participant.Role.HEAD, full_name="The head")
    monkeypatch.setattr(services._Roster, "of", classmethod(lambda cls, delegation: cls(0, 0, set(), set())))
    file_rows = [*rows(2), (4, {"full_name": "Another head", "role": Participant.Role.HEAD})]
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=roomy_delegation, rows=file_rows)
    assert [(p.row, p.field, p.message) for p in rejected.value.problems] == [
        (4, "role", "This delegation already has a head of delegation.")
    ]
    assert list(roomy_delegation.participants.values_list("full_name", flat=True)) == ["The head"]
