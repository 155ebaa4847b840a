"""What every audit entry carries besides auditlog's own fields.

- the country a delegation or participant belongs to (`member_state`: its id), so a focal point's view of
  the trail is one indexed-enough filter and survives the record's deletion;
- the extra context of `audit_as` (reason, country acted for, task);
- the REST API token used, when the change came through one.
auditlog sends `pre_log` with the instance just before it writes the entry; the country is held for that
one entry and matched by model and primary key, so it can never land on another record's entry.
"""

import contextvars

from auditlog.models import LogEntry
from auditlog.signals import pre_log
from django.db.models.signals import pre_save
from django.dispatch import receiver

from common.audit import audit_extra
from meetings.models import Delegation, Participant
from ops.logging import current_request

_scope = contextvars.ContextVar("accsm_audit_scope", default=None)


def member_state_id_of(instance) -> int | None:
    if isinstance(instance, Delegation):
        return instance.member_state_id
    if isinstance(instance, Participant):
        return instance.delegation.member_state_id if instance.delegation_id else None
    return None


@receiver(pre_log, dispatch_uid="accsm_audit_scope")
def remember_scope(sender, instance, **kwargs):
    member_state_id = member_state_id_of(instance)
    _scope.set((sender._meta.label_lower, str(instance.pk), member_state_id) if member_state_id else None)


def _api_token(request) -> str | None:
    """How the entry names the API token the request authenticated with (its label: id and name)."""
    auth = getattr(request, "auth", None) if request is not None else None
    if auth is None:
        return None
    return getattr(auth, "label", None) or f"{type(auth).__name__}:{getattr(auth, 'pk', '?')}"


@receiver(pre_save, sender=LogEntry, dispatch_uid="accsm_audit_enrich")
def enrich_entry(sender, instance, **kwargs):
    if instance.pk is not None:
        return
    data = dict(instance.additional_data or {})
    scope = _scope.get()
    if scope and instance.content_type_id:
        label, pk, member_state_id = scope
        if instance.content_type.model_class()._meta.label_lower == label and str(instance.object_pk) == pk:
            data["member_state"] = member_state_id
            _scope.set(None)
    data.update(audit_extra.get() or {})
    token = _api_token(current_request.get())
    if token:
        data.setdefault("api_token", token)
    instance.additional_data = data or None
