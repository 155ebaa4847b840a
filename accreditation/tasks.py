from celery import shared_task

from . import services


@shared_task
def delete_passport_data() -> int:
    """ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING days after a meeting, its delegates' passport data is deleted."""
    return services.delete_passport_data()
