from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import health_report


@never_cache
@require_GET
def healthz(request):
    """200 when the database, the cache, the broker and the worker are all well; 503 otherwise."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explained to the user; the reason stays out of the page."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """Like Django's, with the request id for the user to quote, and no database or context processors."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": getattr(request, "request_id", "")}))


def favicon(request):
    """Browsers ask for /favicon.ico on every page without a <link rel=icon> (the admin's)."""
    return redirect(static("img/favicon.svg"), permanent=True)
