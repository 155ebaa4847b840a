"""Copies of a person's data outside the records that hold it (issue 21): erasure removes them too.

- the API's idempotency records keep the first answer to a write for a day and replay it: an answer that
  names the person is dropped (a retry after the erasure is then done again, and refused or done afresh);
- Django admin's "Recent actions" keeps each changed object's name: entries about the person's records, or
  naming the person, keep what was done and by whom, not whom it was about;
- the cache keeps answers (API pages, the fast path's remembered bodies): any entry holding the person goes.

`needles` are the values that identify the person (name, e-mail address, phone, passport number); matching
ignores case. Values shorter than MIN_NEEDLE are not looked for (a two-letter name would match everything).
"""

from __future__ import annotations

import json
import logging
import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path

from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db.models import Q

logger = logging.getLogger(__name__)

MIN_NEEDLE = 4
ERASED_REPR = "Anonymised participant"


def clean_needles(values: Iterable[str | None]) -> list[str]:
    needles = {" ".join(str(value).split()).casefold() for value in values if value}
    return sorted(needle for needle in needles if len(needle) >= MIN_NEEDLE)


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "ignore")
    if isinstance(value, str):
        return value
    content = getattr(value, "content", None)  # a remembered HttpResponse
    if isinstance(content, bytes):
        return content.decode("utf-8", "ignore") + json.dumps(dict(getattr(value, "headers", {}) or {}), default=str)
    return json.dumps(value, default=str, ensure_ascii=False)


def _holds(value, needles: list[str]) -> bool:
    text = " ".join(_text(value).split()).casefold()
    return any(needle in text for needle in needles)


def scrub_idempotency_records(needles: list[str]) -> int:
    from api.models import IdempotencyKey

    if not needles:
        return 0
    doomed = [
        record.pk
        for record in IdempotencyKey.objects.exclude(response_body=None).only("pk", "response_body").iterator()
        if _holds(record.response_body, needles)
    ]
    IdempotencyKey.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def scrub_admin_log(models_and_ids: list[tuple[type, list[int]]], needles: list[str]) -> int:
    about = Q(pk__in=[])
    for model, ids in models_and_ids:
        content_type = ContentType.objects.get_for_model(model)
        about |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
    for needle in needles:
        about |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    return AdminLogEntry.objects.filter(about).update(object_repr=ERASED_REPR, change_message="[]")


def _redis_scrub(backend: RedisCache, needles: list[str]) -> int:
    client = backend._cache.get_client(write=True)
    serializer = backend._cache._serializer
    pattern = backend.make_key("*")
    removed = 0
    for key in client.scan_iter(match=pattern, count=500):
        raw = client.get(key)
        if raw is None:
            continue
        try:
            value = serializer.loads(raw)
        except Exception:  # noqa: BLE001 - a value we cannot read may hold anything: it goes
            value = raw
        if _holds(value, needles):
            client.delete(key)
            removed += 1
    return removed


def _locmem_scrub(backend: LocMemCache, needles: list[str]) -> int:
    removed = 0
    with backend._lock:
        for key, raw in list(backend._cache.items()):
            try:
                value = pickle.loads(raw)  # noqa: S301 - the cache's own values, unpickled as Django does
            except Exception:  # noqa: BLE001
                value = raw
            if _holds(value, needles):
                backend._cache.pop(key, None)
                backend._expire_info.pop(key, None)
                removed += 1
    return removed


def _file_scrub(backend: FileBasedCache, needles: list[str]) -> int:
    removed = 0
    for name in backend._list_cache_files():
        try:
            with Path(name).open("rb") as handle:
                pickle.load(handle)  # noqa: S301 - the expiry, as FileBasedCache reads it
                value = pickle.loads(zlib.decompress(handle.read()))  # noqa: S301
        except FileNotFoundError:
            continue
        except Exception:  # noqa: BLE001
            value = b""
        if _holds(value, needles):
            backend._delete(name)
            removed += 1
    return removed


def scrub_cache(needles: list[str]) -> int:
    """Delete every cache entry holding one of the needles (cache keys of this portal's prefix only)."""
    if not needles:
        return 0
    backend = caches["default"]
    try:
        if isinstance(backend, RedisCache):
            return _redis_scrub(backend, needles)
        if isinstance(backend, LocMemCache):
            return _locmem_scrub(backend, needles)
        if isinstance(backend, FileBasedCache):
            return _file_scrub(backend, needles)
    except Exception:  # an unreachable cache holds nothing it can serve; clear what we can
        logger.exception("erasure: the cache could not be searched; clearing it")
    cache.clear()
    return -1
