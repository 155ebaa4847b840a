"""Writes to documents: uploads and versions, status changes, declaration steps, deletion, text extraction.
Pages, the API, the admin, other apps (the work plan's progress updates) and tasks all call these.

Rules held here:
- the secretariat uploads any document; a focal point uploads only papers of their own country (a
  country report to a meeting their country is invited to, say): the country comes from the actor, the
  visibility is "member states" and the status "draft" until the secretariat circulates it;
- a file is checked by its content (documents/files.py) and stored under a generated name; when the
  upload fails nothing stays behind, neither a row nor a file;
- a new upload of a document becomes its next version; earlier versions stay;
- status moves draft → circulated → adopted, and circulated or adopted → superseded; each move is
  recorded with who, when and (for a report adopted by a meeting) at which meeting;
- deleting a document deletes its files once the deletion is committed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user, ensure_secretariat, is_secretariat, member_state_of
from common import storage
from common.audit import audit_as
from common.errors import DomainError, Forbidden, NotFound, full_clean
from common.locking import lock
from common.rules import can
from meetings.models import AgendaItem, Meeting, MemberState
from webhooks.events import emit
from workplan.models import Initiative

if TYPE_CHECKING:
    from proceedings.models import WrittenProcedure

from . import text as document_text
from .files import inspect_upload
from .models import DeclarationStep, Document, DocumentStatusChange, DocumentVersion
from .selectors import documents_visible_to, initiatives_open_for_papers, meetings_open_for_papers

logger = logging.getLogger(__name__)

Status = Document.Status

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.CIRCULATED,),
    Status.CIRCULATED: (Status.ADOPTED, Status.SUPERSEDED),
    Status.ADOPTED: (Status.SUPERSEDED,),
    Status.SUPERSEDED: (),
}
# Kinds of paper that a meeting adopts as its own record.
MEETING_RECORDS = (Document.Kind.REPORT, Document.Kind.MINUTES)
# A paper leaves the secretariat's desk (issue 19: the webhooks' "document released").
RELEASED_STATUSES = (Document.Status.CIRCULATED, Document.Status.ADOPTED)
# What a focal point may upload for their country.
FOCAL_POINT_KINDS = (
    Document.Kind.COUNTRY_REPORT,
    Document.Kind.PRESENTATION,
    Document.Kind.STATEMENT,
    Document.Kind.REPORT,
    Document.Kind.OTHER,
)
# Documents that stand on their own, tied to no meeting or initiative.
FREESTANDING_KINDS = (Document.Kind.DECLARATION, Document.Kind.WORK_PLAN)


class StatusChangeNotAllowed(DomainError):
    code = "status_change_not_allowed"
    default_message = _("A document cannot move to this status from its current one.")


class DocumentClosed(DomainError):
    code = "document_closed"
    default_message = _("This document has been superseded; upload a new document instead.")


# --- Stored files ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _files_removed_on_failure():
    """Collects the names of files stored inside the block and deletes them if the block fails, so a
    refused or rolled-back upload leaves no orphan file. (Files left by a rollback of an enclosing
    transaction are removed by the sweep, common.storage.sweep_orphans.)"""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            _delete_file(name)
        raise


def _delete_file(name: str) -> None:
    try:
        default_storage.delete(name)
    except storage.UNREACHABLE:  # the sweep (common.storage.sweep_orphans) finds it later
        logger.exception("Could not delete the stored document file %s", name)


def delete_file_on_commit(name: str) -> None:
    """Delete a stored file once the transaction that removed its row commits (never if it rolls back)."""
    if name:
        transaction.on_commit(lambda: _delete_file(name), robust=True)


def _new_version(*, actor: Actor, document: Document, upload, number: int, stored: list[str]) -> DocumentVersion:
    inspected = inspect_upload(upload)
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=inspected.original_name,
        content_type=inspected.kind.content_type,
        size=inspected.size,
        checksum=inspected.checksum,
        uploaded_by=acting_user(actor),
    )
    with storage.reachable():
        version.file.save(inspected.storage_name(), upload, save=False)
    stored.append(version.file.name)  # type: ignore[arg-type]  # saved just above: it has a name
    version.save()
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    _extract_text_later(version)
    return version


def _extract_text_later(version: DocumentVersion) -> None:
    """Queue the text extraction once the upload is committed. Like the task's delay_on_commit, but robust:
    a broker that is down must not turn a stored upload into an error page (the user would upload again)."""
    from .tasks import extract_document_text

    if version.content_type in document_text.EXTRACTABLE:
        version_id = version.pk
        transaction.on_commit(lambda: extract_document_text.delay(version_id), robust=True)


# --- Upload ---------------------------------------------------------------------------------------


def document_upload(
    *,
    actor: Actor,
    file,
    title_en: str,
    title_vi: str = "",
    kind: str = Document.Kind.OTHER,
    language: str = Document.Language.EN,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    initiative: Initiative | None = None,
    member_state: MemberState | None = None,
    visibility: str = Document.Visibility.SECRETARIAT,
    status: str = Status.DRAFT,
) -> Document:
    """Create a document with its first version. The secretariat may set everything (and upload straight
    as circulated); a focal point's document is their country's, visible to member states, a draft."""
    if agenda_item is not None:
        if meeting is not None and agenda_item.meeting_id != meeting.pk:
            raise DomainError(_("This agenda item belongs to another meeting."), field="agenda_item")
        meeting = agenda_item.meeting
    if is_secretariat(actor):
        if status not in (Status.DRAFT, Status.CIRCULATED):
            raise DomainError(_("A new document is a draft or circulated at once."), field="status")
    else:
        member_state = _focal_point_country(actor)
        _ensure_focal_point_may_attach(member_state, kind=kind, meeting=meeting, initiative=initiative)
        visibility, status = Document.Visibility.MEMBER_STATES, Status.DRAFT
    document = Document(
        title_en=(title_en or "").strip(),
        title_vi=(title_vi or "").strip(),
        kind=kind,
        language=language,
        meeting=meeting,
        agenda_item=agenda_item,
        initiative=initiative,
        member_state=member_state,
        visibility=visibility,
        status=status,
        status_changed_at=timezone.now(),
        status_changed_by=acting_user(actor),
        created_by=acting_user(actor),
    )
    _ensure_complete(document)
    with _files_removed_on_failure() as stored, transaction.atomic(), audit_as(actor):
        document.save()
        _new_version(actor=actor, document=document, upload=file, number=1, stored=stored)
        DocumentStatusChange.objects.create(
            document=document,
            old_status="",
            new_status=status,
            changed_by=acting_user(actor),
            changed_at=document.status_changed_at,  # type: ignore[misc]  # set above, never None here
        )
    return document


def country_report_upload(
    *, actor: Actor, meeting: Meeting, file, title_en: str, title_vi: str = "", language: str = Document.Language.EN
) -> Document:
    """A focal point's country report to a meeting (the secretariat may upload one for a country too)."""
    return document_upload(
        actor=actor,
        file=file,
        title_en=title_en,
        title_vi=title_vi,
        kind=Document.Kind.COUNTRY_REPORT,
        language=language,
        meeting=meeting,
        member_state=member_state_of(actor),
        visibility=Document.Visibility.MEMBER_STATES,
    )


def _focal_point_country(actor: Actor) -> MemberState:
    member_state = member_state_of(actor)
    if member_state is None:
        raise Forbidden
    return member_state


def _ensure_focal_point_may_attach(
    member_state: MemberState, *, kind: str, meeting: Meeting | None, initiative: Initiative | None
) -> None:
    if kind not in FOCAL_POINT_KINDS:
        raise DomainError(_("Focal points may upload country reports, presentations and statements."), field="kind")
    if meeting is not None:
        _ensure_country_may_attach_to_meeting(member_state, meeting)
    if initiative is not None and not initiatives_open_for_papers(member_state).filter(pk=initiative.pk).exists():
        raise NotFound


def _ensure_country_may_attach_to_meeting(member_state: MemberState, meeting: Meeting) -> None:
    if not meetings_open_for_papers(member_state).filter(pk=meeting.pk).exists():
        if not Meeting.objects.published().invited(member_state).filter(pk=meeting.pk).exists():
            raise NotFound  # not announced, or not their country's meeting: as if it did not exist
        raise DomainError(_("Papers can no longer be uploaded to this meeting."), field="meeting")


def ensure_may_upload_to_meeting(actor, meeting: Meeting) -> None:
    """The secretariat attaches papers to any meeting; a focal point to one of `meetings_open_for_papers`."""
    if is_secretariat(actor):
        return
    _ensure_country_may_attach_to_meeting(_focal_point_country(actor), meeting)


can_upload_to_meeting = can(ensure_may_upload_to_meeting)


def _ensure_complete(document: Document) -> None:
    """A document has an English title, belongs somewhere (unless it stands alone) and, as a country
    report, names its country."""
    if not document.title_en:
        raise DomainError(_("Give the English title."), field="title_en")
    if document.meeting is None and document.initiative is None and document.kind not in FREESTANDING_KINDS:
        raise DomainError(_("Choose the meeting, agenda item or initiative this document belongs to."), field="meeting")
    if document.kind == Document.Kind.COUNTRY_REPORT and document.member_state is None:
        raise DomainError(_("Choose the country whose report this is."), field="member_state")
    _full_clean(document, exclude=["current_version", "title", "title_en", "title_vi"])


def _full_clean(obj, *, exclude=None) -> None:
    full_clean(obj, exclude=exclude, validate_unique=False)


EDITABLE_FIELDS = (
    "title_en",
    "title_vi",
    "kind",
    "language",
    "meeting",
    "agenda_item",
    "initiative",
    "member_state",
    "visibility",
)


def document_update(*, actor: Actor, document: Document, **changes) -> Document:
    """Change a document's description and who may see it (secretariat only; files and status have their
    own services)."""
    ensure_secretariat(actor)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"document_update() cannot change {sorted(unknown)}")
    with transaction.atomic(), audit_as(actor):
        [document] = lock(document)
        for name, value in changes.items():
            setattr(document, name, value.strip() if isinstance(value, str) else value)
        item = document.agenda_item
        if item is not None and document.meeting_id != item.meeting_id:
            if changes.get("meeting") is not None:
                raise DomainError(_("This agenda item belongs to another meeting."), field="agenda_item")
            document.meeting = item.meeting  # the agenda item names its meeting
        _ensure_complete(document)
        document.save()
    return document


# --- Versions -------------------------------------------------------------------------------------


def document_add_version(*, actor: Actor, document: Document, file) -> DocumentVersion:
    """Upload a new version of a document; the earlier versions stay downloadable."""
    _ensure_may_change(actor, document)
    with _files_removed_on_failure() as stored, transaction.atomic(), audit_as(actor):
        [document] = lock(document)
        _ensure_open_for_versions(actor, document)
        number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        return _new_version(actor=actor, document=document, upload=file, number=number, stored=stored)


def _ensure_may_change(actor: Actor, document: Document) -> None:
    """The secretariat changes any document; a focal point only their own country's drafts. A document
    the actor cannot see is NotFound (whether it exists stays unknown); one they see but may not change
    is Forbidden (its existence is no secret to them)."""
    if is_secretariat(actor):
        return
    if not documents_visible_to(actor).filter(pk=document.pk).exists():
        raise NotFound
    member_state = member_state_of(actor)
    if member_state is None or document.member_state_id != member_state.pk:
        raise Forbidden


def _ensure_open_for_versions(actor, document: Document) -> None:
    if document.status == Status.SUPERSEDED:
        raise DocumentClosed(field="file")
    if not is_secretariat(actor) and document.status != Status.DRAFT:
        raise DomainError(_("This document has been circulated; ask the secretariat to replace it."), field="file")


def ensure_may_add_version(actor, document: Document) -> None:
    """What document_add_version checks, asked before the upload (the page offers the form only then)."""
    _ensure_may_change(actor, document)
    _ensure_open_for_versions(actor, document)


can_add_version = can(ensure_may_add_version)


# --- Status ---------------------------------------------------------------------------------------


def document_set_status(
    *, actor: Actor, document: Document, status: str, meeting: Meeting | None = None, note: str = ""
) -> DocumentStatusChange:
    """Move a document on (secretariat only). Adopting a meeting's report is recorded with that meeting
    (the meeting the report belongs to, unless another meeting adopted it)."""
    from meetings.services.schedule import meeting_paper_released

    ensure_secretariat(actor)
    with transaction.atomic(), audit_as(actor):
        # The meeting first (the project's lock order): a paper released is a change of the meeting's.
        meeting_row, document = (
            lock(document.meeting, document)  # type: ignore[arg-type]  # meeting_id is set
            if document.meeting_id
            else (None, *lock(document))
        )
        if status not in TRANSITIONS.get(document.status, ()):
            raise StatusChangeNotAllowed(
                _("A document that is “%(current)s” cannot become “%(new)s”.")
                % {"current": document.get_status_display(), "new": Status(status).label},
                field="status",
            )
        if status == Status.CIRCULATED and document.current_version_id is None:
            raise DomainError(_("Upload the file before circulating the document."), field="status")
        if status == Status.ADOPTED and meeting is None and document.kind in MEETING_RECORDS:
            meeting = document.meeting
        if status != Status.ADOPTED:
            meeting = None
        newly_released = status in RELEASED_STATUSES and document.status not in RELEASED_STATUSES
        change = _record_status(actor=actor, document=document, status=status, meeting=meeting, note=note)
        if status in RELEASED_STATUSES and document.visibility != Document.Visibility.SECRETARIAT:
            emit("document.released", document)  # issue 19: webhooks, written in this transaction
            if newly_released and meeting_row is not None:
                meeting_paper_released(actor=actor, meeting=meeting_row, document=document)  # issue 19: told
        return change


def _record_status(*, actor: Actor, document: Document, status: str, meeting: Meeting | None, note: str):
    old_status = document.status
    document.status = status
    document.status_changed_at = timezone.now()
    document.status_changed_by = acting_user(actor)
    document.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
    return DocumentStatusChange.objects.create(
        document=document,
        old_status=old_status,
        new_status=status,
        meeting=meeting,
        note=note.strip(),
        changed_by=acting_user(actor),
        changed_at=document.status_changed_at,
    )


# --- Declarations ---------------------------------------------------------------------------------

STEP_MEETING_KINDS: dict[str, tuple[str, ...]] = {
    DeclarationStep.Kind.ENDORSED_BY_SOM: (Meeting.Kind.SOM, Meeting.Kind.SOM_PLUS_THREE),
    DeclarationStep.Kind.ADOPTED_BY_HCS: (Meeting.Kind.HCS, Meeting.Kind.HCS_PLUS_THREE),
}


def ensure_step_may_be_recorded(
    *, kind: str, meeting: Meeting | None, procedure: WrittenProcedure | None = None, now: dt.datetime | None = None
) -> None:
    """A step of a declaration's track, like any decision, is recorded only once it has happened: at a
    meeting of the right kind that has taken place (started, neither a draft nor cancelled), or by a
    written procedure that has closed. The form's errors, the page, the API and the procedure's close
    ask this one rule through declaration_step_add."""
    if procedure is not None:
        if not procedure.is_closed:
            raise DomainError(
                _("“%(procedure)s” is still open: a step is recorded by a written procedure once it has closed.")
                % {"procedure": procedure.title},
                field="procedure",
            )
        if meeting is None:
            return
    if kind in DeclarationStep.AT_MEETING and meeting is None:
        raise DomainError(_("Name the meeting at which this step happened."), field="meeting")
    if meeting is None:
        return
    if kind in STEP_MEETING_KINDS and meeting.kind not in STEP_MEETING_KINDS[kind]:
        raise DomainError(
            _("“%(step)s” happens at a meeting of another kind than “%(meeting)s”.")
            % {"step": DeclarationStep.Kind(kind).label, "meeting": meeting.get_kind_display()},
            field="meeting",
        )
    if meeting.status in (*Meeting.NOT_PUBLIC_STATUSES, Meeting.Status.CANCELLED) or meeting.start > (
        now or timezone.now()
    ):
        raise DomainError(
            _("%(meeting)s has not taken place: a step is recorded only at a meeting that has taken place.")
            % {"meeting": meeting.title},
            field="meeting",
        )


def declaration_step_add(
    *,
    actor: Actor,
    document: Document,
    kind: str,
    date: dt.date | None = None,
    meeting: Meeting | None = None,
    procedure: WrittenProcedure | None = None,
    note_en: str = "",
    note_vi: str = "",
) -> DeclarationStep:
    """Record a step on a declaration's track, at a meeting or by a closed written procedure. Adoption by
    the Heads of Civil Service also marks the declaration adopted, recorded with that meeting."""
    ensure_secretariat(actor)
    if document.kind != Document.Kind.DECLARATION:
        raise DomainError(_("Only declarations have a track of steps."), field="kind")
    ensure_step_may_be_recorded(kind=kind, meeting=meeting, procedure=procedure)
    if date is None:
        if meeting is not None:
            date = meeting.local_start.date()
        elif procedure is not None and procedure.closed_at is not None:
            date = timezone.localdate(procedure.closed_at)
        else:
            raise DomainError(_("Give the date of this step."), field="date")
    step = DeclarationStep(
        document=document,
        kind=kind,
        date=date,
        meeting=meeting,
        procedure=procedure,
        note_en=note_en.strip(),
        note_vi=note_vi.strip(),
    )
    step.recorded_by = acting_user(actor)
    try:
        with transaction.atomic(), audit_as(actor):
            [document] = lock(document)
            step.document = document
            step.save()
            if kind == DeclarationStep.Kind.ADOPTED_BY_HCS and document.status in (Status.DRAFT, Status.CIRCULATED):
                _record_status(actor=actor, document=document, status=Status.ADOPTED, meeting=meeting, note="")
    except IntegrityError:
        raise DomainError(_("This step is already recorded for this meeting."), field="kind") from None
    return step


def declaration_step_delete(*, actor: Actor, step: DeclarationStep) -> None:
    ensure_secretariat(actor)
    with audit_as(actor):
        step.delete()


# --- Deletion -------------------------------------------------------------------------------------


def document_delete(*, actor: Actor, document: Document) -> None:
    """The secretariat deletes any document; a focal point their own country's drafts. The files go once
    the deletion is committed (documents/signals.py removes them for every way a version is deleted)."""
    ensure_may_delete(actor, document)
    with transaction.atomic(), audit_as(actor):
        document.delete()


def ensure_may_delete(actor, document: Document) -> None:
    _ensure_may_change(actor, document)
    if not is_secretariat(actor) and document.status != Status.DRAFT:
        raise Forbidden(_("This document has been circulated; only the secretariat can delete it."))


can_delete = can(ensure_may_delete)


# --- Text extraction ------------------------------------------------------------------------------


def version_extract_text(*, version_id: int) -> None:
    """Extract a version's text for full-text search. Safe to run twice; a missing version is skipped."""
    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None or version.content_type not in document_text.EXTRACTABLE:
        return
    try:
        with version.file.open("rb") as handle:
            extracted = document_text.extract(handle, content_type=version.content_type)
    except FileNotFoundError:
        logger.warning("The file of document version %s is missing", version_id)
        return
    DocumentVersion.objects.filter(pk=version_id).update(text=extracted)
