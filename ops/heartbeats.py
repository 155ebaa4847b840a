"""The worker's and beat's heartbeats (read by ops/health.py), each written by the process it vouches for."""

import logging

from celery import bootsteps
from celery.beat import PersistentScheduler
from django.conf import settings

log = logging.getLogger(__name__)


class WorkerHeartbeat(bootsteps.StartStopStep):
    """A timer inside the worker: alive as long as the worker is, whether or not beat sends it work."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer = None

    def start(self, worker):
        from .health import record_heartbeat

        record_heartbeat("worker")
        self.timer = worker.timer.call_repeatedly(settings.HEARTBEAT_INTERVAL_SECONDS, record_heartbeat, ("worker",))

    def stop(self, worker):
        if self.timer is not None:
            self.timer.cancel()


class HeartbeatScheduler(PersistentScheduler):
    """Celery's own scheduler, with a heartbeat on each tick (beat ticks at least every interval)."""

    def tick(self, *args, **kwargs):
        from .health import record_heartbeat

        try:
            record_heartbeat("beat")
        except Exception:  # nothing may stop beat's schedule; /healthz will say beat is down
            log.exception("beat's heartbeat could not be written")
        return min(super().tick(*args, **kwargs), settings.HEARTBEAT_INTERVAL_SECONDS)
