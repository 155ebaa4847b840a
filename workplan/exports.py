"""The work plan for the report to the Heads of Civil Service: XLSX (openpyxl) and PDF (reportlab with
DejaVu Sans, which carries Vietnamese). Both take already-fetched initiatives (annotated with their
latest progress) and write in the active language."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from common.exports import PDF, XLSX, Export, SafeWorkbook, file_stem
from common.pdf import BOLD as FONT_BOLD
from common.pdf import FONT, pdf_fonts

from .models import Initiative, WorkPlan
from .selectors import AreaWithInitiatives


def _columns() -> list[tuple[str, int]]:
    """(header, width in characters) of the export's columns."""
    return [
        (_("Priority area"), 28),
        (_("Initiative"), 44),
        (_("Lead country"), 16),
        (_("Co-lead countries"), 20),
        (_("Status"), 12),
        (_("Planned start"), 13),
        (_("Planned end"), 13),
        (_("Approved at"), 24),
        (_("Progress (%)"), 11),
        (_("Last report"), 13),
        (_("Latest progress"), 60),
    ]


def _row(initiative: Initiative) -> list:
    return [
        str(initiative.priority_area),
        initiative.title,
        initiative.lead.name,
        ", ".join(co_lead.name for co_lead in initiative.co_leads.all()),
        initiative.get_status_display(),
        initiative.planned_start,
        initiative.planned_end,
        initiative.approved_at.title if initiative.approved_at else "",
        initiative.latest_percent,
        initiative.latest_progress_date,
        initiative.latest_progress_text or "",
    ]


def work_plan_xlsx(*, work_plan: WorkPlan, groups: list[AreaWithInitiatives]) -> bytes:
    """Anyone who may see the work plan may download it: the kit's workbook keeps text that looks like a
    formula (a progress report starting with "=") as text."""
    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet.title = _("Work plan")[:31]
    columns = _columns()
    sheet.append([work_plan.title])
    sheet["A1"].font = Font(bold=True, size=14)
    generated = date_format(timezone.localdate(), "DATE_FORMAT")
    sheet.append([_("Statuses and latest progress as of %(date)s") % {"date": generated}])
    sheet.append([])
    sheet.append([header for header, _width in columns])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0B4F8A")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for group in groups:
        for initiative in group.initiatives:
            sheet.append(_row(initiative))
            for cell in sheet[sheet.max_row]:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{sheet.max_row}"

    summary = workbook.create_sheet(_("Summary")[:31])
    initiatives = [i for group in groups for i in group.initiatives]
    summary.append([_("Status"), _("Initiatives")])
    for status, count in _status_counts(initiatives):
        summary.append([status, count])
    summary.append([])
    summary.append([_("Lead country"), _("Initiatives")])
    for country, count in Counter(i.lead.name for i in initiatives).most_common():
        summary.append([country, count])
    summary.column_dimensions["A"].width = 30
    for row in summary.iter_rows():
        if row[0].value in (_("Status"), _("Lead country")):
            for cell in row:
                cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _status_counts(initiatives: list[Initiative]) -> list[tuple[str, int]]:
    counts = Counter(i.status for i in initiatives)
    return [(str(label), counts[value]) for value, label in Initiative.Status.choices if counts.get(value)]


def work_plan_pdf(*, work_plan: WorkPlan, groups: list[AreaWithInitiatives]) -> bytes:
    pdf_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=8, leading=10, alignment=TA_LEFT)
    head = ParagraphStyle("head", parent=body, fontName=FONT_BOLD, textColor=colors.white)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4)
    area_style = ParagraphStyle("area", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12, textColor=colors.HexColor("#5b6775"))

    def p(text, style=body) -> Paragraph:
        return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)

    def day(value) -> str:
        return value.strftime("%Y-%m-%d") if value else ""

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=work_plan.title,
        author=_("ACCSM Portal"),
    )
    generated = date_format(timezone.localdate(), "DATE_FORMAT")
    story = [
        p(work_plan.title, title),
        p(_("Statuses and latest progress as of %(date)s") % {"date": generated}, small),
        Spacer(1, 4 * mm),
    ]
    initiatives = [i for group in groups for i in group.initiatives]
    counts = " · ".join(f"{label}: {count}" for label, count in _status_counts(initiatives))
    story.append(
        p(_("%(count)s initiatives") % {"count": len(initiatives)} + (f" — {counts}" if counts else ""), small)
    )
    headers = [
        _("Initiative"),
        _("Lead (co-leads)"),
        _("Status"),
        _("Planned"),
        _("Approved at"),
        _("Progress"),
        _("Latest progress"),
    ]
    widths = [66 * mm, 35 * mm, 22 * mm, 24 * mm, 30 * mm, 22 * mm, 74 * mm]
    style = TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#0b4f8a")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#d8dee6")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f7fa")]),
        ]
    )
    for group in groups:
        story.append(p(str(group.area), area_style))
        if not group.initiatives:
            story.append(p(_("No initiatives."), small))
            continue
        rows = [[p(h, head) for h in headers]]
        for i in group.initiatives:
            co_leads = ", ".join(c.name for c in i.co_leads.all())
            progress = f"{i.latest_percent}%" if i.latest_percent is not None else "—"
            latest = f"{day(i.latest_progress_date)}: {i.latest_progress_text}" if i.latest_progress_date else ""
            rows.append(
                [
                    p(i.title),
                    p(i.lead.name + (f" ({co_leads})" if co_leads else "")),
                    p(i.get_status_display()),
                    p(f"{day(i.planned_start)} – {day(i.planned_end)}" if i.planned_start or i.planned_end else ""),
                    p(i.approved_at.title if i.approved_at else ""),
                    p(progress),
                    p(latest),
                ]
            )
        table = LongTable(rows, colWidths=widths, repeatRows=1)
        table.setStyle(style)
        story.append(table)
    if not groups:
        story.append(Table([[p(_("No initiatives."), small)]]))
    doc.build(story)
    return buffer.getvalue()


def work_plan_export(kind: str, *, work_plan: WorkPlan, groups: list[AreaWithInitiatives]) -> Export:
    """The work plan as "xlsx" or "pdf". Public (anyone who may see the plan may download it): the page's own
    caching rules apply, not the personal-data ones."""
    render, content_type = {"xlsx": (work_plan_xlsx, XLSX), "pdf": (work_plan_pdf, PDF)}[kind]
    return Export(
        filename=f"{file_stem(work_plan.title_en or work_plan.title, default='work-plan')}.{kind}",
        content_type=content_type,
        render=lambda: render(work_plan=work_plan, groups=groups),
        private=False,
    )
