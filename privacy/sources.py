"""Personal data kept about participants outside their participant records, registered with the registry."""

from django.apps import apps

from .registry import PersonalDataSource, register


def _reminders_export(participants) -> list[dict]:
    from reminders.models import Reminder

    rows = Reminder.objects.filter(participant__in=participants).select_related("rule").order_by("due_at", "pk")
    return [
        {
            "participant": reminder.participant_id,
            "reminder": reminder.rule.get_kind_display(),
            "due": reminder.due_at.isoformat(),
            "state": reminder.state,
            "sent_to": reminder.email,
            "sent_at": reminder.sent_at.isoformat() if reminder.sent_at else None,
        }
        for reminder in rows
    ]


def _reminders_erase(participants) -> None:
    """The outbox keeps that a reminder went out, not to which address (errors may quote it too)."""
    from reminders.models import Reminder

    Reminder.objects.filter(participant__in=participants).update(email="", last_error="")


def register_sources() -> None:
    if apps.is_installed("reminders"):
        register(PersonalDataSource("reminders", export=_reminders_export, erase=_reminders_erase))
