"""The rules of accreditation and of letters on request: one home for each, asked by pages, import and tasks.

Who sees what: a participant's accreditation (and its passport data) is read and changed only by the
secretariat and by the focal points of the participant's own country; anyone else gets NotFound, like a
missing participant. Passport data leaves the portal only on the secretariat's explicit choice (the
accreditation list with passport columns, recorded in the audit trail) and in a visa letter.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Collection

from auditlog.models import LogEntry
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Actor, acting_user, ensure_secretariat, is_secretariat, member_state_of
from common import storage as file_storage
from common.audit import audit_as, record_access
from common.errors import DomainError, NotFound
from common.locking import lock
from meetings.models import Meeting, Participant
from meetings.selectors import participant_for_actor

from .models import MAX_QUESTIONS, Accreditation, AccreditationQuestion, AccreditationRequirements, LetterRequest
from .photos import CropBox, normalised_photo

logger = logging.getLogger(__name__)

YES, NO = "yes", "no"


class PassportExpires(DomainError):
    code = "passport_expires"

    def __init__(self, expiry: dt.date, meeting: Meeting):
        super().__init__(
            _(
                "The passport expires on %(expiry)s, before the meeting ends on %(end)s. "
                "The delegate needs a passport valid until the end of the meeting."
            )
            % {
                "expiry": formats.date_format(expiry, "DATE_FORMAT"),
                "end": formats.date_format(meeting.local_end.date(), "DATE_FORMAT"),
            },
            field="passport_expiry",
        )


class AccreditationIncomplete(DomainError):
    code = "accreditation_incomplete"
    default_message = gettext_lazy("The accreditation is not complete yet.")


class AccreditationClosed(DomainError):
    code = "accreditation_closed"
    default_message = gettext_lazy("This meeting has ended: its accreditation can no longer be changed.")


class LetterRefused(DomainError):
    code = "letter_refused"


# --- What a meeting asks for ----------------------------------------------------------------------------


def requirements_for(meeting: Meeting) -> AccreditationRequirements:
    """The meeting's requirements (nothing asked while the secretariat has not chosen)."""
    found = AccreditationRequirements.objects.filter(meeting=meeting).first()
    return found or AccreditationRequirements(meeting=meeting)


def questions_for(meeting: Meeting) -> list[AccreditationQuestion]:
    return list(AccreditationQuestion.objects.filter(meeting=meeting).order_by("order", "pk"))


def requirements_save(*, actor: Actor, meeting: Meeting, data: dict) -> AccreditationRequirements:
    ensure_secretariat(actor)
    with transaction.atomic():
        [requirements] = lock(AccreditationRequirements.objects.filter(meeting=meeting)) or [
            AccreditationRequirements(meeting=meeting)
        ]
        for name in ("photo", "nationality", "passport", "date_of_birth"):
            setattr(requirements, name, bool(data.get(name)))
        with audit_as(actor):
            requirements.save()
    return requirements


def question_add(*, actor: Actor, meeting: Meeting, data: dict) -> AccreditationQuestion:
    ensure_secretariat(actor)
    with transaction.atomic():
        lock(Meeting.objects.filter(pk=meeting.pk))
        count = AccreditationQuestion.objects.filter(meeting=meeting).count()
        if count >= MAX_QUESTIONS:
            raise DomainError(
                _("A meeting asks at most %(max)d questions of its own.") % {"max": MAX_QUESTIONS}, field="text_en"
            )
        question = AccreditationQuestion(meeting=meeting, order=count + 1, **data)
        if question.kind == AccreditationQuestion.Kind.CHOICE and len(question.choice_list()) < 2:
            raise DomainError(_("A choice needs at least two choices, one per line."), field="choices_en")
        with audit_as(actor):
            question.save()
    return question


def question_delete(*, actor: Actor, meeting: Meeting, pk: int) -> None:
    ensure_secretariat(actor)
    question = AccreditationQuestion.objects.filter(meeting=meeting, pk=pk).first()
    if question is None:
        raise NotFound
    with transaction.atomic(), audit_as(actor):
        question.delete()


# --- Checks on the values ------------------------------------------------------------------------------


def ensure_passport_valid(expiry: dt.date | None, meeting: Meeting) -> None:
    """A passport that expires before the meeting's last day is refused."""
    if expiry is not None and expiry < meeting.local_end.date():
        raise PassportExpires(expiry, meeting)


def ensure_date_of_birth_sane(date_of_birth: dt.date | None) -> None:
    if date_of_birth is None:
        return
    today = timezone.localdate()
    if date_of_birth >= today or date_of_birth.year < 1900:
        raise DomainError(_("Check the date of birth: it must lie between 1900 and today."), field="date_of_birth")


def ensure_answer_valid(question: AccreditationQuestion, value: str) -> str:
    """The answer as stored: the text, the choice's number (from 0), or yes/no."""
    value = (value or "").strip()
    if not value:
        return ""
    if question.kind == AccreditationQuestion.Kind.TEXT:
        if len(value) > 500:
            raise DomainError(_("Answer in at most 500 characters."), field=question.key)
        return value
    if question.kind == AccreditationQuestion.Kind.YES_NO:
        spelled = {
            YES: YES,
            NO: NO,
            str(_("Yes")).casefold(): YES,
            str(_("No")).casefold(): NO,
            "có": YES,
            "không": NO,
            "true": YES,
            "false": NO,
        }
        if value.casefold() not in spelled:
            raise DomainError(_("Answer yes or no."), field=question.key)
        return spelled[value.casefold()]
    choices = question.choice_list()
    english = [line.strip() for line in (question.choices_en or "").splitlines() if line.strip()]
    if value.isdigit() and int(value) < len(choices):
        return value
    for index, label in enumerate(choices):
        if label.casefold() == value.casefold() or (
            index < len(english) and english[index].casefold() == value.casefold()
        ):
            return str(index)
    raise DomainError(
        _("Unknown choice “%(value)s”; use one of: %(choices)s.") % {"value": value, "choices": ", ".join(choices)},
        field=question.key,
    )


def answer_display(question: AccreditationQuestion, stored: str) -> str:
    if not stored:
        return ""
    if question.kind == AccreditationQuestion.Kind.YES_NO:
        return str(_("Yes")) if stored == YES else str(_("No"))
    if question.kind == AccreditationQuestion.Kind.CHOICE:
        choices = question.choice_list()
        return choices[int(stored)] if stored.isdigit() and int(stored) < len(choices) else ""
    return stored


# --- Reading -----------------------------------------------------------------------------------------------


def accreditation_of(participant: Participant) -> Accreditation:
    """The participant's accreditation (an unsaved, empty one before anything is filled in)."""
    try:
        return participant.accreditation
    except Accreditation.DoesNotExist:
        return Accreditation(participant=participant)


def missing_items(
    accreditation: Accreditation, requirements: AccreditationRequirements, questions: list[AccreditationQuestion]
) -> list[str]:
    """The labels of what the meeting asks for and this accreditation lacks (empty: complete)."""
    missing = []
    if requirements.photo and not accreditation.photo:
        missing.append(str(_("photo")))
    if requirements.nationality and not accreditation.nationality:
        missing.append(str(_("nationality")))
    if requirements.passport and not (accreditation.passport_number and accreditation.passport_expiry):
        missing.append(str(_("passport number and expiry date")))
    if requirements.date_of_birth and not accreditation.date_of_birth:
        missing.append(str(_("date of birth")))
    for question in questions:
        if question.required and not (accreditation.answers or {}).get(question.key):
            missing.append(question.text)
    return missing


def is_accredited(participant: Participant) -> bool:
    """Whether the participant may have a badge: accredited by the secretariat and not withdrawn. A meeting
    that asks for nothing accredits everyone confirmed. (For the badges and the check-in.)"""
    if participant.is_withdrawn or participant.anonymised_at:
        return False
    if not accreditation_asked(participant.delegation.meeting):
        return participant.status == Participant.Status.CONFIRMED
    accreditation = Accreditation.objects.filter(participant=participant).first()
    return accreditation is not None and accreditation.status == Accreditation.Status.ACCREDITED


def accredited_ids(meeting: Meeting) -> set[int]:
    """The ids of the meeting's participants for whom is_accredited() holds, in three queries (for the badges'
    PDF of a whole meeting and the check-in)."""
    participants = Participant.objects.filter(delegation__meeting=meeting, anonymised_at__isnull=True).not_withdrawn()
    if not accreditation_asked(meeting):
        return set(participants.filter(status=Participant.Status.CONFIRMED).values_list("pk", flat=True))
    return set(participants.filter(accreditation__status=Accreditation.Status.ACCREDITED).values_list("pk", flat=True))


def photo_names(participants) -> dict[int, str]:
    """{participant pk: stored photo name} for those of `participants` with a photo, in one query."""
    return dict(
        Accreditation.objects.filter(participant__in=[p.pk for p in participants])
        .exclude(photo="")
        .values_list("participant_id", "photo")
    )


def read_photo(name: str) -> bytes | None:
    """A stored badge photo (JPEG, PHOTO_SIZE) read from the private storage, or None if it is missing."""
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        logger.error("The accreditation photo %s is missing from storage", name)
        return None


def photo_bytes(participant: Participant) -> bytes | None:
    """The participant's stored badge photo, or None."""
    name = photo_names([participant]).get(participant.pk)
    return read_photo(name) if name else None


def accreditation_for_actor(*, actor: Actor, participant_pk: int) -> Participant:
    """The participant whose accreditation the actor may see and change: secretariat or own country."""
    return participant_for_actor(actor=actor, pk=participant_pk)


def can_see_passport(actor: Actor, participant: Participant) -> bool:
    return is_secretariat(actor) or member_state_of(actor) == participant.delegation.member_state


# --- Writing -------------------------------------------------------------------------------------------------


def _ensure_can_change(actor: Actor, participant: Participant) -> None:
    if not can_see_passport(actor, participant):
        raise NotFound
    if participant.is_withdrawn or participant.anonymised_at:
        raise DomainError(_("This participant is withdrawn."))
    if participant.delegation.meeting.end < timezone.now() and not is_secretariat(actor):
        raise AccreditationClosed


def can_change_accreditation(actor: Actor, participant: Participant) -> bool:
    try:
        _ensure_can_change(actor, participant)
    except DomainError:
        return False
    return True


def checked_values(meeting: Meeting, data: dict, questions: list[AccreditationQuestion]) -> dict:
    """The data of a form or an import row as stored values; raises on the first bad one."""
    values: dict = {}
    for name in ("nationality", "passport_number"):
        if name in data:
            values[name] = " ".join(str(data[name] or "").split())
    if "passport_number" in values:
        values["passport_number"] = values["passport_number"].upper()
    if "passport_expiry" in data:
        ensure_passport_valid(data["passport_expiry"], meeting)
        values["passport_expiry"] = data["passport_expiry"]
    if "date_of_birth" in data:
        ensure_date_of_birth_sane(data["date_of_birth"])
        values["date_of_birth"] = data["date_of_birth"]
    answers = {}
    for question in questions:
        if question.key in data:
            answers[question.key] = ensure_answer_valid(question, data[question.key])
    if answers:
        values["answers"] = answers
    return values


def accreditation_save(
    *, actor: Actor, participant: Participant, data: dict, photo=None, crop: CropBox | None = None
) -> Accreditation:
    """Fill in or change a participant's accreditation; a change sends a decided one back to the secretariat."""
    _ensure_can_change(actor, participant)
    meeting = participant.delegation.meeting
    values = checked_values(meeting, data, questions_for(meeting))
    stored_photo = normalised_photo(photo, crop=crop) if photo is not None else None
    written: list[str] = []
    try:
        return _save_locked(actor, participant, values, stored_photo, written)
    except BaseException:
        for name in written:  # the transaction rolled back after the new photo was written
            try:
                default_storage.delete(name)
            except file_storage.UNREACHABLE:  # the sweep (manage.py sweep_files) finds it later
                logger.exception("Could not delete the stored photo %s", name)
        raise


def _save_locked(
    actor: Actor, participant: Participant, values: dict, stored_photo: bytes | None, written: list[str]
) -> Accreditation:
    with transaction.atomic():
        lock(Participant.objects.filter(pk=participant.pk))
        accreditation = Accreditation.objects.filter(participant=participant).first() or Accreditation(
            participant=participant
        )
        answers = {**(accreditation.answers or {}), **values.pop("answers", {})}
        changed = answers != (accreditation.answers or {}) or stored_photo is not None
        for name, value in values.items():
            changed |= getattr(accreditation, name) != value
            setattr(accreditation, name, value)
        accreditation.answers = answers
        if stored_photo is not None:
            previous = accreditation.photo.name if accreditation.photo else ""
            with file_storage.reachable():  # a store that is down: a clear "try again", nothing saved
                accreditation.photo.save(f"{secrets.token_hex(12)}.jpg", ContentFile(stored_photo), save=False)
            written.append(accreditation.photo.name or "")
            if previous:
                transaction.on_commit(lambda: default_storage.delete(previous), robust=True)
        if changed and accreditation.status != Accreditation.Status.PENDING and not is_secretariat(actor):
            accreditation.status = Accreditation.Status.PENDING
            accreditation.decided_by, accreditation.decided_at = None, None
        with audit_as(actor):
            accreditation.save()
    return accreditation


def accreditation_decide(*, actor: Actor, participant: Participant, accredit: bool, reason: str = "") -> Accreditation:
    """The secretariat accredits a complete participant, or returns the accreditation with a reason."""
    ensure_secretariat(actor)
    meeting = participant.delegation.meeting
    with transaction.atomic():
        lock(Participant.objects.filter(pk=participant.pk))
        accreditation = Accreditation.objects.filter(participant=participant).first() or Accreditation(
            participant=participant
        )
        if accredit:
            if participant.is_withdrawn:
                raise DomainError(_("This participant is withdrawn."))
            missing = missing_items(accreditation, requirements_for(meeting), questions_for(meeting))
            if missing:
                raise AccreditationIncomplete(_("Still missing: %(items)s.") % {"items": ", ".join(missing)})
            ensure_passport_valid(accreditation.passport_expiry, meeting)
            accreditation.status, accreditation.return_reason = Accreditation.Status.ACCREDITED, ""
        else:
            if not reason.strip():
                raise DomainError(_("Say why the accreditation is returned."), field="reason")
            accreditation.status, accreditation.return_reason = Accreditation.Status.RETURNED, reason.strip()
        accreditation.decided_by, accreditation.decided_at = acting_user(actor), timezone.now()
        with audit_as(actor):
            accreditation.save()
    return accreditation


def passport_data_due(*, now: dt.datetime | None = None) -> QuerySet[Accreditation]:
    days = settings.ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING
    if days <= 0:
        return Accreditation.objects.none()
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    has_data = ~Q(passport_number="") | Q(passport_expiry__isnull=False) | Q(date_of_birth__isnull=False)
    return Accreditation.objects.filter(has_data, participant__delegation__meeting__end__lt=cutoff)


def delete_passport_data(*, now: dt.datetime | None = None) -> int:
    """The retention rule for passport data: blanked ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING days after the meeting."""
    now = now or timezone.now()
    deleted = passport_data_due(now=now).update(
        passport_number="", passport_expiry=None, date_of_birth=None, passport_data_deleted_at=now, updated_at=now
    )
    if deleted:
        logger.info("retention: deleted the passport data of %d accreditation(s)", deleted)
    return deleted


# --- Letters on request ------------------------------------------------------------------------------------


def letter_requests_create(
    *, actor: Actor, meeting: Meeting, participant_ids: Collection[int], purpose: str, language: str
) -> list[LetterRequest]:
    """A focal point (or the secretariat) asks for a letter for each chosen delegate of the meeting."""
    if purpose not in LetterRequest.Purpose.values:
        raise DomainError(_("Choose the letter's purpose."), field="purpose")
    if not participant_ids:
        raise DomainError(_("Choose at least one delegate."), field="participants")
    created = []
    with transaction.atomic():
        participants = list(
            Participant.objects.filter(pk__in=participant_ids, delegation__meeting=meeting).select_related(
                "delegation__member_state"
            )
        )
        if len(participants) != len(set(participant_ids)):
            raise NotFound
        for participant in participants:
            if not can_see_passport(actor, participant):
                raise NotFound
            if participant.is_withdrawn:
                raise DomainError(_("%(name)s is withdrawn.") % {"name": participant.full_name}, field="participants")
            request = LetterRequest(
                participant=participant, purpose=purpose, language=language, requested_by=acting_user(actor)
            )
            try:
                with transaction.atomic(), audit_as(actor):
                    request.save()
            except IntegrityError:
                raise DomainError(
                    _("A letter for this purpose is already requested for %(name)s.") % {"name": participant.full_name},
                    field="participants",
                ) from None
            created.append(request)
    return created


def _locked_open_request(request: LetterRequest) -> LetterRequest:
    [locked] = lock(LetterRequest.objects.filter(pk=request.pk)) or [None]
    if locked is None:
        raise NotFound
    if locked.state != LetterRequest.State.REQUESTED:
        raise LetterRefused(_("This request is already %(state)s.") % {"state": locked.get_state_display().lower()})
    return locked


def ensure_letter_issuable(request: LetterRequest) -> None:
    participant = request.participant
    if participant.is_withdrawn or participant.anonymised_at:
        raise LetterRefused(_("This participant is withdrawn."))
    if request.purpose == LetterRequest.Purpose.VISA:
        accreditation = Accreditation.objects.filter(participant=participant).first()
        if accreditation is None or not (accreditation.passport_number and accreditation.passport_expiry):
            raise LetterRefused(
                _("A visa letter needs the passport number and expiry date: ask the focal point to fill them in.")
            )
        ensure_passport_valid(accreditation.passport_expiry, participant.delegation.meeting)


def letter_request_issue(*, actor: Actor, request: LetterRequest) -> LetterRequest:
    ensure_secretariat(actor)
    with transaction.atomic():
        locked = _locked_open_request(request)
        ensure_letter_issuable(locked)
        meeting = locked.participant.delegation.meeting
        locked.state = LetterRequest.State.ISSUED
        locked.issued_on = timezone.localdate(timezone=meeting.tz)
        locked.reference = f"ACCSM-{meeting.pk}-{locked.pk}-{locked.issued_on:%Y}"
        locked.verification_code = secrets.token_urlsafe(12)
        locked.decided_by, locked.decided_at = acting_user(actor), timezone.now()
        with audit_as(actor):
            locked.save()
    return locked


def letter_request_decline(*, actor: Actor, request: LetterRequest, reason: str) -> LetterRequest:
    ensure_secretariat(actor)
    if not reason.strip():
        raise DomainError(_("Say why the letter is declined."), field="reason")
    with transaction.atomic():
        locked = _locked_open_request(request)
        locked.state, locked.decline_reason = LetterRequest.State.DECLINED, reason.strip()
        locked.decided_by, locked.decided_at = acting_user(actor), timezone.now()
        with audit_as(actor):
            locked.save()
    return locked


def letter_request_for_actor(*, actor: Actor, pk: int) -> LetterRequest:
    request = (
        LetterRequest.objects.select_related("participant__delegation__meeting__chairmanship").filter(pk=pk).first()
    )
    if request is None or not can_see_passport(actor, request.participant):
        raise NotFound
    return request


def letter_pdf(request: LetterRequest) -> bytes:
    """The issued letter: the invitation letter with its reference, verification code and, for a visa, the
    passport data."""
    from django.urls import reverse
    from django.utils import translation

    from registrations.letters import render_invitation_letter

    if request.state != LetterRequest.State.ISSUED:
        raise NotFound
    participant = request.participant
    extra_lines: list[str] = []
    if request.purpose == LetterRequest.Purpose.VISA:
        accreditation = Accreditation.objects.filter(participant=participant).first()
        if accreditation and accreditation.passport_number:
            with translation.override(request.language):
                extra_lines.append(
                    _("Passport number %(number)s, valid until %(expiry)s")
                    % {
                        "number": accreditation.passport_number,
                        "expiry": formats.date_format(accreditation.passport_expiry, "DATE_FORMAT")
                        if accreditation.passport_expiry
                        else "",
                    }
                )
                if accreditation.nationality:
                    extra_lines.append(_("Nationality: %(nationality)s") % {"nationality": accreditation.nationality})
                if accreditation.date_of_birth:
                    extra_lines.append(
                        _("Date of birth: %(date)s")
                        % {"date": formats.date_format(accreditation.date_of_birth, "DATE_FORMAT")}
                    )
    with translation.override(request.language):  # the page in the letter's language
        verify_path = reverse("accreditation:verify", kwargs={"code": request.verification_code})
    return render_invitation_letter(
        participant,
        language=request.language,
        reference=request.reference or "",
        verification=f"{settings.SITE_URL}{verify_path}",
        verification_code=request.verification_code or "",
        extra_lines=extra_lines,
        issued_on=request.issued_on,
    )


def verified_letter(code: str) -> LetterRequest | None:
    if not code or len(code) > 40:
        return None
    return (
        LetterRequest.objects.select_related("participant__delegation__meeting")
        .filter(verification_code=code, state=LetterRequest.State.ISSUED)
        .first()
    )


def scrub_audit(participant_ids: list[int]) -> None:
    """Blank what the audit trail keeps about these participants' accreditations and letter requests."""
    from django.contrib.contenttypes.models import ContentType

    for model in (Accreditation, LetterRequest):
        ids = list(model.objects.filter(participant_id__in=participant_ids).values_list("pk", flat=True))
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=ids).update(
            changes={}, changes_text="", serialized_data=None
        )


# --- Pages' rows ---------------------------------------------------------------------------------------------


def mark_completeness(participants: list[Participant], meeting: Meeting) -> list[Participant]:
    """Each participant marked with its accreditation (`accreditation_record`) and what it lacks
    (`accreditation_missing`); the participants come with select_related("accreditation"). Two queries."""
    requirements = requirements_for(meeting)
    questions = questions_for(meeting)
    for participant in participants:
        record = accreditation_of(participant)
        participant.accreditation_record = record  # type: ignore[attr-defined]
        participant.accreditation_missing = missing_items(record, requirements, questions)  # type: ignore[attr-defined]
    return participants


def accreditation_asked(meeting: Meeting) -> bool:
    return requirements_for(meeting).asks_anything or AccreditationQuestion.objects.filter(meeting=meeting).exists()


def record_export(
    *, actor: Actor, participants: list[Participant], with_passport: bool, file_format: str = "csv"
) -> None:
    """The accreditation list's download, in the audit trail as an access to each person listed."""
    ensure_secretariat(actor)
    purpose = "accreditation_list_passport" if with_passport else "accreditation_list"
    if file_format != "csv":
        purpose = f"{purpose}_{file_format}"
    for participant in participants:
        record_access(actor, participant, purpose=purpose, people=len(participants))


def record_letter_download(*, actor: Actor, letter: LetterRequest) -> None:
    record_access(actor, letter.participant, purpose="issued_letter", people=1, reference=letter.reference)
