from celery import shared_task

from . import health


@shared_task(ignore_result=True)
def worker_heartbeat():
    """Runs every minute from beat: /healthz reports the worker down when the last one is too old."""
    health.heartbeat_beat()
