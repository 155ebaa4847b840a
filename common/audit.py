"""The one audit trail (django-auditlog): who changed what, when, and the fields before and after.

Pages and the admin are attributed by `AuditMiddleware`; the REST API too, because the middleware reads
the user lazily, after the API has authenticated its token. Services and Celery tasks name the actor
explicitly with `audit_as(actor, **extra)`; `extra` (a reason, the country acted for, a task's name) is
kept in the entry's `additional_data`, beside what `audit.receivers` adds (the country a delegation or
participant belongs to, the API token used). Rows inserted with bulk_create (no signals) are recorded by
`bulk_create_audited`, which writes the entries their saves would have written.
"""

from __future__ import annotations

import contextlib
import contextvars

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled, auditlog_value, set_extra_data
from auditlog.diff import model_instance_diff
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import post_log, pre_log
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

audit_extra = contextvars.ContextVar("accsm_audit_extra", default=None)


@contextlib.contextmanager
def audit_as(actor, **extra):
    """Attribute saves inside the block to `actor` (None: the system, e.g. a periodic task), with `extra`."""
    previous = auditlog_value.get(None)
    data = {"actor": actor if getattr(actor, "is_authenticated", False) else None}
    extra_token = audit_extra.set({**(audit_extra.get() or {}), **extra})
    try:
        with set_extra_data(context_data=data):
            yield
    finally:
        audit_extra.reset(extra_token)
        if previous is not None:
            auditlog_value.set(previous)


def bulk_create_audited(model, instances: list) -> list:
    """`model.objects.bulk_create(instances)`, recorded in the audit trail as saving each instance would be.

    bulk_create sends no signals, so auditlog would record nothing. Here every instance gets the entry its
    save would write — auditlog's pre_log (which may veto), its diff of the new object, representation and
    correlation id, then the entry's pre_save receivers: the actor and `audit_as` extras, the country
    (audit.receivers) — and all the entries are inserted in one statement too. Needs a database that returns
    the new primary keys (PostgreSQL, SQLite). tests/audit/test_trail_recording.py compares such an entry
    with a saved object's. No post_save is sent, for the instances or the entries: api.fastpath, which
    listens to it, covers bulk writes by the short lifetime of what it remembers.
    """
    instances = model.objects.bulk_create(instances)
    if auditlog_disabled.get() or not auditlog.contains(model):
        return instances
    using = router.db_for_write(LogEntry)
    content_type = ContentType.objects.get_for_model(model)
    entries = []
    for instance in instances:
        vetoes = pre_log.send(model, instance=instance, action=LogEntry.Action.CREATE)
        if any(answer is False for _receiver, answer in vetoes):
            continue
        changes = model_instance_diff(None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES)
        if not changes:
            continue
        entry = LogEntry(
            content_type=content_type,
            object_pk=instance.pk,
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=smart_str(instance),
            serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),  # None unless registered so
            action=LogEntry.Action.CREATE,
            changes=changes,
            cid=get_cid(),
        )
        if callable(getattr(instance, "get_additional_data", None)):
            entry.additional_data = instance.get_additional_data()
        pre_save.send(LogEntry, instance=entry, raw=False, using=using, update_fields=None)
        entries.append((instance, entry, vetoes, changes))
    LogEntry.objects.using(using).bulk_create([entry for _instance, entry, _vetoes, _changes in entries])
    for instance, entry, vetoes, changes in entries:
        post_log.send(
            model,
            instance=instance,
            instance_old=None,
            action=LogEntry.Action.CREATE,
            error=None,
            pre_log_results=vetoes,
            changes=changes,
            log_entry=entry,
            log_created=True,
            use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
        )
    return instances


# What a read of personal data was for, as the audit trail names it: `record_access(purpose=…)` takes a key.
ACCESS_PURPOSES = {
    "participants_csv": _("Participants list exported (CSV)"),
    "participants_xlsx": _("Participants list exported (XLSX)"),
    "participants_pdf": _("Participants list exported (PDF)"),
    "badges_pdf": _("Badges printed (PDF)"),
    "arrivals_csv": _("Arrivals and departures exported (CSV)"),
    "invitation_letter": _("Letter of invitation downloaded"),
    "nomination_letter": _("Note Verbale downloaded"),
    "personal_data_export": _("Personal data exported"),
    "accreditation_list": _("Accreditation list exported (CSV)"),
    "accreditation_list_passport": _("Accreditation list with passport data exported (CSV)"),
    "accreditation_list_xlsx": _("Accreditation list exported (XLSX)"),
    "accreditation_list_passport_xlsx": _("Accreditation list with passport data exported (XLSX)"),
    "issued_letter": _("Issued letter downloaded"),
    "attendance_pdf": _("Attendance list exported (PDF)"),
    "attendance_xlsx": _("Attendance list exported (XLSX)"),
    "certificate": _("Certificate of attendance downloaded"),
    "transfers_pdf": _("Daily transfer sheet exported (PDF)"),
    "transfers_xlsx": _("Daily transfer sheet exported (XLSX)"),
    "rooming_pdf": _("Hotel rooming list exported (PDF)"),
    "rooming_xlsx": _("Hotel rooming list exported (XLSX)"),
}


def record_access(actor, obj, *, purpose: str, people: int | None = None, **extra) -> LogEntry:
    """A read of personal data (an export, a download), recorded in the audit trail as an "access" entry on
    `obj` (the meeting a list is of, the participant a letter is for): who, what for, and how many people.
    `purpose` is a key of ACCESS_PURPOSES; nothing of the people themselves is written."""
    if purpose not in ACCESS_PURPOSES:
        raise ValueError(f"unknown access purpose {purpose!r}")
    if people is not None:
        extra["people"] = people
    with audit_as(actor, purpose=purpose, **extra):
        return LogEntry.objects.log_create(obj, action=LogEntry.Action.ACCESS, force_log=True, changes={})


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, with the actor resolved when an entry is written (so a REST API token's user
    counts) and the address taken as our trusted proxies report it."""

    @staticmethod
    def _get_actor(request):
        def resolve():
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else None

        return SimpleLazyObject(resolve)

    @staticmethod
    def _get_remote_addr(request):
        from ops.client_ip import client_ip

        return client_ip(request)
