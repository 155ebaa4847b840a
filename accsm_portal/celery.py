"""The Celery app. Broker: Redis when REDIS_URL is set, else kombu's filesystem transport under var/."""

import functools
import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accsm_portal.settings")


class Task(DjangoTask):
    """Every task of the portal. Queued after commit by a robust hook: a broker that cannot take the task
    (Redis away) is logged and never stops the hooks after it (another email, the API's data stamp) nor
    turns a change already committed into an error page."""

    def delay_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(functools.partial(self.delay, *args, **kwargs), robust=True)

    def apply_async_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(functools.partial(self.apply_async, *args, **kwargs), robust=True)


app = Celery("accsm_portal", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.steps["worker"].add("ops.heartbeats:WorkerHeartbeat")
