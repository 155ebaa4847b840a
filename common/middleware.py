"""The one place where a page's domain error becomes an answer (the API has its own: api/errors.py).

A view, or a selector or service it calls, raises `NotFound`, `Forbidden`, `Conflict` or `Busy`; no view
catches them to answer by hand. They become the portal's bilingual error pages: NotFound the 404 (another
country's object answers exactly like a missing one), Forbidden the 403, Conflict and Busy the 409 with
the error's message. A database still locked by another writer (SQLite's busy timeout ran out) is Busy
too, never a 500. Any other DomainError is a refusal a form should have shown beside its field: it is
left alone, so that a view forgetting to show one fails loudly instead of answering a vague page.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from .errors import Busy, Conflict, Forbidden, NotFound
from .locking import is_database_busy
from .storage import StorageUnavailable


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Raised again as Django's own exceptions so that handler404/handler403 (templates/404.html,
        # templates/403.html, DEBUG's technical pages) answer exactly as for a missing URL.
        if isinstance(exception, NotFound):
            raise Http404 from exception
        if isinstance(exception, Forbidden):
            raise PermissionDenied from exception
        if is_database_busy(exception):
            exception = Busy()
        if isinstance(exception, Conflict | StorageUnavailable):  # the page says what happened and to retry
            return render(request, "409.html", {"error": exception}, status=exception.status)
        return None
