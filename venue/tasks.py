from celery import shared_task

from . import services


@shared_task
def email_certificates_due() -> int:
    """ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING hours after a meeting, each participant who attended is
    emailed their certificate of attendance, once (venue.services.certificates_email_due)."""
    return services.certificates_email_due()
