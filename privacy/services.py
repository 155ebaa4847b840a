"""Personal data of delegates: export everything held about one person, erase a person, and anonymise
participants of meetings long past.

A "person" is every participant record (one per meeting) that carries the same e-mail address, within
what the actor may see: a focal point their own country's, the secretariat all. Without an e-mail
address a record stands for itself. Erasing keeps each record as an anonymised participant, so that
delegation sizes and counts of the past still add up, and scrubs the personal values from the audit
trail's entries about those records (the trail keeps who changed what and when).
"""

from __future__ import annotations

import datetime as dt
import logging

from auditlog.models import LogEntry
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, is_secretariat, member_state_of
from audit.display import ERASED
from common.audit import audit_as, record_access
from common.errors import DomainError, Forbidden
from common.locking import lock
from meetings.models import Participant
from meetings.selectors import participants_visible_to

from . import traces
from .registry import SOURCES

logger = logging.getLogger(__name__)

ANONYMISED_NAME = "Anonymised participant"
KEPT_VALUES = (None, "", "None", ANONYMISED_NAME)
# Participant fields that describe the person (blanked on erasure, scrubbed in the audit trail).
PERSONAL_FIELDS = (
    "full_name",
    "honorific",
    "position",
    "email",
    "phone",
    "arrival",
    "departure",
    "dietary_needs",
    "accessibility_needs",
)
EXPORTED_FIELDS = (
    "id",
    *PERSONAL_FIELDS,
    "organisation",
    "role",
    "status",
    "language",
    "created_at",
    "updated_at",
    "anonymised_at",
)


class AlreadyAnonymised(DomainError):
    code = "already_anonymised"
    default_message = _("This person's data has already been erased.")


def ensure_may_handle_personal_data(actor: Actor) -> None:
    if not (is_secretariat(actor) or member_state_of(actor)):
        raise Forbidden


def person_records(*, actor: Actor, participant: Participant) -> QuerySet[Participant]:
    """The participant records of the same person that the actor may see (the given one included)."""
    ensure_may_handle_personal_data(actor)
    qs = participants_visible_to(actor).select_related("delegation__meeting", "delegation__member_state")
    if participant.email:
        return qs.filter(email__iexact=participant.email).order_by("delegation__meeting__start", "pk")
    return qs.filter(pk=participant.pk)


def _audit_entries(participant_ids: list[int]) -> QuerySet[LogEntry]:
    content_type = ContentType.objects.get_for_model(Participant)
    return LogEntry.objects.filter(content_type=content_type, object_id__in=participant_ids)


def _json_value(value):
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value


def person_export(*, actor: Actor, participant: Participant) -> dict:
    """Everything the portal holds about the person, as JSON-ready data. The export is itself recorded."""
    records = list(person_records(actor=actor, participant=participant))
    entries_by_record: dict[int, list[dict]] = {record.pk: [] for record in records}
    for entry in _audit_entries(list(entries_by_record)).select_related("actor").order_by("timestamp", "pk"):
        entries_by_record[entry.object_id].append(
            {
                "timestamp": entry.timestamp.isoformat(),
                "action": entry.get_action_display(),
                "changed_by": entry.actor.get_username() if entry.actor else None,
                "changes": entry.changes_dict,
            }
        )
    participations = [
        {
            **{field: _json_value(getattr(record, field)) for field in EXPORTED_FIELDS},
            "member_state": record.delegation.member_state.code,
            "meeting": {
                "id": record.delegation.meeting_id,
                "title": record.delegation.meeting.title,
                "start": record.delegation.meeting.start.isoformat(),
                "end": record.delegation.meeting.end.isoformat(),
            },
            "audit_trail": entries_by_record[record.pk],
        }
        for record in records
    ]
    for record in records:
        record_access(actor, record, purpose="personal_data_export")
    return {
        "exported_at": timezone.now().isoformat(),
        "exported_by": actor.get_username(),  # type: ignore[union-attr]  # person_records() let only the secretariat through
        "participations": participations,
        "other_records": {name: source.export(records) for name, source in SOURCES.items()},
    }


def _anonymise(record: Participant, now: dt.datetime) -> None:
    for field in PERSONAL_FIELDS:
        setattr(record, field, None if field in ("arrival", "departure") else "")
    record.full_name = ANONYMISED_NAME
    record.anonymised_at = now
    record.save()


def _scrub_audit_entries(participant_ids: list[int]) -> int:
    """Blank the personal values in the trail's entries about these records; keep who, when and what."""
    scrubbed = 0
    for entry in _audit_entries(participant_ids).iterator():
        changes = entry.changes_dict or {}
        for field in PERSONAL_FIELDS:
            values = changes.get(field)
            if isinstance(values, list):
                changes[field] = [value if value in KEPT_VALUES else ERASED for value in values]
        # QuerySet.update, not save(): only these columns change, and no signal writes a new entry.
        LogEntry.objects.filter(pk=entry.pk).update(
            changes=changes, changes_text="", serialized_data=None, object_repr=ANONYMISED_NAME
        )
        scrubbed += 1
    return scrubbed


def _needles(records: list[Participant]) -> list[str]:
    """The values that identify the person, looked for in the copies the portal keeps (privacy.traces)."""
    values: list[str] = []
    for record in records:
        values += [record.full_name, record.name_with_honorific, record.email, record.phone]
    for source in SOURCES.values():
        if source.identifiers is not None:
            values += source.identifiers(records)
    return traces.clean_needles(value for value in values if value != ANONYMISED_NAME)


def _erase(records: list[Participant], *, actor: Actor, extra: dict) -> list[int]:
    now = timezone.now()
    ids = [record.pk for record in records]
    with transaction.atomic():
        locked = lock(Participant.objects.filter(pk__in=ids, anonymised_at__isnull=True))
        needles = _needles(locked)
        with audit_as(actor, **extra):
            for record in locked:
                _anonymise(record, now)
        for source in SOURCES.values():
            source.erase(locked)
        _scrub_audit_entries(ids)
        traces.scrub_idempotency_records(needles)
        traces.scrub_admin_log([(Participant, ids)], needles)
        transaction.on_commit(lambda: traces.scrub_cache(needles), robust=True)
    return [record.pk for record in locked]


def person_erase(*, actor: Actor, participant: Participant, reason: str = "") -> list[int]:
    """Erase the person: every record the actor may see is anonymised. Returns the ids anonymised."""
    records = [record for record in person_records(actor=actor, participant=participant) if not record.anonymised_at]
    if not records:
        raise AlreadyAnonymised
    erased = _erase(records, actor=actor, extra={"purpose": "erasure", "reason": reason.strip()})
    logger.info("erased personal data of %d participant record(s)", len(erased))
    return erased


def participants_due_for_anonymisation(*, now: dt.datetime | None = None) -> QuerySet[Participant]:
    months = settings.ACCSM_ANONYMISE_AFTER_MONTHS
    if months <= 0:
        return Participant.objects.none()
    cutoff = (now or timezone.now()) - relativedelta(months=months)
    return Participant.objects.filter(anonymised_at__isnull=True, delegation__meeting__end__lt=cutoff)


def anonymise_old_participants(*, batch_size: int = 500) -> int:
    """The retention rule (ACCSM_ANONYMISE_AFTER_MONTHS): anonymise participants of meetings that ended
    that long ago. Returns how many were anonymised; 0 when the setting is off."""
    total = 0
    while True:
        batch = list(participants_due_for_anonymisation().order_by("pk")[:batch_size])
        if not batch:
            break
        total += len(_erase(batch, actor=None, extra={"task": "anonymise_old_participants"}))
    if total:
        logger.info("retention: anonymised %d participant record(s)", total)
    return total
