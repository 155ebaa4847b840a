"""The documents app's demo: the declarations the seeds name and their tracks, and the illustrative papers of
ACCSM 23's meetings (demo.future), so that there are papers in every state."""

from __future__ import annotations

from documents.models import DeclarationStep, Document

from .base import Demo, upsert
from .data.declarations import DECLARATION_STEPS, DECLARATIONS


def load_declarations(demo: Demo) -> None:
    for title_en, title_vi, meeting_key, status in DECLARATIONS:
        upsert(
            Document,
            {"kind": Document.Kind.DECLARATION, "title_en": title_en},
            {
                "title_vi": title_vi,
                "meeting": demo.meetings[meeting_key] if meeting_key else None,
                "status": status,
                "visibility": Document.Visibility.PUBLIC,
                "language": Document.Language.EN,
            },
        )


def load_declaration_steps(demo: Demo) -> None:
    for title_start, kind, meeting_key, date, note_en, note_vi in DECLARATION_STEPS:
        document = Document.objects.get(kind=Document.Kind.DECLARATION, title_en__startswith=title_start)
        upsert(
            DeclarationStep,
            {"document": document, "kind": kind, "meeting": demo.meetings[meeting_key] if meeting_key else None},
            {"date": date, "note_en": note_en, "note_vi": note_vi},
        )


def load_papers(demo: Demo) -> None:
    """Papers in every state, beside the declarations (adopted, circulated): a draft report, a draft concept
    note, an agenda circulated and the version it superseded."""
    m = demo.meetings
    papers = [
        # meeting, kind, English title, Vietnamese title, status, visibility
        (
            "fp23",
            Document.Kind.REPORT,
            "Draft report of the ACCSM 23 Focal Points Meeting",
            "Dự thảo báo cáo Cuộc họp đầu mối ACCSM 23",
            Document.Status.DRAFT,
            Document.Visibility.MEMBER_STATES,
        ),
        (
            "workshop23",
            Document.Kind.CONCEPT_NOTE,
            "Concept note of the workshop on human resource management in the digital era",
            "Ghi chú ý tưởng Hội thảo về quản trị nguồn nhân lực trong kỷ nguyên số",
            Document.Status.DRAFT,
            Document.Visibility.SECRETARIAT,
        ),
        (
            "som23",
            Document.Kind.AGENDA,
            "Provisional agenda of SOM 23",
            "Chương trình nghị sự tạm thời của SOM 23",
            Document.Status.CIRCULATED,
            Document.Visibility.MEMBER_STATES,
        ),
        (
            "som23",
            Document.Kind.AGENDA,
            "Provisional agenda of SOM 23 (first version)",
            "Chương trình nghị sự tạm thời của SOM 23 (bản đầu tiên)",
            Document.Status.SUPERSEDED,
            Document.Visibility.MEMBER_STATES,
        ),
    ]
    for key, kind, title_en, title_vi, status, visibility in papers:
        upsert(
            Document,
            {"meeting": m[key], "title_en": title_en},
            {
                "kind": kind,
                "title_vi": title_vi,
                "status": status,
                "visibility": visibility,
                "language": Document.Language.EN,
            },
        )
