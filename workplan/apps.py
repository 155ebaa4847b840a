from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "workplan"
    verbose_name = _("Work plan")

    def ready(self):
        from auditlog.registry import auditlog

        from common.locking import register_lock_ranks

        from . import jobs, models  # noqa: F401  (jobs: the PDF's export job)

        for model in (
            models.WorkPlan,
            models.PriorityArea,
            models.Initiative,
            models.InitiativeDecision,
            models.ProgressUpdate,
        ):
            auditlog.register(model)

        register_lock_ranks({models.WorkPlan: 70, models.Initiative: 80})  # CONTRIBUTING.md, "Row locks"
