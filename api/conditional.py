"""Cheap polling: ETag / Last-Modified on lists and details, answered 304 before anything is serialised.

A list's freshness is ONE aggregate query over the filtered queryset — how many rows match and the latest
`updated_at` (plus the latest change of any related row the representation shows). The ETag hashes that
with everything else the answer depends on (path, query string, language, who asks), so an unchanged
answer costs one query and no serialisation. Every list answer also says when it was generated
(`X-Page-Generated`); a client sends that back as `updated_since` to fetch only what changed.

Viewsets opt in with `ConditionalListMixin` / `ConditionalRetrieveMixin` and name their
`freshness_fields`; the documents and work plan endpoints use the same mixins.

Writes are guarded the same way (`WritePreconditionMixin`, in every viewset's base): a PUT, PATCH or
DELETE with `If-Match` goes through only while the object's ETag, as a GET of the same URL by the same
reader would give it, is one of those offered (weak comparison: our ETags are weak); otherwise 412 with
code `precondition_failed` and nothing changes. A successful PUT or PATCH answers with the new ETag, so
a client can chain edits.

A list whose representation depends only on its rows (the public schedule) can also set
`page_cache_seconds`: its serialised page is then kept in the cache under its ETag, so a poller that
lost its copy (or a new client asking what another already asked) costs the freshness query and a
cache read, not a serialisation. The ETag changes whenever a row of the filtered list changes, so a
cached page is never stale; only the lists showing a changed meeting get a new key.
"""

import contextlib
import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_etags
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response

from common.locking import checked_under_lock

from . import fastpath
from .generated import GENERATED_HEADER, generated_now
from .models import ApiToken

API_REVISION = "1"  # raise when a representation changes shape, so cached ETags stop matching


@dataclass(frozen=True)
class Freshness:
    count: int
    latest: object  # an aware datetime, or None when nothing matches
    related_counts: tuple = ()  # how many nested rows (agenda items…): a removal changes the answer too

    @property
    def last_modified(self) -> int | None:
        return int(self.latest.timestamp()) if self.latest else None


def queryset_freshness(queryset: QuerySet, fields: tuple[str, ...], counts: tuple[str, ...] = ()) -> Freshness:
    """One query: how many rows, the latest of `fields` over them, and distinct counts of `counts`."""
    maxima = {f"latest_{i}": Max(field) for i, field in enumerate(fields)}
    related = {f"related_{i}": Count(field, distinct=True) for i, field in enumerate(counts)}
    row = queryset.order_by().aggregate(matching=Count("pk", distinct=bool(counts)), **maxima, **related)
    latest = [value for key, value in row.items() if key.startswith("latest_") and value is not None]
    return Freshness(
        count=row["matching"],
        latest=max(latest) if latest else None,
        related_counts=tuple(row[key] for key in related),
    )


def _etag(request, freshness: Freshness, *extra) -> str:
    token = request.auth.pk if isinstance(request.auth, ApiToken) else 0
    parts = [
        API_REVISION,
        request.path,
        sorted(request.query_params.lists()),
        translation.get_language(),
        request.user.pk if request.user.is_authenticated else 0,
        token,
        freshness.count,
        freshness.latest.isoformat() if freshness.latest else "",
        freshness.related_counts,
        *extra,
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def conditional_headers(request, freshness: Freshness, *extra) -> dict[str, str]:
    headers = {"ETag": _etag(request, freshness, *extra), "Cache-Control": "private, no-cache"}
    if freshness.last_modified is not None:
        headers["Last-Modified"] = http_date(freshness.last_modified)
    return headers


def not_modified_response(request, freshness: Freshness, headers: dict[str, str]) -> Response | None:
    """304 (or 412 for a failed If-Match) when the client's copy is current, else None."""
    answer = get_conditional_response(request, etag=headers["ETag"], last_modified=freshness.last_modified)
    if answer is None:
        return None
    return Response(status=answer.status_code, headers=headers)


def plain(data):
    """The page as plain dicts, lists and strings: DRF's `Hyperlink` is a `str` that carries its model
    instance, which would otherwise be pickled into the cache with every link (a page of 50 meetings
    pickled 100 of them) and unpickled on every hit."""
    if isinstance(data, dict):
        return {key: plain(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [plain(value) for value in data]
    if isinstance(data, str) and type(data) is not str:
        return str(data)
    return data


def page_cache_key(request, etag: str) -> str:
    """The ETag already names the data, language and reader; the links in a page also depend on the host."""
    parts = [etag, request.scheme, request.get_host(), getattr(request, "accepted_media_type", "")]
    return "api-page:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:40]


class ConditionalListMixin:
    """list() with ETag/Last-Modified/304 and the X-Page-Generated header; the count is reused by the pager."""

    freshness_fields: tuple[str, ...] = ("updated_at",)
    page_cache_seconds: int = 0  # > 0: keep serialised pages in the cache under their ETag (see above)

    def list(self, request, *args, **kwargs):
        generated = generated_now()  # before reading, so a change made meanwhile is fetched next time
        if self.page_cache_seconds:
            fastpath.mark(request)  # the same answer for every anonymous reader: see fastpath
        queryset = self.filter_queryset(self.get_queryset())
        freshness = queryset_freshness(queryset, self.freshness_fields)
        headers = {**conditional_headers(request, freshness), GENERATED_HEADER: generated}
        headers["Cache-Control"] = getattr(self, "cache_control", headers["Cache-Control"])
        not_modified = not_modified_response(request, freshness, headers)
        if not_modified is not None:
            return not_modified
        key = page_cache_key(request, headers["ETag"]) if self.page_cache_seconds else None
        data = cache.get(key) if key else None
        if data is None:
            data = self.page_data(queryset, freshness)
            if key:
                cache.set(key, plain(data), self.page_cache_seconds)
        response = Response(data)
        for name, value in headers.items():
            response[name] = value
        return response

    def page_data(self, queryset, freshness: Freshness):
        if self.paginator is None:
            return self.get_serializer(queryset, many=True).data
        self.paginator.known_count = freshness.count
        page = self.paginate_queryset(queryset)
        if page is None:
            return self.get_serializer(queryset, many=True).data
        return self.get_paginated_response(self.get_serializer(page, many=True).data).data


class ConditionalRetrieveMixin:
    """retrieve() answering 304 from one query over the object (and what its representation nests)."""

    detail_freshness_fields: tuple[str, ...] = ("updated_at",)
    detail_freshness_counts: tuple[str, ...] = ()

    def object_freshness(self) -> Freshness:
        queryset = self.filter_queryset(self.get_queryset())
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        queryset = queryset.filter(**{self.lookup_field: self.kwargs[lookup_url_kwarg]})
        return queryset_freshness(queryset, self.detail_freshness_fields, self.detail_freshness_counts)

    def retrieve(self, request, *args, **kwargs):
        freshness = self.object_freshness()
        if freshness.count == 0:
            raise NotFound
        headers = conditional_headers(request, freshness)
        headers["Cache-Control"] = getattr(self, "cache_control", headers["Cache-Control"])
        not_modified = not_modified_response(request, freshness, headers)
        if not_modified is not None:
            return not_modified
        response = Response(self.get_serializer(self.get_object()).data)
        for name, value in headers.items():
            response[name] = value
        return response


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = _("This has changed since you read it. Read it again, then make your change again.")


def _weak(etag: str) -> str:
    return etag.removeprefix("W/")


class WritePreconditionMixin:
    """If-Match on PUT, PATCH and DELETE of a detail (see above). Needs ConditionalRetrieveMixin."""

    guarded_actions = frozenset({"update", "partial_update", "destroy"})

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Checked before the handler (a stale write costs nothing), and again under the service's first row
        # lock, for the handler's time: between the two, another writer may have saved
        # (common.locking.checked_under_lock). Disarmed in finalize_response, which DRF always calls.
        self.check_if_match()
        self._under_lock = contextlib.ExitStack()
        self._under_lock.enter_context(checked_under_lock(self.check_if_match))

    def check_if_match(self) -> None:
        offered = self.request.META.get("HTTP_IF_MATCH")
        if offered is None or self.action not in self.guarded_actions:
            return
        freshness = self.object_freshness()
        if freshness.count == 0:
            raise NotFound
        etags = {_weak(etag) for etag in parse_etags(offered)}
        if "*" not in etags and _weak(conditional_headers(self.request, freshness)["ETag"]) not in etags:
            raise PreconditionFailed

    def finalize_response(self, request, response, *args, **kwargs):
        if under_lock := getattr(self, "_under_lock", None):
            under_lock.close()
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action in ("update", "partial_update") and response.status_code == 200:
            freshness = self.object_freshness()
            if freshness.count:
                response["ETag"] = conditional_headers(request, freshness)["ETag"]
        return response
