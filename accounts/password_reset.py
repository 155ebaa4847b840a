"""Forgotten passwords: Django's reset page, with a bound on how many links one address and one client may ask
for (ACCSM_PASSWORD_RESET_PER_ADDRESS / _PER_CLIENT per ACCSM_PASSWORD_RESET_WINDOW_SECONDS).

Without it anyone could flood a colleague's mailbox with reset emails, or the outbox with mail to every address
they guess. The counters live in the cache: an address counts whether or not an account uses it (so the answer
reveals nothing), and a Redis outage counts nothing, like the API's throttles (SECURITY.md)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from ops.client_ip import client_ip


class TooManyResets(DomainError):
    code = "too_many_password_resets"
    status = 429
    default_message = _(
        "Too many password reset links were asked for this address or from this computer. "
        "Please check your mailbox (and its spam folder), or try again in an hour."
    )


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]  # the cache never holds the address itself
    return f"password-reset:{kind}:{digest}"


def _count(key: str) -> int:
    window = settings.ACCSM_PASSWORD_RESET_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def ensure_password_reset_allowed(*, email: str, client: str | None) -> None:
    """Count one reset asked for `email` from `client`; raise TooManyResets past either bound."""
    over = _count(_key("address", email.strip().casefold())) > settings.ACCSM_PASSWORD_RESET_PER_ADDRESS
    if client:
        over = _count(_key("client", client)) > settings.ACCSM_PASSWORD_RESET_PER_CLIENT or over
    if over:
        raise TooManyResets


class PasswordResetView(auth_views.PasswordResetView):
    html_email_template_name = "registration/password_reset_email_rich.html"

    def form_valid(self, form):
        try:
            ensure_password_reset_allowed(email=form.cleaned_data["email"], client=client_ip(self.request))
        except TooManyResets as error:
            form.add_error(None, error.message)
            response = self.form_invalid(form)
            response.status_code = error.status
            return response
        return super().form_valid(form)
