from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Delegations and participants: the focal points' pages, imports, letters, exports and the secretariat's
    registration pages. The models stay in meetings (meetings.models); this app holds no models."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from . import jobs  # noqa: F401  (registers the exports that may run as a job)
