"""The written procedure: a text agreed between meetings by the countries the secretariat chooses.

Rules held here (and by constraints in the database where one can hold them):
- only the secretariat circulates a procedure (a title in English, a text or a link to the document, a
  deadline still ahead, at least one country) and closes it;
- a focal point answers for their own country only, if it was chosen (else the procedure is a 404):
  no objection, comments (with the comments) or objection (with the reasons);
- a new answer replaces the country's previous one until the deadline; both are kept (the previous one
  is no longer current); at the deadline and after it, answers are final;
- a procedure closes once, at or after its deadline, and its outcome follows from the current answers:
  any objection: not adopted; a country silent when silence does not count as agreement: not adopted;
  otherwise comments make it "adopted with changes", and without comments it is adopted.
  After closing nothing changes;
- a procedure may agree one of the portal's records: a draft declaration (its outcome becomes a step of
  the declaration's track: the step chosen when adopted, a milestone saying so when not), a project
  proposal (approved, or returned, as a SOM would), or the report of a meeting that has taken place
  (adopted ad referendum). The outcome is written there in the same transaction as the close.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor
from common.audit import audit_as
from common.errors import Conflict, DomainError, NotFound
from common.locking import lock
from common.rules import can
from documents.models import DeclarationStep, Document
from meetings.models import Meeting, MemberState
from workplan.models import Initiative, InitiativeDecision

from ..emails import enqueue_procedure_circulated, enqueue_procedure_closed
from ..models import Answer, ProcedureCountry, WrittenProcedure
from .common import clean_text, ensure_secretariat, full_clean, own_member_state

Outcome = WrittenProcedure.Outcome


class ProcedureClosed(DomainError):
    code = "procedure_closed"
    default_message = _("This written procedure is closed; its answers are final.")


class DeadlinePassed(DomainError):
    code = "deadline_passed"
    default_message = _("The deadline has passed; answers can no longer be given or changed.")


@dataclass(frozen=True)
class ProcedureData:
    title_en: str
    deadline: dt.datetime | None
    member_states: tuple[MemberState, ...] = field(default_factory=tuple)
    title_vi: str = ""
    body_en: str = ""
    body_vi: str = ""
    document_url: str = ""
    silence_is_agreement: bool = True
    time_zone: str = "Asia/Ho_Chi_Minh"
    declaration: Document | None = None
    declaration_step: str = ""
    initiative: Initiative | None = None
    report_of: Meeting | None = None


def addressable_member_states():
    """The countries a procedure may be circulated to: the form's choices and the service's rule."""
    return MemberState.objects.exclude(group=MemberState.Group.SECRETARIAT).order_by("name")


def _deadline_text(procedure: WrittenProcedure) -> str:
    local = timezone.localtime(procedure.deadline, zoneinfo.ZoneInfo(procedure.time_zone))
    return f"{date_format(local, 'DATETIME_FORMAT')} ({procedure.time_zone})"


# --- Circulating -----------------------------------------------------------------------------------


def _check_procedure(data: ProcedureData, now: dt.datetime) -> None:
    if not clean_text(data.title_en):
        raise DomainError(_("Give the title in English."), field="title_en")
    if not clean_text(data.body_en) and not clean_text(data.document_url):
        raise DomainError(_("Give the text in English or a link to the document."), field="body_en")
    if data.deadline is None:
        raise DomainError(_("Give the deadline."), field="deadline")
    if timezone.is_naive(data.deadline):
        raise DomainError(_("Give the deadline with its time zone."), field="deadline")
    if data.deadline <= now:
        raise DomainError(_("The deadline must be in the future."), field="deadline")
    if data.time_zone not in zoneinfo.available_timezones():
        raise DomainError(_("Choose a time zone such as Asia/Ho_Chi_Minh."), field="time_zone")
    if not data.member_states:
        raise DomainError(_("Choose at least one country to answer."), field="member_states")
    allowed = set(addressable_member_states().values_list("pk", flat=True))
    if any(state.pk not in allowed for state in data.member_states):
        raise DomainError(_("Choose countries from the list."), field="member_states")
    _check_subject(data, now)


DECLARATION_STEPS = (
    DeclarationStep.Kind.ENDORSED_BY_SOM,
    DeclarationStep.Kind.ADOPTED_BY_HCS,
    DeclarationStep.Kind.OTHER,
)


def _check_subject(data: ProcedureData, now: dt.datetime) -> None:
    """At most one record the procedure agrees, and one that can still be agreed."""
    if sum(subject is not None for subject in (data.declaration, data.initiative, data.report_of)) > 1:
        raise DomainError(
            _("A procedure agrees one text: a declaration, a project proposal or a meeting's report."),
            field="declaration",
        )
    if data.declaration is not None:
        if data.declaration.kind != Document.Kind.DECLARATION:
            raise DomainError(_("Choose a declaration."), field="declaration")
        if data.declaration.status in (Document.Status.ADOPTED, Document.Status.SUPERSEDED):
            raise DomainError(_("This declaration has already been adopted."), field="declaration")
        if data.declaration_step not in DECLARATION_STEPS:
            raise DomainError(_("Choose the step its adoption records."), field="declaration_step")
    elif data.declaration_step:
        raise DomainError(_("Choose the declaration this step belongs to."), field="declaration")
    if data.initiative is not None and data.initiative.status != Initiative.Status.PROPOSED:
        raise DomainError(_("Only a proposal awaiting a decision can be decided."), field="initiative")
    if data.report_of is not None:
        from .reports import ensure_can_adopt_report

        ensure_can_adopt_report_field(ensure_can_adopt_report, data.report_of, now)


def ensure_can_adopt_report_field(rule, meeting: Meeting, now: dt.datetime) -> None:
    """The report's own rule (services.reports), its refusal shown beside the field."""
    try:
        rule(None, meeting, now=now, check_actor=False)
    except DomainError as error:
        raise DomainError(error.message, field="report_of") from None


def procedure_circulate(*, actor: Actor, data: ProcedureData) -> WrittenProcedure:
    ensure_secretariat(actor)
    _check_procedure(data, timezone.now())
    procedure = WrittenProcedure(
        title_en=clean_text(data.title_en),
        title_vi=clean_text(data.title_vi),
        body_en=clean_text(data.body_en),
        body_vi=clean_text(data.body_vi),
        document_url=clean_text(data.document_url),
        deadline=data.deadline,
        time_zone=data.time_zone,
        silence_is_agreement=data.silence_is_agreement,
        circulated_by=actor,
        declaration=data.declaration,
        declaration_step=data.declaration_step if data.declaration else "",
        initiative=data.initiative,
        report_of=data.report_of,
    )
    full_clean(procedure)
    states = {state.pk: state for state in data.member_states}
    with transaction.atomic(), audit_as(actor):
        procedure.save()
        for state in states.values():
            ProcedureCountry.objects.create(procedure=procedure, member_state=state)
        enqueue_procedure_circulated(procedure)
    return procedure


# --- Answering -------------------------------------------------------------------------------------


def _ensure_open(procedure: WrittenProcedure, now: dt.datetime) -> None:
    if procedure.is_closed:
        raise ProcedureClosed(
            _("This written procedure closed on %(date)s; its answers are final.")
            % {"date": date_format(timezone.localtime(procedure.closed_at), "DATETIME_FORMAT")}
        )
    if now >= procedure.deadline:
        raise DeadlinePassed(
            _("The deadline, %(deadline)s, has passed; answers can no longer be given or changed.")
            % {"deadline": _deadline_text(procedure)}
        )


def _country_of(actor: Actor, procedure: WrittenProcedure) -> ProcedureCountry:
    own = own_member_state(actor)
    country = ProcedureCountry.objects.filter(procedure=procedure, member_state=own).first()
    if country is None:
        raise NotFound
    return country


def ensure_can_answer(actor: Actor, procedure: WrittenProcedure) -> ProcedureCountry:
    country = _country_of(actor, procedure)
    _ensure_open(procedure, timezone.now())
    return country


can_answer = can(ensure_can_answer)


def _check_answer(kind: str, text: str) -> None:
    if kind not in Answer.Kind.values:
        raise DomainError(_("Choose no objection, comments or objection."), field="kind")
    if kind == Answer.Kind.COMMENTS and not text:
        raise DomainError(_("Write your comments on the text."), field="text")
    if kind == Answer.Kind.OBJECTION and not text:
        raise DomainError(_("Give the reasons for the objection."), field="text")


def procedure_answer(
    *, actor: Actor, procedure: WrittenProcedure, kind: str, text: str = "", member_state: MemberState | None = None
) -> Answer:
    """The focal point's country answers. `member_state`, if a client sends one, must be that country."""
    own = own_member_state(actor)
    if member_state is not None and member_state.pk != own.pk:
        raise DomainError(
            _("You can answer only for your own country, %(country)s.") % {"country": own.name},
            field="member_state",
        )
    country = _country_of(actor, procedure)
    text = clean_text(text)
    _check_answer(kind, text)
    with transaction.atomic():
        # The procedure first (a close waits for the answer, or the answer sees it closed), then the country:
        # two answers of one country at once take turns, so exactly one stays current.
        procedure, country = lock(procedure, country)
        _ensure_open(procedure, timezone.now())
        with audit_as(actor, member_state=own.code):
            for previous in Answer.objects.filter(country=country, is_current=True):
                previous.is_current = False
                previous.save(update_fields=["is_current", "updated_at"])
            answer = Answer(country=country, kind=kind, text=text if kind != Answer.Kind.NO_OBJECTION else "")
            answer.answered_by = actor
            full_clean(answer)
            answer.save()
    return answer


# --- Closing ---------------------------------------------------------------------------------------


def outcome_of(*, silence_is_agreement: bool, countries: int, current: Iterable[str]) -> str:
    """The outcome the rules give for the current answers' kinds of `countries` chosen countries."""
    kinds = list(current)
    if Answer.Kind.OBJECTION in kinds:
        return Outcome.NOT_ADOPTED
    if len(kinds) < countries and not silence_is_agreement:
        return Outcome.NOT_ADOPTED
    if Answer.Kind.COMMENTS in kinds:
        return Outcome.ADOPTED_WITH_CHANGES
    return Outcome.ADOPTED


def ensure_can_close(actor: Actor, procedure: WrittenProcedure, now: dt.datetime | None = None) -> None:
    ensure_secretariat(actor)
    if procedure.is_closed:
        raise Conflict(
            _("This written procedure was already closed on %(date)s.")
            % {"date": date_format(timezone.localtime(procedure.closed_at), "DATETIME_FORMAT")}
        )
    if (now or timezone.now()) < procedure.deadline:
        raise DomainError(
            _("This procedure closes at its deadline, %(deadline)s; until then countries may still answer.")
            % {"deadline": _deadline_text(procedure)}
        )


can_close = can(ensure_can_close)


def _subject_rows(procedure: WrittenProcedure) -> list:
    """The rows that writing the outcome locks (the declaration, the initiative, or the meeting and its
    report documents): locked with the procedure, in the one order, before it (CONTRIBUTING.md)."""
    if procedure.declaration_id is not None:
        return [Document.objects.filter(pk=procedure.declaration_id)]
    if procedure.initiative_id is not None:
        return [Initiative.objects.filter(pk=procedure.initiative_id)]
    if procedure.report_of_id is not None:
        from .reports import report_documents

        documents = [document.pk for document in report_documents(procedure.report_of).values()]  # type: ignore[arg-type]
        return [Meeting.objects.filter(pk=procedure.report_of_id), Document.objects.filter(pk__in=documents)]
    return []


def procedure_close(*, actor: Actor, procedure: WrittenProcedure) -> WrittenProcedure:
    with transaction.atomic():
        *_subjects, procedure = lock(*_subject_rows(procedure), procedure)
        now = timezone.now()
        ensure_can_close(actor, procedure, now)
        current = Answer.objects.filter(country__procedure=procedure, is_current=True).values_list("kind", flat=True)
        procedure.outcome = outcome_of(
            silence_is_agreement=procedure.silence_is_agreement,
            countries=procedure.countries.count(),
            current=current,
        )
        procedure.status = WrittenProcedure.Status.CLOSED
        procedure.closed_at = now
        procedure.closed_by = actor
        with audit_as(actor):
            procedure.save()
        record_outcome(actor=actor, procedure=procedure)
        enqueue_procedure_closed(procedure)
    return procedure


# --- The outcome, written into the record it agrees ---------------------------------------------------


def _outcome_notes(procedure: WrittenProcedure) -> dict[str, str]:
    notes = {}
    for language in ("en", "vi"):
        with translation.override(language):
            title = getattr(procedure, f"title_{language}") or procedure.title_en
            if procedure.outcome == Outcome.ADOPTED:
                text = gettext("Adopted by the written procedure “%(procedure)s”.")
            elif procedure.outcome == Outcome.ADOPTED_WITH_CHANGES:
                text = gettext("Adopted with changes by the written procedure “%(procedure)s”.")
            else:
                text = gettext("Not adopted by the written procedure “%(procedure)s”.")
            notes[language] = text % {"procedure": title}
    return notes


def record_outcome(*, actor: Actor, procedure: WrittenProcedure) -> None:
    """Write a closed procedure's outcome into what it agreed (nothing for a free text)."""
    from documents.services import declaration_step_add
    from workplan.services import initiative_decide_by_procedure

    from .reports import report_adopt

    notes = _outcome_notes(procedure)
    if procedure.declaration_id is not None:
        kind = procedure.declaration_step if procedure.is_adopted else DeclarationStep.Kind.OTHER
        declaration_step_add(
            actor=actor,
            document=procedure.declaration,  # type: ignore[arg-type]  # declaration_id is set
            kind=kind,
            procedure=procedure,
            note_en=notes["en"],
            note_vi=notes["vi"],
        )
    elif procedure.initiative_id is not None:
        outcome = InitiativeDecision.Outcome.APPROVED if procedure.is_adopted else InitiativeDecision.Outcome.RETURNED
        initiative_decide_by_procedure(
            actor=actor,
            initiative=procedure.initiative,  # type: ignore[arg-type]  # initiative_id is set
            procedure=procedure,
            outcome=outcome,
            note=notes["en"],
        )
    elif procedure.report_of_id is not None and procedure.is_adopted:
        report_adopt(actor=actor, meeting=procedure.report_of, procedure=procedure)  # type: ignore[arg-type]
