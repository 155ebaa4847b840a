"""Celery tasks: thin, idempotent, no arguments to go stale (the outbox holds the state).

Run with acks_late and a prefetch of 1 (settings). A task delivered twice, or run by two workers at
the same moment, does no harm: planning inserts by unique key, sending claims rows before sending them.
"""

from celery import shared_task

from .services.dispatcher import dispatch_due
from .services.planner import plan_reminders as plan


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def plan_reminders() -> dict:
    return plan().as_dict()


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def dispatch_reminders() -> dict:
    from dataclasses import asdict

    return asdict(dispatch_due())
