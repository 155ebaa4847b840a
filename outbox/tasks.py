"""The outbox's task: woken after each commit that wrote emails, and swept every minute by beat (so an
email written while Redis was down still goes). Harmless when delivered twice: rows are claimed before
they are sent."""

from celery import shared_task
from django.db import DatabaseError

from .dispatcher import send_pending


@shared_task(
    ignore_result=True,
    soft_time_limit=240,
    time_limit=300,
    autoretry_for=(DatabaseError,),
    retry_backoff=30,
    retry_backoff_max=300,  # below the broker's visibility timeout (settings.py)
    max_retries=5,
)
def send_outbox() -> dict:
    from dataclasses import asdict

    return asdict(send_pending())


@shared_task(ignore_result=True)
def forget_sent_emails() -> int:
    from .services import forget_sent_emails as forget

    return forget()
