"""The webhooks' task: woken after each commit that wrote deliveries, and swept every minute by beat (so a
retry whose pause has passed goes). Harmless when run twice: deliveries are claimed before they are sent."""

from celery import shared_task
from django.db import DatabaseError


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300, autoretry_for=(DatabaseError,), max_retries=5)
def send_webhooks() -> dict:
    from dataclasses import asdict

    from .dispatcher import send_pending

    return asdict(send_pending())
