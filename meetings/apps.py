from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from auditlog.registry import auditlog

        # Connects the receiver that gives SQLite an UNACCENT function before any connection opens.
        import common.search  # noqa: F401
        from common.locking import register_lock_ranks

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

        # Their place in the project's lock order (common/locking.py; CONTRIBUTING.md, "Row locks").
        register_lock_ranks(
            {
                models.Chairmanship: 10,
                models.Meeting: 20,
                models.AgendaItem: 30,
                models.Delegation: 40,
                models.Participant: 50,
                models.InvitationLetterTemplate: 60,
            }
        )

        # The change log's tombstones for syncing clients (meetings/sync.py).
        from .sync import track_schedule

        track_schedule()

        from outbox.kinds import register

        from .emails import KINDS

        for kind in KINDS:
            register(kind)
