"""What every secretariat page shares: the role check and turning domain errors into HTTP answers."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from accounts.roles import is_secretariat
from accsm_portal.errors import NotFound


def secretariat_required(view):
    """Signed-in secretariat staff only: anonymous visitors go to the sign-in page, anyone else gets a 403.

    The role is `accounts.roles.is_secretariat` (the secretariat permission, normally held through the
    Secretariat group), never a check of `is_staff` or `is_superuser`.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise PermissionDenied
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return wrapper


def wants_fragment(request: HttpRequest) -> bool:
    """Requests from static/js/secretariat.js ask for a piece of the page instead of a redirect."""
    return request.headers.get("X-Requested-With") == "fetch"
