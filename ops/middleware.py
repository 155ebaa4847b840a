import logging
import re
import time
import uuid

from .logging import current_request, current_request_id

logger = logging.getLogger("accsm.request")

# A request id from our own proxy is kept (so its logs and ours join up) when it looks like one.
INCOMING_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
QUIET_PATHS = ("/healthz", "/static/")


class RequestIdMiddleware:
    """Gives every request an id (answered in X-Request-ID), puts it in the log context, and logs one line
    per request: method, path without the query string (which may hold a searched name), status, time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if INCOMING_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request_token = current_request.set(request)
        id_token = current_request_id.set(request.request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            level = logging.DEBUG if request.path.startswith(QUIET_PATHS) else logging.INFO
            logger.log(
                level,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000),
                },
            )
            return response
        finally:
            current_request_id.reset(id_token)
            current_request.reset(request_token)


class RejectInvalidUtf8Middleware:
    """A query string or form body that is not valid UTF-8 is a 400, not text quietly full of '�'.

    Django decodes such input with replacement characters; a name saved that way is silently damaged.
    JSON bodies are checked by the REST framework's parser; uploaded files are bytes and not checked.
    """

    FORM = "application/x-www-form-urlencoded"

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _valid(encoded: bytes) -> bool:
        from urllib.parse import unquote_to_bytes

        try:
            unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    def __call__(self, request):
        from django.core.exceptions import BadRequest

        if not self._valid(request.META.get("QUERY_STRING", "").encode("latin-1", "replace")):
            raise BadRequest("query string is not valid UTF-8")
        if request.method == "POST" and request.content_type == self.FORM and not self._valid(request.body):
            raise BadRequest("form body is not valid UTF-8")
        return self.get_response(request)
