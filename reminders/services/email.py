"""One reminder as an email: subject, plain text and HTML in the recipient's language, attachments.

The dispatcher renders a batch of reminders with one `SharedParts`: what a rule's email holds for every
recipient alike (a meeting's facts and links, its .ics, a digest's lists) is built once per rule, target,
due moment and language, and the templates are rendered for each recipient with it. Every email comes
out exactly as when it is rendered alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from outbox.render import message, render
from outbox.sending import mail_host

from ..models import Reminder
from ..rules import DEFINITIONS, NothingToSend

REMINDER_HEADER = "X-ACCSM-Reminder"


def message_id(reminder: Reminder) -> str:
    """The same for every attempt at one reminder, so a mail system can drop a repeat."""
    return f"<reminder-{reminder.pk}.{reminder.due_at:%Y%m%d%H%M}@{mail_host()}>"


@dataclass(frozen=True)
class _Shared:
    context: dict
    attachments: list


class SharedParts:
    """The recipient-independent parts of a batch's emails, each built once (or its NothingToSend kept).

    Keyed by (rule, target, due moment, language): the rules build these parts from nothing else
    (rules/base.py). Lives for one batch only, so the data it holds is as fresh as the batch's claim.
    """

    def __init__(self):
        self._parts: dict[tuple[int, str, dt.datetime, str], _Shared | NothingToSend] = {}

    def get(self, reminder: Reminder, language: str) -> _Shared:
        key = (reminder.rule_id, reminder.target_key, reminder.due_at, language)
        parts = self._parts.get(key)
        if parts is None:
            try:
                parts = _shared_parts(reminder)
            except NothingToSend as nothing:
                parts = nothing
            self._parts[key] = parts
        if isinstance(parts, NothingToSend):
            raise NothingToSend(parts.reason)
        return parts


def _shared_parts(reminder: Reminder) -> _Shared:
    """Inside the recipient's language (translation.override is active)."""
    definition = DEFINITIONS[reminder.rule.kind]
    return _Shared(context=definition.shared_context(reminder), attachments=definition.attachments(reminder))


def render_reminder(reminder: Reminder, *, shared: SharedParts | None = None) -> tuple[str, str, str, list]:
    """(subject, text, html, attachments), rendered in the recipient's language. May raise NothingToSend."""
    definition = DEFINITIONS[reminder.rule.kind]
    language = reminder.recipient_language
    with translation.override(language):
        parts = shared.get(reminder, language) if shared is not None else _shared_parts(reminder)
        context = {
            "reminder": reminder,
            "recipient_name": reminder.recipient_name,
            # Meeting times in the venue's zone, and in the recipient's too if they chose one (issue 19).
            "viewer_time_zone": reminder.user.time_zone if reminder.user is not None else "",
            "site_url": settings.SITE_URL,
            **parts.context,
            **definition.context(reminder),
        }
        subject, text, html = render(f"reminders/email/{reminder.rule.kind}", context, language=language)
    return subject, text, html, parts.attachments


def build_message(reminder: Reminder, *, address: str, shared: SharedParts | None = None) -> EmailMultiAlternatives:
    subject, text, html, attachments = render_reminder(reminder, shared=shared)
    email = message(
        subject=subject,
        text=text,
        html=html,
        to=address,
        headers={
            "Message-ID": message_id(reminder),
            REMINDER_HEADER: str(reminder.pk),
            "Auto-Submitted": "auto-generated",
        },
    )
    for name, content, mimetype in attachments:
        email.attach(name, content, mimetype)
    return email
