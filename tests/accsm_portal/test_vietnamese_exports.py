"""Files downloaded from a Vietnamese page — participant lists, badges, letters of invitation, the work plan,
import templates — are in Vietnamese, and the PDFs embed a font that carries every Vietnamese letter."""

import csv
import io

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import User
from meetings.models import Meeting, MemberState, Participant
from tests.untranslated import english_left, untranslated_content
from workplan.models import WorkPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    som23 = Meeting.objects.get(title_en="23rd ACCSM Senior Officials Meeting (SOM 23)")
    Participant.objects.filter(delegation__meeting=som23).update(status=Participant.Status.CONFIRMED)
    return som23


def pdf_text_and_fonts(content: bytes) -> tuple[str, set[str]]:
    """The text of a PDF, and the fonts its visible text is drawn in (not the ones merely listed)."""
    fonts = set()

    def note_font(text, _cm, _tm, font, _size):
        if text.strip() and font is not None:
            fonts.add(str(font["/BaseFont"]).split("+")[-1].lstrip("/"))

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text(visitor_text=note_font) for page in reader.pages), fonts


def xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value
    )


def csv_text(content: bytes) -> str:
    return "\n".join(" ".join(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_every_download_from_a_vietnamese_page_is_in_vietnamese(client, demo):
    participant = Participant.objects.filter(delegation__meeting=demo, delegation__member_state__code="VN").first()
    plan = WorkPlan.objects.get(title_en="ACCSM Work Plan 2021–2025")
    client.force_login(User.objects.get(username="secretariat"))
    downloads = {
        "participants.pdf": f"/vi/secretariat/meetings/{demo.pk}/participants.pdf",
        "badges.pdf": f"/vi/secretariat/meetings/{demo.pk}/badges.pdf",
        "letter.pdf": f"/vi/registrations/participants/{participant.pk}/letter-of-invitation-vi.pdf",
        "workplan.pdf": f"/vi/workplan/{plan.pk}/export.pdf",
        "participants.xlsx": f"/vi/secretariat/meetings/{demo.pk}/participants.xlsx",
        "workplan.xlsx": f"/vi/workplan/{plan.pk}/export.xlsx",
        "participants.csv": f"/vi/secretariat/meetings/{demo.pk}/participants.csv",
        "arrivals.csv": f"/vi/registrations/meetings/{demo.pk}/arrivals.csv",
    }
    texts, fonts = {}, {}
    for name, path in downloads.items():
        response = client.get(path)
        assert response.status_code == 200, path
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if name.endswith(".pdf"):
            texts[name], fonts[name] = pdf_text_and_fonts(content)
        else:
            texts[name] = xlsx_text(content) if name.endswith(".xlsx") else csv_text(content)
    client.force_login(User.objects.get(username="fp-vn"))
    texts["template.xlsx"] = xlsx_text(client.get("/vi/my/participants-template.xlsx").content)
    texts["template.csv"] = csv_text(client.get("/vi/my/participants-template.csv").content)

    content = untranslated_content()
    # A badge is read in both languages (issue 16): Vietnamese first on a Vietnamese page, English below it.
    with translation.override("en"):
        english_second = {str(label) for label in Participant.Role.labels} | {demo.title_en, "Badge number"}
    english_second |= set(MemberState.objects.values_list("name_en", flat=True))
    texts["badges.pdf"] = "\n".join(
        line
        for line in texts["badges.pdf"].splitlines()
        if line.strip() not in english_second and not line.strip().endswith("· Badge number")
    )
    assert {name: english_left(text, content=content) for name, text in texts.items()} == {name: [] for name in texts}
    # Drawn in DejaVu Sans (static/fonts), which has every Vietnamese letter; never in Helvetica, which has not.
    assert {name: (bool(used), sorted(used - {"DejaVuSans", "DejaVuSans-Bold"})) for name, used in fonts.items()} == {
        name: (True, []) for name in fonts
    }
    assert "Hội nghị quan chức cấp cao ACCSM lần thứ 23 (SOM 23)" in texts["participants.pdf"]
    assert "Trần Minh Hà" in texts["badges.pdf"]
