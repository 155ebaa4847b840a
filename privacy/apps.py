from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Delegates' personal data: export everything held about a person, erase a person, retention."""

    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from .sources import register_sources

        register_sources()
