from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    """Logistics of a conference week (issue 16 item 7): hotels, liaison officers, delegates' flights and stays,
    the daily transfer sheet and the hotel rooming list."""

    name = "logistics"
    verbose_name = _("Logistics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from privacy.registry import PersonalDataSource, register

        from . import models, privacy

        auditlog.register(models.Hotel)
        auditlog.register(models.LiaisonOfficer)
        # Flights and nights stay out of the audit trail's readable text: personal data (issue 16).
        auditlog.register(models.Travel, exclude_fields=list(models.Travel.NOT_AUDITED))
        register(PersonalDataSource("logistics", export=privacy.export, erase=privacy.erase))
