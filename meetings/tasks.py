"""Celery tasks of the meetings app: they take ids and call a function that does the work."""

from celery import shared_task

from . import emails


@shared_task
def send_meeting_cancelled(meeting_id: int) -> int:
    return emails.send_meeting_cancelled(meeting_id)
