"""What /healthz reports: the database, the cache, the Celery broker and the worker's last heartbeat."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "accsm:worker-heartbeat"


def heartbeat_beat() -> None:
    """Called by the worker's periodic task: 'I was alive at this moment'."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=settings.HEARTBEAT_MAX_AGE_SECONDS * 10)


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


def _check_worker() -> dict:
    value = cache.get(HEARTBEAT_KEY)
    if not value:
        return {"status": "down", "error": "no heartbeat from the worker yet"}
    last = dt.datetime.fromisoformat(value)
    age = (timezone.now() - last).total_seconds()
    state = "ok" if age <= settings.HEARTBEAT_MAX_AGE_SECONDS else "down"
    return {"status": state, "last_heartbeat": value, "age_seconds": round(age)}


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "broker": _check_broker,
    "worker": _check_worker,
}


def health_report() -> tuple[bool, dict]:
    """(healthy, report). A check that raises is 'down' with the exception's class, never its message:
    the report is public and a driver's message can name hosts or users."""
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001  every failure is a state to report, not a crash
            logger.warning("health check %s failed: %s", name, type(error).__name__)
            report[name] = {"status": "down", "error": type(error).__name__}
    healthy = all(part["status"] == "ok" for part in report.values())
    return healthy, {"status": "ok" if healthy else "down", **report}
