from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Chairmanship,
            models.Meeting,
            models.AgendaItem,
            models.Delegation,
            models.Participant,
            models.FocalPoint,
        ):
            auditlog.register(model)
