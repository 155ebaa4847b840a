"""Conditional GETs of anonymous schedule pollers answered 304 from the cache, before DRF, throttling or
any database query.

Calendar apps and ministries' systems poll the public schedule all day, and almost every poll finds it
unchanged. The normal path already answers those with 304 from one freshness query; this one skips even
that. When a view has computed the ETag of an anonymous answer it *remembers* it here, keyed by what the
answer depends on (path, query, language), together with the current *data stamp*. The stamp is a
random value in the cache, replaced whenever a transaction that saved or deleted any row commits; so a
remembered ETag is trusted only while nothing was written since it was computed. Writes that send no
signals (QuerySet.update, bulk_create, raw SQL) are covered by a short lifetime of every entry
(MEMO_SECONDS): such a change shows within that time instead of at once.

Only requests without credentials (no Authorization header, no session cookie) take this path; anything
else, and any entry that does not match, goes through the view as before.
"""

from __future__ import annotations

import hashlib
import json
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

STAMP_KEY = "fastpath:stamp"
MEMO_SECONDS = 60


def current_stamp(request) -> str | None:
    """Read before the view computes its freshness (so a write committed meanwhile is never remembered as
    unchanged); None when the request cannot take the fast path."""
    if not eligible(request):
        return None
    return cache.get(STAMP_KEY) or bump()


def bump() -> str:
    """A new data stamp: every remembered ETag stops being trusted."""
    stamp = secrets.token_hex(8)
    cache.set(STAMP_KEY, stamp, None)
    return stamp


@receiver(post_save, dispatch_uid="fastpath_saved")
@receiver(post_delete, dispatch_uid="fastpath_deleted")
@receiver(m2m_changed, dispatch_uid="fastpath_m2m")
def _data_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    connection = connections[using or DEFAULT_DB_ALIAS]
    # This connection remembered an answer inside the transaction that now writes: it read rows other
    # connections cannot see yet, so that answer is outdated at once.
    if getattr(connection, "_fastpath_remembered", False):
        connection._fastpath_remembered = False
        bump()
    # For everyone else, once per transaction, when it commits: a poll made meanwhile still read the old
    # rows, and must not stay trusted. Outside a transaction on_commit runs at once.
    if not any(callback is bump for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(bump, using=using)


def eligible(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _memo_key(request) -> str:
    parts = [request.path, sorted(request.GET.lists()), translation.get_language()]
    return "fastpath:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:40]


def remember(
    request, *, stamp: str | None, etag: str, headers: dict[str, str], generated_header: str | None = None
) -> None:
    """Called by a view for an anonymous answer whose ETag and 304 headers it has just computed."""
    if stamp is None or not eligible(request):
        return
    memo = {"stamp": stamp, "etag": etag, "headers": headers, "generated_header": generated_header}
    cache.set(_memo_key(request), memo, MEMO_SECONDS)
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        connection._fastpath_remembered = True


def not_modified(request):
    """A 304 for a poll whose ETag is remembered under the current stamp, else None."""
    if not eligible(request) or "HTTP_IF_NONE_MATCH" not in request.META:
        return None
    key = _memo_key(request)
    found = cache.get_many([STAMP_KEY, key])
    memo = found.get(key)
    if memo is None or memo["stamp"] != found.get(STAMP_KEY):
        return None
    offered = parse_etags(request.META["HTTP_IF_NONE_MATCH"])
    if "*" not in offered and memo["etag"].removeprefix("W/") not in {e.removeprefix("W/") for e in offered}:
        return None
    response = HttpResponseNotModified()
    for name, value in memo["headers"].items():
        response[name] = value
    if memo["generated_header"]:
        from .conditional import generated_now

        response[memo["generated_header"]] = generated_now()
    patch_vary_headers(response, ["Accept-Language"])
    return response


class ConditionalFastPathMiddleware:
    """After the language is chosen (the ETag depends on it), before sessions, authentication and views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.API_LANGUAGE_PATH_PREFIXES):
            response = not_modified(request)
            if response is not None:
                return response
        return self.get_response(request)
