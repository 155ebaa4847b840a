from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    """Accreditation per meeting (photo, nationality, passport, date of birth, the meeting's own questions),
    the secretariat's decision, and letters for visas and travel approval issued on request (issue 16)."""

    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from auditlog.registry import auditlog

        from common.locking import register_lock_ranks
        from privacy.registry import PersonalDataSource, register

        from . import models, privacy

        register_lock_ranks(  # CONTRIBUTING.md, "Row locks": after the participants they point to
            {models.AccreditationRequirements: 210, models.Accreditation: 220, models.LetterRequest: 230}
        )
        # Passport data and the date of birth never reach the audit trail's readable text (issue 16).
        auditlog.register(models.AccreditationRequirements)
        auditlog.register(models.AccreditationQuestion)
        auditlog.register(models.Accreditation, exclude_fields=list(models.Accreditation.NOT_AUDITED))
        auditlog.register(models.LetterRequest, exclude_fields=["verification_code"])
        register(
            PersonalDataSource(
                "accreditation", export=privacy.export, erase=privacy.erase, identifiers=privacy.identifiers
            )
        )
