"""One JSON shape for every error the API answers: {"code", "message", "fields"}.

`code` is stable and machine-readable, `message` is for people (in the request's language), `fields`
maps a field or query parameter to its messages. Domain errors from services, Django validation errors
and every DRF exception pass through `api_exception_handler`, so no input turns into an HTML page or a 500.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from common.errors import Busy, DomainError
from common.locking import is_database_busy


def error_body(code: str, message, fields: dict | None = None) -> dict:
    return {"code": code, "message": str(message), "fields": fields or {}}


def error_json_response(code: str, message, *, status_code: int, fields: dict | None = None) -> JsonResponse:
    """For answers given outside DRF (middleware, URL fall-through, feeds)."""
    return JsonResponse(error_body(code, message, fields), status=status_code)


def flatten_fields(detail, prefix: str = "") -> dict[str, list[str]]:
    """{"a": {"b": ["x"]}, "c": [{"d": ["y"]}]} -> {"a.b": ["x"], "c.0.d": ["y"]}."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            fields.update(flatten_fields(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, value in enumerate(detail):
            fields.update(flatten_fields(value, f"{prefix}.{index}" if prefix else str(index)))
    elif isinstance(detail, list):
        fields[prefix or "non_field_errors"] = [str(item) for item in detail]
    else:
        fields[prefix or "non_field_errors"] = [str(detail)]
    return fields


def _validation_body(detail, code: str = "invalid") -> dict:
    fields = flatten_fields(detail)
    general = fields.pop("non_field_errors", None) or fields.pop("__all__", None)
    if general:
        message = " ".join(general)
    elif len(fields) == 1:
        message = next(iter(fields.values()))[0]
    else:
        message = _("Some values are not valid; see the fields.")
    return error_body(code, message, fields)


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def api_exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every error answer in the shape above."""
    if is_database_busy(exc):
        exc = Busy()
    if isinstance(exc, DomainError):
        set_rollback()
        fields = {exc.field: [str(exc.message)]} if exc.field else {}
        return Response(error_body(exc.code, exc.message, fields), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(_validation_body(detail), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        set_rollback()
        message = _("The request body is larger than %(limit)d bytes.") % {
            "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
        return Response(error_body("too_large", message), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)  # DRF's: status, Retry-After, WWW-Authenticate, rollback
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(exc.detail, getattr(exc, "error_code", "invalid"))
    else:
        detail = exc.detail if isinstance(exc.detail, str) else _validation_body(exc.detail)["message"]
        response.data = error_body(_code_of(exc), detail)
    return response
