"""What /healthz reports: the database, the cache, the Celery broker, the worker and beat, each by itself.

The worker and beat each write a heartbeat to the cache (ops/heartbeats.py): the worker from a timer of
its own (so a stopped beat does not make the worker look dead), beat on every tick of its scheduler. A
heartbeat older than HEARTBEAT_MAX_AGE_SECONDS (a minute unless the operator sets it) is "down".
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

HEARTBEAT_KEYS = {"worker": "accsm:worker-heartbeat", "beat": "accsm:beat-heartbeat"}


def record_heartbeat(part: str) -> None:
    """'I was alive at this moment', from the worker or from beat."""
    cache.set(HEARTBEAT_KEYS[part], timezone.now().isoformat(), timeout=settings.HEARTBEAT_MAX_AGE_SECONDS * 10)


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok"}


def _check_cache() -> dict:
    cache.set("accsm:healthz", "ok", timeout=30)
    if cache.get("accsm:healthz") != "ok":
        raise RuntimeError("the cache did not return what was just written")
    return {"status": "ok"}


def _check_broker() -> dict:
    from accsm_portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"status": "ok"}


def _heartbeat_check(part: str):
    def check() -> dict:
        value = cache.get(HEARTBEAT_KEYS[part])
        if not value:
            return {"status": "down", "error": f"no heartbeat from {part} yet"}
        age = (timezone.now() - dt.datetime.fromisoformat(value)).total_seconds()
        state = "ok" if age <= settings.HEARTBEAT_MAX_AGE_SECONDS else "down"
        return {"status": state, "last_heartbeat": value, "age_seconds": round(age)}

    return check


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "broker": _check_broker,
    "worker": _heartbeat_check("worker"),
    "beat": _heartbeat_check("beat"),
}


def health_report(parts: list[str] | None = None) -> tuple[bool, dict]:
    """(healthy, report) of every part, or of `parts`. A check that raises is 'down' with the exception's
    class, never its message: the report is public and a driver's message can name hosts or users."""
    report = {}
    for name, check in CHECKS.items():
        if parts and name not in parts:
            continue
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001  every failure is a state to report, not a crash
            logger.warning("health check %s failed: %s", name, type(error).__name__)
            report[name] = {"status": "down", "error": type(error).__name__}
    healthy = all(part["status"] == "ok" for part in report.values())
    return healthy, {"status": "ok" if healthy else "down", **report}
