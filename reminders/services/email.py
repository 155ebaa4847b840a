"""One reminder as an email: subject, plain text and HTML in the recipient's language, attachments."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from ..models import Reminder
from ..rules import DEFINITIONS

REMINDER_HEADER = "X-ACCSM-Reminder"


def message_id(reminder: Reminder) -> str:
    """The same for every attempt at one reminder, so a mail system can drop a repeat."""
    host = urlsplit(settings.SITE_URL).hostname or "accsm.localhost"
    return f"<reminder-{reminder.pk}.{reminder.due_at:%Y%m%d%H%M}@{host}>"


def render_reminder(reminder: Reminder) -> tuple[str, str, str, list]:
    """(subject, text, html, attachments), rendered in the recipient's language. May raise NothingToSend."""
    definition = DEFINITIONS[reminder.rule.kind]
    with translation.override(reminder.recipient_language):
        context = {
            "reminder": reminder,
            "recipient_name": reminder.recipient_name,
            "site_url": settings.SITE_URL,
            **definition.context(reminder),
        }
        base = f"reminders/email/{reminder.rule.kind}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        context["subject"] = subject
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
        attachments = definition.attachments(reminder)
    return subject, text, html, attachments


def build_message(reminder: Reminder, *, address: str) -> EmailMultiAlternatives:
    subject, text, html, attachments = render_reminder(reminder)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[address],
        headers={
            "Message-ID": message_id(reminder),
            REMINDER_HEADER: str(reminder.pk),
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message
