"""Emails about meetings: who gets them, and what each says. They leave through the outbox (outbox/):
a service enqueues them in its own transaction, and the outbox's dispatcher renders each in its
recipient's language, when it sends it, from the ids the row keeps.

The kinds are registered in `apps.py`. Each reads the current state when the email is sent, and sends
nothing when the reason for it has gone (withdrawn before the worker ran, anonymised, no address).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from outbox.kinds import Kind, NotNeeded, Recipient
from outbox.services import enqueue, enqueue_many

from . import notices
from .models import Meeting, Participant

REGISTERED = "participant_registered"
CONFIRMED = "participant_confirmed"
CANCELLED = "meeting_cancelled"


def meeting_url(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("meetings:detail", args=[meeting.pk])


# --- Enqueued by the services, in their transaction --------------------------------------------------------
# A cancellation (like every change people must hear of) is told by meetings/notices.py.


def _participant_recipient(participant: Participant) -> Recipient:
    return Recipient(participant.email, participant.name_with_honorific, participant.language)


def enqueue_participant_registered(participant: Participant) -> None:
    """You are registered (or on the waiting list) for a meeting."""
    if participant.email:
        enqueue(REGISTERED, _participant_recipient(participant), {"participant": participant.pk})


def enqueue_participants_registered(participants: Sequence[Participant]) -> None:
    """The registered email of each participant of a file import, written in one INSERT."""
    enqueue_many(REGISTERED, [(_participant_recipient(p), {"participant": p.pk}) for p in participants if p.email])


def enqueue_participant_confirmed(participant: Participant) -> None:
    """The secretariat has confirmed your participation."""
    if participant.email:
        enqueue(CONFIRMED, _participant_recipient(participant), {"participant": participant.pk})


# --- Read when sent -------------------------------------------------------------------------------------


def _meeting_cancelled_context(email) -> dict:
    meeting = Meeting.objects.select_related("chairmanship__chair").filter(pk=email.context["meeting"]).first()
    if meeting is None or meeting.status != Meeting.Status.CANCELLED:
        raise NotNeeded
    return {"meeting": meeting, "url": meeting_url(meeting, email.language)}


def _participant_context(email, *, statuses) -> dict:
    participant = (
        Participant.objects.select_related("delegation__member_state", "delegation__meeting__chairmanship__chair")
        .filter(pk=email.context["participant"], anonymised_at__isnull=True, status__in=statuses)
        .exclude(email="")
        .first()
    )
    if participant is None:
        raise NotNeeded
    meeting = participant.delegation.meeting
    return {
        "participant": participant,
        "meeting": meeting,
        "member_state": participant.delegation.member_state,
        "in_person": meeting.format in (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID),
    }


def _meeting_time_zone(context: dict):
    return context["meeting"].tz


KINDS = (
    Kind(
        REGISTERED,
        _("Registered for a meeting"),
        "meetings/emails/participant_registered",
        context=lambda email: _participant_context(
            email, statuses=(Participant.Status.REGISTERED, Participant.Status.WAITLISTED)
        ),
        time_zone=_meeting_time_zone,
    ),
    Kind(
        CONFIRMED,
        _("Participation confirmed"),
        "meetings/emails/participant_confirmed",
        context=lambda email: _participant_context(email, statuses=(Participant.Status.CONFIRMED,)),
        time_zone=_meeting_time_zone,
    ),
    # Written before issue 19 (cancellations are told by notices.KIND now): kept so that rows still
    # waiting in the outbox are sent.
    Kind(
        CANCELLED,
        _("Meeting cancelled"),
        "meetings/emails/meeting_cancelled",
        context=_meeting_cancelled_context,
        time_zone=_meeting_time_zone,
    ),
    notices.KIND,
)
