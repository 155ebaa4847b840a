"""Matters arising: the open action items of the previous meeting of the same kind (SOM n for SOM n+1) become
one agenda item of the next meeting's draft agenda, each item linked back to where it was decided.

Rules: only the secretariat adds them, once per meeting, to a meeting neither over nor cancelled (the agenda
services refuse a handed-over chairmanship's meetings); only items still open or in progress are carried.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accounts.roles import Actor
from common.audit import audit_as
from common.errors import DomainError
from common.locking import lock
from common.rules import can
from meetings.models import AgendaItem, Meeting
from meetings.services import schedule

from ..models import ActionItem, MatterArising
from .common import ensure_secretariat


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The last meeting of the same kind before this one that took place or was announced."""
    return (
        Meeting.objects.filter(kind=meeting.kind, start__lt=meeting.start)
        .exclude(status__in=[*Meeting.NOT_PUBLIC_STATUSES, Meeting.Status.CANCELLED])
        .exclude(pk=meeting.pk)
        .order_by("-start", "-pk")
        .first()
    )


def open_action_items_of(meeting: Meeting):
    return (
        ActionItem.objects.filter(agenda_item__meeting=meeting, status__in=ActionItem.PENDING_STATUSES)
        .select_related("owner_member_state", "agenda_item")
        .order_by("due_date", "pk")
    )


def ensure_can_add_matters_arising(actor: Actor, meeting: Meeting) -> Meeting:
    """The previous meeting whose open items would be carried; refuses with the reason otherwise."""
    ensure_secretariat(actor)
    if meeting.status == Meeting.Status.CANCELLED or meeting.end < timezone.now():
        raise DomainError(_("Matters arising go on the agenda of a meeting still ahead or under way."))
    if MatterArising.objects.filter(meeting=meeting).exists():
        raise DomainError(_("The matters arising are already on this meeting's agenda."))
    previous = previous_meeting(meeting)
    if previous is None:
        raise DomainError(_("There is no earlier meeting of this kind to carry action items from."))
    if not open_action_items_of(previous).exists():
        raise DomainError(_("%(meeting)s left no open action items.") % {"meeting": previous.title})
    return previous


can_add_matters_arising = can(ensure_can_add_matters_arising)


def matters_arising_add(*, actor: Actor, meeting: Meeting) -> AgendaItem:
    with transaction.atomic():
        [meeting] = lock(meeting)  # the agenda services lock it too: first, as the order says
        previous = ensure_can_add_matters_arising(actor, meeting)
        titles = {}
        for language in ("en", "vi"):
            with override(language):
                titles[f"title_{language}"] = str(
                    _("Matters arising from %(meeting)s")
                    % {"meeting": getattr(previous, f"title_{language}") or previous.title_en}
                )
        item = schedule.agenda_item_add(actor=actor, meeting=meeting, data=titles)
        with audit_as(actor):
            for action_item in open_action_items_of(previous):
                MatterArising.objects.create(meeting=meeting, agenda_item=item, action_item=action_item)
    return item
