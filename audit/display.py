"""An audit entry as a person reads it: field labels, choice labels, and related records by name in the
reader's language ("Lead country: Viet Nam"), all without a query per row (auditlog's own display fetches
every related record one by one): `changes_for(entries)` names every linked record of a page with one query
per kind of record."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from common.audit import ACCESS_PURPOSES

ERASED = "[erased]"

# Records whose model comes from a library, named as the portal's people say them.
MODEL_NAMES = {"otp_totp.totpdevice": gettext_lazy("authenticator app")}

# A linked record's name reads its own links: fetched with it (one query per kind of record, not per row).
NAME_RELATIONS = {
    "meetings.delegation": ("member_state", "meeting"),
    "meetings.chairmanship": ("chair",),
    "meetings.focalpoint": ("user", "member_state"),
    "documents.documentversion": ("document",),
    "proceedings.procedurecountry": ("member_state", "procedure"),
    "proceedings.itemrecord": ("agenda_item",),
    "workplan.progressupdate": ("initiative",),
}

Names = dict[tuple[type, str], str]


@dataclass
class Change:
    label: str
    before: str
    after: str


def model_name(model) -> str:
    """A kind of record as people say it, in the active language ("SOM decision", "Authenticator app")."""
    if model is None:
        return ""
    return capfirst(str(MODEL_NAMES.get(model._meta.label_lower, model._meta.verbose_name)))


def related_names(wanted: Iterable[tuple[type, str]]) -> Names:
    """The names, in the active language, of the linked records `wanted` ((model, recorded pk) pairs): one
    query per model. A record deleted since is left out (it then reads "<kind> #<number>")."""
    by_model: dict[type, set[int]] = defaultdict(set)
    for model, raw in wanted:
        try:
            by_model[model].add(int(raw))
        except (TypeError, ValueError):
            continue
    names: Names = {}
    for model, pks in by_model.items():
        related = NAME_RELATIONS.get(model._meta.label_lower, ())
        for obj in model._default_manager.select_related(*related).filter(pk__in=pks):
            names[model, str(obj.pk)] = str(obj)
    return names


def display_value(field, raw, *, time_zone=None, names: Names | None = None) -> str:
    """One recorded value as a person reads it ("" when empty): choice labels, yes/no, a moment in `time_zone`
    (UTC when none is given), linked records by name when `names` (from `related_names`) has them, otherwise
    by kind and number. Used by the trail pages and the delegation history."""
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
        name = (names or {}).get((field.related_model, raw))
        return name if name is not None else f"{model_name(field.related_model)} #{raw}"
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


def _fields_of(entry: LogEntry) -> list[tuple[str, object, object, object]]:
    """(label, field, before, after) of each recorded change that says something."""
    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        if field is not None and field.auto_created and not field.concrete:
            continue  # a reverse relation ("progress_updates"): auditlog records its manager, which says nothing
        # A library's plain-string label ("user" on the authenticator app) is looked up in the portal's words.
        label = name
        if field is not None and hasattr(field, "verbose_name"):
            label = _(field.verbose_name) if isinstance(field.verbose_name, str) else str(field.verbose_name)
        rows.append((label, field, values[0], values[1]))
    return rows


def changes_for(entries: Iterable[LogEntry], *, time_zone=None) -> list[list[Change]]:
    """Each entry's changes, linked records by name: one query per kind of linked record for all entries."""
    parsed = [_fields_of(entry) for entry in entries]
    wanted = [
        (field.related_model, str(value))
        for rows in parsed
        for _label, field, *values in rows
        if field is not None and field.is_relation
        for value in values
        if value not in (None, "None", "")
    ]
    names = related_names(wanted)
    result = []
    for rows in parsed:
        changes = []
        for label, field, before_raw, after_raw in rows:
            before = display_value(field, before_raw, time_zone=time_zone, names=names)
            after = display_value(field, after_raw, time_zone=time_zone, names=names)
            if before or after:
                changes.append(Change(label, before, after))
        result.append(changes)
    return result


def changes_of(entry: LogEntry) -> list[Change]:
    return changes_for([entry])[0]


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
