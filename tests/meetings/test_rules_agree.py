"""The meetings' pages ask the services' own rules: the secretariat's meeting page shows a step's button
exactly when its service takes the step, and the named status sets mean one thing everywhere."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from common.errors import DomainError
from common.rules import can
from meetings.models import Meeting, Participant
from meetings.services import schedule
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

STEPS = {
    "meeting_publish": (schedule.ensure_may_publish, lambda meeting: {}),
    "meeting_postpone": (
        schedule.ensure_may_postpone,
        lambda meeting: {"start": meeting.start + dt.timedelta(days=7), "end": meeting.end + dt.timedelta(days=7)},
    ),
    "meeting_cancel": (schedule.ensure_may_cancel, lambda meeting: {"reason": "Typhoon"}),
    "meeting_conclude": (schedule.ensure_may_conclude, lambda meeting: {}),
}


def _specs():
    started = timezone.now() - dt.timedelta(hours=1)
    for status in Meeting.Status:
        reason = "x" if status == Meeting.Status.CANCELLED else ""
        yield {"status": status, "cancellation_reason": reason}
        yield {"status": status, "cancellation_reason": reason, "start": started, "registration_deadline": None}


def test_the_meeting_page_shows_each_step_exactly_when_its_service_takes_it(client, secretariat_user):
    client.force_login(secretariat_user)
    for spec in _specs():
        for name, (rule, arguments) in STEPS.items():
            meeting = MeetingFactory(**spec)
            page = client.get(reverse("secretariat:meeting", args=[meeting.pk])).content.decode()
            shown = reverse(f"secretariat:{name}", args=[meeting.pk]) in page
            asked = can(rule)(secretariat_user, meeting)
            try:
                getattr(schedule, name)(actor=secretariat_user, meeting=meeting, **arguments(meeting))
            except DomainError:
                taken = False
            else:
                taken = True
            assert shown == asked == taken, (name, spec)


def test_a_can_is_its_rule_asked_as_a_question():
    assert schedule.can_publish.__wrapped__ is schedule.ensure_may_publish
    assert schedule.can_cancel.__wrapped__ is schedule.ensure_may_cancel


def test_announced_means_published_or_postponed_in_the_queryset_and_on_the_meeting():
    meetings = [MeetingFactory(status=status, cancellation_reason="x") for status in Meeting.Status]

    assert set(Meeting.objects.announced()) == {m for m in meetings if m.is_announced}
    assert {m.status for m in Meeting.objects.announced()} == {Meeting.Status.PUBLISHED, Meeting.Status.POSTPONED}


def test_withdrawn_means_withdrawn_or_declined_in_the_queryset_and_on_the_participant():
    people = [ParticipantFactory(status=status) for status in Participant.Status]

    assert set(Participant.objects.withdrawn()) == {p for p in people if p.is_withdrawn}
    assert set(Participant.objects.not_withdrawn()) == {p for p in people if not p.is_withdrawn}
    assert {p.status for p in Participant.objects.withdrawn()} == {
        Participant.Status.CANCELLED,
        Participant.Status.DECLINED,
    }
