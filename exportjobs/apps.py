from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportJobsConfig(AppConfig):
    """Exports too long for a request (issue 17 item 5): one job model, one service, the progress page, the
    download, the email when a large file is ready and the sweep. The apps declare their kinds (`kinds.py`)."""

    name = "exportjobs"
    verbose_name = _("Exports in the background")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from outbox.kinds import register as register_email

        from .emails import EMAIL_KIND

        register_email(EMAIL_KIND)
