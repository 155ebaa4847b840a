"""Request rates: per API token, per signed-in user, and per address for anonymous clients.

The rates live in settings.API_THROTTLE_RATES (environment: API_RATE_ANON, API_RATE_TOKEN, API_RATE_USER)
and are read on every request, so a test or an operator can change them without re-importing anything.
Exceeding a rate answers 429 with Retry-After (DRF's Throttled, shaped by api.errors).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]


class AnonAddressThrottle(_SettingsRateThrottle):
    """Anonymous clients, by address (X-Forwarded-For trusted only as far as TRUSTED_PROXY_COUNT proxies)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(_SettingsRateThrottle):
    """Each API token has its own budget, so one busy client does not slow its owner's other tokens."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class SessionUserThrottle(_SettingsRateThrottle):
    """People signed in to the portal using the API from the browser."""

    scope = "user"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken) or not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
