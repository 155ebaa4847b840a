"""Writes to delegations and participants: one implementation of the registration rules, used by the
focal points' pages, the secretariat's pages, the API and tasks alike.

Rules held here (and again by database constraints where a constraint can hold them):
- a focal point acts only for their own country; another country's delegation is NotFound;
- a focal point changes a delegation only while registration is open (until the deadline);
  after it, changes go through the secretariat;
- the secretariat acting for a country gives a reason, kept in the audit trail;
- a delegation holds at most its allowance of registered or confirmed participants, and at most one
  head of delegation — under concurrency too: the delegation row is locked while a rule is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_secretariat, member_state_of
from accsm_portal.audit import audit_as
from accsm_portal.errors import DomainError, Forbidden, NotFound

from ..models import Delegation, Meeting, MemberState, Participant
from .schedule import ensure_not_history


class RegistrationClosed(DomainError):
    code = "registration_closed"
    default_message = _("Registration for this meeting is closed; ask the secretariat to make changes.")


class AllowanceExceeded(DomainError):
    code = "allowance_exceeded"
    default_message = _("This delegation has used all its places; put the participant on the waiting list instead.")


class SecondHeadOfDelegation(DomainError):
    code = "second_head"
    default_message = _("This delegation already has a head of delegation.")


class ReasonRequired(DomainError):
    code = "reason_required"
    default_message = _("Give the reason for changing this delegation on the country's behalf.")


class NotInvited(DomainError):
    code = "not_invited"
    default_message = _("This country is not invited to this meeting.")


# Fields a focal point (or the secretariat) may set on a participant. Status and delegation are never
# taken from input: they follow from the service called.
PARTICIPANT_FIELDS = (
    "full_name",
    "honorific",
    "position",
    "organisation",
    "email",
    "phone",
    "role",
    "arrival",
    "departure",
    "dietary_needs",
    "accessibility_needs",
    "language",
)


@dataclass(frozen=True)
class Acting:
    """Who acts and on what authority: a focal point for their country, or the secretariat for anyone."""

    actor: object
    as_secretariat: bool
    reason: str = ""


def ensure_can_act_for(actor, member_state: MemberState, *, reason: str = "") -> Acting:
    """Secretariat (with a reason) for any country; a focal point only for their own. Others: NotFound."""
    if is_secretariat(actor):
        return Acting(actor, True, reason.strip())
    if member_state_of(actor) == member_state:
        return Acting(actor, False)
    raise NotFound


def _ensure_reason(acting: Acting) -> None:
    if acting.as_secretariat and not acting.reason:
        raise ReasonRequired(field="reason")


def ensure_registration_open(meeting: Meeting, acting: Acting) -> None:
    """Focal points change delegations of announced meetings before the deadline; the secretariat anytime
    until the chairmanship is handed over."""
    ensure_not_history(meeting.chairmanship)
    if acting.as_secretariat:
        return
    if meeting.status not in (Meeting.Status.PUBLISHED, Meeting.Status.POSTPONED):
        raise RegistrationClosed
    now = timezone.now()
    if meeting.registration_opens and now < meeting.registration_opens:
        raise RegistrationClosed(_("Registration for this meeting has not opened yet."))
    deadline = meeting.registration_deadline or meeting.start
    if now >= deadline:
        raise RegistrationClosed


def _lock_delegation(delegation: Delegation) -> Delegation:
    return (
        Delegation.objects.select_for_update(of=("self", "meeting"))
        .select_related("meeting__chairmanship", "member_state")
        .get(pk=delegation.pk)
    )


def places_taken(delegation: Delegation, *, excluding: Participant | None = None) -> int:
    qs = delegation.participants.filter(status__in=Participant.ACTIVE_STATUSES)
    if excluding is not None:
        qs = qs.exclude(pk=excluding.pk)
    return qs.count()


def _ensure_one_head(delegation: Delegation, participant: Participant) -> None:
    if participant.role != Participant.Role.HEAD or participant.status not in (
        *Participant.ACTIVE_STATUSES,
        Participant.Status.WAITLISTED,
    ):
        return
    heads = delegation.participants.filter(
        role=Participant.Role.HEAD, status__in=[*Participant.ACTIVE_STATUSES, Participant.Status.WAITLISTED]
    )
    if participant.pk:
        heads = heads.exclude(pk=participant.pk)
    if heads.exists():
        raise SecondHeadOfDelegation(field="role")


def _ensure_within_meeting(meeting: Meeting, participant: Participant) -> None:
    """Arrival and departure within a week of the meeting: a typo in the year is caught, travel days are not."""
    margin = timezone.timedelta(days=7)
    for field in ("arrival", "departure"):
        value = getattr(participant, field)
        if value and not (meeting.start - margin <= value <= meeting.end + margin):
            raise DomainError(_("This date is too far from the meeting's dates."), field=field)


def _full_clean(participant: Participant) -> None:
    try:
        participant.full_clean(exclude=["delegation"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from None


def _save(participant: Participant, acting: Acting) -> None:
    try:
        extra = (
            {"reason": acting.reason, "on_behalf_of": participant.delegation.member_state.code} if acting.reason else {}
        )
        with transaction.atomic(), audit_as(acting.actor, **extra):
            participant.save()
    except IntegrityError:
        # A constraint caught what the checks above missed (e.g. a race on SQLite, which has no row locks).
        raise SecondHeadOfDelegation(field="role") from None


def delegation_for(*, actor, meeting: Meeting, member_state: MemberState | None = None, reason: str = "") -> Delegation:
    """The delegation of a country to a meeting, created on first use. A focal point's country is their own."""
    member_state = member_state or member_state_of(actor)
    if member_state is None:
        raise NotFound
    ensure_can_act_for(actor, member_state, reason=reason)
    if not meeting.invites(member_state):
        raise NotInvited
    ensure_not_history(meeting.chairmanship)
    delegation, _created = Delegation.objects.get_or_create(meeting=meeting, member_state=member_state)
    return delegation


def participant_register(
    *, actor, delegation: Delegation, data: dict, waitlist: bool = False, reason: str = ""
) -> Participant:
    acting = ensure_can_act_for(actor, delegation.member_state, reason=reason)
    _ensure_reason(acting)
    with transaction.atomic():
        delegation = _lock_delegation(delegation)
        ensure_registration_open(delegation.meeting, acting)
        participant = Participant(delegation=delegation, **{k: v for k, v in data.items() if k in PARTICIPANT_FIELDS})
        if places_taken(delegation) >= delegation.allowance:
            if not waitlist:
                raise AllowanceExceeded
            participant.status = Participant.Status.WAITLISTED
        else:
            participant.status = Participant.Status.REGISTERED
        _ensure_one_head(delegation, participant)
        _ensure_within_meeting(delegation.meeting, participant)
        _full_clean(participant)
        _save(participant, acting)
    return participant


def participant_update(*, actor, participant: Participant, data: dict, reason: str = "") -> Participant:
    acting = ensure_can_act_for(actor, participant.delegation.member_state, reason=reason)
    _ensure_reason(acting)
    with transaction.atomic():
        delegation = _lock_delegation(participant.delegation)
        ensure_registration_open(delegation.meeting, acting)
        participant = Participant.objects.get(pk=participant.pk, delegation=delegation)
        for key, value in data.items():
            if key in PARTICIPANT_FIELDS:
                setattr(participant, key, value)
        _ensure_one_head(delegation, participant)
        _ensure_within_meeting(delegation.meeting, participant)
        _full_clean(participant)
        _save(participant, acting)
    return participant


def participant_withdraw(*, actor, participant: Participant, reason: str = "") -> Participant:
    """Withdrawn participants stay on record (status cancelled) so the history adds up."""
    acting = ensure_can_act_for(actor, participant.delegation.member_state, reason=reason)
    _ensure_reason(acting)
    with transaction.atomic():
        delegation = _lock_delegation(participant.delegation)
        ensure_registration_open(delegation.meeting, acting)
        participant = Participant.objects.get(pk=participant.pk, delegation=delegation)
        participant.status = Participant.Status.CANCELLED
        _save(participant, acting)
    return participant


def participant_set_status(*, actor, participant: Participant, status: str, reason: str = "") -> Participant:
    """The secretariat confirms or declines a participant, or accepts one from the waiting list.

    Accepting from the waiting list raises that delegation's allowance by one place.
    """
    if not is_secretariat(actor):
        raise NotFound if member_state_of(actor) != participant.delegation.member_state else Forbidden
    allowed = {Participant.Status.CONFIRMED, Participant.Status.DECLINED, Participant.Status.REGISTERED}
    if status not in allowed:
        raise DomainError(_("Choose confirmed, declined or registered."), field="status")
    acting = Acting(actor, True, reason.strip())
    with transaction.atomic():
        delegation = _lock_delegation(participant.delegation)
        ensure_not_history(delegation.meeting.chairmanship)
        participant = Participant.objects.get(pk=participant.pk, delegation=delegation)
        if participant.status == Participant.Status.WAITLISTED and status != Participant.Status.DECLINED:
            if places_taken(delegation) >= delegation.allowance:
                delegation.extra_places += 1
                delegation.save(update_fields=["extra_places", "updated_at"])
        elif (
            status in Participant.ACTIVE_STATUSES
            and participant.status not in Participant.ACTIVE_STATUSES
            and places_taken(delegation) >= delegation.allowance
        ):
            raise AllowanceExceeded
        participant.status = status
        _ensure_one_head(delegation, participant)
        _save(participant, acting)
    return participant
