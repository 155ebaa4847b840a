"""The report of a meeting, drafted from its record: the agenda, the attendance by country, and per agenda
item the summary, the decisions and the action items; as PDF (reportlab, common/pdf.py) and DOCX
(python-docx), in English or Vietnamese (each text in the language asked, English where it has none).

Attendance is who was there, by country, once anyone was checked in at the meeting's door (venue/); before
that (a meeting without check-in), the confirmed delegates."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.exports import DOCX, PDF, Export
from common.pdf import pdf_fonts
from meetings.models import Meeting, Participant

from .models import ActionItem


@dataclass(frozen=True)
class ItemPart:
    number: str
    title: str
    summary: str
    decisions: list[str]
    actions: list[tuple[str, str, str]]  # what, who, by when


@dataclass(frozen=True)
class Report:
    title: str
    heading: str
    when: str
    where: str
    attendance: list[tuple[str, list[str]]]  # country, delegates
    items: list[ItemPart]


def _delegates(meeting: Meeting) -> list[tuple[str, list[str]]]:
    people = Participant.objects.filter(delegation__meeting=meeting, anonymised_at__isnull=True)
    came = people.filter(attendance__session=meeting)
    participants = (
        (came.distinct() if came.exists() else people.filter(status=Participant.Status.CONFIRMED))
        .select_related("delegation__member_state")
        .order_by("delegation__member_state__name", "full_name", "pk")
    )
    by_country: dict[str, list[str]] = {}
    for participant in participants:
        by_country.setdefault(str(participant.delegation.member_state), []).append(participant.name_with_honorific)
    return list(by_country.items())


def report_of(meeting: Meeting, language: str) -> Report:
    """The report's content in `language`, read from the record (a meeting from selectors.meeting_record)."""
    with translation.override(language):
        items = []
        for number, item in enumerate(meeting.agenda_items.all(), start=1):
            record = getattr(item, "record", None)
            items.append(
                ItemPart(
                    number=str(number),
                    title=item.title,
                    summary=record.summary if record is not None else "",
                    decisions=[decision.text for decision in item.decisions.all()],
                    actions=[
                        (action.description, action.owner_label, date_format(action.due_date, "DATE_FORMAT"))
                        for action in item.action_items.all()
                        if action.status != ActionItem.Status.DROPPED
                    ],
                )
            )
        local = meeting.local_start
        return Report(
            title=meeting.title,
            heading=_("Report of the meeting"),
            when=date_format(local, "DATE_FORMAT"),
            where=", ".join(part for part in (meeting.venue, meeting.city) if part),
            attendance=_delegates(meeting),
            items=items,
        )


def _labels() -> dict[str, str]:
    return {
        "attendance": _("Attendance"),
        "agenda": _("Agenda"),
        "summary": _("Summary of the discussion"),
        "decisions": _("Decisions"),
        "actions": _("Action items"),
        "what": _("What"),
        "who": _("Who"),
        "due": _("By when"),
        "none": _("No confirmed delegates."),
    }


def report_pdf(report: Report, language: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=4)
    styles = {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19, spaceAfter=2 * mm),
        "sub": ParagraphStyle("sub", parent=body, textColor=colors.HexColor("#5b6775")),
        "h2": ParagraphStyle("h2", parent=body, fontName=bold, fontSize=12, leading=16, spaceBefore=5 * mm),
        "h3": ParagraphStyle("h3", parent=body, fontName=bold, spaceBefore=2 * mm),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0),
    }
    with translation.override(language):
        labels = _labels()
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
            title=f"{report.heading} — {report.title}",
        )  # fmt: skip
        story = [
            Paragraph(escape(report.heading), styles["sub"]),
            Paragraph(escape(report.title), styles["title"]),
            Paragraph(escape(" · ".join(part for part in (report.when, report.where) if part)), styles["sub"]),
            Paragraph(escape(labels["attendance"]), styles["h2"]),
        ]
        if not report.attendance:
            story.append(Paragraph(escape(labels["none"]), body))
        for country, delegates in report.attendance:
            story.append(Paragraph(f"<b>{escape(country)}</b>: {escape(', '.join(delegates))}", body))
        story.append(Paragraph(escape(labels["agenda"]), styles["h2"]))
        for item in report.items:
            story.append(Paragraph(f"{item.number}. {escape(item.title)}", body))
        for item in report.items:
            story.append(Paragraph(f"{item.number}. {escape(item.title)}", styles["h2"]))
            if item.summary:
                story.append(Paragraph(escape(labels["summary"]), styles["h3"]))
                story.extend(Paragraph(escape(line), body) for line in item.summary.splitlines() if line.strip())
            if item.decisions:
                story.append(Paragraph(escape(labels["decisions"]), styles["h3"]))
                story.extend(
                    Paragraph(f"{item.number}.{n} {escape(text)}", body) for n, text in enumerate(item.decisions, 1)
                )
            if item.actions:
                story.append(Paragraph(escape(labels["actions"]), styles["h3"]))
                rows = [[Paragraph(f"<b>{escape(labels[key])}</b>", styles["cell"]) for key in ("what", "who", "due")]]
                rows += [[Paragraph(escape(cell), styles["cell"]) for cell in action] for action in item.actions]
                table = Table(rows, colWidths=[100 * mm, 40 * mm, 34 * mm], repeatRows=1)
                table.setStyle(
                    TableStyle(
                        [
                            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c5ccd4")),
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ]
                    )
                )
                story += [table, Spacer(1, 2 * mm)]
        document.build(story)
    return buffer.getvalue()


def report_docx(report: Report, language: str) -> bytes:
    import docx

    with translation.override(language):
        labels = _labels()
        document = docx.Document()
        document.core_properties.title = f"{report.heading} — {report.title}"
        document.core_properties.language = language
        document.add_paragraph(report.heading)
        document.add_heading(report.title, level=0)
        document.add_paragraph(" · ".join(part for part in (report.when, report.where) if part))
        document.add_heading(labels["attendance"], level=1)
        if not report.attendance:
            document.add_paragraph(labels["none"])
        for country, delegates in report.attendance:
            paragraph = document.add_paragraph()
            paragraph.add_run(country).bold = True
            paragraph.add_run(": " + ", ".join(delegates))
        document.add_heading(labels["agenda"], level=1)
        for item in report.items:
            document.add_paragraph(f"{item.number}. {item.title}")
        for item in report.items:
            document.add_heading(f"{item.number}. {item.title}", level=1)
            if item.summary:
                document.add_heading(labels["summary"], level=2)
                for line in item.summary.splitlines():
                    if line.strip():
                        document.add_paragraph(line)
            if item.decisions:
                document.add_heading(labels["decisions"], level=2)
                for n, text in enumerate(item.decisions, 1):
                    document.add_paragraph(f"{item.number}.{n} {text}")
            if item.actions:
                document.add_heading(labels["actions"], level=2)
                table = document.add_table(rows=1, cols=3)
                table.style = "Table Grid"
                for cell, key in zip(table.rows[0].cells, ("what", "who", "due"), strict=True):
                    cell.text = labels[key]
                for action in item.actions:
                    for cell, value in zip(table.add_row().cells, action, strict=True):
                        cell.text = value
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def report_export(meeting: Meeting, *, language: str, file_format: str) -> Export:
    """The draft report as a file of the export kit: `file_format` "pdf" or "docx"."""
    report = report_of(meeting, language)
    name = f"report-{meeting.pk}-{language}.{file_format}"
    if file_format == "docx":
        return Export(filename=name, content_type=DOCX, render=lambda: report_docx(report, language))
    return Export(filename=name, content_type=PDF, render=lambda: report_pdf(report, language))
