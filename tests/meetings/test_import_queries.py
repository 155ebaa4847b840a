"""A file import reads the delegation once: every further row costs the same few queries (its checks, its
insert, its audit entry), and the rules it used to query per row still hold across the file."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Participant
from meetings.services import registration as services
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roomy_delegation(viet_nam):
    return DelegationFactory(member_state=viet_nam, meeting=MeetingFactory(delegates_allowed=30))


def rows(count, start=0):
    return [(n + 2, {"full_name": f"Importee {n}", "email": f"d{n}@moha.gov.vn"}) for n in range(start, start + count)]


def queries_to_import(actor, delegation, count) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.participants_import(actor=actor, delegation=delegation, rows=rows(count))
    delegation.participants.all().delete()
    return len(queries)


def test_each_row_costs_the_same_queries_whatever_the_file_size(focal_point_vn, roomy_delegation):
    queries_to_import(focal_point_vn, roomy_delegation, 1)  # warms the per-process caches (content types…)
    ParticipantFactory.create_batch(3, delegation=roomy_delegation, email="")
    three = queries_to_import(focal_point_vn, roomy_delegation, 3)
    ParticipantFactory.create_batch(3, delegation=roomy_delegation, email="")
    twelve = queries_to_import(focal_point_vn, roomy_delegation, 12)
    # Per row: the constraint check, the insert and its audit entry, each write in savepoints (4 statements);
    # no count of places and no duplicate lookups (3 more per row before), whatever the delegation holds.
    assert (twelve - three) == 9 * 7


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
