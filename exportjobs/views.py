"""The job's pages: its progress (a page that refreshes itself, a bar the script keeps moving), the file once
ready, and asking again. `offer` is what every export view calls: small files at once, large ones as a job."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from common import storage
from common.audit import record_access
from common.exports import download_response

from . import kinds, selectors, services
from .models import ExportJob

REFRESH_SECONDS = 3


def offer(
    request, kind: str, params: dict, *, rows: int, immediate: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """The export `kind`: served at once under its kind's `background_from` rows (or to an anonymous visitor,
    who has no page to come back to), else a job (the one running reused) and its progress page."""
    declared = kinds.get(kind)
    if rows < declared.background_from or not request.user.is_authenticated:
        return immediate()
    job = services.job_request(actor=request.user, kind=kind, params=params, rows=rows)
    return redirect("exportjobs:job", pk=job.pk)


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def job(request, pk: UUID):
    job = selectors.job_for(actor=request.user, pk=pk)
    kind = kinds.get(job.kind)
    response = render(
        request,
        "exportjobs/job.html",
        {
            "job": job,
            "label": kind.label,
            "back_url": kind.back_url(job.params),
            "refresh": REFRESH_SECONDS if job.is_active else None,
            "expired": job.state == ExportJob.State.DONE and job.is_expired,
        },
    )
    return _no_store(response)


@login_required
@require_GET
def progress(request, pk: UUID):
    """What the page's script polls: the state, the percentage, and where the file is once ready."""
    job = selectors.job_for(actor=request.user, pk=pk)
    done = job.state == ExportJob.State.DONE and not job.is_expired
    body = {
        "state": job.state,
        "progress": job.progress,
        "download_url": reverse("exportjobs:download", args=[job.pk]) if done else None,
    }
    return _no_store(JsonResponse(body))


@login_required
@require_GET
def download(request, pk: UUID):
    """The file, to whoever may see the job and (checked again now) may still have what is in it."""
    job = selectors.job_for(actor=request.user, pk=pk)
    if job.state != ExportJob.State.DONE or job.is_expired:
        raise Http404
    kind = kinds.get(job.kind)
    subject = kind.check(request.user, job.params)
    if kind.purpose and subject is not None:
        record_access(request.user, subject, purpose=kind.purpose, people=job.rows)
    if not storage.is_local():  # a bucket: a URL signed for a minute, as for papers
        response: HttpResponseBase = HttpResponseRedirect(
            storage.signed_url(job.file.name, filename=job.filename, content_type=job.content_type)
        )
        return _no_store(response)
    try:
        with storage.reachable():
            content = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = download_response(content, filename=job.filename, content_type=job.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def again(request, pk: UUID):
    """Ask for the same file again (a failed or expired job, or fresher data): the job page of the new one."""
    job = selectors.job_for(actor=request.user, pk=pk)
    kind = kinds.get(job.kind)
    kind.check(request.user, job.params)
    new = services.job_request(actor=request.user, kind=job.kind, params=job.params, rows=job.rows)
    return redirect("exportjobs:job", pk=new.pk)
