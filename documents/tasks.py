"""Celery tasks: they take ids and call a service."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def extract_document_text(version_id: int) -> None:
    from .services import version_extract_text

    version_extract_text(version_id=version_id)


@shared_task
def sweep_orphan_document_files() -> int:
    """Every stored file no row names (papers, Notes Verbales, photos), older than six hours, deleted (the
    name is kept for the beat schedule; `manage.py sweep_files` is the same sweep by hand)."""
    from common.storage import sweep_orphans

    return len(sweep_orphans())
