"""Celery tasks: they take ids and call a service."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def extract_document_text(version_id: int) -> None:
    from .services import version_extract_text

    version_extract_text(version_id=version_id)


@shared_task
def sweep_orphan_document_files() -> int:
    from .services import documents_sweep_orphan_files

    return len(documents_sweep_orphan_files())
