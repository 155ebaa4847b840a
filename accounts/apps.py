from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from common.locking import register_lock_ranks

        from . import models

        # CONTRIBUTING.md, "Row locks"
        register_lock_ranks({models.FocalPointInvitation: 120, TOTPDevice: 150, models.RecoveryCode: 160})
        # Who reset whose second factor, and why; never a secret.
        auditlog.register(TOTPDevice, include_fields=["user", "name", "confirmed"])
        auditlog.register(models.RecoveryCode, include_fields=["user", "used_at"])

        from outbox.kinds import register

        from .emails import KIND

        register(KIND)
