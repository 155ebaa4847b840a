from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .two_factor import pending_step

# Reachable while the second factor is owed: the steps themselves, signing out, the language, health.
OPEN_URL_NAMES = {"two_factor_verify", "two_factor_enrol", "logout", "set_language", "healthz"}


class SecondFactorMiddleware:
    """A signed-in session that still owes its code (or, for staff who must, an enrolled app) reaches
    nothing else: pages redirect to the step, the API answers 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = pending_step(request)
        if step is None:
            return None
        match = request.resolver_match
        if match and match.url_name in OPEN_URL_NAMES:
            return None
        if match and "api" in match.namespaces[:1]:  # the REST API by its route, not by text in the path
            return JsonResponse({"detail": _("Finish two-step sign-in first."), "code": "two_factor"}, status=403)
        target = reverse("two_factor_verify" if step == "verify" else "two_factor_enrol")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    def __call__(self, request):
        return self.get_response(request)
