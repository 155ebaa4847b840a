from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def anonymise_old_participants():
    """Daily from beat; does nothing unless settings.ACCSM_ANONYMISE_AFTER_MONTHS is above 0."""
    services.anonymise_old_participants()
