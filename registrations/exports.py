"""Lists of participants as CSV, XLSX and PDF, and name badges as PDF.

Rows come from `selectors.participants_for_export`: countries alphabetical by English name (as ASEAN orders
them), head of delegation first. Country names and headings are in the language of the request.
PDFs use the DejaVu fonts shipped in static/fonts, which carry every Vietnamese letter.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
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


BADGE_SIZE = (105, 148)  # mm: A6; a sheet holds four, two by two, on A4
LAYOUTS = ("a6", "sheet")


def badges_pdf(
    badges: Iterable,
    meeting: Meeting,
    *,
    layout: str = "sheet",
    colours: dict | None = None,
    drawn: Callable[[int, int], None] | None = None,
) -> bytes:
    """Name badges with a signed QR, A6 one to a page (`a6`) or four to an A4 sheet with cutting lines
    (`sheet`): the meeting, a photo (initials without one), name, position, country, the badge number and a
    band in the role's colour naming the role in English and Vietnamese. `badges` are venue.models.Badge
    rows with their participant (venue.services.badges_issue). `drawn(count, total)` is told after each badge
    (an export job's progress)."""
    from reportlab.lib.pagesizes import A4, A6
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from venue import badges as badge_kit

    badges = list(badges)
    badge_kit.attach_photos([badge.participant for badge in badges])
    regular, _bold = pdf_fonts()
    buffer = io.BytesIO()
    page = A6 if layout == "a6" else A4
    canvas = Canvas(buffer, pagesize=page)
    canvas.setTitle(_("Name badges") + f" — {meeting.title}")
    width, height = BADGE_SIZE[0] * mm, BADGE_SIZE[1] * mm
    per_page = 1 if layout == "a6" else 4
    count = 0
    for badge in badges:
        index = count % per_page
        if count and index == 0:
            canvas.showPage()
        if layout == "a6":
            x, y = 0.0, 0.0
        else:
            x = (index % 2) * width
            y = A4[1] - (index // 2 + 1) * (A4[1] / 2) + (A4[1] / 2 - height) / 2
        _draw_badge(canvas, badge, meeting, x, y, colours, cutting_lines=layout != "a6")
        if drawn is not None:
            drawn(count + 1, len(badges))
        count += 1
    if not count:
        canvas.setFont(regular, 10)
        canvas.drawString(12 * mm, page[1] - 20 * mm, _("No confirmed participants yet."))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fit(text: str, font: str, size: float, max_width: float, smallest: float = 7) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while size > smallest and stringWidth(text, font, size) > max_width:
        size -= 0.5
    return size


def _ink_on(colour: str):
    """White text on a dark band, near-black on a light one."""
    from reportlab.lib import colors

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > 150
    return colors.HexColor("#1d2733") if light else colors.white


def _both_languages(label) -> tuple[str, str]:
    """(in the language of the request, in the other): a badge reads in both, the request's first."""
    from django.utils import translation

    first = translation.get_language() or "en"
    second = "en" if first == "vi" else "vi"
    with translation.override(first):
        main = str(label)
    with translation.override(second):
        other = str(label)
    return main, other


def _both_texts(instance, field: str) -> tuple[str, str]:
    """A bilingual field (modeltranslation) as (in the request's language, in the other; "" if the same)."""
    from django.utils import translation

    first = "vi" if translation.get_language() == "vi" else "en"
    second = "en" if first == "vi" else "vi"
    main = str(getattr(instance, f"{field}_{first}", "") or getattr(instance, field))
    other = str(getattr(instance, f"{field}_{second}", "") or "")
    return main, "" if other == main else other


def _draw_badge(canvas, badge, meeting: Meeting, x: float, y: float, colours, *, cutting_lines: bool) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader

    from venue import badges as badge_kit

    regular, bold = pdf_fonts()
    participant = badge.participant
    width, height = BADGE_SIZE[0] * mm, BADGE_SIZE[1] * mm
    inner = width - 10 * mm
    centre = x + width / 2
    brand, ink, muted = colors.HexColor("#0b4f8a"), colors.HexColor("#1d2733"), colors.HexColor("#5b6775")
    canvas.saveState()
    if cutting_lines:
        canvas.setStrokeColor(colors.HexColor("#b0b8c2"))
        canvas.setDash(2, 2)
        canvas.rect(x, y, width, height)
        canvas.setDash()
    # The meeting, in both languages.
    canvas.setFillColor(brand)
    canvas.rect(x, y + height - 22 * mm, width, 22 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    title, other_title = _both_texts(meeting, "title")
    canvas.setFont(bold, _fit(title, bold, 11, inner))
    canvas.drawCentredString(centre, y + height - 8 * mm, title)
    if other_title:
        canvas.setFont(regular, _fit(other_title, regular, 8.5, inner))
        canvas.drawCentredString(centre, y + height - 13 * mm, other_title)
    when = _when(meeting)
    canvas.setFont(regular, _fit(when, regular, 7.5, inner))
    canvas.drawCentredString(centre, y + height - 18.5 * mm, when)
    # The photo, or the initials in its place.
    photo_w, photo_h = 32 * mm, 40 * mm
    photo_x, photo_y = centre - photo_w / 2, y + height - 26 * mm - photo_h
    photo = badge_kit.photo_for(participant)
    if photo is not None:
        canvas.drawImage(ImageReader(photo), photo_x, photo_y, photo_w, photo_h, preserveAspectRatio=True, anchor="c")
    else:
        canvas.setFillColor(colors.HexColor("#e8edf3"))
        canvas.rect(photo_x, photo_y, photo_w, photo_h, stroke=0, fill=1)
        canvas.setFillColor(muted)
        canvas.setFont(bold, 28)
        canvas.drawCentredString(centre, photo_y + photo_h / 2 - 10, badge_kit.initials(participant))
    # The person.
    name = participant.name_with_honorific
    canvas.setFillColor(ink)
    canvas.setFont(bold, _fit(name, bold, 17, inner, smallest=8))
    canvas.drawCentredString(centre, y + height - 75 * mm, name)
    canvas.setFillColor(muted)
    for offset, text in ((81, participant.position), (86, participant.organisation)):
        if text:
            canvas.setFont(regular, _fit(text, regular, 9.5, inner))
            canvas.drawCentredString(centre, y + height - offset * mm, text)
    country = participant.delegation.member_state
    country_name, other_name = _both_texts(country, "name")
    canvas.setFillColor(brand)
    canvas.setFont(bold, _fit(country_name.upper(), bold, 13, inner))
    canvas.drawCentredString(centre, y + height - 95 * mm, country_name.upper())
    if other_name:
        canvas.setFont(regular, _fit(other_name, regular, 8.5, inner))
        canvas.drawCentredString(centre, y + height - 100 * mm, other_name)
    # The signed code, and its number for typing.
    band = 18 * mm
    qr_size = 28 * mm
    widget = QrCodeWidget(badge_kit.qr_payload(badge.serial), barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(qr_size, qr_size, transform=[qr_size / (right - left), 0, 0, qr_size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x + 5 * mm, y + band + 3 * mm)
    label, other_label = _both_languages(_("Badge number"))
    canvas.setFillColor(muted)
    canvas.setFont(regular, 7)
    canvas.drawString(x + 37 * mm, y + band + 20 * mm, f"{label} · {other_label}")
    canvas.setFillColor(ink)
    canvas.setFont(bold, 15)
    canvas.drawString(x + 37 * mm, y + band + 12 * mm, badge.printed_serial)
    # The role band.
    role_colour = badge_kit.role_colour(participant.role, colours)
    canvas.setFillColor(colors.HexColor(role_colour))
    canvas.rect(x, y, width, band, stroke=0, fill=1)
    role, other_role = _both_languages(Participant.Role(participant.role).label)
    canvas.setFillColor(_ink_on(role_colour))
    canvas.setFont(bold, _fit(role.upper(), bold, 13, inner))
    canvas.drawCentredString(centre, y + 10 * mm, role.upper())
    canvas.setFont(regular, _fit(other_role, regular, 10, inner))
    canvas.drawCentredString(centre, y + 4.5 * mm, other_role)
    canvas.restoreState()


# --- The exports, declared --------------------------------------------------------------------------------

DECLARED = {  # kind: (end of the file name, content type, render)
    "csv": ("participants.csv", CSV, csv_rows),
    "xlsx": ("participants.xlsx", XLSX, xlsx_file),
    "pdf": ("participants.pdf", PDF, participants_pdf),
}


def participants_export(kind: str, participants: Iterable[Participant], meeting: Meeting) -> Export:
    """The meeting's participants as `kind` (a key of DECLARED): personal data, so never cached."""
    suffix, content_type, render = DECLARED[kind]
    return Export(
        filename=f"{file_stem(meeting.title_en or meeting.title, default='meeting')}-{suffix}",
        content_type=content_type,
        render=lambda: render(participants, meeting),
    )
