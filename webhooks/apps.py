from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from auditlog.registry import auditlog

        from outbox.kinds import register

        from . import models
        from .emails import KINDS

        auditlog.register(models.Subscription, exclude_fields=["secret"])
        for kind in KINDS:
            register(kind)
