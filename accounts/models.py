from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: secretariat staff (by group) or a member state's focal point."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("secretariat", _("Works in the secretariat (chairing ministry or ASEAN Secretariat)"))]

    def __str__(self):
        return self.get_full_name() or self.username
