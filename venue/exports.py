"""The attendance list for the report of the meeting: PDF and XLSX, by delegation, head of delegation first,
a column per session, then the no-shows for follow-up."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from common.errors import NotFound
from common.exports import PDF, XLSX, Export, SafeWorkbook, file_stem
from common.pdf import pdf_fonts
from meetings.models import Meeting

from .selectors import AttendanceList, attendance_by_country


def attendance_xlsx(listing: AttendanceList, meeting: Meeting) -> bytes:
    from openpyxl.styles import Font

    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet.title = _("Attendance")[:31]
    sheet.append([str(meeting.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    header = [_("Country"), _("Role"), _("Full name"), _("Position")]
    header += [str(session.title) for session in listing.sessions] + [_("Sessions attended")]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for participant in listing.participants:
        attended = participant.attended  # type: ignore[attr-defined]
        sheet.append(
            [
                participant.delegation.member_state.name,
                participant.get_role_display(),
                participant.name_with_honorific,
                participant.position,
                *[_("present") if session.pk in attended else "" for session in listing.sessions],
                len(attended),
            ]
        )
    no_shows = workbook.create_sheet(_("No-shows")[:31])
    no_shows.append([_("Country"), _("Full name"), _("Email"), _("Phone")])
    for participant in listing.no_shows:
        no_shows.append(
            [
                participant.delegation.member_state.name,
                participant.name_with_honorific,
                participant.email,
                participant.phone,
            ]
        )
    for worksheet, widths in ((sheet, (22, 20, 30, 28)), (no_shows, (22, 30, 30, 18))):
        for column, width in zip("ABCD", widths, strict=True):
            worksheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def attendance_pdf(listing: AttendanceList, meeting: Meeting) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = pdf_fonts()
    page = landscape(A4) if len(listing.sessions) > 3 else A4
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=2 * mm),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=9.5, leading=12, textColor=colors.HexColor("#5b6775")),
        "country": ParagraphStyle("country", fontName=bold, fontSize=11.5, leading=15, spaceBefore=4 * mm),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10.5),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=_("Attendance") + f" — {meeting.title}",
    )
    usable = page[0] - 28 * mm
    mark_width = min(24 * mm, (usable - 110 * mm) / max(1, len(listing.sessions)))
    widths = [70 * mm, usable - 70 * mm - mark_width * len(listing.sessions), *[mark_width] * len(listing.sessions)]
    session_heads = [Paragraph(escape(str(s.title)), styles["head"]) for s in listing.sessions]
    story = [
        Paragraph(escape(_("Attendance")), styles["sub"]),
        Paragraph(escape(str(meeting.title)), styles["title"]),
    ]
    table_style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d8dee6")),
            ("ALIGN", (2, 0), (-1, -1), "CENTER"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    )
    for country, people in attendance_by_country(listing):
        rows = [
            [Paragraph(escape(_("Name")), styles["head"]), Paragraph(escape(_("Role")), styles["head"]), *session_heads]
        ]
        for person in people:
            attended = person.attended  # type: ignore[attr-defined]
            rows.append(
                [
                    Paragraph(escape(person.name_with_honorific), styles["head" if person.is_head else "cell"]),
                    Paragraph(escape(person.get_role_display()), styles["cell"]),
                    *[Paragraph("✓" if s.pk in attended else "—", styles["cell"]) for s in listing.sessions],
                ]
            )
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(table_style)
        present = sum(1 for person in people if person.attended)  # type: ignore[attr-defined]
        heading = f"{country.name} · {present}/{len(people)}"
        story.append(KeepTogether([Paragraph(escape(heading), styles["country"]), table]))
    if not listing.participants:
        story.append(Paragraph(escape(_("No confirmed participants yet.")), styles["cell"]))
    no_shows = listing.no_shows
    story += [Spacer(1, 5 * mm), Paragraph(escape(_("No-shows")), styles["country"])]
    if no_shows:
        for person in no_shows:
            line = f"{person.delegation.member_state.name} — {person.name_with_honorific}"
            story.append(Paragraph(escape(line), styles["cell"]))
    else:
        story.append(Paragraph(escape(_("Everyone confirmed came.")), styles["cell"]))
    document.build(story)
    return buffer.getvalue()


DECLARED = {"pdf": ("attendance.pdf", PDF, attendance_pdf), "xlsx": ("attendance.xlsx", XLSX, attendance_xlsx)}


def attendance_export(kind: str, listing: AttendanceList, meeting: Meeting) -> Export:
    if kind not in DECLARED:
        raise NotFound
    suffix, content_type, render = DECLARED[kind]
    return Export(
        filename=f"{file_stem(meeting.title_en or meeting.title, default='meeting')}-{suffix}",
        content_type=content_type,
        render=lambda: render(listing, meeting),
    )
