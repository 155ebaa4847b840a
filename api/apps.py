from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API and calendar feeds")

    def ready(self):
        from auditlog.registry import auditlog

        # Connects the SQLite UNACCENT function before the first database connection opens.
        import common.search  # noqa: F401
        from common.locking import register_lock_ranks

        from . import fastpath, models  # noqa: F401 (fastpath: every commit of a write renews the data stamp)

        # Creating and revoking tokens is a security event: keep it in the audit trail (never the hash).
        auditlog.register(models.ApiToken, exclude_fields=["key_hash", "last_used_at"])
        auditlog.register(models.CalendarFeedToken, exclude_fields=["key_hash"])

        register_lock_ranks({models.ApiToken: 130, models.CalendarFeedToken: 140})  # CONTRIBUTING.md, "Row locks"
