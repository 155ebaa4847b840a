"""Celery tasks of the accounts app: thin wrappers that take ids and call accounts.emails."""

from celery import shared_task

from . import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_focal_point_invitation(invitation_id: int, token: str) -> None:
    """The token travels with the task because only its hash is stored; the email is its only other copy."""
    emails.send_focal_point_invitation(invitation_id=invitation_id, token=token)
