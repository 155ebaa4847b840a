"""The daily transfer sheet and the hotel rooming list, as PDF and XLSX, through the export kit."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.utils import formats
from django.utils.translation import gettext as _

from common.errors import NotFound
from common.exports import PDF, XLSX, Export, SafeWorkbook, file_stem
from common.pdf import pdf_fonts
from meetings.models import Meeting

from .selectors import RoomingHotel, Transfer, TransferDay, rooming_list, transfer_sheet


def _direction(transfer: Transfer) -> str:
    return _("Airport → hotel") if transfer.direction == "arrival" else _("Hotel → airport")


def _officers(transfer: Transfer) -> str:
    return "; ".join(
        ", ".join(part for part in (officer.name, officer.phone) if part) for officer in transfer.liaison_officers
    )


def _person(travel) -> str:
    person = travel.participant
    return f"{person.name_with_honorific} ({person.delegation.member_state.name})"


def _day(day) -> str:
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"


# --- Rows, shared by both formats -----------------------------------------------------------------------


def transfer_header() -> list[str]:
    return [_("Time"), _("Transfer"), _("Flight"), _("Airport"), _("People"), _("Hotel"), _("Liaison officer")]


def transfer_rows(transfer: Transfer) -> list[str]:
    return [
        transfer.when.strftime("%H:%M"),
        _direction(transfer),
        transfer.flight,
        transfer.airport,
        "\n".join(_person(t) for t in transfer.travels),
        "; ".join(transfer.hotels),
        _officers(transfer),
    ]


def rooming_header() -> list[str]:
    return [_("Country"), _("Full name"), _("Role"), _("Check-in date"), _("Check-out date"), _("Nights"), _("Phone")]


def rooming_rows(entry: RoomingHotel) -> list[list]:
    rows = []
    for rooming in entry.delegations:
        for travel in rooming.travels:
            person = travel.participant
            rows.append(
                [
                    rooming.delegation.member_state.name,
                    person.name_with_honorific,
                    person.get_role_display(),
                    travel.check_in,
                    travel.check_out,
                    travel.nights,
                    person.phone,
                ]
            )
    return rows


# --- XLSX ------------------------------------------------------------------------------------------------


def _bold_row(sheet, values) -> None:
    from openpyxl.styles import Font

    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def transfers_xlsx(days: list[TransferDay], meeting: Meeting) -> bytes:
    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet.title = _("Transfers")[:31]
    _bold_row(sheet, [f"{_('Daily transfer sheet')} — {meeting.title}"])
    sheet.append([_("Local times at the venue (%(tz)s).") % {"tz": meeting.time_zone}])
    _bold_row(sheet, [_("Date"), *transfer_header()])
    for day in days:
        for transfer in day.transfers:
            sheet.append([day.day, *transfer_rows(transfer)])
    for column, width in zip("ABCDEFGH", (12, 8, 18, 10, 10, 44, 30, 30), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rooming_xlsx(hotels: list[RoomingHotel], meeting: Meeting) -> bytes:
    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet.title = _("Rooming list")[:31]
    _bold_row(sheet, [f"{_('Hotel rooming list')} — {meeting.title}"])
    _bold_row(sheet, [_("Hotel"), *rooming_header()])
    for entry in hotels:
        for row in rooming_rows(entry):
            sheet.append([entry.hotel.name, *row])
    for column, width in zip("ABCDEFGH", (28, 22, 30, 20, 12, 12, 8, 18), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------------------


def _pdf(meeting: Meeting, title: str, build: Callable) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    regular, bold = pdf_fonts()
    page = landscape(A4)
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=2 * mm),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=9.5, leading=12, textColor=colors.HexColor("#5b6775")),
        "group": ParagraphStyle(
            "group", fontName=bold, fontSize=11.5, leading=15, spaceBefore=4 * mm, spaceAfter=1 * mm
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10.5),
    }
    style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d8dee6")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
        ]
    )

    def table(header: list[str], rows: list[list], widths: list[float]):
        def cell(value, head=False):
            text = escape(str(value if value is not None else "")).replace("\n", "<br/>")
            return Paragraph(text, styles["head" if head else "cell"])

        made = Table(
            [[cell(h, True) for h in header], *[[cell(v) for v in row] for row in rows]], colWidths=widths, repeatRows=1
        )
        made.setStyle(style)
        return made

    def paragraph(text: str, kind: str):
        return Paragraph(escape(text), styles[kind])

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
        title=f"{title} — {meeting.title}",
    )  # fmt: skip
    story = [paragraph(title, "sub"), paragraph(str(meeting.title), "title")]
    story += build(table=table, paragraph=paragraph, width=page[0] - 24 * mm, mm=mm)
    document.build(story)
    return buffer.getvalue()


def transfers_pdf(days: list[TransferDay], meeting: Meeting) -> bytes:
    def build(*, table, paragraph, width, mm):
        story = [paragraph(_("Local times at the venue (%(tz)s).") % {"tz": meeting.time_zone}, "sub")]
        widths = [14 * mm, 28 * mm, 20 * mm, 16 * mm, 0, 45 * mm, 45 * mm]
        widths[4] = width - sum(widths)
        for day in days:
            story.append(paragraph(_day(day.day), "group"))
            story.append(table(transfer_header(), [transfer_rows(t) for t in day.transfers], widths))
        if not days:
            story.append(paragraph(_("No delegate has asked for an airport transfer yet."), "cell"))
        return story

    return _pdf(meeting, _("Daily transfer sheet"), build)


def rooming_pdf(hotels: list[RoomingHotel], meeting: Meeting) -> bytes:
    def build(*, table, paragraph, width, mm):
        story = []
        widths = [38 * mm, 0, 34 * mm, 28 * mm, 28 * mm, 16 * mm, 36 * mm]
        widths[1] = width - sum(widths)
        for entry in hotels:
            heading = f"{entry.hotel.name} · " + _("%(guests)s guests, %(nights)s nights") % {
                "guests": entry.guests,
                "nights": entry.nights,
            }
            story.append(paragraph(heading, "group"))
            if entry.hotel.address or entry.hotel.phone:
                story.append(paragraph(" · ".join(p for p in (entry.hotel.address, entry.hotel.phone) if p), "sub"))
            rows = [
                [row[0], row[1], row[2], formats.date_format(row[3], "SHORT_DATE_FORMAT"),
                 formats.date_format(row[4], "SHORT_DATE_FORMAT"), row[5], row[6]]
                for row in rooming_rows(entry)
            ]  # fmt: skip
            if rows:
                story.append(table(rooming_header(), rows, widths))
            else:
                story.append(paragraph(_("No guests yet."), "cell"))
        if not hotels:
            story.append(paragraph(_("The secretariat has not listed any hotel for this meeting yet."), "cell"))
        return story

    return _pdf(meeting, _("Hotel rooming list"), build)


SHEETS = {
    "transfers": (transfer_sheet, {"pdf": transfers_pdf, "xlsx": transfers_xlsx}),
    "rooming": (rooming_list, {"pdf": rooming_pdf, "xlsx": rooming_xlsx}),
}
CONTENT_TYPES = {"pdf": PDF, "xlsx": XLSX}


def logistics_export(sheet: str, kind: str, meeting: Meeting) -> tuple[Export, int]:
    """The export and how many people it names (for record_access). An unknown sheet or kind is a 404."""
    if sheet not in SHEETS or kind not in CONTENT_TYPES:
        raise NotFound
    select, renderers = SHEETS[sheet]
    listing = select(meeting=meeting)
    if sheet == "transfers":
        people = len({t.participant_id for day in listing for tr in day.transfers for t in tr.travels})
    else:
        people = sum(entry.guests for entry in listing)
    export = Export(
        filename=f"{file_stem(meeting.title_en or meeting.title, default='meeting')}-{sheet}.{kind}",
        content_type=CONTENT_TYPES[kind],
        render=lambda: renderers[kind](listing, meeting),
    )
    return export, people
