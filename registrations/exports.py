"""Lists of participants as CSV, XLSX and PDF, and name badges as PDF.

Rows come from `selectors.participants_for_export`: countries alphabetical by English name (as ASEAN orders
them), head of delegation first. Country names and headings are in the language of the request.
PDFs use the DejaVu fonts shipped in static/fonts, which carry every Vietnamese letter.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator
from itertools import chain, groupby

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.exports import CSV, PDF, XLSX, Export, SafeWorkbook, csv_lines, file_stem
from common.pdf import pdf_fonts
from meetings.models import Meeting, Participant

ARRIVAL_COLUMN = 9  # the position of "Arrival" (then "Departure") in headings() and row()


def headings() -> list[str]:
    return [
        _("Country"),
        _("Role"),
        _("Honorific"),
        _("Full name"),
        _("Position"),
        _("Organisation"),
        _("Email"),
        _("Phone"),
        _("Status"),
        _("Arrival"),
        _("Departure"),
        _("Dietary needs"),
        _("Accessibility needs"),
    ]


def _local(value, meeting: Meeting) -> str:
    return value.astimezone(meeting.tz).strftime("%Y-%m-%d %H:%M") if value else ""


def row(participant: Participant, meeting: Meeting) -> list[str]:
    return [
        participant.delegation.member_state.name,
        participant.get_role_display(),
        participant.honorific,
        participant.full_name,
        participant.position,
        participant.organisation,
        participant.email,
        participant.phone,
        participant.get_status_display(),
        _local(participant.arrival, meeting),
        _local(participant.departure, meeting),
        participant.dietary_needs,
        participant.accessibility_needs,
    ]


def csv_rows(participants: Iterable[Participant], meeting: Meeting) -> Iterator[str]:
    """The CSV, line by line, for a streaming response (the kit's writer: formulas neutralised, a BOM first)."""
    yield from csv_lines(chain([headings()], (row(participant, meeting) for participant in participants)))


def xlsx_file(participants: Iterable[Participant], meeting: Meeting):
    """The workbook in a temporary file (gone when closed), rewound: a response streams it from disk, so
    a large meeting's export never sits in memory whole."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    write_xlsx(participants, meeting, file)
    file.seek(0)
    return file


def write_xlsx(participants: Iterable[Participant], meeting: Meeting, out) -> None:
    # openpyxl's write-only mode keeps rows in its own temporary file, not in memory, until saved.
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = SafeWorkbook(write_only=True)
    sheet = workbook.create_sheet(_("Participants")[:31])
    sheet.freeze_panes = "A3"
    for column, width in zip("ABCDEFGHIJKLM", (22, 20, 10, 28, 28, 28, 28, 16, 14, 17, 17, 20, 20), strict=True):
        sheet.column_dimensions[column].width = width
    title = WriteOnlyCell(sheet, value=str(meeting.title))
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    bold = Font(bold=True)
    header = []
    for text in headings():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    arrival, departure = ARRIVAL_COLUMN, ARRIVAL_COLUMN + 1
    for participant in participants:
        values: list = row(participant, meeting)
        # Arrival and departure as dates a spreadsheet sorts and filters (venue time, no zone: Excel has none).
        for column, moment in ((arrival, participant.arrival), (departure, participant.departure)):
            if moment:
                cell = WriteOnlyCell(sheet, value=moment.astimezone(meeting.tz).replace(tzinfo=None))
                cell.number_format = "yyyy-mm-dd hh:mm"
                values[column] = cell
        sheet.append(values)
    workbook.save(out)


# --- PDF ------------------------------------------------------------------------------------------


def _when(meeting: Meeting) -> str:
    with timezone.override(meeting.tz):
        start = date_format(timezone.localtime(meeting.start), "DATE_FORMAT")
    place = ", ".join(part for part in (meeting.venue, meeting.city) if part)
    return " · ".join(part for part in (start, place) if part)


def participants_pdf(participants: Iterable[Participant], meeting: Meeting) -> bytes:
    """A printable list: one section per delegation, head of delegation first."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = pdf_fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=2 * mm),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=9.5, leading=12, textColor=colors.HexColor("#5b6775")),
        "country": ParagraphStyle("country", fontName=bold, fontSize=11.5, leading=15, spaceBefore=5 * mm),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11),
        "head": ParagraphStyle("head", fontName=bold, fontSize=9, leading=11),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("List of participants") + f" — {meeting.title}",
    )
    story = [
        Paragraph(_("List of participants"), styles["sub"]),
        Paragraph(_escape(meeting.title), styles["title"]),
        Paragraph(_escape(_when(meeting)), styles["sub"]),
        Spacer(1, 2 * mm),
    ]
    total = 0
    widths = [10 * mm, 62 * mm, 56 * mm, 50 * mm]
    for country, people in groupby(participants, key=lambda p: p.delegation.member_state):
        people = list(people)
        total += len(people)
        rows = [
            [
                Paragraph(str(number), styles["cell"]),
                Paragraph(
                    _escape(p.name_with_honorific),
                    styles["head" if p.is_head else "cell"],
                ),
                Paragraph(_escape(p.position_and_organisation), styles["cell"]),
                Paragraph(_escape(p.get_role_display()), styles["cell"]),
            ]
            for number, p in enumerate(people, start=1)
        ]
        table = Table(rows, colWidths=widths, repeatRows=0)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d8dee6")),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(KeepTogether([Paragraph(_escape(country.name), styles["country"]), table]))
    if not total:
        story.append(Paragraph(_("Nobody is registered yet."), styles["cell"]))
    else:
        story.append(Spacer(1, 5 * mm))
        story.append(Paragraph(_("Participants: %(count)s") % {"count": total}, styles["sub"]))
    document.build(story, onFirstPage=_footer(meeting), onLaterPages=_footer(meeting))
    return buffer.getvalue()


def _footer(meeting: Meeting):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    regular, _bold = pdf_fonts()
    label = _("Page %(number)s")

    def draw(canvas, document):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(16 * mm, 9 * mm, str(meeting.chairmanship))
        canvas.drawRightString(A4[0] - 16 * mm, 9 * mm, label % {"number": document.page})
        canvas.restoreState()

    return draw


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(str(text or ""))


def badges_pdf(participants: Iterable[Participant], meeting: Meeting) -> bytes:
    """Name badges, eight to an A4 page (90 × 60 mm each, with cutting lines): name, position, country."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = pdf_fonts()
    width, height = 90 * mm, 60 * mm
    columns, rows = 2, 4
    left = (A4[0] - columns * width) / 2
    top = A4[1] - (A4[1] - rows * height) / 2
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(_("Name badges") + f" — {meeting.title}")
    brand = colors.HexColor("#0b4f8a")

    def fit(text: str, font: str, size: float, max_width: float) -> float:
        while size > 7 and stringWidth(text, font, size) > max_width:
            size -= 0.5
        return size

    count = 0
    for participant in participants:
        index = count % (columns * rows)
        if count and index == 0:
            canvas.showPage()
        column, line = index % columns, index // columns
        x, y = left + column * width, top - (line + 1) * height
        canvas.setStrokeColor(colors.HexColor("#b0b8c2"))
        canvas.setDash(2, 2)
        canvas.rect(x, y, width, height)
        canvas.setDash()
        canvas.setFillColor(brand)
        canvas.rect(x, y + height - 11 * mm, width, 11 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        heading = str(meeting.title)
        canvas.setFont(bold, fit(heading, bold, 9, width - 8 * mm))
        canvas.drawCentredString(x + width / 2, y + height - 7 * mm, heading)
        name = participant.full_name
        canvas.setFillColor(colors.HexColor("#1d2733"))
        size = fit(name, bold, 17, width - 8 * mm)
        canvas.setFont(bold, size)
        canvas.drawCentredString(x + width / 2, y + height / 2 + 1 * mm, name)
        if participant.position:
            size = fit(participant.position, regular, 10, width - 8 * mm)
            canvas.setFont(regular, size)
            canvas.drawCentredString(x + width / 2, y + height / 2 - 6 * mm, participant.position)
        country = participant.delegation.member_state.name
        canvas.setFont(bold, fit(country.upper(), bold, 12, width - 8 * mm))
        canvas.setFillColor(brand)
        canvas.drawCentredString(x + width / 2, y + 7 * mm, country.upper())
        count += 1
    if not count:
        canvas.setFont(regular, 11)
        canvas.drawString(20 * mm, A4[1] - 30 * mm, _("Nobody is registered yet."))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- The exports, declared --------------------------------------------------------------------------------

DECLARED = {  # kind: (end of the file name, content type, render)
    "csv": ("participants.csv", CSV, csv_rows),
    "xlsx": ("participants.xlsx", XLSX, xlsx_file),
    "pdf": ("participants.pdf", PDF, participants_pdf),
    "badges": ("badges.pdf", PDF, badges_pdf),
}


def participants_export(kind: str, participants: Iterable[Participant], meeting: Meeting) -> Export:
    """The meeting's participants as `kind` (a key of DECLARED): personal data, so never cached."""
    suffix, content_type, render = DECLARED[kind]
    return Export(
        filename=f"{file_stem(meeting.title_en or meeting.title, default='meeting')}-{suffix}",
        content_type=content_type,
        render=lambda: render(participants, meeting),
    )
