"""Choosing a language: the switch saves the signed-in user's choice; an unknown language falls back to English."""

import re

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import is_valid_path
from django.utils.translation import get_supported_language_variant
from django.views.i18n import set_language as django_set_language

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
LANGUAGE_PREFIX = re.compile(r"^/([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?)(/.*)$")


def set_language(request):
    """Django's language switch, which also remembers the choice in the user's profile (used for emails)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in LANGUAGE_CODES and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


class UnknownLanguageFallbackMiddleware:
    """/fr/meetings/ or /vi-VN/… answer with the page in a supported language, never an error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = LANGUAGE_PREFIX.match(request.path_info)
        if not match or match.group(1) in LANGUAGE_CODES:
            return response
        try:
            language = get_supported_language_variant(match.group(1).replace("_", "-").lower())
        except LookupError:
            language = settings.LANGUAGE_CODE
        target = f"/{language}{match.group(2)}"
        if not is_valid_path(target, getattr(request, "urlconf", None)):
            return response  # not a language prefix after all (/api/v1/…): keep the real 404
        if request.META.get("QUERY_STRING"):
            target += "?" + request.META["QUERY_STRING"]
        return HttpResponseRedirect(target)
