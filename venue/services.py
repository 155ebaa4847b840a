"""The venue's rules, in one place: who may scan at a door, who may have a badge, what a scan counts.

- The secretariat grants door staff per meeting; door staff of a conference week scan at its meetings too.
  Anyone else asking for a meeting's door answers NotFound.
- A badge is for a participant `ensure_badge_allowed` lets through (confirmed, not withdrawn; accreditation
  will be added here). A withdrawn or declined participant's badge is revoked.
- A scan is refused, with its reason, for a code that is not ours, forged or altered, a revoked badge, a
  badge of another meeting, or a participant not allowed in. A scan sent again (same scan_id) is answered
  as the first time and stored once; a second scan of one badge within REPEAT_WINDOW is stored but marked
  a repeat; attendance is one row per participant and session, so nobody is counted twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user, ensure_secretariat, is_secretariat
from common.audit import audit_as
from common.errors import DomainError, NotFound, full_clean
from common.rules import can
from meetings.models import Meeting, Participant

from . import badges
from .models import Attendance, Badge, BadgeDesign, Certificate, CertificateSignatory, Direction, DoorStaff, Scan

logger = logging.getLogger(__name__)

REPEAT_WINDOW = dt.timedelta(seconds=30)
# How long a phone may keep scans while offline: older ones are refused rather than counted on a wrong day.
OFFLINE_LIMIT = dt.timedelta(hours=24)


class ScanRefused(DomainError):
    """A scan the door must turn away; `code` says why, for the phone's colour and the tests."""

    code = "refused"


class CodeNotOurs(ScanRefused):
    code = "not_ours"
    default_message = _("This is not a badge of this portal.")


class CodeForged(ScanRefused):
    code = "forged"
    default_message = _("This code was forged or altered: do not let the bearer in; call the secretariat.")


class UnknownBadge(ScanRefused):
    code = "unknown"
    default_message = _("No badge has this number.")


class BadgeRevoked(ScanRefused):
    code = "revoked"
    default_message = _("This badge was revoked.")


class OtherMeeting(ScanRefused):
    code = "other_meeting"
    default_message = _("This badge is for another meeting.")


class NotAllowed(ScanRefused):
    code = "not_allowed"
    default_message = _("This participant is not confirmed for the meeting.")


class NotAccredited(ScanRefused):
    code = "not_accredited"
    default_message = _("This participant is not accredited for the meeting yet.")


# --- Who --------------------------------------------------------------------------------------------------


def _door_meeting(session: Meeting) -> Meeting:
    """The meeting whose door staff and badges a session uses: its conference week, or itself."""
    return session.parent or session


def ensure_door_staff(actor: Actor, session: Meeting) -> None:
    """The secretariat, or door staff of this meeting or of its conference week. Others: NotFound."""
    if is_secretariat(actor):
        return
    user = acting_user(actor)
    if user is None or not user.is_active:
        raise NotFound
    if not DoorStaff.objects.filter(user=user, meeting_id__in={session.pk, session.parent_id or session.pk}).exists():
        raise NotFound


can_scan_at = can(ensure_door_staff)


def meetings_at_door_of(actor: Actor) -> QuerySet[Meeting]:
    """The meetings whose door the actor keeps (the secretariat's come from its own pages)."""
    user = acting_user(actor)
    if user is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(door_staff__user=user).select_related("chairmanship").order_by("-start")


def current_doors_of(actor: Actor) -> QuerySet[Meeting]:
    """The meetings not yet over (under way or to come) whose door the actor keeps: the navigation's link."""
    return meetings_at_door_of(actor).filter(end__gte=timezone.now())


def door_staff_grant(*, actor: Actor, meeting: Meeting, username_or_email: str) -> DoorStaff:
    ensure_secretariat(actor)
    text = username_or_email.strip()
    users = get_user_model().objects.filter(is_active=True)
    user = users.filter(Q(username__iexact=text) | Q(email__iexact=text)).first() if text else None
    if user is None:
        raise DomainError(_("No active user has this user name or email."), field="user")
    with transaction.atomic(), audit_as(actor):
        door, _created = DoorStaff.objects.get_or_create(
            user=user, meeting=meeting, defaults={"granted_by": acting_user(actor)}
        )
    return door


def door_staff_remove(*, actor: Actor, meeting: Meeting, pk: int) -> None:
    ensure_secretariat(actor)
    door = DoorStaff.objects.filter(meeting=meeting, pk=pk).first()
    if door is None:
        raise NotFound
    with audit_as(actor):
        door.delete()


# --- Badges -----------------------------------------------------------------------------------------------


def ensure_badge_allowed(participant: Participant, *, accredited: set[int] | None = None) -> None:
    """Who may have a badge and come in: a confirmed participant, accredited when the meeting asks for
    accreditation (accreditation.services). `accredited`: the ids accredited_ids() gave for a whole list."""
    if participant.is_withdrawn or participant.status != Participant.Status.CONFIRMED:
        raise NotAllowed
    if accredited is None:
        from accreditation.services import is_accredited

        if not is_accredited(participant):
            raise NotAccredited
    elif participant.pk not in accredited:
        raise NotAccredited


def accredited_among(participants) -> set[int]:
    """The accredited ids of the meetings these participants belong to (a few queries per meeting)."""
    from accreditation.services import accredited_ids

    meetings = Meeting.objects.filter(pk__in={p.delegation.meeting_id for p in participants})
    return set().union(*(accredited_ids(meeting) for meeting in meetings))


can_have_badge = can(ensure_badge_allowed)


def badge_colours_save(*, actor: Actor, meeting: Meeting, colours: dict) -> BadgeDesign:
    ensure_secretariat(actor)
    with transaction.atomic(), audit_as(actor):
        design, _created = BadgeDesign.objects.get_or_create(meeting=meeting)
        design.role_colours = colours
        full_clean(design)
        design.save()
    return design


def badges_issue(*, actor: Actor, participants: list[Participant]) -> dict[int, Badge]:
    """Each allowed participant's valid badge, issued now for those without one: {participant pk: badge}."""
    ensure_secretariat(actor)
    accredited = accredited_among(participants)
    allowed = [p for p in participants if can_have_badge(p, accredited=accredited)]
    with transaction.atomic():
        valid = {
            badge.participant_id: badge
            for badge in Badge.objects.filter(participant__in=allowed, revoked_at__isnull=True)
        }
        missing = [Badge(participant=p, serial=badges.new_serial()) for p in allowed if p.pk not in valid]
        if missing:
            with audit_as(actor):
                Badge.objects.bulk_create(missing)
            valid.update({badge.participant_id: badge for badge in missing})
    for participant in allowed:
        valid[participant.pk].participant = participant
    return valid


def badges_revoke(*, participant: Participant, reason: str) -> int:
    """Revoke the participant's valid badge (called inside the registration service's transaction)."""
    return Badge.objects.filter(participant=participant, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:200], updated_at=timezone.now()
    )


# --- Scans ------------------------------------------------------------------------------------------------


@dataclass
class ScanResult:
    ok: bool
    code: str
    message: str
    participant: Participant | None = None
    direction: str = Direction.IN
    at: dt.datetime | None = None
    repeat: bool = False
    replayed: bool = False
    extra: dict = field(default_factory=dict)


def _scanned_at(at: dt.datetime | None) -> dt.datetime:
    now = timezone.now()
    if at is None or at > now:  # a phone's clock ahead of ours: the scan happened now at the latest
        return now
    if now - at > OFFLINE_LIMIT:
        raise DomainError(_("This scan is more than a day old; it was not counted."), field="at")
    return at


def _participant_for(session: Meeting, *, method: str, code: str) -> tuple[Participant, Badge | None]:
    door = _door_meeting(session)
    if method == Scan.Method.NAME:
        try:
            pk = int(code)
        except (TypeError, ValueError):
            raise NotFound from None
        participant = (
            Participant.objects.select_related("delegation__member_state", "delegation__meeting")
            .filter(pk=pk, delegation__meeting__in=_meetings_of(door))
            .first()
        )
        if participant is None:
            raise NotFound
        return participant, None
    try:
        serial = badges.serial_from_qr(code) if method == Scan.Method.QR else badges.serial_from_typed(code)
    except badges.NotOurs:
        raise CodeNotOurs from None
    except badges.Forged:
        raise CodeForged from None
    badge = (
        Badge.objects.select_related("participant__delegation__member_state", "participant__delegation__meeting")
        .filter(serial=serial)
        .first()
    )
    if badge is None:
        raise UnknownBadge
    return badge.participant, badge


def _meetings_of(door: Meeting) -> list[int]:
    """A door's meeting and the meetings of its conference week: whose participants may come in."""
    return [door.pk, *Meeting.objects.filter(parent=door).values_list("pk", flat=True)]


def _ensure_at_this_meeting(session: Meeting, participant: Participant) -> None:
    """Registered for this session, for its conference week, or (at the week's door) for one of its meetings."""
    meeting = participant.delegation.meeting
    if meeting.pk not in {session.pk, _door_meeting(session).pk} and meeting.parent_id != session.pk:
        raise OtherMeeting


def _replay(scan: Scan) -> ScanResult:
    return ScanResult(
        True,
        "replayed",
        str(_("Already received.")),
        participant=scan.participant,
        direction=scan.direction,
        at=scan.at,
        repeat=scan.repeat,
        replayed=True,
    )


def scan_record(
    *,
    actor: Actor,
    session: Meeting,
    scan_id: uuid.UUID,
    method: str,
    code: str,
    direction: str = Direction.IN,
    at: dt.datetime | None = None,
) -> ScanResult:
    """Check a participant in or out of a session. Raises ScanRefused (with the participant, when known, in
    `error.participant`) for a badge the door must turn away."""
    ensure_door_staff(actor, session)
    if method not in Scan.Method.values or direction not in Direction.values:
        raise DomainError(_("Unknown kind of scan."))
    existing = Scan.objects.select_related("participant__delegation__member_state").filter(scan_id=scan_id).first()
    if existing is not None:
        if existing.session_id != session.pk:
            raise DomainError(_("This scan id was used for another session."))
        return _replay(existing)
    at = _scanned_at(at)
    participant, badge = _participant_for(session, method=method, code=code)
    try:
        if badge is not None and badge.revoked_at is not None:
            raise BadgeRevoked
        _ensure_at_this_meeting(session, participant)
        ensure_badge_allowed(participant)
    except ScanRefused as refused:
        refused.participant = participant if not isinstance(refused, OtherMeeting) else None  # type: ignore[attr-defined]
        raise
    try:
        with transaction.atomic():
            # One scan of a person at a time: the repeat check and the attendance row see each other's writes.
            Participant.objects.select_for_update().filter(pk=participant.pk).first()
            previous = (
                Scan.objects.filter(participant=participant, session=session, direction=direction)
                .order_by("-at")
                .first()
            )
            repeat = previous is not None and abs(at - previous.at) < REPEAT_WINDOW
            Scan.objects.create(
                scan_id=scan_id,
                participant=participant,
                badge=badge,
                session=session,
                direction=direction,
                method=method,
                at=at,
                repeat=repeat,
                by=acting_user(actor),
            )
            _count(participant, session, direction, at)
    except IntegrityError:  # the same scan_id sent twice at once: the other request stored it
        return _replay(Scan.objects.select_related("participant__delegation__member_state").get(scan_id=scan_id))
    if repeat:
        message = _("Already scanned a moment ago: counted once.")
    elif direction == Direction.IN:
        message = _("Welcome: checked in.")
    else:
        message = _("Checked out.")
    return ScanResult(True, "repeat" if repeat else "ok", str(message), participant, direction, at, repeat)


def _count(participant: Participant, session: Meeting, direction: str, at: dt.datetime) -> None:
    attendance = Attendance.objects.filter(participant=participant, session=session).first()
    if attendance is None:
        if direction == Direction.OUT:
            return  # out without ever coming in (a scan lost before the phone kept them): nothing to count
        Attendance.objects.create(participant=participant, session=session, first_in=at, last_scan=at)
        return
    if at < attendance.last_scan:  # a scan kept offline arrives after a later one: it changes no state
        attendance.first_in = min(attendance.first_in, at) if direction == Direction.IN else attendance.first_in
    else:
        attendance.last_scan = at
        attendance.present = direction == Direction.IN
        if direction == Direction.IN:
            attendance.first_in = min(attendance.first_in, at)
    attendance.save()


# --- Certificates of attendance -------------------------------------------------------------------------


class NotAttended(DomainError):
    code = "not_attended"
    default_message = _("This participant was not checked in at any session: there is no certificate to give.")


def ensure_certificate_allowed(participant: Participant) -> None:
    """A certificate is for a participant still taking part who was checked in at one session at least."""
    if participant.is_withdrawn or participant.anonymised_at or not participant.attendance.exists():
        raise NotAttended


can_have_certificate = can(ensure_certificate_allowed)


def certificate_issue(*, actor: Actor, participant: Participant) -> Certificate:
    """The participant's certificate, made on first use (its reference and code never change)."""
    ensure_secretariat(actor)
    ensure_certificate_allowed(participant)
    return _certificate_of(participant)


def _certificate_of(participant: Participant) -> Certificate:
    existing = Certificate.objects.filter(participant=participant).first()
    if existing is not None:
        return existing
    meeting_id = participant.delegation.meeting_id
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                participant=participant,
                reference=f"ACCSM-{meeting_id}-{badges.new_serial()[:6]}",
                code=secrets.token_urlsafe(18),
            )
    except IntegrityError:  # made meanwhile by another request
        return Certificate.objects.get(participant=participant)


def _certificate_email(participant: Participant, certificate: Certificate):
    from outbox.kinds import Recipient

    return Recipient(participant.email, participant.full_name, participant.language), {"certificate": certificate.pk}


def certificates_email(*, actor: Actor, meeting: Meeting, participants: list[Participant]) -> int:
    """Email each participant who attended (and has an address) their certificate, through the outbox. On
    request this sends again to someone already emailed; the automatic run after the meeting does not."""
    from outbox.services import enqueue_many

    from .certificates import EMAIL_KIND

    ensure_secretariat(actor)
    emails, now = [], timezone.now()
    with transaction.atomic():
        for participant in participants:
            if not participant.email or not can_have_certificate(participant):
                continue
            certificate = certificate_issue(actor=actor, participant=participant)
            emails.append(_certificate_email(participant, certificate))
        Certificate.objects.filter(pk__in=[context["certificate"] for _r, context in emails]).update(emailed_at=now)
        enqueue_many(EMAIL_KIND.name, emails)
    return len(emails)


# A meeting whose certificates fell due longer ago than this is left to the secretariat's button: turning the
# automatic emails on (or a beat that was down for months) never mails every past meeting's participants.
AUTO_EMAIL_WINDOW = dt.timedelta(days=14)


def certificates_due(*, now: dt.datetime | None = None) -> QuerySet[Participant]:
    """Participants whose certificate the automatic run emails: their meeting ended
    ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING hours ago (within AUTO_EMAIL_WINDOW), they were checked in
    at a session, have an address, and no certificate was emailed to them yet."""
    hours = settings.ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING
    if hours <= 0:
        return Participant.objects.none()
    latest_end = (now or timezone.now()) - dt.timedelta(hours=hours)
    return (
        Participant.objects.not_withdrawn()
        .filter(
            anonymised_at__isnull=True,
            delegation__meeting__end__lte=latest_end,
            delegation__meeting__end__gt=latest_end - AUTO_EMAIL_WINDOW,
            pk__in=Attendance.objects.values("participant_id"),
        )
        .exclude(email="")
        .exclude(certificate__emailed_at__isnull=False)
        .select_related("delegation")
        .order_by("pk")
    )


def certificates_email_due(*, now: dt.datetime | None = None) -> int:
    """The automatic run (a beat task): each participant due gets their certificate emailed exactly once, however
    often or concurrently it runs. The claim is the conditional update of `emailed_at`, in the same transaction
    as the outbox row: a second run finds nothing to claim, a rolled-back one claimed nothing."""
    from outbox.services import enqueue

    from .certificates import EMAIL_KIND

    now = now or timezone.now()
    sent = 0
    for participant in certificates_due(now=now):
        if not can_have_certificate(participant):
            continue
        with transaction.atomic(), audit_as(None, task="certificates_email_due"):
            certificate = _certificate_of(participant)
            if Certificate.objects.filter(pk=certificate.pk, emailed_at__isnull=True).update(emailed_at=now):
                enqueue(EMAIL_KIND.name, *_certificate_email(participant, certificate))
                sent += 1
    if sent:
        logger.info("certificates: %d emailed after their meeting", sent)
    return sent


def certificate_signatory_save(*, actor: Actor, meeting: Meeting, data: dict) -> CertificateSignatory:
    ensure_secretariat(actor)
    with transaction.atomic(), audit_as(actor):
        signatory, _created = CertificateSignatory.objects.get_or_create(
            meeting=meeting, defaults={"signatory_name": data["signatory_name"]}
        )
        for key, value in data.items():
            setattr(signatory, key, value)
        full_clean(signatory)
        signatory.save()
    return signatory
