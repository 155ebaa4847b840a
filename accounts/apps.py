from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from common.locking import register_lock_ranks

        from . import models

        register_lock_ranks({models.FocalPointInvitation: 120, TOTPDevice: 150})  # CONTRIBUTING.md, "Row locks"

        from outbox.kinds import register

        from .emails import KIND

        register(KIND)
