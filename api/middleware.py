"""Language of API answers and calendar feeds.

Django's LocaleMiddleware has already chosen from Accept-Language (an unknown language there falls back
to English: it is a preference, never an error). This middleware, placed after it, lets `?lang=vi` win,
so a calendar URL can carry its language. An explicit `?lang=` that the portal does not speak is a 400.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .errors import error_json_response

LANGUAGE_PARAM = "lang"


def supported_language(value: str) -> str | None:
    """'vi', 'VI', 'vi-VN' -> 'vi'; anything the portal does not speak -> None."""
    try:
        return translation.get_supported_language_variant(value.strip().lower())
    except LookupError:
        return None


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.API_LANGUAGE_PATH_PREFIXES) and LANGUAGE_PARAM in request.GET:
            language = supported_language(request.GET[LANGUAGE_PARAM])
            if language is None:
                codes = ", ".join(code for code, _name in settings.LANGUAGES)
                return error_json_response(
                    "unknown_language",
                    _("The portal answers in these languages: %(codes)s.") % {"codes": codes},
                    status_code=400,
                    fields={LANGUAGE_PARAM: [_("Choose one of: %(codes)s.") % {"codes": codes}]},
                )
            previous = translation.get_language()
            translation.activate(language)
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            response.headers["Content-Language"] = language
            translation.activate(previous)  # the thread serves the next request in its usual language
            return response
        return self.get_response(request)
