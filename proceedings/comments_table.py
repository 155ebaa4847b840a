"""The compiled comments table of a written procedure: per country asked, its current answer with the
comments or reasons, who answered and when, and how many earlier answers it replaced; as PDF (reportlab,
common/pdf.py) and XLSX (common.exports' safe workbook: a comment starting with "=" stays text)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.exports import PDF, XLSX, Export, file_stem, write_xlsx
from common.pdf import pdf_fonts

from .models import WrittenProcedure
from .selectors import MatrixRow


def _headers() -> list[str]:
    return [_("Country"), _("Answer"), _("Comments or reasons"), _("Answered by"), _("Answered"), _("Earlier answers")]


def _rows(procedure: WrittenProcedure, rows: list[MatrixRow]) -> list[list[str]]:
    silent = _("Silent: counts as agreement") if procedure.silence_is_agreement else _("No answer")
    out = []
    for row in rows:
        answer = row.current
        out.append(
            [
                str(row.country.member_state),
                answer.get_kind_display() if answer else silent,
                answer.text if answer else "",
                (answer.answered_by.get_full_name() or answer.answered_by.username)
                if answer and answer.answered_by
                else "",
                date_format(timezone.localtime(answer.created_at), "DATETIME_FORMAT") if answer else "",
                str(len(row.earlier)),
            ]
        )
    return out


def _title(procedure: WrittenProcedure) -> tuple[str, str]:
    status = (
        _("Closed: %(outcome)s") % {"outcome": procedure.get_outcome_display()}
        if procedure.is_closed
        else _("Open until %(deadline)s")
        % {"deadline": date_format(timezone.localtime(procedure.deadline), "DATETIME_FORMAT")}
    )
    return _("Compiled comments"), status


def comments_xlsx(procedure: WrittenProcedure, rows: list[MatrixRow]) -> bytes:
    heading, status = _title(procedure)
    return write_xlsx([(heading, [[procedure.title], [status], [], _headers(), *_rows(procedure, rows)])])


def comments_pdf(procedure: WrittenProcedure, rows: list[MatrixRow]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    regular, bold = pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19)
    sub = ParagraphStyle("sub", parent=body, textColor=colors.HexColor("#5b6775"))
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)
    heading, status = _title(procedure)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
        bottomMargin=14 * mm, title=f"{heading} — {procedure.title}",
    )  # fmt: skip
    table_rows = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in _headers()]]
    for row in _rows(procedure, rows):
        table_rows.append([Paragraph(escape(value).replace("\n", "<br/>"), cell) for value in row])
    table = Table(table_rows, colWidths=[32 * mm, 30 * mm, 110 * mm, 40 * mm, 34 * mm, 22 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c5ccd4")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    document.build(
        [
            Paragraph(escape(heading), sub),
            Paragraph(escape(procedure.title), title),
            Paragraph(escape(status), sub),
            table,
        ]
    )
    return buffer.getvalue()


def comments_export(procedure: WrittenProcedure, rows: list[MatrixRow], *, file_format: str, language: str) -> Export:
    stem = file_stem(procedure.title, default="procedure")
    name = f"comments-{procedure.pk}-{stem}.{file_format}"

    def render() -> bytes:
        with translation.override(language):
            if file_format == "xlsx":
                return comments_xlsx(procedure, rows)
            return comments_pdf(procedure, rows)

    return Export(filename=name, content_type=XLSX if file_format == "xlsx" else PDF, render=render)
