"""Reads of the audit trail, shaped by who asks: the secretariat sees it all, a focal point the entries of
their own country's delegations and participants (the country recorded on each entry), anyone else none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import Forbidden
from meetings.models import Delegation, Participant

COUNTRY_MODELS = (Delegation, Participant)


@dataclass(frozen=True)
class TrailFilters:
    content_type: ContentType | None = None
    action: int | None = None
    actor: str = ""
    member_state_id: int | None = None
    object_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""


def audited_content_types() -> list[ContentType]:
    models = sorted(auditlog.get_models(), key=lambda model: str(model._meta.verbose_name))
    by_model = ContentType.objects.get_for_models(*models)
    return [by_model[model] for model in models]


def country_content_types() -> list[ContentType]:
    return list(ContentType.objects.get_for_models(*COUNTRY_MODELS).values())


TRAIL_ORDER = ("-timestamp", "-pk")


def _base() -> QuerySet[LogEntry]:
    return LogEntry.objects.select_related("content_type", "actor").order_by(*TRAIL_ORDER)


def trail_visible_to(actor: Actor) -> QuerySet[LogEntry]:
    if is_secretariat(actor):
        return _base()
    member_state = member_state_of(actor)
    if member_state is None:
        raise Forbidden
    return _base().filter(content_type__in=country_content_types(), additional_data__member_state=member_state.pk)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), dt.UTC)


def trail_filtered(*, actor: Actor, filters: TrailFilters) -> QuerySet[LogEntry]:
    qs = trail_visible_to(actor)
    if filters.content_type is not None:
        qs = qs.filter(content_type=filters.content_type)
    if filters.action is not None:
        qs = qs.filter(action=filters.action)
    if filters.actor:
        qs = qs.filter(actor__username__icontains=filters.actor)
    if filters.member_state_id is not None:
        qs = qs.filter(additional_data__member_state=filters.member_state_id)
    if filters.object_id is not None:
        qs = qs.filter(object_id=filters.object_id)
    if filters.date_from:
        qs = qs.filter(timestamp__gte=_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(timestamp__lt=_day_start(filters.date_to + dt.timedelta(days=1)))
    if filters.text:
        qs = qs.filter(object_repr__icontains=filters.text)
    return qs
