"""common.locking: row locks in one order for the whole project, and "busy, try again" instead of a long wait."""

import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from api.services import api_token_create
from common.errors import Busy, Conflict
from common.locking import lock, ranked_models
from meetings.models import Delegation, Meeting, MemberState, Participant
from tests.factories import (
    ChairmanshipFactory,
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    ParticipantFactory,
    SecretariatUserFactory,
)


def tables_locked(queries) -> list[str]:
    """The table each row-locking SELECT reads, in the order they ran (SQLite drops FOR UPDATE: every SELECT)."""
    selects = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    return [sql.split(" FROM ", 1)[1].split()[0].strip('"') for sql in selects]


def test_the_lock_order_is_the_documented_one():
    """CONTRIBUTING.md, "Row locks": change both together."""
    assert [model._meta.label for model in ranked_models()] == [
        "meetings.Chairmanship",
        "meetings.Meeting",
        "meetings.AgendaItem",
        "meetings.Delegation",
        "meetings.Participant",
        "meetings.InvitationLetterTemplate",
        "workplan.WorkPlan",
        "workplan.Initiative",
        "documents.Document",
        "reminders.ReminderRule",
        "reminders.MeetingReminderSetting",
        "accounts.FocalPointInvitation",
        "api.ApiToken",
        "api.CalendarFeedToken",
        "otp_totp.TOTPDevice",
        "accounts.RecoveryCode",
        "proceedings.ActionItem",
        "proceedings.WrittenProcedure",
        "proceedings.ProcedureCountry",
        "proceedings.ReportCirculation",
        "accreditation.AccreditationRequirements",
        "accreditation.Accreditation",
        "accreditation.LetterRequest",
    ]


@pytest.mark.django_db(transaction=True)
def test_lock_refuses_to_run_outside_a_transaction():
    meeting = MeetingFactory()
    with pytest.raises(TransactionManagementError, match=r"transaction.atomic"):
        lock(meeting)


@pytest.mark.django_db
@pytest.mark.parametrize("participant_first", [True, False])
def test_the_meeting_is_locked_before_the_participant_whatever_the_argument_order(participant_first):
    participant = ParticipantFactory()
    meeting = participant.delegation.meeting
    targets = (participant, meeting) if participant_first else (meeting, participant)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = lock(*targets)

    assert tables_locked(queries) == ["meetings_meeting", "meetings_participant"]
    assert [(type(row), row.pk) for row in locked] == [(type(target), target.pk) for target in targets]


@pytest.mark.django_db
def test_rows_of_one_model_are_locked_in_one_statement_in_primary_key_order():
    first, second = ChairmanshipFactory(), ChairmanshipFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = lock(second, first)
    assert locked == [second, first]  # the caller's order
    (select,) = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    assert 'ORDER BY "meetings_chairmanship"."id" ASC' in select


@pytest.mark.django_db
def test_a_queryset_gives_all_its_rows_and_what_it_reads_alongside():
    meeting = MeetingFactory()
    delegations = DelegationFactory.create_batch(2, meeting=meeting)
    with transaction.atomic():
        locked_meeting, *locked = lock(
            meeting, Delegation.objects.select_related("member_state").filter(meeting=meeting)
        )
    assert (locked_meeting, locked) == (meeting, delegations)
    assert "member_state" in locked[0]._state.fields_cache


@pytest.mark.django_db
def test_a_row_deleted_meanwhile_is_does_not_exist_like_get():
    meeting = MeetingFactory()
    gone = Meeting.objects.get(pk=meeting.pk)
    meeting.delete()
    with transaction.atomic(), pytest.raises(Meeting.DoesNotExist):
        lock(gone)


@pytest.mark.django_db
def test_a_model_with_no_rank_is_refused(viet_nam):
    with transaction.atomic(), pytest.raises(ImproperlyConfigured, match=r"meetings.MemberState has no lock rank"):
        lock(MemberState.objects.get(pk=viet_nam.pk))


def test_busy_is_a_conflict_with_its_own_code():
    assert (issubclass(Busy, Conflict), Busy.code, Busy.status, str(Busy().message)) == (
        True,
        "busy",
        409,
        "Someone else is changing this right now. Please try again in a moment.",
    )


# --- PostgreSQL: a real lock held by another connection ------------------------------------------------------


@pytest.mark.django_db
def test_on_postgres_each_lock_sets_the_timeout_then_locks_its_rows_only(on_postgres, settings):
    settings.LOCK_TIMEOUT_MS = 1234
    delegation = DelegationFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        lock(Delegation.objects.select_related("meeting").filter(pk=delegation.pk))
    set_timeout, select = (query["sql"] for query in queries)
    assert set_timeout == "SET LOCAL lock_timeout = '1234ms'"
    assert select.endswith('FOR UPDATE OF "meetings_delegation"')


class HeldLock:
    """Another connection holds a row lock until the test lets go."""

    def __init__(self, *rows):
        self.rows, self.held, self.release = rows, threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with transaction.atomic():
                lock(*self.rows)
                self.held.set()
                self.release.wait(timeout=30)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        assert self.held.wait(timeout=10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join()


def register(actor, delegation, name="Nguyễn Văn An"):
    from registrations.services import registration

    return registration.participant_register(actor=actor, delegation=delegation, data={"full_name": name})


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_request_waiting_for_a_held_lock_gives_up_busy_after_the_timeout(on_postgres, settings, viet_nam):
    settings.LOCK_TIMEOUT_MS = 200
    delegation = DelegationFactory(member_state=viet_nam)
    focal_point = FocalPointFactory(member_state=viet_nam).user

    with HeldLock(delegation.meeting):
        started = time.monotonic()
        with pytest.raises(Busy):
            register(focal_point, delegation)
        waited = time.monotonic() - started
        # The transaction the timeout aborted is over: the connection answers again at once.
        assert Participant.objects.count() == 0

    assert 0.2 <= waited < 2
    assert register(focal_point, delegation).full_name == "Nguyễn Văn An"  # once the lock is let go


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_api_answers_409_busy_while_someone_else_changes_the_delegation(on_postgres, settings, viet_nam):
    settings.LOCK_TIMEOUT_MS = 200
    delegation = DelegationFactory(member_state=viet_nam)
    focal_point = FocalPointFactory(member_state=viet_nam).user
    _token, plain = api_token_create(
        actor=SecretariatUserFactory(),
        name="MOHA",
        owner=focal_point,
        scope="registrations",
        member_state=viet_nam,
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    body = {"delegation": delegation.pk, "full_name": "Nguyễn Văn An", "email": "an@example.org"}

    with HeldLock(delegation):
        response = client.post("/api/v1/participants/", body, format="json")

    assert (response.status_code, response.json()) == (
        409,
        {
            "code": "busy",
            "message": "Someone else is changing this right now. Please try again in a moment.",
            "fields": {},
        },
    )
    assert client.post("/api/v1/participants/", body, format="json").status_code == 201


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_page_shows_the_form_with_the_busy_message(on_postgres, settings, client, viet_nam):
    settings.LOCK_TIMEOUT_MS = 200
    delegation = DelegationFactory(member_state=viet_nam)
    client.force_login(FocalPointFactory(member_state=viet_nam).user)
    url = reverse("my:participant_add", args=[delegation.meeting_id])
    data = {"full_name": "Nguyễn Thị Lan", "role": "delegate", "language": "vi", "phone": "+84 912"}

    with HeldLock(delegation.meeting):
        response = client.post(url, data)
        vietnamese = client.post(url.replace("/en/", "/vi/", 1), data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Someone else is changing this right now. Please try again in a moment."
    ]
    assert 'value="+84 912"' in response.content.decode()  # what was typed is kept
    assert "Có người khác đang thay đổi mục này" in vietnamese.content.decode()
    assert Participant.objects.count() == 0
