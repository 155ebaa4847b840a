"""An audit entry as a person reads it: field labels, choice labels, and related records by number, all
without a query per row (auditlog's own display fetches every related record)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.audit import ACCESS_PURPOSES

ERASED = "[erased]"


@dataclass
class Change:
    label: str
    before: str
    after: str


def display_value(field, raw, *, time_zone=None) -> str:
    """One recorded value as a person reads it ("" when empty): choice labels, yes/no, a moment in `time_zone`
    (UTC when none is given), related records by number. Used by the trail pages and the delegation history."""
    if raw is None or raw in ("None", "", "[]"):
        return ""
    if isinstance(raw, list | dict):
        return json.dumps(raw, ensure_ascii=False)
    raw = str(raw)
    if raw == ERASED:  # personal data scrubbed from the trail when the person was erased
        return _("(erased)")
    if field is None:
        return raw
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(raw, raw))
    if field.is_relation:
        return f"{field.related_model._meta.verbose_name} #{raw}"
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        try:
            moment = dt.datetime.fromisoformat(raw)
        except ValueError:
            return raw
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return formats.date_format(moment.astimezone(time_zone or dt.UTC), "SHORT_DATETIME_FORMAT")
    if internal == "FileField":
        return _("PDF attached") if raw.lower().endswith(".pdf") else _("File attached")
    if internal == "BooleanField":
        return _("yes") if raw == "True" else _("no")
    return raw


def changes_of(entry: LogEntry) -> list[Change]:
    model = entry.content_type.model_class()
    changes = []
    for name, values in (entry.changes_dict or {}).items():
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        if field is not None and field.auto_created and not field.concrete:
            continue  # a reverse relation ("progress_updates"): auditlog records its manager, which says nothing
        label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
        before, after = display_value(field, values[0]), display_value(field, values[1])
        if before or after:
            changes.append(Change(label, before, after))
    return changes


def who(entry: LogEntry) -> str:
    data = entry.additional_data or {}
    if entry.actor_id:
        name = str(entry.actor)
    elif entry.actor_email:
        name = entry.actor_email
    elif data.get("task"):
        name = _("Scheduled task: %(task)s") % {"task": data["task"]}
    else:
        name = _("System")
    if data.get("api_token"):
        name = _("%(name)s through the API (%(token)s)") % {"name": name, "token": data["api_token"]}
    return name


def access_summary(entry: LogEntry) -> str:
    """'Participants list exported (CSV): 42 people' for an access entry, '' for any other."""
    data = entry.additional_data or {}
    if entry.action != LogEntry.Action.ACCESS or data.get("purpose") not in ACCESS_PURPOSES:
        return ""
    label = str(ACCESS_PURPOSES[data["purpose"]])
    people = data.get("people")
    if people is None:
        return label
    return ngettext("%(what)s: %(count)s person", "%(what)s: %(count)s people", people) % {
        "what": label,
        "count": people,
    }
