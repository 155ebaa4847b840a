"""Idempotency-Key for writes: a retried POST is answered with the first answer, never done twice.

The key is claimed in its own committed row before the write runs (unique per client), so two
concurrent requests with one key cannot both proceed: the second gets 409 until the first finishes.
Only successful answers are kept — after an error the client may retry with the same key. Keys are
forgotten after IDEMPOTENCY_KEY_TTL (a Celery beat task purges them; an expired key is reusable).
"""

import datetime as dt
import functools
import hashlib
import json

from django.db import IntegrityError, transaction
from django.http.request import RawPostDataException
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .models import ApiToken, IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_KEY_TTL = dt.timedelta(hours=24)
MAX_KEY_LENGTH = 255


class KeyInFlight(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_key_in_flight"
    default_detail = _("A request with this Idempotency-Key is still being processed; retry in a moment.")


class KeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = _("This Idempotency-Key was already used for a different request; use a new key.")


def _owner(request) -> str | None:
    if isinstance(request.auth, ApiToken):
        return f"token:{request.auth.pk}"
    if request.user and request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return None


def _fingerprint(request) -> str:
    try:
        body = request._request.body
    except RawPostDataException:  # a multipart body already streamed: fall back to the parsed data
        body = json.dumps(request.data, sort_keys=True, default=str).encode()
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), body):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def _claim(owner: str, key: str, fingerprint: str) -> IdempotencyKey | Response:
    """The new row for this key, or the stored answer to replay; raises when it cannot be either."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return IdempotencyKey.objects.create(owner=owner, key=key, fingerprint=fingerprint)
        except IntegrityError:
            record = IdempotencyKey.objects.filter(owner=owner, key=key).first()
        if record is None:
            continue  # finished with an error and released meanwhile: claim it again
        if record.created_at < timezone.now() - IDEMPOTENCY_KEY_TTL:
            record.delete()
            continue
        if record.status_code is None:
            raise KeyInFlight
        if record.fingerprint != fingerprint:
            raise KeyReused
        return Response(record.response_body, status=record.status_code, headers={REPLAYED_HEADER: "true"})
    raise KeyInFlight


def idempotent(view_method):
    """Decorate a viewset's create/update/action: honours the Idempotency-Key header when sent."""

    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        owner = _owner(request)
        if not key or owner is None:
            return view_method(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise exceptions.ValidationError({HEADER: [_("Send at most 255 printable characters.")]})
        claimed = _claim(owner, key, _fingerprint(request))
        if isinstance(claimed, Response):
            return claimed
        try:
            response = view_method(self, request, *args, **kwargs)
        except BaseException:
            claimed.delete()
            raise
        if 200 <= response.status_code < 300:
            claimed.status_code = response.status_code
            claimed.response_body = json.loads(JSONRenderer().render(response.data) or b"null")
            claimed.save(update_fields=["status_code", "response_body"])
        else:
            claimed.delete()
        return response

    return wrapper


def purge_expired_keys() -> int:
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - IDEMPOTENCY_KEY_TTL).delete()
    return deleted
