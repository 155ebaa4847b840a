"""Who may open a page: checked before the view runs, so a view never forgets it.

A selector's `NotFound` (an object the user may not see, or that does not exist) becomes the same 404 page.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from common.errors import NotFound

from .roles import is_secretariat, member_state_of


def _requires(test):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                raise Http404 from None

        return wrapper

    return decorator


secretariat_required = _requires(is_secretariat)
"""Secretariat staff only; anyone else signed in gets 403, an anonymous visitor the sign-in page."""

focal_point_required = _requires(lambda user: member_state_of(user) is not None)
"""An active focal point of some member state; their country comes from their account, never from the URL."""

registration_staff_required = _requires(lambda user: is_secretariat(user) or member_state_of(user) is not None)
"""The secretariat or a focal point; the view then scopes objects by country through the selectors."""
