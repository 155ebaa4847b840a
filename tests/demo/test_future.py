"""The demo is alive on any day it is loaded: the illustrative future is placed from the day of loading, the
history stays where it happened. Each situation the issue names is looked for on three dates."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from documents.models import Document
from meetings.models import Meeting, MemberState, Participant
from registrations.services.registration import delegation_for, participant_register, places_taken, registration_is_open
from reminders.models import Reminder, RuleKind
from workplan.models import Initiative, WorkPlan
from workplan.selectors import initiatives_needing_attention

pytestmark = pytest.mark.django_db

# A day in December 2026 (the first time the demo was tried), one in mid-2027, one in 2028 late in the evening
# (in Phnom Penh it is already the next day).
DAYS = [
    dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC),
    dt.datetime(2027, 6, 15, 12, 0, tzinfo=dt.UTC),
    dt.datetime(2028, 3, 1, 23, 30, tzinfo=dt.UTC),
]


@pytest.fixture(params=DAYS, ids=lambda moment: moment.date().isoformat())
def loaded_on(request):
    with time_machine.travel(request.param, tick=False):
        call_command("load_demo", stdout=None)
        yield timezone.now()


def open_for_registration(now):
    return [
        meeting
        for meeting in Meeting.objects.filter(registration_deadline__gt=now).select_related("chairmanship")
        if registration_is_open(meeting)
    ]


def places_left(meeting: Meeting, state: MemberState) -> int:
    delegation = meeting.delegations.filter(member_state=state).first()
    return delegation.allowance - places_taken(delegation) if delegation else meeting.delegates_allowed


def test_a_focal_point_can_register_into_a_meeting_with_places_left_for_every_country(loaded_on):
    invited = MemberState.objects.all()
    with_places_for_all = [
        meeting
        for meeting in open_for_registration(loaded_on)
        if all(places_left(meeting, state) > 0 for state in invited if meeting.invites(state))
    ]
    assert with_places_for_all

    fp_vn = User.objects.get(username="fp-vn")
    for meeting in with_places_for_all:
        delegation = delegation_for(actor=fp_vn, meeting=meeting)
        participant = participant_register(
            actor=fp_vn, delegation=delegation, data={"full_name": "Nguyễn Thị Mai", "role": "delegate"}
        )
        assert (participant.delegation.member_state.code, participant.status) == ("VN", "registered")


def test_a_registration_closes_within_days(loaded_on):
    closing = [
        m for m in open_for_registration(loaded_on) if m.registration_deadline <= loaded_on + dt.timedelta(days=7)
    ]
    assert closing


def test_a_meeting_is_full_with_a_waiting_list(loaded_on):
    waiting = Participant.objects.filter(status=Participant.Status.WAITLISTED, delegation__meeting__start__gt=loaded_on)
    full = [
        p.delegation
        for p in waiting.select_related("delegation__meeting")
        if places_taken(p.delegation) >= p.delegation.allowance
    ]
    assert full
    assert all(registration_is_open(delegation.meeting) for delegation in full)


def test_a_meeting_takes_place_this_week(loaded_on):
    this_week = Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED, start__gt=loaded_on, start__lte=loaded_on + dt.timedelta(days=7)
    ).exclude(kind=Meeting.Kind.CONFERENCE_WEEK)
    assert this_week.exists()


def test_a_meeting_just_ended_and_its_report_is_in_draft(loaded_on):
    ended = Meeting.objects.filter(end__lt=loaded_on, end__gte=loaded_on - dt.timedelta(days=7))
    drafts = Document.objects.filter(meeting__in=ended, kind=Document.Kind.REPORT, status=Document.Status.DRAFT)
    assert drafts.exists()


def test_a_conference_week_is_coming_with_its_sessions(loaded_on):
    week = Meeting.objects.get(kind=Meeting.Kind.CONFERENCE_WEEK, start__gt=loaded_on)
    sessions = week.children.order_by("start")
    assert sorted(sessions.values_list("kind", flat=True)) == ["forum", "hcs", "som", "som_plus_three"]
    assert all(week.start <= session.start and session.end <= week.end for session in sessions)
    assert week.chairmanship.term_end == week.local_end.date()  # ACCSM 23 ends with the handover


def test_reminders_are_due(loaded_on):
    soon = Reminder.objects.filter(
        state=Reminder.State.SCHEDULED,
        due_at__gte=loaded_on - dt.timedelta(days=1),
        due_at__lte=loaded_on + dt.timedelta(days=7),
    )
    kinds = set(soon.values_list("rule__kind", flat=True))
    assert {RuleKind.REGISTRATION_DEADLINE, RuleKind.MEETING_APPROACHING, RuleKind.DAILY_DIGEST} <= kinds


def test_there_are_papers_in_every_state(loaded_on):
    assert set(Document.objects.values_list("status", flat=True)) == set(Document.Status.values)


def test_work_plan_progress_is_late_and_on_time(loaded_on):
    plan = WorkPlan.objects.get(title_en="ACCSM Work Plan 2021–2025")
    attention = {
        row.initiative.title_en: (row.late, row.silent)
        for row in initiatives_needing_attention(work_plan=plan, today=timezone.localdate())
    }
    assert attention["ASEAN Resource Centres"] == (True, True)  # past its planned end, no report since 2022
    psti = Initiative.objects.get(priority_area__work_plan=plan, title_en__contains="PSTI")
    assert attention[psti.title_en] == (True, False)  # reported within the interval: on time
    latest = psti.progress_updates.first()
    assert timezone.localdate() - dt.timedelta(days=90) < latest.date < timezone.localdate()


def test_the_illustrative_future_says_so_and_the_history_stays_where_it_happened(loaded_on):
    history = Meeting.objects.filter(chairmanship__ordinal__lte=22) | Meeting.objects.filter(
        title_en="Preparatory Meeting and SOM of ACCSM 23"
    )
    assert history.count() == 20
    assert max(history.values_list("end", flat=True)) < dt.datetime(2025, 3, 13, tzinfo=dt.UTC)
    future = Meeting.objects.filter(chairmanship__ordinal__gte=23).exclude(pk__in=history)
    assert future.count() == 9
    assert {(m.description_en.split(":")[0], bool(m.description_vi)) for m in future} == {("Illustrative", True)}
    assert all(m.start > loaded_on - dt.timedelta(days=7) for m in future)


def test_loading_twice_on_the_same_day_writes_nothing():
    from demo.loader import load_demo

    with time_machine.travel(DAYS[0], tick=False):
        load_demo()
        first = sorted(Meeting.objects.values_list("pk", "updated_at", "start", "registration_deadline"))
        load_demo()
        assert sorted(Meeting.objects.values_list("pk", "updated_at", "start", "registration_deadline")) == first
