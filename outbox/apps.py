from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outgoing email")

    def ready(self):
        from privacy.registry import PersonalDataSource, register

        from . import checks  # noqa: F401 - registers the start-up checks
        from .privacy import erase, export

        # The rows keep recipients' addresses (and errors that may quote them): part of a person's data.
        register(PersonalDataSource("outbox", export=export, erase=erase))
