"""The schedule services: every change raises the revision and is logged; stale edits and history are refused."""

import datetime as dt
from functools import partial

import pytest
from django.core import mail
from django.utils import timezone

from common.errors import Conflict, DomainError, Forbidden
from meetings.models import AgendaItem, Meeting, MeetingChange, Participant
from meetings.services import schedule
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipFactory,
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    ParticipantFactory,
)
from tests.helpers import run_concurrently

pytestmark = pytest.mark.django_db

START = dt.datetime(2030, 8, 5, 2, 0, tzinfo=dt.UTC)  # 09:00 in Hanoi


def meeting_data(chairmanship, **overrides):
    return {
        "chairmanship": chairmanship,
        "kind": Meeting.Kind.SOM,
        "title_en": "Senior Officials Meeting",
        "title_vi": "Hội nghị quan chức cấp cao (SOM)",
        "start": START,
        "end": START + dt.timedelta(hours=8),
        "time_zone": "Asia/Ho_Chi_Minh",
        "format": Meeting.Format.IN_PERSON,
        "city_en": "Hanoi",
        "city_vi": "Hà Nội",
        "registration_deadline": START - dt.timedelta(days=10),
        **overrides,
    }


def changes(meeting):
    return list(MeetingChange.objects.filter(meeting=meeting).order_by("pk").values_list("action", flat=True))


def test_secretariat_creates_a_draft_in_both_languages(secretariat_user):
    meeting = schedule.meeting_create(actor=secretariat_user, data=meeting_data(ChairmanshipFactory()))

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.DRAFT, 0)
    assert (meeting.title_en, meeting.title_vi) == ("Senior Officials Meeting", "Hội nghị quan chức cấp cao (SOM)")


def test_a_focal_point_cannot_create_meetings(focal_point_vn):
    with pytest.raises(Forbidden):
        schedule.meeting_create(actor=focal_point_vn, data=meeting_data(ChairmanshipFactory()))
    assert Meeting.objects.count() == 0


def test_create_refuses_a_meeting_that_ends_before_it_starts_naming_the_field(secretariat_user):
    data = meeting_data(ChairmanshipFactory(), end=START - dt.timedelta(hours=1))

    with pytest.raises(DomainError) as error:
        schedule.meeting_create(actor=secretariat_user, data=data)

    assert error.value.field == "end"


def test_moving_a_published_meeting_logs_old_and_new_times_as_iso_strings(secretariat_user):
    meeting = MeetingFactory(start=START, end=START + dt.timedelta(hours=8), sequence=3)
    new_start = START + dt.timedelta(days=1)

    schedule.meeting_update(
        actor=secretariat_user,
        meeting=meeting,
        data={"start": new_start, "end": new_start + dt.timedelta(hours=8)},
        sequence=3,
    )

    meeting.refresh_from_db()
    change = meeting.changes.get()
    assert meeting.sequence == 4
    assert change.action == MeetingChange.Action.MOVED
    assert change.old_values == {"end": "2030-08-05T10:00:00+00:00", "start": "2030-08-05T02:00:00+00:00"}
    assert change.new_values == {"end": "2030-08-06T10:00:00+00:00", "start": "2030-08-06T02:00:00+00:00"}
    assert change.changed_by == secretariat_user


def test_a_new_venue_is_logged_as_a_venue_change(secretariat_user):
    meeting = MeetingFactory(venue="National Convention Center")

    schedule.meeting_update(
        actor=secretariat_user, meeting=meeting, data={"venue_en": "Melia Hotel"}, sequence=meeting.sequence
    )

    change = meeting.changes.get()
    assert (change.action, change.old_values, change.new_values) == (
        MeetingChange.Action.VENUE_CHANGED,
        {"venue_en": "National Convention Center"},
        {"venue_en": "Melia Hotel"},
    )


def test_saving_without_changes_leaves_the_revision_alone(secretariat_user):
    meeting = MeetingFactory(title="SOM")

    schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": "SOM"}, sequence=0)

    meeting.refresh_from_db()
    assert (meeting.sequence, changes(meeting)) == (0, [])


def test_a_stale_edit_is_refused_and_changes_nothing(secretariat_user):
    meeting = MeetingFactory(title="SOM")
    schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": "SOM 21"}, sequence=0)

    with pytest.raises(Conflict):
        schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": "SOM 22"}, sequence=0)

    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.sequence) == ("SOM 21", 1)


def test_publish_announces_a_draft(secretariat_user):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)

    schedule.meeting_publish(actor=secretariat_user, meeting=meeting)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, changes(meeting)) == ("published", 1, ["published"])
    assert meeting.published_at is not None


def test_publishing_twice_is_refused(secretariat_user):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)
    with pytest.raises(schedule.InvalidTransition):
        schedule.meeting_publish(actor=secretariat_user, meeting=meeting)


def test_postponing_keeps_the_old_dates_in_the_record(secretariat_user):
    meeting = MeetingFactory(start=START, end=START + dt.timedelta(hours=8))
    later = START + dt.timedelta(days=30)

    schedule.meeting_postpone(
        actor=secretariat_user, meeting=meeting, start=later, end=later + dt.timedelta(hours=8), reason="Typhoon"
    )

    meeting.refresh_from_db()
    change = meeting.changes.get()
    assert (meeting.status, meeting.start, meeting.sequence) == ("postponed", later, 1)
    assert change.action == MeetingChange.Action.POSTPONED
    assert change.old_values == {
        "status": "published",
        "start": "2030-08-05T02:00:00+00:00",
        "end": "2030-08-05T10:00:00+00:00",
    }
    assert change.reason == "Typhoon"


def test_postponing_to_an_earlier_date_is_refused(secretariat_user):
    meeting = MeetingFactory(start=START, end=START + dt.timedelta(hours=8))
    earlier = START - dt.timedelta(days=1)
    with pytest.raises(DomainError) as error:
        schedule.meeting_postpone(
            actor=secretariat_user, meeting=meeting, start=earlier, end=earlier + dt.timedelta(hours=1)
        )
    assert error.value.field == "start"


def test_cancelling_emails_everyone_registered_in_their_language(
    secretariat_user, settings, viet_nam, thailand, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    meeting = MeetingFactory(title="SOM", title_vi="Hội nghị SOM")
    ParticipantFactory(
        delegation__meeting=meeting, delegation__member_state=viet_nam, email="an@example.vn", language="vi"
    )
    ParticipantFactory(delegation__meeting=meeting, delegation__member_state=thailand, email="som@example.th")
    ParticipantFactory(delegation__meeting=meeting, status=Participant.Status.CANCELLED, email="gone@example.org")
    FocalPointFactory(member_state=thailand, user__email="fp@example.th")

    with django_capture_on_commit_callbacks(execute=True):
        schedule.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Typhoon")

    by_address = {message.to[0]: message for message in mail.outbox}
    # Issue 19: the secretariat is told too (and the focal points of every invited country, not only of
    # the countries registered: here Thailand's is the only one).
    assert sorted(by_address) == ["an@example.vn", "fp@example.th", "secretariat@example.org", "som@example.th"]
    assert by_address["an@example.vn"].subject == "Đã hủy: Hội nghị SOM"
    assert by_address["som@example.th"].subject == "Cancelled: SOM"
    assert "Typhoon" in by_address["som@example.th"].body
    assert "Typhoon" in by_address["som@example.th"].alternatives[0][0]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason, changes(meeting)) == ("cancelled", "Typhoon", ["cancelled"])


def test_cancelling_needs_a_reason(secretariat_user):
    meeting = MeetingFactory()
    with pytest.raises(DomainError) as error:
        schedule.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="  ")
    assert error.value.field == "reason"


def test_a_meeting_is_concluded_only_once_it_has_started(secretariat_user):
    future = MeetingFactory()
    past = MeetingFactory(start=timezone.now() - dt.timedelta(days=1))

    with pytest.raises(schedule.InvalidTransition):
        schedule.meeting_conclude(actor=secretariat_user, meeting=future)
    schedule.meeting_conclude(actor=secretariat_user, meeting=past)

    past.refresh_from_db()
    assert (past.status, changes(past)) == ("concluded", ["concluded"])


def test_duplicating_shifts_every_time_and_copies_the_agenda_without_outcomes(secretariat_user):
    meeting = MeetingFactory(start=START, end=START + dt.timedelta(hours=8))
    AgendaItemFactory(meeting=meeting, order=1, title="Opening", outcome="Opened", starts_at=START)
    AgendaItemFactory(meeting=meeting, order=2, title="Report")
    next_year = START + dt.timedelta(days=365)

    copy = schedule.meeting_duplicate(actor=secretariat_user, meeting=meeting, start=next_year)

    assert (copy.status, copy.start, copy.end) == ("draft", next_year, next_year + dt.timedelta(hours=8))
    assert copy.registration_deadline == meeting.registration_deadline + dt.timedelta(days=365)
    assert list(copy.agenda_items.values_list("title", "outcome", "starts_at")) == [
        ("Opening", "", next_year),
        ("Report", "", None),
    ]


def test_a_meeting_with_registrations_cannot_be_deleted(secretariat_user):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    ParticipantFactory(delegation__meeting=meeting)
    with pytest.raises(schedule.HasRegistrations):
        schedule.meeting_delete(actor=secretariat_user, meeting=meeting)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_an_announced_meeting_cannot_be_deleted_only_cancelled(secretariat_user):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)
    with pytest.raises(schedule.InvalidTransition):
        schedule.meeting_delete(actor=secretariat_user, meeting=meeting)


def test_a_draft_without_registrations_is_deleted(secretariat_user):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    DelegationFactory(meeting=meeting)
    schedule.meeting_delete(actor=secretariat_user, meeting=meeting)
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_meetings_of_a_handed_over_chairmanship_are_read_only(secretariat_user):
    meeting = MeetingFactory(chairmanship__handed_over_at=timezone.now())

    with pytest.raises(schedule.ReadOnlyHistory):
        schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": "New"}, sequence=0)
    with pytest.raises(schedule.ReadOnlyHistory):
        schedule.agenda_item_add(actor=secretariat_user, meeting=meeting, data={"title_en": "Item"})
    with pytest.raises(schedule.ReadOnlyHistory):
        schedule.meeting_create(actor=secretariat_user, data=meeting_data(meeting.chairmanship))
    assert not schedule.meeting_is_editable(meeting)


def test_agenda_items_are_added_at_the_end_and_each_change_raises_the_revision(secretariat_user):
    meeting = MeetingFactory()
    first = schedule.agenda_item_add(actor=secretariat_user, meeting=meeting, data={"title_en": "Opening"})
    second = schedule.agenda_item_add(actor=secretariat_user, meeting=meeting, data={"title_en": "Report"})
    schedule.agenda_item_update(actor=secretariat_user, item=second, data={"outcome_en": "Adopted"})
    schedule.agenda_item_delete(actor=secretariat_user, item=first)

    meeting.refresh_from_db()
    assert (first.order, second.order) == (1, 2)
    assert list(meeting.agenda_items.values_list("title", "outcome")) == [("Report", "Adopted")]
    assert meeting.sequence == 4
    update = meeting.changes.order_by("pk")[2]
    assert (update.old_values, update.new_values) == (
        {"agenda_item": {"id": second.pk, "outcome_en": ""}},
        {"agenda_item": {"id": second.pk, "outcome_en": "Adopted"}},
    )


def test_reordering_the_agenda(secretariat_user):
    meeting = MeetingFactory()
    a, b, c = (AgendaItemFactory(meeting=meeting, order=n) for n in (1, 2, 3))

    schedule.agenda_item_reorder(actor=secretariat_user, meeting=meeting, item_ids=[c.pk, a.pk, b.pk])

    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True)) == [c.pk, a.pk, b.pk]
    change = meeting.changes.get()
    assert (change.old_values, change.new_values) == (
        {"agenda_order": [a.pk, b.pk, c.pk]},
        {"agenda_order": [c.pk, a.pk, b.pk]},
    )


def test_reordering_from_a_stale_list_is_refused(secretariat_user):
    meeting = MeetingFactory()
    a, b = (AgendaItemFactory(meeting=meeting, order=n) for n in (1, 2))
    AgendaItemFactory(meeting=meeting, order=3)

    with pytest.raises(Conflict):
        schedule.agenda_item_reorder(actor=secretariat_user, meeting=meeting, item_ids=[b.pk, a.pk])


def test_a_focal_point_cannot_touch_the_agenda(focal_point_vn):
    meeting = MeetingFactory()
    with pytest.raises(Forbidden):
        schedule.agenda_item_add(actor=focal_point_vn, meeting=meeting, data={"title_en": "Mine"})
    assert not AgendaItem.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_revision_at_once_one_is_refused(on_postgres, secretariat_user):
    meeting = MeetingFactory(title="SOM")

    def edit(title):
        return schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": title}, sequence=0)

    results = run_concurrently(partial(edit, "SOM A"), partial(edit, "SOM B"))

    meeting.refresh_from_db()
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "Meeting"]
    assert (meeting.sequence, meeting.changes.count()) == (1, 1)
