"""Certificates of attendance: the PDF (both languages, the meeting, its dates and venue, the sessions
attended, the signatory set per meeting, a QR to the public verification page), the download link an email
carries, and the email itself (sent through the outbox)."""

from __future__ import annotations

import io

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.pdf import pdf_fonts
from outbox.kinds import Kind, NotNeeded

from .models import Attendance, Certificate, CertificateSignatory

DOWNLOAD_SALT = "venue.certificate.download"
DOWNLOAD_DAYS = 180


def verify_url(certificate: Certificate) -> str:
    with translation.override("en"):
        return settings.SITE_URL + reverse("venue:certificate_verify", args=[certificate.code])


def download_url(certificate: Certificate, language: str = "en") -> str:
    token = signing.dumps(certificate.pk, salt=DOWNLOAD_SALT)
    with translation.override(language):
        return settings.SITE_URL + reverse("venue:certificate_download", args=[token])


def certificate_from_download(token: str) -> Certificate | None:
    try:
        pk = signing.loads(token, salt=DOWNLOAD_SALT, max_age=DOWNLOAD_DAYS * 86400)
    except signing.BadSignature:
        return None
    return _certificates().filter(pk=pk).first()


def certificate_from_code(code: str) -> Certificate | None:
    return _certificates().filter(code=code[:40]).first() if code else None


def _certificates():
    return Certificate.objects.select_related(
        "participant__delegation__member_state", "participant__delegation__meeting"
    ).filter(participant__anonymised_at__isnull=True)


def sessions_attended(certificate: Certificate) -> list:
    return [
        row.session
        for row in Attendance.objects.filter(participant=certificate.participant)
        .select_related("session")
        .order_by("session__start", "session_id")
    ]


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


def _field(instance, field: str, language: str) -> str:
    return str(getattr(instance, f"{field}_{language}", "") or getattr(instance, field) or "")


def _dates(meeting, language: str) -> str:
    with translation.override(language):
        start, end = meeting.local_start.date(), meeting.local_end.date()
        first = formats.date_format(start, "DATE_FORMAT")
        return first if start == end else f"{first} – {formats.date_format(end, 'DATE_FORMAT')}"


def certificate_pdf(certificate: Certificate) -> bytes:
    """A4 landscape; English above, Vietnamese below, line by line."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from registrations.exports import _fit

    regular, bold = pdf_fonts()
    participant = certificate.participant
    meeting = participant.delegation.meeting
    signatory = CertificateSignatory.objects.filter(meeting=meeting).first()
    sessions = [s for s in sessions_attended(certificate) if s.pk != meeting.pk]
    width, height = landscape(A4)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setTitle(_in("en", _("Certificate of attendance")) + f" — {participant.full_name}")
    brand, ink, muted = colors.HexColor("#0b4f8a"), colors.HexColor("#1d2733"), colors.HexColor("#5b6775")
    centre, inner = width / 2, width - 50 * mm
    canvas.setStrokeColor(brand)
    canvas.setLineWidth(2)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)

    def pair(y, english: str, vietnamese: str, size: float, *, font=bold, colour=ink, gap=6.5 * mm):
        canvas.setFillColor(colour)
        canvas.setFont(font, _fit(english, font, size, inner))
        canvas.drawCentredString(centre, y, english)
        if vietnamese and vietnamese != english:
            canvas.setFillColor(muted)
            canvas.setFont(regular, _fit(vietnamese, regular, size * 0.8, inner))
            canvas.drawCentredString(centre, y - gap, vietnamese)

    title = _("Certificate of attendance")
    pair(height - 32 * mm, _in("en", title).upper(), _in("vi", title).upper(), 24, colour=brand, gap=9 * mm)
    certify = _("This is to certify that")
    pair(height - 58 * mm, _in("en", certify), _in("vi", certify), 12, font=regular)
    canvas.setFillColor(ink)
    canvas.setFont(bold, _fit(participant.name_with_honorific, bold, 26, inner))
    canvas.drawCentredString(centre, height - 78 * mm, participant.name_with_honorific)
    country = participant.delegation.member_state
    who = ", ".join(x for x in (participant.position, participant.organisation) if x)
    pair(height - 88 * mm, f"{who} — {_field(country, 'name', 'en')}" if who else _field(country, "name", "en"),
         _field(country, "name", "vi"), 11, font=regular)  # fmt: skip
    attended = _("attended")
    pair(height - 104 * mm, _in("en", attended), _in("vi", attended), 12, font=regular)
    pair(height - 117 * mm, _field(meeting, "title", "en"), _field(meeting, "title", "vi"), 17, gap=7.5 * mm)
    place = ", ".join(x for x in (_field(meeting, "venue", "en"), _field(meeting, "city", "en")) if x)
    place_vi = ", ".join(x for x in (_field(meeting, "venue", "vi"), _field(meeting, "city", "vi")) if x)
    pair(height - 133 * mm, " · ".join(x for x in (_dates(meeting, "en"), place) if x),
         " · ".join(x for x in (_dates(meeting, "vi"), place_vi) if x), 11, font=regular)  # fmt: skip
    if sessions:
        label = _("Sessions attended")
        names = "; ".join(_field(s, "title", "en") for s in sessions)
        names_vi = "; ".join(_field(s, "title", "vi") for s in sessions)
        pair(height - 148 * mm, f"{_in('en', label)}: {names}", f"{_in('vi', label)}: {names_vi}", 10, font=regular)
    # The signature, and the code that proves the certificate.
    if signatory:
        canvas.setStrokeColor(muted)
        canvas.setLineWidth(0.5)
        canvas.line(width - 120 * mm, 40 * mm, width - 30 * mm, 40 * mm)
        canvas.setFillColor(ink)
        canvas.setFont(bold, 11)
        canvas.drawCentredString(width - 75 * mm, 34 * mm, signatory.signatory_name)
        for offset, language in ((29, "en"), (24.5, "vi")):
            text = _field(signatory, "signatory_title", language)
            if text and (language == "en" or text != _field(signatory, "signatory_title", "en")):
                canvas.setFont(regular, _fit(text, regular, 8.5, 90 * mm))
                canvas.drawCentredString(width - 75 * mm, offset * mm, text)
    qr_size = 28 * mm
    widget = QrCodeWidget(verify_url(certificate), barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(qr_size, qr_size, transform=[qr_size / (right - left), 0, 0, qr_size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 22 * mm, 20 * mm)
    canvas.setFillColor(muted)
    canvas.setFont(regular, 8)
    reference = _("Reference")
    canvas.drawString(52 * mm, 36 * mm, f"{_in('en', reference)} · {_in('vi', reference)}: {certificate.reference}")
    check = _("Check this certificate at the address in the code.")
    canvas.drawString(52 * mm, 31 * mm, _in("en", check))
    canvas.drawString(52 * mm, 27 * mm, _in("vi", check))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- The email ------------------------------------------------------------------------------------------


def _email_context(email) -> dict:
    certificate = _certificates().filter(pk=email.context.get("certificate")).first()
    if certificate is None or certificate.participant.is_withdrawn:
        raise NotNeeded
    meeting = certificate.participant.delegation.meeting
    return {
        "certificate": certificate,
        "meeting": meeting,
        "download_url": download_url(certificate, email.language),
        "verify_url": verify_url(certificate),
        "download_days": DOWNLOAD_DAYS,
        "site_url": settings.SITE_URL,
    }


EMAIL_KIND = Kind(
    "attendance_certificate", _("Certificate of attendance"), "venue/emails/certificate", context=_email_context
)


def file_name(certificate: Certificate) -> str:
    from common.exports import file_stem

    stem = file_stem(certificate.participant.full_name, default="participant")
    return f"{gettext('certificate')}-{stem}.pdf"
