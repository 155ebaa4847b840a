"""The history of a delegation, read from the audit trail (django-auditlog) and shaped by who reads it.

Every save of a delegation or of one of its participants is a LogEntry (the services attribute it to the
acting user). A focal point reads the history of their own country's delegation: they see the names of
their own country's focal points, "Secretariat" for staff, and never an address, a port or anyone of
another country. The secretariat sees names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import SECRETARIAT_PERMISSION, is_secretariat
from audit.display import Change, display_value
from meetings.models import Delegation, Participant

# Bookkeeping fields nobody needs to read in a history.
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "delegation", "meeting", "member_state"}
EMPTY = {"None", "", "[]"}

ACTIONS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
}


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: str
    action: str
    subject: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    created: bool = False  # a creation shows the values given, without a "before"


def _secretariat_ids(user_ids: set[int]) -> set[int]:
    app_label, codename = SECRETARIAT_PERMISSION.split(".")
    held = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label) | Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    return set(User.objects.filter(held, pk__in=user_ids).values_list("pk", flat=True))


def _who(entry: LogEntry, *, reader_is_secretariat: bool, secretariat_ids: set[int], member_state_id: int) -> str:
    actor = entry.actor
    if actor is None:
        return str(_("Portal (automatic)"))
    focal_point = getattr(actor, "focal_point", None)
    own_focal_point = focal_point is not None and focal_point.member_state_id == member_state_id
    if actor.pk in secretariat_ids:
        return f"{actor} ({_('Secretariat')})" if reader_is_secretariat else str(_("Secretariat"))
    if own_focal_point:
        return str(actor)
    return str(actor) if reader_is_secretariat else str(_("Someone else"))


def _display(model, name: str, value: str, time_zone) -> str:
    return display_value(model._meta.get_field(name), value, time_zone=time_zone) or "—"


def _changes(entry: LogEntry, model, time_zone) -> list[Change]:
    changes = []
    order = {f.name: n for n, f in enumerate(model._meta.concrete_fields)}
    recorded = sorted((entry.changes or {}).items(), key=lambda item: order.get(item[0], len(order)))
    for name, values in recorded:
        if name in HIDDEN_FIELDS or not isinstance(values, list) or len(values) != 2:
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a field since removed from the model
            continue
        if not model_field.concrete:
            continue
        label = model_field.verbose_name
        before, after = (str(v) for v in values)
        if before in EMPTY and after in EMPTY:
            continue  # e.g. None → "" : nothing a reader would see
        changes.append(
            Change(
                str(label).capitalize(),
                _display(model, name, before, time_zone),
                _display(model, name, after, time_zone),
            )
        )
    return changes


def delegation_history(*, actor, delegation: Delegation, limit: int = 300) -> list[HistoryEntry]:
    """Newest first. The caller has already fetched `delegation` through a selector scoped to `actor`."""
    types = ContentType.objects.get_for_models(Delegation, Participant)
    participant_ids = Participant.objects.filter(delegation=delegation).values("pk")
    entries = list(
        LogEntry.objects.filter(
            Q(content_type=types[Delegation], object_id=delegation.pk)
            | Q(content_type=types[Participant], object_id__in=participant_ids)
        )
        .exclude(action=LogEntry.Action.ACCESS)  # reads (downloads, exports) are in the audit trail, not here
        .select_related("actor__focal_point")
        .order_by("-timestamp", "-pk")[:limit]
    )
    reader_is_secretariat = is_secretariat(actor)
    secretariat_ids = _secretariat_ids({e.actor_id for e in entries if e.actor_id})
    time_zone = delegation.meeting.tz
    history = []
    for entry in entries:
        model = Delegation if entry.content_type_id == types[Delegation].pk else Participant
        history.append(
            HistoryEntry(
                when=entry.timestamp,
                who=_who(
                    entry,
                    reader_is_secretariat=reader_is_secretariat,
                    secretariat_ids=secretariat_ids,
                    member_state_id=delegation.member_state_id,
                ),
                action=str(ACTIONS.get(entry.action, "")),
                subject=str(_("Delegation")) if model is Delegation else entry.object_repr,
                reason=(entry.additional_data or {}).get("reason", ""),
                changes=_changes(entry, model, time_zone),
                created=entry.action == LogEntry.Action.CREATE,
            )
        )
    return history
