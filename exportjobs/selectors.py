"""Who may see a job: the person who asked, or for a secretariat-only kind the secretariat. Anyone else gets a
404, as for a job that does not exist (a focal point never learns of another country's job)."""

from __future__ import annotations

from uuid import UUID

from accounts.roles import Actor, acting_user, is_secretariat
from common.errors import NotFound

from . import kinds
from .models import ExportJob


def job_for(*, actor: Actor, pk: UUID) -> ExportJob:
    user = acting_user(actor)
    job = ExportJob.objects.filter(pk=pk).first() if user is not None else None
    if job is None or user is None:
        raise NotFound
    if job.requested_by_id == user.pk:
        return job
    if kinds.get(job.kind).staff_shared and is_secretariat(user):
        return job
    raise NotFound
