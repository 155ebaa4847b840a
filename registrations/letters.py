"""Letters of invitation as PDF (for visas and travel approval), on the chairing agency's letterhead.

The letterhead and the text come from the chairmanship's InvitationLetterTemplate in the letter's
language; without one, a default text is used. DejaVu Sans carries every Vietnamese diacritic.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer

from common.pdf import BOLD, FONT, pdf_fonts
from meetings.models import InvitationLetterTemplate, Meeting, Participant


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, spaceAfter=8)
    return {
        "body": body,
        "agency": ParagraphStyle("agency", parent=body, fontName=BOLD, fontSize=13, leading=17, alignment=TA_CENTER),
        "letterhead": ParagraphStyle(
            "letterhead", parent=body, fontSize=9.5, leading=13, alignment=TA_CENTER, spaceAfter=0
        ),
        "date": ParagraphStyle("date", parent=body, alignment=TA_RIGHT),
        "address": ParagraphStyle("address", parent=body, spaceAfter=0),
        "subject": ParagraphStyle("subject", parent=body, fontName=BOLD, spaceBefore=6),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor="#5b6775"),
    }


def meeting_dates(meeting: Meeting) -> str:
    """'7 August 2024' or '5 August 2024 – 7 August 2024', in the venue's time zone and the active language."""
    start, end = meeting.local_start.date(), meeting.local_end.date()
    if start == end:
        return formats.date_format(start, "DATE_FORMAT")
    return f"{formats.date_format(start, 'DATE_FORMAT')} – {formats.date_format(end, 'DATE_FORMAT')}"


def default_template(meeting: Meeting) -> InvitationLetterTemplate:
    """The text used until the secretariat writes its own (in the active language)."""
    chairmanship = meeting.chairmanship
    return InvitationLetterTemplate(
        chairmanship=chairmanship,
        letterhead=f"{chairmanship.chairing_agency}\n{chairmanship.chair}",
        place=meeting.city,
        body=_(
            "On behalf of the Chair of ACCSM, we have the honour to invite {name}, {position}, {organisation}, "
            "{country}, to attend the {meeting}, to be held on {dates} at {venue}, {city}, as {role} of the "
            "delegation of {country}.\n\n"
            "We would be grateful if the competent authorities could kindly extend their assistance in "
            "issuing the visa and travel approval needed to attend the meeting.\n\n"
            "Please accept the assurances of our highest consideration."
        ),
        signatory_name="",
        signatory_title=_("ACCSM Secretariat"),
    )


def _values(participant: Participant) -> dict[str, str]:
    delegation = participant.delegation
    meeting = delegation.meeting
    return {
        "name": participant.name_with_honorific,
        "position": participant.position,
        "organisation": participant.organisation_beyond_position,
        "country": str(delegation.member_state),
        "meeting": meeting.title,
        "dates": meeting_dates(meeting),
        "venue": meeting.venue,
        "city": meeting.city,
        "role": participant.get_role_display().lower(),
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _tidy(text: str) -> str:
    """A placeholder left empty (no position, an organisation the position already names) leaves no ", ,"."""
    return re.sub(r",(\s*,)+", ",", text)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(_lines(block)) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def render_invitation_letter(
    participant: Participant,
    *,
    language: str,
    template: InvitationLetterTemplate | None = None,
    reference: str = "",
    verification: str = "",
    verification_code: str = "",
    extra_lines: list[str] | None = None,
    issued_on=None,
) -> bytes:
    """The PDF letter for one participant, in `language`. `template` defaults to the chairmanship's.

    A letter issued on request (accreditation.services.letter_pdf) carries its own `reference`, the date it
    was issued, a `verification` address with its code, and `extra_lines` under the address (a visa
    letter's passport data)."""
    pdf_fonts()
    meeting = participant.delegation.meeting
    with translation.override(language), timezone.override(meeting.tz):
        if template is None:
            template = InvitationLetterTemplate.objects.filter(
                chairmanship_id=meeting.chairmanship_id
            ).first() or default_template(meeting)
        styles = _styles()
        values = _values(participant)
        letterhead = _lines(template.letterhead)
        story = []
        if letterhead:
            story.append(Paragraph(escape(letterhead[0]), styles["agency"]))
            story += [Paragraph(escape(line), styles["letterhead"]) for line in letterhead[1:]]
        story += [Spacer(1, 3 * mm), HRFlowable(width="100%", color="#0b4f8a", thickness=1.2), Spacer(1, 6 * mm)]
        today = formats.date_format(issued_on or timezone.localdate(), "DATE_FORMAT")
        story.append(Paragraph(escape(f"{template.place}, {today}" if template.place else today), styles["date"]))
        address = [values["name"], participant.position, values["organisation"], values["country"]]
        story += [Paragraph(escape(line), styles["address"]) for line in address if line]
        story += [Paragraph(escape(line), styles["address"]) for line in extra_lines or []]
        story.append(Spacer(1, 5 * mm))
        subject = _("Letter of invitation: %(meeting)s") % {"meeting": meeting.title}
        story.append(Paragraph(escape(subject), styles["subject"]))
        story.append(Paragraph(escape(_("Dear %(name)s,") % {"name": values["name"]}), styles["body"]))
        for paragraph in _paragraphs(_tidy(InvitationLetterTemplate.fill(template.body, values))):
            story.append(Paragraph(escape(paragraph), styles["body"]))
        story.append(Spacer(1, 12 * mm))
        for line, style in ((template.signatory_name, "subject"), (template.signatory_title, "address")):
            if line:
                story.append(Paragraph(escape(line), styles[style]))
        story.append(Spacer(1, 15 * mm))
        reference_line = _("Reference %(reference)s, issued through the ACCSM Portal.") % {
            "reference": reference or f"ACCSM-{meeting.pk}-{participant.pk}"
        }
        story.append(Paragraph(escape(reference_line), styles["small"]))
        if verification:
            check = _("Verification code %(code)s: check this letter at %(address)s") % {
                "code": verification_code,
                "address": verification,
            }
            story.append(Paragraph(escape(check), styles["small"]))
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=25 * mm,
            rightMargin=25 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=subject,
            author=letterhead[0] if letterhead else "ACCSM",
        )
        document.build(story)
    return buffer.getvalue()
