"""Plain text of PDF and Word files, for the full-text search. XLSX and PPTX are not searched by content."""

from __future__ import annotations

import logging

from .files import DOCX, PDF

logger = logging.getLogger(__name__)

EXTRACTABLE = (PDF.content_type, DOCX.content_type)
# PostgreSQL's tsvector holds at most 1 MB; the text of a 25 MB paper is far below this in practice.
MAX_TEXT_CHARS = 500_000


def extract(handle, *, content_type: str) -> str:
    """The text of an open file; an unreadable file yields "" (it stays downloadable, just not searchable)."""
    try:
        text = _extract_pdf(handle) if content_type == PDF.content_type else _extract_docx(handle)
    except Exception:  # a damaged or encrypted file must not fail the upload or retry forever
        logger.warning("Could not extract the text of a %s file", content_type, exc_info=True)
        return ""
    return " ".join(text.replace("\x00", " ").split())[:MAX_TEXT_CHARS]


def _extract_pdf(handle) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    if reader.is_encrypted:
        reader.decrypt("")
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text() or "")
        if sum(map(len, parts)) > MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _extract_docx(handle) -> str:
    import docx

    document = docx.Document(handle)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
