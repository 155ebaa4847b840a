"""Anonymous polls of the public schedule answered from the cache, before DRF, throttling or any database
query: 304 when the poller's copy is current, and the remembered answer itself when it is small.

Calendar apps and ministries' systems poll the public schedule all day, and almost every poll finds it
unchanged. The normal path already answers them from one freshness query and a cached page; this one
skips even that. A view *marks* an anonymous request whose answer depends only on its URL, language and
Accept header and on the data; on the way out the middleware *remembers* the final answer's ETag and
headers (and its body, if small) under those, together with the current *data stamp*. The stamp is a
random value in the cache, renewed when a transaction that saved or deleted any row commits (and at
once when this very connection remembered an answer inside that transaction), so a remembered answer is
trusted only while nothing was written since it was computed. Writes that send no signals
(QuerySet.update, bulk_create, raw SQL) are covered by a short lifetime of every entry (MEMO_SECONDS):
such a change shows within that time instead of at once.

Only requests without credentials (no Authorization header, no session cookie) take this path; anything
else, and any entry that does not match, goes through the view as before.
"""

from __future__ import annotations

import hashlib
import json
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from common.transactions import on_commit_once

from .generated import GENERATED_HEADER, generated_now

STAMP_KEY = "fastpath:stamp"
MEMO_SECONDS = 60
MAX_BODY_BYTES = 1024 * 1024  # a chairmanship's feed fits; the full feed (5 MB at 10,000 meetings) has its own cache
# What a 304 carries (RFC 9110 section 15.4.5, as django.utils.cache does), besides the generation time.
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "ETag", "Expires", "Last-Modified", "Vary")
NOT_REMEMBERED_HEADERS = {"date", "set-cookie", "content-length", GENERATED_HEADER.lower()}


# --- The data stamp ---------------------------------------------------------------------------------------


def bump() -> str:
    """A new data stamp: every remembered answer stops being trusted."""
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
    on_commit_once(bump, using=using)


# --- Marking, remembering, answering ------------------------------------------------------------------------


def eligible(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def mark(request) -> None:
    """Called by a view, before it reads the data, for an answer that depends only on the URL, language,
    Accept header and the data. The stamp is read first, so a write committed meanwhile is never
    remembered as unchanged."""
    if eligible(request):
        django_request = getattr(request, "_request", request)  # under DRF's Request, the one middleware sees
        django_request._fastpath_stamp = cache.get(STAMP_KEY) or bump()


def _memo_key(request) -> str:
    language = getattr(request, "LANGUAGE_CODE", "")
    # Links in an answer are absolute: scheme, host and port are part of what it depends on (get_host()
    # checks ALLOWED_HOSTS, so only hosts the portal serves can have an entry of their own).
    origin = f"{request.scheme}://{request.get_host()}"
    parts = [origin, request.path, sorted(request.GET.lists()), language, request.META.get("HTTP_ACCEPT", "")]
    return "fastpath:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:40]


def remember(request, response) -> None:
    stamp = getattr(request, "_fastpath_stamp", None)
    if not stamp or response.status_code not in (200, 304) or not response.has_header("ETag"):
        return
    key = _memo_key(request)
    headers = {name: value for name, value in response.items() if name.lower() not in NOT_REMEMBERED_HEADERS}
    memo = {"stamp": stamp, "headers": headers, "generated": response.has_header(GENERATED_HEADER)}
    if response.status_code == 200 and not response.streaming and len(response.content) <= MAX_BODY_BYTES:
        memo["body_key"] = f"{key}:{hashlib.sha256(response['ETag'].encode()).hexdigest()[:16]}"
        cache.set(memo["body_key"], response.content, MEMO_SECONDS)
    cache.set(key, memo, MEMO_SECONDS)
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        connection._fastpath_remembered = True


def answer(request):
    """The remembered answer (304, or 200 with its body) for a request, while the data stamp holds; else None."""
    if not eligible(request):
        return None
    key = _memo_key(request)
    found = cache.get_many([STAMP_KEY, key])
    memo = found.get(key)
    if memo is None or memo["stamp"] != found.get(STAMP_KEY):
        return None
    headers = memo["headers"]
    offered = request.META.get("HTTP_IF_NONE_MATCH")
    if offered is not None:
        etags = {etag.removeprefix("W/") for etag in parse_etags(offered)}
        if "*" in etags or headers["ETag"].removeprefix("W/") in etags:
            response = HttpResponseNotModified()
            for name in NOT_MODIFIED_HEADERS:
                if name in headers:
                    response[name] = headers[name]
            return _generated(response, memo)
    body = cache.get(memo["body_key"]) if "body_key" in memo else None
    if body is None:
        return None
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return _generated(response, memo)


def _generated(response, memo):
    # The view's answer varies by Cookie (the session middleware reads it on the way); so does this one,
    # so that no shared cache hands an anonymous answer to a signed-in reader.
    patch_vary_headers(response, ("Cookie",))
    if memo["generated"]:
        response[GENERATED_HEADER] = generated_now()
    return response


class ConditionalFastPathMiddleware:
    """The last middleware: the language is chosen (answers depend on it), and every other middleware adds
    its headers to a remembered answer as to any other; views, DRF and the database are skipped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(settings.API_LANGUAGE_PATH_PREFIXES):
            return self.get_response(request)
        response = answer(request)
        if response is not None:
            return response
        response = self.get_response(request)
        remember(request, response)
        return response
