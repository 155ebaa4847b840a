from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal: health, request ids and structured logs, error pages, backups."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from common import search  # noqa: F401  registers SQLite's UNACCENT before any connection opens

        from . import signals  # noqa: F401  (Celery task ids become the log context's request id)
