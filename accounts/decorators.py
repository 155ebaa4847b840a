"""Who may open a page: checked before the view runs, so a view never forgets it.

The one policy for every page (SECURITY.md, "Who may open a page"): an anonymous visitor is sent to the
sign-in page; a signed-in user without the role gets the 403 page. A role is no secret (the portal's
pages and their addresses are public knowledge), so the 403 confirms nothing; what *is* kept secret is
another country's object, which a selector answers with `NotFound` and common.middleware turns into the
same 404 as a missing one.

`secretariat_required` is the only secretariat guard of the portal's pages (tests/accounts/test_decorators.py
fails on a second one); services ask `accounts.roles.ensure_secretariat`.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import is_secretariat, member_state_of


def _requires(test):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


secretariat_required = _requires(is_secretariat)
"""Secretariat staff only; anyone else signed in gets 403, an anonymous visitor the sign-in page."""

focal_point_required = _requires(lambda user: member_state_of(user) is not None)
"""An active focal point of some member state; their country comes from their account, never from the URL."""

registration_staff_required = _requires(lambda user: is_secretariat(user) or member_state_of(user) is not None)
"""The secretariat or a focal point; the view then scopes objects by country through the selectors."""
