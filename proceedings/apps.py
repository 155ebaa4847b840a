from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    name = "proceedings"
    verbose_name = _("Records and written procedures")

    def ready(self):
        from auditlog.registry import auditlog

        from common.locking import register_lock_ranks

        from . import models

        for model in (
            models.ItemRecord,
            models.Decision,
            models.ActionItem,
            models.ProgressReport,
            models.WrittenProcedure,
            models.ProcedureCountry,
            models.Answer,
            models.MatterArising,
            models.ReportCirculation,
            models.ReportComment,
        ):
            auditlog.register(model)

        # After the rows they point to (CONTRIBUTING.md, "Row locks"): an agenda item's record is written
        # with the agenda item locked, an answer with its procedure and then its country locked, a comment on
        # a draft report with its circulation locked.
        register_lock_ranks(
            {
                models.ActionItem: 170,
                models.WrittenProcedure: 180,
                models.ProcedureCountry: 190,
                models.ReportCirculation: 200,
            }
        )

        # Decisions, action items, procedures and answers in the change log (proceedings/sync.py).
        from .sync import track_record

        track_record()

        from outbox.kinds import register

        from .emails import KINDS

        for kind in KINDS:
            register(kind)
