"""API token authentication: `Authorization: Bearer <token>` (or `Token <token>`), checked against the
stored hash. An unknown, expired or revoked token is refused with 401, never silently treated as anonymous.

A poller sends the same token many times a minute: the token row and its owner are kept in the cache under
the token's hash for TOKEN_CACHE_SECONDS, so a request costs a cache read instead of a joined query. The
entry is deleted whenever the token or its owner is saved or deleted (revocation, deactivation, a changed
scope: `forget_token`, connected in apps.py), and the checks below (revoked, expired, owner active) run on
every request against it, so expiry takes effect on time. Only a write that bypasses the models' signals (a
bulk `update()`, which the portal's code never does on tokens or users) waits for the entry to age out.
With the cache away every request reads the database, as before."""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token

KEYWORDS = ("bearer", "token")
# Recording every use would turn each read into a write; a minute's precision is plenty.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
TOKEN_CACHE_SECONDS = 30


def token_cache_key(key_hash: str) -> str:
    return f"api-token:{key_hash}"


def forget_token(key_hash: str) -> None:
    cache.delete(token_cache_key(key_hash))


def forget_tokens_of(user) -> None:
    cache.delete_many(
        [token_cache_key(h) for h in ApiToken.objects.filter(owner=user).values_list("key_hash", flat=True)]
    )


def _token_by_hash(key_hash: str) -> ApiToken | None:
    key = token_cache_key(key_hash)
    token = cache.get(key)
    if token is None:
        token = ApiToken.objects.select_related("owner", "member_state").filter(key_hash=key_hash).first()
        if token is not None:
            cache.set(key, token, TOKEN_CACHE_SECONDS)
    return token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as “Authorization: Bearer <token>”."))
        try:
            plain = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This API token is not valid.")) from None
        return self.authenticate_token(plain)

    def authenticate_token(self, plain: str):
        key_hash = hash_token(plain)
        token = _token_by_hash(key_hash)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This API token is not valid."))
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This API token has been revoked."), code="token_revoked")
        if token.expires_at is not None and token.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("This API token has expired."), code="token_expired")
        if not token.owner.is_active:
            raise exceptions.AuthenticationFailed(_("The owner of this API token is no longer active."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
            cache.set(token_cache_key(key_hash), token, TOKEN_CACHE_SECONDS)
        return token.owner, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "An API token created by the secretariat in the portal. Send it as "
                    "“Authorization: Bearer <token>”. Without a token you read published, public data."
                )
            ),
        }
