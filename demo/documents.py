"""The documents app's demo: the declarations the seeds name, and their tracks."""

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
