"""An export made by a worker: who asked, which file (a kind of `kinds.py` and its parameters), how far it is,
and the file itself in the private storage until it expires (a day)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not be made")

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    # A random id: the link is emailed, and a guessed number must not even say that a job exists.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=200, help_text="The kind and its parameters: the same file asked twice.")
    language = models.CharField(max_length=8, default="en")
    rows = models.PositiveIntegerField(default=0, help_text="Rows (participants, papers…) when it was asked.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="exports/", max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Written with every step of progress: an active job whose heartbeat is old belongs to a dead worker.
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Asking twice while one runs gives the running one (services.job_request), never two workers.
            models.UniqueConstraint(
                fields=["requested_by", "key"],
                condition=Q(state__in=["queued", "running"]),
                name="exportjobs_one_active_job_per_person_and_file",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="exportjobs_progress_at_most_100"),
            models.CheckConstraint(
                condition=~Q(state="done") | ~Q(file=""), name="exportjobs_a_finished_job_has_its_file"
            ),
        ]
        indexes = [models.Index(fields=["state", "heartbeat_at"]), models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
