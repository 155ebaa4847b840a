"""In a Celery worker, the task id plays the part of the request id in the logs."""

from celery.signals import task_postrun, task_prerun

from .logging import current_request_id


@task_prerun.connect
def _task_started(task_id=None, **kwargs):
    current_request_id.set(task_id)


@task_postrun.connect
def _task_finished(task_id=None, **kwargs):
    current_request_id.set(None)
