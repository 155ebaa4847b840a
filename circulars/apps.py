from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircularsConfig(AppConfig):
    name = "circulars"
    verbose_name = _("Messages to people")

    def ready(self):
        from auditlog.registry import auditlog

        from outbox.kinds import register as register_kind
        from privacy.registry import PersonalDataSource
        from privacy.registry import register as register_personal_data

        from . import emails, models, privacy

        auditlog.register(models.Circular)
        register_kind(emails.KIND)
        register_personal_data(PersonalDataSource("circulars", export=privacy.export, erase=privacy.erase))
