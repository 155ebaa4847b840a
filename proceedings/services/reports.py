"""The report of a meeting: drafted from the record (proceedings/report.py), circulated to the focal points
for comments by a deadline, then adopted — at the meeting, or ad referendum by a written procedure.

Rules held here:
- only the secretariat circulates and adopts, and only the report of a meeting that has taken place;
- the report is the meeting's "report" documents, one per language (English, Vietnamese), written through
  documents.services: circulating makes them (or adds a version with the record as it now stands), and
  adoption adds the adopted text as a new version and marks them adopted with the meeting; earlier
  versions stay;
- a focal point comments for their own country only, on the report of a meeting their country was invited
  to (another country's, or a meeting not theirs, is a 404), until the deadline and while the report is
  not adopted; every comment is kept, and each country sees only its own;
- circulating emails the focal points of the countries invited, through the outbox;
- a report is adopted once: ad referendum only by a closed procedure about this report that adopted it.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
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
from documents.models import Document
from documents.services import document_add_version, document_set_status, document_upload
from meetings.models import Meeting

from ..emails import enqueue_report_circulated
from ..models import ReportCirculation, ReportComment, WrittenProcedure
from ..report import report_of, report_pdf
from ..selectors import meeting_with_record
from .common import clean_text, ensure_secretariat, own_member_state
from .procedures import DeadlinePassed

LANGUAGES = ("en", "vi")


class ReportAdopted(DomainError):
    code = "report_adopted"
    default_message = _("This report has been adopted; it no longer takes comments or changes.")


def report_documents(meeting: Meeting) -> dict[str, Document]:
    """The meeting's own report documents by language: the secretariat's, not a country's paper."""
    documents = Document.objects.filter(
        meeting=meeting, kind=Document.Kind.REPORT, member_state__isnull=True, language__in=LANGUAGES
    ).exclude(status=Document.Status.SUPERSEDED)
    return {document.language: document for document in documents.order_by("pk")}


def is_adopted(meeting: Meeting) -> bool:
    documents = report_documents(meeting)
    return bool(documents) and all(d.status == Document.Status.ADOPTED for d in documents.values())


def _ensure_held(meeting: Meeting, now: dt.datetime) -> None:
    if meeting.status in (Meeting.Status.DRAFT, Meeting.Status.CANCELLED) or meeting.start > now:
        raise DomainError(
            _("%(meeting)s has not taken place: its report is circulated and adopted once it has.")
            % {"meeting": meeting.title}
        )


def _pdf_upload(meeting: Meeting, language: str) -> SimpleUploadedFile:
    """The report as the record now stands, as an upload the documents app checks and stores."""
    content = report_pdf(report_of(meeting_with_record(meeting.pk), language), language)
    return SimpleUploadedFile(f"report-{meeting.pk}-{language}.pdf", content, content_type="application/pdf")


def _titles(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        title = getattr(meeting, f"title_{language}") or meeting.title_en
        return gettext("Report of the meeting") + f" — {title}"


def _write_versions(actor: Actor, meeting: Meeting) -> dict[str, Document]:
    """Each language's report document with the record as it now stands as its newest version (made, the
    first time, circulated to the member states)."""
    documents = report_documents(meeting)
    for language in LANGUAGES:
        upload = _pdf_upload(meeting, language)
        document = documents.get(language)
        if document is None:
            documents[language] = document_upload(
                actor=actor,
                file=upload,
                title_en=_titles(meeting, "en") if language == "en" else _titles(meeting, "en") + " (Vietnamese)",
                title_vi=_titles(meeting, "vi"),
                kind=Document.Kind.REPORT,
                language=language,
                meeting=meeting,
                visibility=Document.Visibility.MEMBER_STATES,
                status=Document.Status.CIRCULATED,
            )
        else:
            document_add_version(actor=actor, document=document, file=upload)
            if document.status == Document.Status.DRAFT:
                document_set_status(actor=actor, document=document, status=Document.Status.CIRCULATED)
    return documents


# --- Circulating for comments ----------------------------------------------------------------------


def ensure_can_circulate_report(actor: Actor, meeting: Meeting, now: dt.datetime | None = None) -> None:
    ensure_secretariat(actor)
    _ensure_held(meeting, now or timezone.now())
    if is_adopted(meeting):
        raise ReportAdopted


can_circulate_report = can(ensure_can_circulate_report)


def report_circulate(*, actor: Actor, meeting: Meeting, deadline: dt.datetime | None) -> ReportCirculation:
    """Circulate the draft report, as the record now stands, to the focal points for comments."""
    now = timezone.now()
    ensure_can_circulate_report(actor, meeting, now)
    if deadline is None:
        raise DomainError(_("Give the deadline for comments."), field="deadline")
    if deadline <= now:
        raise DomainError(_("The deadline must be in the future."), field="deadline")
    with transaction.atomic(), audit_as(actor):
        [meeting] = lock(meeting)
        ensure_can_circulate_report(actor, meeting, now)
        _write_versions(actor, meeting)
        circulation = ReportCirculation.objects.create(meeting=meeting, deadline=deadline, circulated_by=actor)
        enqueue_report_circulated(circulation)
        return circulation


# --- Comments --------------------------------------------------------------------------------------


def _ensure_country_invited(actor: Actor, circulation: ReportCirculation):
    own = own_member_state(actor)
    if not Meeting.objects.invited(own).filter(pk=circulation.meeting_id).exists():
        raise NotFound
    return own


def ensure_can_comment(actor: Actor, circulation: ReportCirculation, now: dt.datetime | None = None) -> None:
    _ensure_country_invited(actor, circulation)
    if is_adopted(circulation.meeting):
        raise ReportAdopted
    if (now or timezone.now()) >= circulation.deadline:
        raise DeadlinePassed(
            _("The deadline for comments, %(deadline)s, has passed.")
            % {"deadline": date_format(timezone.localtime(circulation.deadline), "DATETIME_FORMAT")}
        )


can_comment = can(ensure_can_comment)


def report_comment(*, actor: Actor, circulation: ReportCirculation, text: str) -> ReportComment:
    """A focal point comments on the draft for their own country; every comment is kept."""
    own = _ensure_country_invited(actor, circulation)
    text = clean_text(text)
    if not text:
        raise DomainError(_("Write your comment on the draft report."), field="text")
    with transaction.atomic():
        [circulation] = lock(circulation)
        ensure_can_comment(actor, circulation)
        with audit_as(actor, member_state=own.code):
            return ReportComment.objects.create(circulation=circulation, member_state=own, text=text, author=actor)


# --- Adoption --------------------------------------------------------------------------------------


def ensure_can_adopt_report(
    actor: Actor | None,
    meeting: Meeting,
    procedure: WrittenProcedure | None = None,
    now: dt.datetime | None = None,
    *,
    check_actor: bool = True,
) -> None:
    """At the meeting (it has taken place), or ad referendum by a closed procedure about this report that
    adopted it; once. (`check_actor` False: asked when a procedure about the report is circulated.)"""
    if check_actor:
        ensure_secretariat(actor)
    _ensure_held(meeting, now or timezone.now())
    if is_adopted(meeting):
        raise Conflict(_("The report of this meeting has already been adopted."))
    if procedure is not None:
        if procedure.report_of_id != meeting.pk:
            raise DomainError(_("This written procedure is not about the report of this meeting."))
        if not procedure.is_closed:
            raise DomainError(_("The written procedure is still open: adopt the report once it has closed."))
        if not procedure.is_adopted:
            raise DomainError(_("The written procedure did not adopt the report."))


can_adopt_report = can(ensure_can_adopt_report)


def report_adopt(*, actor: Actor, meeting: Meeting, procedure: WrittenProcedure | None = None) -> dict[str, Document]:
    """Adopt the report: the text as the record now stands becomes each language's newest version, and the
    documents are marked adopted by the meeting (ad referendum: with the procedure named in the note)."""
    ensure_can_adopt_report(actor, meeting, procedure)
    with transaction.atomic(), audit_as(actor):
        [meeting] = lock(meeting)
        ensure_can_adopt_report(actor, meeting, procedure)
        documents = _write_versions(actor, meeting)
        if procedure is None:
            note = gettext("Adopted at the meeting.")
        else:
            note = gettext("Adopted ad referendum by the written procedure “%(procedure)s”.") % {
                "procedure": procedure.title_en
            }
        for document in documents.values():
            document.refresh_from_db()
            document_set_status(
                actor=actor, document=document, status=Document.Status.ADOPTED, meeting=meeting, note=note
            )
    return documents
