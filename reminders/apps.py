from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        # Who paused a rule or changed its offsets is part of the record; the outbox keeps its own history.
        auditlog.register(models.ReminderRule)
        auditlog.register(models.MeetingReminderSetting)
