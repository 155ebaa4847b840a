"""Emails about meetings, each in its recipient's language, as HTML with a plain-text alternative.

Functions here take ids or objects and send; Celery tasks in `tasks.py` call them after commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import FocalPoint, Meeting, Participant, SentEmail


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


def send_localized(*, recipient: Recipient, template: str, context: dict, once: str = "") -> bool:
    """Render `<template>_subject.txt`, `.txt` and `.html` in the recipient's language and send them.

    With a `once` key (a task's id and the recipient), an email already sent under that key is not sent
    again: only one whose sending succeeded but whose record was never written (the process died in
    between) can go twice, and its Message-ID, derived from the key, lets mail systems drop the repeat.
    Returns whether it was sent now."""
    key = hashlib.sha256(once.encode()).hexdigest() if once else ""
    if key and SentEmail.objects.filter(key=key).exists():
        return False
    language = recipient.language if recipient.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**context, "recipient": recipient, "site_url": settings.SITE_URL, "language": language}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    headers = {"Message-ID": f"<{key[:32]}@{mail_host()}>"} if key else {}
    message = EmailMultiAlternatives(subject=subject, body=text, to=[recipient.email], headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()
    if key:
        SentEmail.objects.get_or_create(key=key)
    return True


def mail_host() -> str:
    """The right-hand side of the Message-IDs the portal makes (reminders' too): the site's host name."""
    return urlsplit(settings.SITE_URL).hostname or "accsm.localhost"


def forget_sent_emails(*, days: int = 30) -> int:
    """Task re-deliveries happen within minutes: a month of records is plenty."""
    return SentEmail.objects.filter(sent_at__lt=timezone.now() - dt.timedelta(days=days)).delete()[0]


def meeting_url(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("meetings:detail", args=[meeting.pk])


def registered_recipients(meeting: Meeting) -> list[Recipient]:
    """Everyone still expecting to attend, and the focal points of their countries; each address once."""
    participants = (
        Participant.objects.filter(
            delegation__meeting=meeting,
            status__in=(*Participant.ACTIVE_STATUSES, Participant.Status.WAITLISTED),
            anonymised_at__isnull=True,
        )
        .exclude(email="")
        .order_by("pk")
    )
    focal_points = (
        FocalPoint.objects.filter(is_active=True, member_state__delegations__meeting=meeting, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    recipients: dict[str, Recipient] = {}
    for participant in participants:
        recipients.setdefault(
            participant.email.lower(), Recipient(participant.email, participant.full_name, participant.language)
        )
    for focal_point in focal_points:
        user = focal_point.user
        recipients.setdefault(user.email.lower(), Recipient(user.email, str(user), user.preferred_language))
    return list(recipients.values())


def send_meeting_cancelled(meeting_id: int, *, once: str = "") -> int:
    """Tell everyone registered that the meeting is cancelled, and why. Returns the number of emails sent.
    With `once` (the task's id), an address already told by an earlier delivery of the task is skipped."""
    meeting = Meeting.objects.select_related("chairmanship__chair").get(pk=meeting_id)
    if meeting.status != Meeting.Status.CANCELLED:
        return 0
    recipients = registered_recipients(meeting)
    sent = 0
    with timezone.override(meeting.tz):
        for recipient in recipients:
            sent += send_localized(
                recipient=recipient,
                template="meetings/emails/meeting_cancelled",
                context={"meeting": meeting, "url": meeting_url(meeting, recipient.language)},
                once=f"{once}:{recipient.email.lower()}" if once else "",
            )
    return sent


# --- To a participant: registered (or waiting listed), then confirmed -------------------------------------
# Each reads the participant's current state, and sends nothing when the reason for the email has gone
# (withdrawn before the worker ran, anonymised, no address).


def _participant(participant_id: int) -> Participant | None:
    return (
        Participant.objects.select_related("delegation__member_state", "delegation__meeting__chairmanship__chair")
        .filter(pk=participant_id, anonymised_at__isnull=True)
        .exclude(email="")
        .first()
    )


def _send_to_participant(participant: Participant, template: str, *, once: str = "") -> None:
    meeting = participant.delegation.meeting
    recipient = Recipient(
        participant.email, f"{participant.honorific} {participant.full_name}".strip(), participant.language
    )
    with timezone.override(meeting.tz):
        send_localized(
            recipient=recipient,
            template=template,
            context={
                "participant": participant,
                "meeting": meeting,
                "member_state": participant.delegation.member_state,
                "in_person": meeting.format in (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID),
            },
            once=f"{once}:{participant.pk}" if once else "",
        )


def send_participant_registered(*, participant_id: int, once: str = "") -> bool:
    """You are registered (or on the waiting list) for a meeting."""
    participant = _participant(participant_id)
    if participant is None or participant.status not in (
        Participant.Status.REGISTERED,
        Participant.Status.WAITLISTED,
    ):
        return False
    _send_to_participant(participant, "meetings/emails/participant_registered", once=once)
    return True


def send_participant_confirmed(*, participant_id: int, once: str = "") -> bool:
    """The secretariat has confirmed your participation."""
    participant = _participant(participant_id)
    if participant is None or participant.status != Participant.Status.CONFIRMED:
        return False
    _send_to_participant(participant, "meetings/emails/participant_confirmed", once=once)
    return True
