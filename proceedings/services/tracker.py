"""Following action items up: the owner country's focal point reports progress with a note (and a link to
a document); the secretariat may report for the record too (progress given orally at a SOM).

Rules: a focal point reports only on items owned by their own country (another country's item is a 404),
and only while the item is open or in progress, as in progress or done; the secretariat may also reopen
or drop an item. Each report sets the item's status and is kept.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, is_secretariat, member_state_of
from common.audit import audit_as
from common.errors import DomainError, Forbidden, NotFound
from common.locking import lock
from common.rules import can

from ..models import ActionItem, ProgressReport
from .common import clean_text, full_clean

FOCAL_POINT_STATUSES = (ActionItem.Status.IN_PROGRESS, ActionItem.Status.DONE)


def statuses_for(actor: Actor) -> tuple[str, ...]:
    """The statuses a progress report by `actor` may set: the form's choices and the service's rule."""
    if is_secretariat(actor):
        return tuple(ActionItem.Status.values)
    return tuple(FOCAL_POINT_STATUSES)


def ensure_can_report(actor: Actor, action_item: ActionItem) -> None:
    if is_secretariat(actor):
        return
    own = member_state_of(actor)
    if own is None:
        raise Forbidden
    if action_item.owner_kind != ActionItem.Owner.MEMBER_STATE or action_item.owner_member_state_id != own.pk:
        raise NotFound
    if not action_item.is_pending:
        raise DomainError(
            _("This action item is %(status)s; ask the secretariat to reopen it.")
            % {"status": action_item.get_status_display().lower()}
        )


can_report = can(ensure_can_report)


def progress_report(
    *, actor: Actor, action_item: ActionItem, status: str, note: str, document_url: str = ""
) -> ProgressReport:
    with transaction.atomic():
        [action_item] = lock(action_item)
        ensure_can_report(actor, action_item)
        if status not in statuses_for(actor):
            raise DomainError(_("Choose a status from the list."), field="status")
        report = ProgressReport(
            action_item=action_item,
            status=status,
            note=clean_text(note),
            document_url=clean_text(document_url),
            reported_by=actor,
        )
        if not report.note:
            raise DomainError(_("Write a note on the progress made."), field="note")
        full_clean(report)
        own = member_state_of(actor)
        with audit_as(actor, **({"member_state": own.code} if own else {})):
            report.save()
            action_item.status = status
            action_item.save(update_fields=["status", "updated_at"])
    return report
