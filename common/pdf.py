"""The portal's PDF fonts, registered with reportlab once per process: DejaVu Sans (static/fonts), which
carries every Vietnamese letter. Every PDF maker calls `pdf_fonts()` and uses the names it returns."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@cache
def pdf_fonts() -> tuple[str, str]:
    """(regular, bold), registered on first use; bold also as the family's bold, so <b> works in paragraphs."""
    fonts = Path(settings.BASE_DIR) / "static" / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    return FONT, BOLD
