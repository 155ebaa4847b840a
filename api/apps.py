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

        # A cached token (api/authentication.py) is forgotten whenever it or its owner changes.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from .authentication import forget_token, forget_tokens_of

        def token_changed(sender, instance, **kwargs):
            forget_token(instance.key_hash)

        def owner_changed(sender, instance, update_fields=None, **kwargs):
            if update_fields and set(update_fields) <= {"last_login"}:
                return  # a sign-in changes nothing a token's owner is checked for
            forget_tokens_of(instance)

        for signal in (post_save, post_delete):
            signal.connect(token_changed, sender=models.ApiToken, weak=False, dispatch_uid=f"api-token-cache-{signal}")
            signal.connect(
                owner_changed, sender=get_user_model(), weak=False, dispatch_uid=f"api-token-owner-cache-{signal}"
            )
