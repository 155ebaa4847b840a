"""Writes to delegations and participants: one implementation of the registration rules, used by the
focal points' pages, the secretariat's pages, the API and tasks alike.

Rules held here (and again by database constraints where a constraint can hold them):
- a focal point acts only for their own country; another country's delegation is NotFound;
- a focal point changes a delegation only while registration is open (until the deadline);
  after it, changes go through the secretariat;
- the secretariat acting for a country gives a reason, kept in the audit trail;
- a delegation holds at most its allowance of registered or confirmed participants, and at most one
  head of delegation — under concurrency too: the delegation row is locked while a rule is checked;
- one person is registered once per delegation;
- a file import, a copy from an earlier meeting: all rows or none;
- the participant is emailed (in their language) when registered and when confirmed, after commit.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from accounts.roles import Actor, is_secretariat, member_state_of
from common import storage as file_storage
from common.audit import audit_as, bulk_create_audited
from common.errors import DomainError, EditedMeanwhile, Forbidden, NotFound, full_clean
from common.locking import lock
from common.models import version_of
from common.rules import can
from meetings import emails
from meetings.models import Delegation, Meeting, MemberState, Participant
from meetings.services.schedule import ensure_not_history
from venue.services import badges_revoke
from webhooks.events import emit, emit_many


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


class AlreadyRegistered(DomainError):
    code = "already_registered"
    default_message = _("This person is already registered in this delegation.")


class ParticipantWithdrawn(DomainError):
    code = "participant_withdrawn"
    default_message = _("This participant was withdrawn or declined; register them again instead.")


class InvalidNominationLetter(DomainError):
    code = "invalid_nomination_letter"
    default_message = _("Attach the Note Verbale as a PDF file.")


@dataclass(frozen=True)
class RowProblem:
    """One problem of one row of an imported file; row 1 is the header, so data starts at row 2."""

    row: int
    field: str
    message: str


class ImportRejected(DomainError):
    """Nothing of the file was saved; `problems` names every bad row."""

    code = "import_rejected"
    default_message = _("Nothing was imported. Correct the rows listed below and upload the file again.")

    def __init__(self, problems: Sequence[RowProblem], message=None):
        super().__init__(message)
        columns = {name: n for n, name in enumerate(PARTICIPANT_FIELDS)}
        self.problems = sorted(problems, key=lambda p: (p.row, columns.get(p.field, -1), p.message))


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


# What is copied from an earlier meeting's delegation: the person, not their travel dates.
COPIED_FIELDS = tuple(f for f in PARTICIPANT_FIELDS if f not in ("arrival", "departure"))

NOMINATION_LETTER_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Acting:
    """Who acts and on what authority: a focal point for their country, or the secretariat for anyone."""

    actor: Actor
    as_secretariat: bool
    reason: str = ""

    def audited(self, member_state: MemberState):
        """The audit trail's context for a write by this actor; the secretariat's reason names the country."""
        extra = {"reason": self.reason, "on_behalf_of": member_state.code} if self.reason else {}
        return audit_as(self.actor, **extra)


def ensure_can_act_for(actor: Actor, member_state: MemberState, *, reason: str = "") -> Acting:
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
    if not meeting.is_announced:
        raise RegistrationClosed
    now = timezone.now()
    if meeting.registration_opens and now < meeting.registration_opens:
        raise RegistrationClosed(_("Registration for this meeting has not opened yet."))
    deadline = meeting.registration_deadline or meeting.start
    if now >= deadline:
        raise RegistrationClosed


def registration_is_open(meeting: Meeting) -> bool:
    """Whether a focal point may still change delegations to `meeting` (pages hide the buttons otherwise)."""
    return can(ensure_registration_open)(meeting, Acting(None, False))  # closed, or handed over: False


def _lock_delegation(delegation: Delegation) -> Delegation:
    """The delegation and its meeting, locked (so registrations wait for a change of the meeting, and the
    meeting is read as it is now), with the chairmanship and the country read alongside."""
    meeting, delegation = lock(
        Meeting.objects.select_related("chairmanship").filter(pk=delegation.meeting_id),
        Delegation.objects.select_related("member_state").filter(pk=delegation.pk),
    )
    delegation.meeting = meeting
    return delegation


def places_taken(delegation: Delegation, *, excluding: Participant | None = None) -> int:
    qs = delegation.participants.filter(status__in=Participant.ACTIVE_STATUSES)
    if excluding is not None:
        qs = qs.exclude(pk=excluding.pk)
    return qs.count()


def _counts_as_head(participant: Participant) -> bool:
    """What the participant_one_head_per_delegation constraint counts."""
    return participant.role == Participant.Role.HEAD and participant.status in (
        *Participant.ACTIVE_STATUSES,
        Participant.Status.WAITLISTED,
    )


def _ensure_one_head(delegation: Delegation, participant: Participant) -> None:
    if not _counts_as_head(participant):
        return
    heads = delegation.participants.filter(
        role=Participant.Role.HEAD, status__in=[*Participant.ACTIVE_STATUSES, Participant.Status.WAITLISTED]
    )
    if participant.pk:
        heads = heads.exclude(pk=participant.pk)
    if heads.exists():
        raise SecondHeadOfDelegation(field="role")


def travel_window(meeting: Meeting) -> tuple[dt.datetime, dt.datetime]:
    """When a delegate may arrive and leave: the meeting's dates, give or take a week."""
    margin = dt.timedelta(days=7)
    return meeting.start - margin, meeting.end + margin


def ensure_within_travel_window(meeting: Meeting, field: str, value: dt.datetime | dt.date | None) -> None:
    """A time (or a day, in the venue's time zone) of travel within a week of the meeting: a typo in the year is
    caught, travel days are not. Also asked by logistics for flights and hotel nights."""
    if value is None:
        return
    first, last = travel_window(meeting)
    if isinstance(value, dt.datetime):
        inside = first <= value <= last
    else:
        inside = first.astimezone(meeting.tz).date() <= value <= last.astimezone(meeting.tz).date()
    if not inside:
        raise DomainError(
            _("Give a date between %(first)s and %(last)s: the meeting's dates, give or take a week.")
            % {
                "first": formats.date_format(first.astimezone(meeting.tz), "SHORT_DATE_FORMAT"),
                "last": formats.date_format(last.astimezone(meeting.tz), "SHORT_DATE_FORMAT"),
            },
            field=field,
        )


def _ensure_within_meeting(meeting: Meeting, participant: Participant) -> None:
    for field in ("arrival", "departure"):
        ensure_within_travel_window(meeting, field, getattr(participant, field))


def _ensure_not_registered_twice(delegation: Delegation, participant: Participant) -> None:
    """Same email, or same name, as someone not withdrawn: an import uploaded twice must not double a delegation."""
    others = delegation.participants.not_withdrawn()
    if participant.pk:
        others = others.exclude(pk=participant.pk)
    if participant.email and others.filter(email__iexact=participant.email).exists():
        raise AlreadyRegistered(field="email")
    if others.filter(full_name__iexact=participant.full_name.strip()).exists():
        raise AlreadyRegistered(field="full_name")


def _full_clean(participant: Participant, *, validate_constraints: bool = True) -> None:
    full_clean(participant, exclude=["delegation"], validate_constraints=validate_constraints)


def ensure_departure_after_arrival(arrival, departure) -> None:
    """The participant_departure_after_arrival constraint, checked in Python (full_clean asks the database)."""
    if arrival and departure and departure < arrival:
        (constraint,) = (c for c in Participant._meta.constraints if c.name == "participant_departure_after_arrival")
        raise DomainError(constraint.get_violation_error_message())


def _save(participant: Participant, acting: Acting) -> None:
    try:
        with transaction.atomic(), acting.audited(participant.delegation.member_state):
            participant.save()
    except IntegrityError:
        # A constraint caught what the checks above missed (e.g. a race on SQLite, which has no row locks).
        raise SecondHeadOfDelegation(field="role") from None


def _save_all(numbered: Sequence[tuple[int, Participant]], acting: Acting, delegation: Delegation) -> None:
    """Insert the checked rows of a file in one statement, and their audit entries in another (the entries
    saving each row would write). Should the database refuse a row the checks passed (a race on SQLite,
    which has no row locks), the whole file is rejected."""
    participants = [participant for _number, participant in numbered]
    try:
        with acting.audited(delegation.member_state):
            bulk_create_audited(Participant, participants)
    except IntegrityError:
        heads = [number for number, participant in numbered if _counts_as_head(participant)]
        if not heads:
            raise
        raise ImportRejected([RowProblem(heads[0], "role", str(SecondHeadOfDelegation.default_message))]) from None


def delegation_for(
    *, actor: Actor, meeting: Meeting, member_state: MemberState | None = None, reason: str = ""
) -> Delegation:
    """The delegation of a country to a meeting, created on first use. A focal point's country is their own."""
    member_state = member_state or member_state_of(actor)
    if member_state is None:
        raise NotFound
    ensure_can_act_for(actor, member_state, reason=reason)
    if not meeting.invites(member_state):
        raise NotInvited
    ensure_not_history(meeting.chairmanship)
    with audit_as(actor):
        delegation, _created = Delegation.objects.get_or_create(meeting=meeting, member_state=member_state)
    return delegation


@dataclass
class _Roster:
    """A locked delegation's places taken, its head and the people already in it, read once for a whole file
    instead of queried again for every row (the same checks as places_taken, _ensure_one_head and
    _ensure_not_registered_twice)."""

    taken: int
    heads: int
    emails: set[str]
    names: set[str]

    @classmethod
    def of(cls, delegation: Delegation) -> _Roster:
        people = delegation.participants.not_withdrawn().values_list("email", "full_name", "status", "role")
        roster = cls(taken=0, heads=0, emails=set(), names=set())
        for email, full_name, status, role in people:
            roster.add(Participant(email=email, full_name=full_name, status=status, role=role))
        return roster

    def add(self, participant: Participant) -> None:
        if participant.email:
            self.emails.add(participant.email.upper())
        self.names.add(participant.full_name.strip().upper())
        if participant.status in Participant.ACTIVE_STATUSES:
            self.taken += 1
        if _counts_as_head(participant):
            self.heads += 1

    def ensure_one_head(self, participant: Participant) -> None:
        if _counts_as_head(participant) and self.heads:
            raise SecondHeadOfDelegation(field="role")

    def ensure_not_registered(self, participant: Participant) -> None:
        if participant.email and participant.email.upper() in self.emails:
            raise AlreadyRegistered(field="email")
        if participant.full_name.strip().upper() in self.names:
            raise AlreadyRegistered(field="full_name")


def _checked_participant(delegation: Delegation, data: dict, *, waitlist: bool, roster: _Roster | None) -> Participant:
    """A new participant of a delegation whose row the caller has locked, checked against every rule, not saved.

    With a roster (a file), the checks that would query the database per row use the roster instead, and the
    departure constraint is checked in Python; the database constraints stay the last word."""
    participant = Participant(delegation=delegation, **{k: v for k, v in data.items() if k in PARTICIPANT_FIELDS})
    taken = roster.taken if roster else places_taken(delegation)
    if taken >= delegation.allowance:
        if not waitlist:
            raise AllowanceExceeded
        participant.status = Participant.Status.WAITLISTED
    else:
        participant.status = Participant.Status.REGISTERED
    if roster:
        roster.ensure_one_head(participant)
    else:
        _ensure_one_head(delegation, participant)
    _ensure_within_meeting(delegation.meeting, participant)
    if roster:
        _full_clean(participant, validate_constraints=False)
        ensure_departure_after_arrival(participant.arrival, participant.departure)
        roster.ensure_not_registered(participant)
    else:
        _full_clean(participant)
        _ensure_not_registered_twice(delegation, participant)
    return participant


def _register_locked(acting: Acting, delegation: Delegation, data: dict, *, waitlist: bool) -> Participant:
    """Register one participant into a delegation whose row the caller has locked."""
    participant = _checked_participant(delegation, data, waitlist=waitlist, roster=None)
    _save(participant, acting)
    _email_registered(participant)
    emit("registration.created", participant)  # issue 19: webhooks, written in this transaction
    return participant


def _email_registered(participant: Participant) -> None:
    emails.enqueue_participant_registered(participant)  # in this transaction: nothing goes if it rolls back


def _email_all_registered(participants: Sequence[Participant]) -> None:
    """A whole file's emails in one INSERT into the outbox."""
    emails.enqueue_participants_registered(participants)


def _email_confirmed(participant: Participant) -> None:
    emails.enqueue_participant_confirmed(participant)


def participant_register(
    *, actor: Actor, delegation: Delegation, data: dict, waitlist: bool = False, reason: str = ""
) -> Participant:
    """Register a participant; with `waitlist`, one beyond the allowance goes on the waiting list instead."""
    acting = ensure_can_act_for(actor, delegation.member_state, reason=reason)
    _ensure_reason(acting)
    with transaction.atomic():
        delegation = _lock_delegation(delegation)
        ensure_registration_open(delegation.meeting, acting)
        return _register_locked(acting, delegation, data, waitlist=waitlist)


def participants_import(
    *,
    actor: Actor,
    delegation: Delegation,
    rows: Sequence[tuple[int, dict]],
    problems: Sequence[RowProblem] = (),
    reason: str = "",
) -> list[Participant]:
    """Register every row of a file, or none: any problem (including `problems` already found while reading
    the file) rolls everything back and raises ImportRejected naming each bad row."""
    acting = ensure_can_act_for(actor, delegation.member_state, reason=reason)
    _ensure_reason(acting)
    problems = list(problems)
    with transaction.atomic():
        delegation = _lock_delegation(delegation)
        ensure_registration_open(delegation.meeting, acting)
        roster = _Roster.of(delegation)
        checked = []
        for number, data in rows:
            try:
                participant = _checked_participant(delegation, data, waitlist=False, roster=roster)
            except DomainError as error:
                problems.append(RowProblem(number, error.field or "", str(error.message)))
            else:
                roster.add(participant)
                checked.append((number, participant))
        if not rows and not problems:
            problems.append(RowProblem(2, "", str(_("The file has no participants below its header row."))))
        if problems:
            raise ImportRejected(problems)
        _save_all(checked, acting, delegation)
        registered = [participant for _number, participant in checked]
        _email_all_registered(registered)
        emit_many("registration.created", registered)  # issue 19: webhooks, one INSERT for the file
    return registered


def participants_copy(
    *, actor: Actor, delegation: Delegation, source: Delegation, participant_ids: Collection[int], reason: str = ""
) -> list[Participant]:
    """Register people of the same country's delegation to an earlier meeting again: all of them or none.

    Travel dates are not copied; they belong to the other meeting.
    """
    acting = ensure_can_act_for(actor, delegation.member_state, reason=reason)
    if source.member_state_id != delegation.member_state_id or source.pk == delegation.pk:
        raise NotFound
    _ensure_reason(acting)
    people = list(
        source.participants.filter(pk__in=participant_ids)
        .not_withdrawn()
        .order_by(
            Case(When(role=Participant.Role.HEAD, then=Value(0)), default=Value(1), output_field=IntegerField()), "pk"
        )
    )
    if not people:
        raise DomainError(_("Choose at least one person to copy."), field="participants")
    with transaction.atomic():
        delegation = _lock_delegation(delegation)
        ensure_registration_open(delegation.meeting, acting)
        copied = []
        for person in people:
            try:
                copied.append(
                    _register_locked(acting, delegation, {f: getattr(person, f) for f in COPIED_FIELDS}, waitlist=False)
                )
            except DomainError as error:
                raise DomainError(
                    _("%(name)s: %(problem)s") % {"name": person.full_name, "problem": error.message},
                    field="participants",
                ) from None
    return copied


def _shown(participant: Participant, name: str) -> str:
    value = getattr(participant, name)
    if Participant._meta.get_field(name).choices:  # type: ignore[union-attr]  # a participant's own column
        return str(getattr(participant, f"get_{name}_display")())
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value, participant.delegation.meeting.tz), "DATETIME_FORMAT")
    return str(value) if value not in (None, "") else "—"


def _ensure_read_at(participant: Participant, version: str | None, data: dict) -> None:
    """Refuse a save over changes the user never saw, naming what is saved now where it differs."""
    if not version or version == version_of(participant):
        return
    differing = [
        f"{Participant._meta.get_field(name).verbose_name}: {_shown(participant, name)}"  # type: ignore[union-attr]  # (as above)
        for name in data
        if name in PARTICIPANT_FIELDS and getattr(participant, name) != data[name]
    ]
    message = EditedMeanwhile.default_message
    if differing:
        message = format_lazy("{} {} {}", message, _("Saved now:"), "; ".join(differing))
    raise EditedMeanwhile(message, current_version=version_of(participant))


def participant_update(
    *, actor: Actor, participant: Participant, data: dict, reason: str = "", version: str | None = None
) -> Participant:
    """With `version` (as the edit form read it, common.forms.version_of), a save over someone else's
    change made since is refused with EditedMeanwhile; without it, the last save wins (the API uses If-Match)."""
    acting = ensure_can_act_for(actor, participant.delegation.member_state, reason=reason)
    _ensure_reason(acting)
    with transaction.atomic():
        delegation = _lock_delegation(participant.delegation)
        ensure_registration_open(delegation.meeting, acting)
        participant = Participant.objects.get(pk=participant.pk, delegation=delegation)
        if participant.is_withdrawn:
            raise ParticipantWithdrawn
        _ensure_read_at(participant, version, data)
        for key, value in data.items():
            if key in PARTICIPANT_FIELDS:
                setattr(participant, key, value)
        _ensure_one_head(delegation, participant)
        _ensure_within_meeting(delegation.meeting, participant)
        _full_clean(participant)
        _ensure_not_registered_twice(delegation, participant)
        _save(participant, acting)
        emit("registration.changed", participant)  # issue 19: webhooks, written in this transaction
    return participant


def participant_withdraw(*, actor: Actor, participant: Participant, reason: str = "") -> Participant:
    """Withdrawn participants stay on record (status cancelled) so the history adds up."""
    acting = ensure_can_act_for(actor, participant.delegation.member_state, reason=reason)
    _ensure_reason(acting)
    with transaction.atomic():
        delegation = _lock_delegation(participant.delegation)
        ensure_registration_open(delegation.meeting, acting)
        participant = Participant.objects.get(pk=participant.pk, delegation=delegation)
        participant.status = Participant.Status.CANCELLED
        _save(participant, acting)
        badges_revoke(participant=participant, reason="withdrawn")  # issue 16: the badge stops at the door
        emit("registration.withdrawn", participant)  # issue 19: webhooks, written in this transaction
    return participant


# The secretariat's decisions on a registration, from each status: confirm or decline it, take it from the
# waiting list, or confirm again someone declined. Someone their country withdrew is the country's to register
# again, not the secretariat's to confirm.
STATUS_CHANGES: dict[str, tuple[str, ...]] = {
    Participant.Status.REGISTERED: (Participant.Status.CONFIRMED, Participant.Status.DECLINED),
    Participant.Status.WAITLISTED: (
        Participant.Status.REGISTERED,
        Participant.Status.CONFIRMED,
        Participant.Status.DECLINED,
    ),
    Participant.Status.CONFIRMED: (Participant.Status.DECLINED,),
    Participant.Status.DECLINED: (Participant.Status.CONFIRMED,),
    Participant.Status.CANCELLED: (),
}


def ensure_status_change(participant: Participant, status: str) -> None:
    """Whether the secretariat may move `participant` to `status` (see STATUS_CHANGES)."""
    if status in STATUS_CHANGES.get(participant.status, ()):
        return
    if participant.status == Participant.Status.CANCELLED:
        raise DomainError(
            _("Withdrawn by their country: only the country's focal point can register them again."), field="status"
        )
    raise DomainError(
        _("A participant who is “%(now)s” cannot become “%(then)s”.")
        % {"now": participant.get_status_display(), "then": Participant.Status(status).label},
        field="status",
    )


can_change_status = can(ensure_status_change)


def participant_set_status(*, actor: Actor, participant: Participant, status: str, reason: str = "") -> Participant:
    """The secretariat confirms or declines a participant, or accepts one from the waiting list.

    Accepting from the waiting list raises that delegation's allowance by one place.
    """
    if not is_secretariat(actor):
        raise NotFound if member_state_of(actor) != participant.delegation.member_state else Forbidden
    if status not in Participant.Status.values:
        raise DomainError(_("Choose confirmed, declined or registered."), field="status")
    acting = Acting(actor, True, reason.strip())
    with transaction.atomic():
        delegation = _lock_delegation(participant.delegation)
        ensure_not_history(delegation.meeting.chairmanship)
        participant = Participant.objects.get(pk=participant.pk, delegation=delegation)
        if status == participant.status:
            return participant  # decided already (a second click, a retried request): nothing changes
        ensure_status_change(participant, status)
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
        previous = participant.status
        participant.status = status
        _ensure_one_head(delegation, participant)
        _save(participant, acting)
        if status == Participant.Status.DECLINED:
            badges_revoke(participant=participant, reason="declined")  # issue 16: the badge stops at the door
        if status == Participant.Status.CONFIRMED and previous != status:
            _email_confirmed(participant)
        elif status == Participant.Status.REGISTERED and previous == Participant.Status.WAITLISTED:
            _email_registered(participant)
        emit("registration.changed", participant)  # issue 19: webhooks, written in this transaction
    return participant


def _ensure_pdf(upload) -> None:
    if upload.size > NOMINATION_LETTER_MAX_BYTES:
        raise InvalidNominationLetter(
            _("The file is larger than %(size)s MB.") % {"size": NOMINATION_LETTER_MAX_BYTES // (1024 * 1024)},
            field="nomination_letter",
        )
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        raise InvalidNominationLetter(field="nomination_letter")
    upload.seek(0)
    try:
        if len(PdfReader(upload).pages) < 1:
            raise InvalidNominationLetter(field="nomination_letter")
    except (PyPdfError, ValueError, OSError):
        raise InvalidNominationLetter(
            _("This PDF cannot be read; save it again as PDF and retry."), field="nomination_letter"
        ) from None
    upload.seek(0)


def delegation_attach_nomination_letter(
    *, actor: Actor, delegation: Delegation, upload, reason: str = ""
) -> Delegation:
    """Attach (or replace) the government's Note Verbale. Stored under a random name outside any public URL."""
    acting = ensure_can_act_for(actor, delegation.member_state, reason=reason)
    _ensure_reason(acting)
    _ensure_pdf(upload)
    with transaction.atomic():
        delegation = _lock_delegation(delegation)
        ensure_registration_open(delegation.meeting, acting)
        previous = delegation.nomination_letter.name
        name = f"{delegation.member_state.code.lower()}-{delegation.meeting_id}-{secrets.token_hex(8)}.pdf"
        with file_storage.reachable():
            delegation.nomination_letter.save(name, upload, save=False)
        stored = delegation.nomination_letter.name
        assert stored is not None  # the file was saved just above: it has a name
        storage = delegation.nomination_letter.storage
        if previous:
            transaction.on_commit(lambda: storage.delete(previous), robust=True)
        try:
            with acting.audited(delegation.member_state):
                delegation.save(update_fields=["nomination_letter", "updated_at"])
        except Exception:
            storage.delete(stored)
            raise
    return delegation
