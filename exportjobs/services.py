"""Every export that runs off the request goes through here: asked (`job_request`, the running one reused),
made by a worker (`job_run`, progress written as it goes, the file saved through Django's storage API), failed
with a clear message (`job_fail`), and swept (`jobs_sweep`: dead workers' jobs failed, expired files and
files no job owns deleted)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import tempfile
from collections.abc import Iterable, Iterator
from typing import TypeVar
from uuid import UUID

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user
from common import storage
from common.errors import DomainError
from common.exports import Export

from . import kinds
from .models import ExportJob

logger = logging.getLogger(__name__)
T = TypeVar("T")
FOLDER = "exports"

DEAD_WORKER = _("The export stopped before it was finished (the worker making it stopped). Please ask for it again.")
FAILED = _("The export could not be made. Please ask for it again; if it fails again, tell the Secretariat.")


def keep_for() -> dt.timedelta:
    return dt.timedelta(hours=settings.ACCSM_EXPORT_KEEP_HOURS)


def stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.ACCSM_EXPORT_STALE_SECONDS)


def job_key(kind: str, params: dict) -> str:
    """The same file asked twice has the same key; parameters of any length are digested, never cut (a cut
    would make two different files one job)."""
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"))
    return f"{kind}:{hashlib.sha256(canonical.encode()).hexdigest()}"


# --- Asking ---------------------------------------------------------------------------------------------


def job_request(*, actor: Actor, kind: str, params: dict, rows: int) -> ExportJob:
    """The job making this file for this person: the one already waiting or running (a second click, a second
    tab), else a new one queued for a worker after commit. One that a dead worker left is failed first."""
    user = acting_user(actor)
    if user is None:
        raise ValueError("an export job belongs to a signed-in person")
    kinds.get(kind)  # an unknown kind is a programming error, never a job
    key = job_key(kind, params)
    active = ExportJob.objects.filter(requested_by=user, key=key, state__in=ExportJob.ACTIVE_STATES).first()
    if active is not None:
        if active.heartbeat_at >= stale_before():
            return active
        job_fail(active, DEAD_WORKER)
    now = timezone.now()
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                requested_by=user,
                kind=kind,
                params=params,
                key=key,
                rows=rows,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                created_at=now,
                heartbeat_at=now,
                expires_at=now + keep_for(),
            )
            from .tasks import run_export_job

            run_export_job.delay_on_commit(str(job.pk))
    except IntegrityError:  # the same person asked at the same moment from another tab
        return ExportJob.objects.get(requested_by=user, key=key, state__in=ExportJob.ACTIVE_STATES)
    return job


# --- Making ---------------------------------------------------------------------------------------------


class _Progress:
    """Writes the job's progress (and so its heartbeat) each time it moves by a step: a few updates per job,
    whatever its size."""

    STEP = 5

    def __init__(self, job: ExportJob):
        self.job = job
        self.written = job.progress

    def __call__(self, done: int, total: int) -> None:
        percent = min(99, done * 100 // total) if total else 99  # 100 is said only with the file saved
        if percent >= self.written + self.STEP:
            self.written = percent
            ExportJob.objects.filter(pk=self.job.pk, state=ExportJob.State.RUNNING).update(
                progress=percent, heartbeat_at=timezone.now()
            )

    def iterate(self, rows: Iterable[T], total: int) -> Iterator[T]:
        for done, row in enumerate(rows, start=1):
            yield row
            self(done, total)


def _store(job: ExportJob, export: Export) -> tuple[str, int]:
    """Render into a temporary file, then save it under exports/<job id>.<ext> in the private storage. On a
    storage error nothing is left behind (and if the process dies half-way, the sweep finds the file)."""
    extension = export.filename.rsplit(".", 1)[-1][:10] if "." in export.filename else "bin"
    name = f"{FOLDER}/{job.pk}.{extension}"
    with tempfile.TemporaryFile() as spooled:
        export.write_to(spooled)
        size = spooled.tell()
        spooled.seek(0)
        try:
            with storage.reachable():
                saved = default_storage.save(name, File(spooled, name=name))
        except storage.StorageUnavailable:
            _delete_quietly(name)
            raise
    return saved, size


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except storage.UNREACHABLE as error:  # the sweep tries again later
        logger.warning("export file %s not deleted: %s", name, type(error).__name__)


def job_run(*, job_id: str) -> None:
    """The worker's side. Acknowledged late, so it may run twice: only a queued job is taken (one UPDATE)."""
    now = timezone.now()
    taken = ExportJob.objects.filter(pk=job_id, state=ExportJob.State.QUEUED).update(
        state=ExportJob.State.RUNNING, heartbeat_at=now
    )
    if not taken:
        return
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    kind = kinds.get(job.kind)
    try:
        with translation.override(job.language):
            export = kind.build(job.requested_by, job.params, _Progress(job))
            name, size = _store(job, export)
    except DomainError as error:  # the person's rights changed, the meeting went, the storage is down
        logger.info("export job %s refused: %s", job.pk, type(error).__name__)
        job_fail(job, error.message)
        return
    except Exception:
        logger.exception("export job %s failed", job.pk)
        job_fail(job, FAILED)
        return
    _finish(job, kind, name=name, size=size, export=export)


def _finish(job: ExportJob, kind: kinds.JobKind, *, name: str, size: int, export: Export) -> None:
    now = timezone.now()
    with transaction.atomic():
        done = ExportJob.objects.filter(pk=job.pk, state=ExportJob.State.RUNNING).update(
            state=ExportJob.State.DONE,
            progress=100,
            file=name,
            filename=export.filename,
            content_type=export.content_type,
            size=size,
            heartbeat_at=now,
            finished_at=now,
            expires_at=now + keep_for(),
        )
        if done and job.rows >= kind.email_from and job.requested_by.email:
            from outbox.kinds import Recipient
            from outbox.services import enqueue

            from .emails import EMAIL_KIND

            user = job.requested_by
            recipient = Recipient(user.email, user.get_full_name() or user.username, job.language)
            enqueue(EMAIL_KIND.name, recipient, {"job": str(job.pk)})
    if not done:  # failed meanwhile (the sweep took it for dead): its file is not kept
        _delete_quietly(name)


def job_fail(job: ExportJob, message) -> None:
    with translation.override(job.language):
        text = str(message)
    ExportJob.objects.filter(pk=job.pk, state__in=ExportJob.ACTIVE_STATES).update(
        state=ExportJob.State.FAILED, error=text, finished_at=timezone.now()
    )


# --- Sweeping -------------------------------------------------------------------------------------------


def jobs_sweep() -> dict[str, int]:
    """Beat's sweep: jobs whose worker died are failed (they can be asked again), expired jobs are deleted with
    their files, and a file under exports/ that no job owns (a worker killed between saving and recording
    it) is deleted."""
    dead = 0
    for job in ExportJob.objects.filter(state__in=ExportJob.ACTIVE_STATES, heartbeat_at__lt=stale_before()):
        job_fail(job, DEAD_WORKER)
        dead += 1
    expired = 0
    for job in ExportJob.objects.filter(expires_at__lte=timezone.now()):
        if job.file.name:
            _delete_quietly(job.file.name)
        job.delete()
        expired += 1
    return {"dead": dead, "expired": expired, "orphans": _sweep_orphans()}


def _sweep_orphans() -> int:
    try:
        if not default_storage.exists(FOLDER):
            return 0
        names = list(storage.walk(default_storage, FOLDER))
    except storage.UNREACHABLE as error:
        logger.warning("export files not swept: %s", type(error).__name__)
        return 0
    ids: dict[str, UUID | None] = {}
    for name in names:
        stem = name.rsplit("/", 1)[-1].split(".", 1)[0]
        try:
            ids[name] = UUID(stem)
        except ValueError:
            ids[name] = None
    jobs = {
        job.pk: job
        for job in ExportJob.objects.filter(pk__in=[pk for pk in ids.values() if pk is not None]).only(
            "pk", "state", "file"
        )
    }
    orphans = 0
    for name, pk in ids.items():
        job = jobs.get(pk) if pk is not None else None
        if job is not None and (job.is_active or (job.state == ExportJob.State.DONE and job.file.name == name)):
            continue  # being saved now, or the job's file
        _delete_quietly(name)
        orphans += 1
    return orphans
