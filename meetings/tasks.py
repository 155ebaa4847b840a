"""Celery tasks of the meetings app: they take ids and call a function that does the work.

Services queue them with `delay_on_commit`, so nothing is sent for a change that was rolled back.
Tasks are acknowledged late, so a worker lost mid-task means the task runs again: each email is sent
under a key made of the task's id (the same on every delivery and retry), and not sent twice.
"""

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval

from . import emails

# SMTP errors are OSErrors: a mail server that is down is retried, with growing pauses.
RETRY = {"autoretry_for": (OSError,), "retry_backoff": 60, "max_retries": 5}


def _once(task) -> str:
    return f"{task.name}:{task.request.id}" if task.request.id else ""


@shared_task(bind=True)
def send_meeting_cancelled(self, meeting_id: int) -> int:
    return emails.send_meeting_cancelled(meeting_id, once=_once(self))


@shared_task(bind=True, **RETRY)
def send_participant_registered_email(self, participant_id: int) -> None:
    emails.send_participant_registered(participant_id=participant_id, once=_once(self))


@shared_task(bind=True, max_retries=RETRY["max_retries"])
def send_participants_registered_emails(self, participant_ids: list[int]) -> None:
    """The registered email of each participant of a file import, one task for the whole file. If the mail
    server fails, the participants not emailed yet are retried together, with the same growing pauses."""
    for position, participant_id in enumerate(participant_ids):
        try:
            emails.send_participant_registered(participant_id=participant_id, once=_once(self))
        except OSError as error:
            pause = get_exponential_backoff_interval(
                factor=RETRY["retry_backoff"], retries=self.request.retries, maximum=600, full_jitter=True
            )
            raise self.retry(args=(participant_ids[position:],), exc=error, countdown=pause) from None


@shared_task(bind=True, **RETRY)
def send_participant_confirmed_email(self, participant_id: int) -> None:
    emails.send_participant_confirmed(participant_id=participant_id, once=_once(self))


@shared_task
def forget_sent_emails() -> int:
    return emails.forget_sent_emails()
