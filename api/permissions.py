"""What an API token may do beyond reading. A token acts as its owner, narrowed by its scope:

- read: safe methods only;
- registrations: also the writes of views that declare `token_write_scope = "registrations"`
  (delegations and participants), and only for the token's country (the views scope their querysets).
Session users are not narrowed here: the services check their rights.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken


class TokenScopePermission(BasePermission):
    message = _("This API token's scope does not allow this request.")

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken) or request.method in SAFE_METHODS:
            return True
        if token.is_read_only:
            self.message = _("This API token is read-only.")
            return False
        return getattr(view, "token_write_scope", None) == token.scope


class SignedIn(BasePermission):
    """For personal data (delegations, participants): anonymous clients get 401, not an empty list."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)
