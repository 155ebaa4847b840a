from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from auditlog.registry import auditlog

        from common.locking import register_lock_ranks

        from . import models

        # Who paused a rule or changed its offsets is part of the record; the outbox keeps its own history.
        auditlog.register(models.ReminderRule)
        auditlog.register(models.MeetingReminderSetting)

        register_lock_ranks({models.ReminderRule: 100, models.MeetingReminderSetting: 110})  # CONTRIBUTING.md

        from outbox.failures import register_source

        from .selectors import failures_for_outbox

        register_source(failures_for_outbox)  # failed and missed reminders on the secretariat's one page
