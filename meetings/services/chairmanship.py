"""Writes to chairmanships: the secretariat opens the next one and hands over to it.

Once handed over, a chairmanship and its meetings are read-only history: the schedule and registration
services refuse writes to them (`ReadOnlyHistory`).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import Actor
from common.audit import audit_as
from common.errors import DomainError
from common.locking import lock
from common.rules import can

from ..models import Chairmanship, Meeting, MemberState
from .schedule import ReadOnlyHistory, _full_clean, ensure_secretariat

CHAIRMANSHIP_FIELDS = (
    "ordinal",
    "chair",
    "chairing_agency_en",
    "chairing_agency_vi",
    "term_start",
    "term_end",
    "theme_en",
    "theme_vi",
)


def chair_candidates() -> QuerySet[MemberState]:
    """The member states that may chair the ACCSM: ASEAN's own (the Plus Three countries, observers and the
    ASEAN Secretariat never chair). The chairmanship form's choices and chairmanship_create both ask this."""
    return MemberState.objects.filter(group=MemberState.Group.ASEAN)


def ensure_may_chair(member_state: MemberState) -> None:
    if not chair_candidates().filter(pk=member_state.pk).exists():
        raise DomainError(_("Only an ASEAN member state chairs the ACCSM."), field="chair")


def next_ordinal() -> int:
    return (Chairmanship.objects.aggregate(last=Max("ordinal"))["last"] or 0) + 1


def chairmanship_create(*, actor: Actor, data: dict) -> Chairmanship:
    """The next chairmanship; its number follows the last one unless given."""
    ensure_secretariat(actor)
    chairmanship = Chairmanship(ordinal=data.get("ordinal") or next_ordinal())
    for field in CHAIRMANSHIP_FIELDS:
        if field in data and field != "ordinal":
            setattr(chairmanship, field, data[field])
    if chairmanship.chair_id is not None:
        ensure_may_chair(chairmanship.chair)
    with transaction.atomic():
        _full_clean(chairmanship)
        with audit_as(actor):
            chairmanship.save()
    return chairmanship


def meetings_still_ahead(chairmanship: Chairmanship) -> QuerySet[Meeting]:
    """The chairmanship's meetings neither held nor cancelled: a hand-over would freeze them (and their
    registrations) as they are."""
    return chairmanship.meetings.exclude(status__in=Meeting.FINISHED_STATUSES).order_by("start", "pk")


class MeetingsStillAhead(DomainError):
    code = "meetings_still_ahead"


def ensure_may_hand_over(actor: Actor, chairmanship: Chairmanship) -> None:
    """Refused while the outgoing chair still has meetings ahead: each is first held (concluded),
    cancelled, or — a draft — deleted; the message names them."""
    ensure_secretariat(actor)
    if chairmanship.is_history:
        raise ReadOnlyHistory(_("This chairmanship was already handed over."))
    ahead = list(meetings_still_ahead(chairmanship))
    if ahead:
        names = "; ".join(
            f"{meeting.title} ({meeting.local_start:%Y-%m-%d}, {meeting.get_status_display().lower()})"
            for meeting in ahead
        )
        raise MeetingsStillAhead(
            ngettext(
                "%(count)d meeting of this chairmanship is still ahead: %(names)s. Mark it as held, cancel it "
                "or delete it (a draft) before the hand-over, or its registrations would freeze as they are.",
                "%(count)d meetings of this chairmanship are still ahead: %(names)s. Mark each as held, cancel it "
                "or delete it (a draft) before the hand-over, or their registrations would freeze as they are.",
                len(ahead),
            )
            % {"count": len(ahead), "names": names}
        )


can_hand_over = can(ensure_may_hand_over)


def chairmanship_hand_over(*, actor: Actor, chairmanship: Chairmanship, successor: Chairmanship) -> Chairmanship:
    """Close `chairmanship`: from now on its meetings are history. The successor must come after it, and
    none of the outgoing chair's meetings may still be ahead (ensure_may_hand_over)."""
    ensure_secretariat(actor)
    with transaction.atomic():
        locked = {c.pk: c for c in lock(Chairmanship.objects.filter(pk__in=[chairmanship.pk, successor.pk]))}
        chairmanship, later = locked[chairmanship.pk], locked.get(successor.pk)
        if chairmanship.is_history:
            raise ReadOnlyHistory(_("This chairmanship was already handed over."))
        if later is None or later.pk == chairmanship.pk or later.ordinal <= chairmanship.ordinal:
            raise DomainError(_("Hand over to a later chairmanship."), field="successor")
        if later.is_history:
            raise DomainError(_("That chairmanship was already handed over."), field="successor")
        ensure_may_hand_over(actor, chairmanship)
        chairmanship.handed_over_at = timezone.now()
        with audit_as(actor):
            chairmanship.save(update_fields=["handed_over_at", "updated_at"])
    return chairmanship
