"""The cache degrades, never fails: with Redis away every read is a miss and every write is dropped.

The cache holds nothing the portal cannot rebuild (remembered API answers, feed bodies, the data stamp,
throttle counters, the worker's heartbeat), so an outage costs speed, not answers. What that means for
each user of the cache is written in SECURITY.md ("When Redis is away"). The outage is logged once when
it starts and once when it ends, not on every call.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("accsm.cache")

_down = False


def _noted(ok: bool, error: Exception | None = None) -> None:
    global _down  # one flag per process: enough to log the outage once, not per call
    if ok and _down:
        _down = False
        log.warning("Cache reachable again.")
    elif not ok and not _down:
        _down = True
        log.error("Cache unreachable, serving without it: %s", error)


def _fail_soft(method, *, fallback):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except RedisError as error:
            _noted(False, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback
        _noted(True)
        return result

    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, whose every operation answers as if the key were absent when Redis fails."""

    get = _fail_soft(RedisCache.get, fallback=_default)
    get_many = _fail_soft(RedisCache.get_many, fallback={})
    has_key = _fail_soft(RedisCache.has_key, fallback=False)
    set = _fail_soft(RedisCache.set, fallback=None)
    set_many = _fail_soft(RedisCache.set_many, fallback=[])
    add = _fail_soft(RedisCache.add, fallback=False)
    touch = _fail_soft(RedisCache.touch, fallback=False)
    delete = _fail_soft(RedisCache.delete, fallback=False)
    delete_many = _fail_soft(RedisCache.delete_many, fallback=None)
    clear = _fail_soft(RedisCache.clear, fallback=False)
