"""The email that says a large export is ready, with the link to its page (sent through the outbox)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from outbox.kinds import Kind, NotNeeded

from . import kinds
from .models import ExportJob


def _context(email) -> dict:
    job = ExportJob.objects.filter(pk=email.context.get("job"), state=ExportJob.State.DONE).first()
    if job is None or job.is_expired:
        raise NotNeeded  # expired or swept before the email went: the link would lead nowhere
    with translation.override(email.language):
        url = settings.SITE_URL + reverse("exportjobs:job", args=[job.pk])
        label = str(kinds.get(job.kind).label)
    return {"job": job, "label": label, "url": url, "expires_at": job.expires_at, "site_url": settings.SITE_URL}


EMAIL_KIND = Kind("export_ready", _("An export is ready"), "exportjobs/emails/export_ready", context=_context)
