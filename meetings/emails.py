"""Emails about meetings, each in its recipient's language, times in the venue's time zone, HTML and plain text.

Each function takes ids, reads the current state and sends nothing when the reason for the email has
gone (a participant withdrawn before the worker ran, say).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Meeting, Participant


def _send(*, template: str, to: str, language: str, time_zone: str, context: dict) -> None:
    """Render <template>_subject.txt, <template>.txt and <template>.html in `language` and send them."""
    with translation.override(language), timezone.override(time_zone):
        context = {**context, "site_url": settings.SITE_URL}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        message = EmailMultiAlternatives(subject=subject, body=render_to_string(f"{template}.txt", context), to=[to])
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


def _participant(participant_id: int) -> Participant | None:
    return (
        Participant.objects.select_related("delegation__member_state", "delegation__meeting__chairmanship__chair")
        .filter(pk=participant_id, anonymised_at__isnull=True)
        .exclude(email="")
        .first()
    )


def _participant_context(participant: Participant) -> dict:
    meeting = participant.delegation.meeting
    return {
        "participant": participant,
        "addressee": f"{participant.honorific} {participant.full_name}".strip(),
        "meeting": meeting,
        "member_state": participant.delegation.member_state,
        "in_person": meeting.format in (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID),
    }


def send_participant_registered(*, participant_id: int) -> bool:
    """You are registered (or on the waiting list) for a meeting."""
    participant = _participant(participant_id)
    if participant is None or participant.status not in (
        Participant.Status.REGISTERED,
        Participant.Status.WAITLISTED,
    ):
        return False
    _send(
        template="meetings/emails/participant_registered",
        to=participant.email,
        language=participant.language,
        time_zone=participant.delegation.meeting.time_zone,
        context=_participant_context(participant),
    )
    return True


def send_participant_confirmed(*, participant_id: int) -> bool:
    """The secretariat has confirmed your participation."""
    participant = _participant(participant_id)
    if participant is None or participant.status != Participant.Status.CONFIRMED:
        return False
    _send(
        template="meetings/emails/participant_confirmed",
        to=participant.email,
        language=participant.language,
        time_zone=participant.delegation.meeting.time_zone,
        context=_participant_context(participant),
    )
    return True
