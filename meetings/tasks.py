"""Celery tasks of the meetings app: they take ids and call a function that does the work.

Services queue them with `delay_on_commit`, so nothing is sent for a change that was rolled back.
"""

from celery import shared_task

from . import emails

# SMTP errors are OSErrors: a mail server that is down is retried, with growing pauses.
RETRY = {"autoretry_for": (OSError,), "retry_backoff": 60, "max_retries": 5}


@shared_task
def send_meeting_cancelled(meeting_id: int) -> int:
    return emails.send_meeting_cancelled(meeting_id)


@shared_task(**RETRY)
def send_participant_registered_email(participant_id: int) -> None:
    emails.send_participant_registered(participant_id=participant_id)


@shared_task(**RETRY)
def send_participant_confirmed_email(participant_id: int) -> None:
    emails.send_participant_confirmed(participant_id=participant_id)
