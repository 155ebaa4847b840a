"""API token authentication: `Authorization: Bearer <token>` (or `Token <token>`), checked against the
stored hash. An unknown, expired or revoked token is refused with 401, never silently treated as anonymous."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token

KEYWORDS = ("bearer", "token")
# Recording every use would turn each read into a write; a minute's precision is plenty.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


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
        token = ApiToken.objects.select_related("owner", "member_state").filter(key_hash=hash_token(plain)).first()
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
