from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from auditlog.registry import auditlog

        from common.locking import register_lock_ranks

        from . import models, signals  # noqa: F401  (signals: files follow their rows)

        for model in (models.Document, models.DocumentVersion):
            auditlog.register(model)

        register_lock_ranks({models.Document: 90})  # CONTRIBUTING.md, "Row locks"
