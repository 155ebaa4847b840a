"""The base of every endpoint, whatever app it belongs to: subclass `ReadOnlyApiViewSet` (lists and details
with ETag / 304, X-Page-Generated, pagination, throttles and the error shape) and wrap writes in
`audit_context(request)`."""

import contextlib

from rest_framework import viewsets

from common.audit import audit_as

from .conditional import ConditionalListMixin, ConditionalRetrieveMixin, WritePreconditionMixin
from .models import ApiToken

PK_REGEX = r"[0-9]{1,18}"


def api_token(request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None


def audit_context(request):
    """Writes made with an API token are recorded as the owner's, with the token named beside them."""
    token = api_token(request)
    return audit_as(request.user, api_token=token.label) if token else contextlib.nullcontext()


class ReadOnlyApiViewSet(
    WritePreconditionMixin, ConditionalListMixin, ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet
):
    """Lists and details with ETag / 304 and X-Page-Generated, writes guarded by If-Match; the base of
    every endpoint (a subclass adds the write mixins it offers)."""

    lookup_value_regex = PK_REGEX
