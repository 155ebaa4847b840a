from celery import shared_task

from common.audit import audit_as

from . import services


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def run_export_job(job_id: str) -> None:
    with audit_as(None, task="run_export_job"):
        services.job_run(job_id=job_id)


@shared_task
def sweep_export_jobs() -> dict:
    with audit_as(None, task="sweep_export_jobs"):
        return services.jobs_sweep()
