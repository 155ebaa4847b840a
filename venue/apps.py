from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenueConfig(AppConfig):
    """At the venue (issue 16): badges with a signed QR, check-in at the door, attendance per session."""

    name = "venue"
    verbose_name = _("At the venue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from privacy.registry import PersonalDataSource, register

        from . import models, privacy

        # Who may scan at the door and which badges exist are decisions worth a trail; scans are a log already.
        auditlog.register(models.DoorStaff)
        auditlog.register(models.Badge)
        auditlog.register(models.CertificateSignatory)

        from outbox.kinds import register as register_email

        from .certificates import EMAIL_KIND

        register_email(EMAIL_KIND)
        register(PersonalDataSource("venue", export=privacy.export_attendance, erase=privacy.erase_attendance))
