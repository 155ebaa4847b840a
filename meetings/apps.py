from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from auditlog.registry import auditlog

        # Connects the receiver that gives SQLite an UNACCENT function before any connection opens.
        import common.search  # noqa: F401

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
