"""The report of a meeting, drafted from its record, as PDF and DOCX in both languages; read back."""

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from proceedings.models import ActionItem
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    DelegationFactory,
    HeldMeetingFactory,
    ItemRecordFactory,
    MemberStateFactory,
    ParticipantFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def som():
    meeting = HeldMeetingFactory(
        title="SOM 24", title_vi="Hội nghị SOM 24", start=dt.datetime(2026, 8, 5, 1, 0, tzinfo=dt.UTC), city="Hà Nội"
    )
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam", name_vi="Việt Nam")
    thailand = MemberStateFactory(code="TH", name="Thailand", name_vi="Thái Lan")
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam)
    th = DelegationFactory(meeting=meeting, member_state=thailand)
    ParticipantFactory(delegation=vn, full_name="Nguyễn Thị Bình", honorific="", status="confirmed")
    ParticipantFactory(delegation=th, full_name="Somchai Wong", honorific="Mr.", status="confirmed")
    ParticipantFactory(delegation=th, full_name="Withdrawn Person", status="withdrawn")
    ParticipantFactory(delegation=th, full_name="Only Registered", status="registered")
    work_plan = AgendaItemFactory(meeting=meeting, order=1, title="Work Plan review", title_vi="Rà soát Kế hoạch")
    AgendaItemFactory(meeting=meeting, order=2, title="Any other business", title_vi="Các vấn đề khác")
    ItemRecordFactory(agenda_item=work_plan, summary="The meeting reviewed the Work Plan 2026-2030.")
    DecisionFactory(
        agenda_item=work_plan,
        text="The meeting endorsed the revised Work Plan.",
        text_vi="Hội nghị thông qua Kế hoạch công tác sửa đổi.",
    )
    ActionItemFactory(
        agenda_item=work_plan,
        owner_member_state=thailand,
        description="Circulate the PSTI terms of reference",
        description_vi="Gửi điều khoản tham chiếu của PSTI",
        due_date=dt.date(2026, 9, 30),
    )
    ActionItemFactory(agenda_item=work_plan, description="A dropped item", status=ActionItem.Status.DROPPED)
    return meeting


def download(client, meeting, language, file_format):
    response = client.get(
        reverse("proceedings:report", args=[meeting.pk]), {"language": language, "format": file_format}
    )
    assert response.status_code == 200
    return response


def pdf_text(data: bytes) -> str:
    """The PDF's text as a reader gets it (pypdf, as the other export tests; pdftotext is not installed here)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_the_report_pdf_in_english_and_vietnamese_reads_back_from_the_record(client, secretariat_user, som):
    client.force_login(secretariat_user)

    english = download(client, som, "en", "pdf")
    assert english["Content-Type"] == "application/pdf"
    text = pdf_text(english.content)
    assert "Report of the meeting SOM 24" in text
    assert "Thailand: Mr. Somchai Wong" in text and "Viet Nam: Nguyễn Thị Bình" in text
    assert "Withdrawn Person" not in text and "Only Registered" not in text
    assert text.index("1. Work Plan review") < text.index("2. Any other business")
    assert "The meeting reviewed the Work Plan 2026-2030." in text
    assert "1.1 The meeting endorsed the revised Work Plan." in text
    assert "Circulate the PSTI terms of reference Thailand" in text
    assert "A dropped item" not in text

    vietnamese = pdf_text(download(client, som, "vi", "pdf").content)
    assert "Báo cáo cuộc họp Hội nghị SOM 24" in vietnamese
    assert "Thành phần tham dự" in vietnamese
    assert "Thái Lan: Mr. Somchai Wong" in vietnamese
    assert "1.1 Hội nghị thông qua Kế hoạch công tác sửa đổi." in vietnamese
    assert "Gửi điều khoản tham chiếu của PSTI" in vietnamese


def test_the_report_docx_in_english_and_vietnamese_reads_back_from_the_record(client, secretariat_user, som):
    client.force_login(secretariat_user)

    english = download(client, som, "en", "docx")
    assert english["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="report-' in english["Content-Disposition"]
    text = docx_text(english.content)
    assert "Report of the meeting SOM 24" in text
    assert "Thailand: Mr. Somchai Wong" in text
    assert "1.1 The meeting endorsed the revised Work Plan." in text
    assert "Circulate the PSTI terms of reference Thailand 30 September 2026" in text

    vietnamese = docx_text(download(client, som, "vi", "docx").content)
    assert "Báo cáo cuộc họp Hội nghị SOM 24" in vietnamese
    assert "Thời hạn" in vietnamese
    assert "1.1 Hội nghị thông qua Kế hoạch công tác sửa đổi." in vietnamese
    assert "Việt Nam: Nguyễn Thị Bình" in vietnamese


def test_an_unknown_language_or_format_is_a_404(client, secretariat_user, som):
    client.force_login(secretariat_user)
    url = reverse("proceedings:report", args=[som.pk])

    assert client.get(url, {"language": "fr"}).status_code == 404
    assert client.get(url, {"format": "exe"}).status_code == 404


def test_the_report_needs_the_same_queries_for_one_or_many_items(client, secretariat_user, som):
    client.force_login(secretariat_user)
    url = reverse("proceedings:report", args=[som.pk]) + "?format=docx"
    one = queries_for(client, url)
    for order in (3, 4, 5):
        item = AgendaItemFactory(meeting=som, order=order)
        DecisionFactory(agenda_item=item)
        ActionItemFactory(agenda_item=item)
    assert queries_for(client, url) == one


def test_once_people_were_checked_in_the_report_lists_who_came(client, secretariat_user, som):
    """Attendance is who was there (venue/ check-in), not who was confirmed, once the door has scanned anyone."""
    from django.utils import timezone

    from meetings.models import Participant
    from venue.models import Attendance

    came = Participant.objects.get(full_name="Somchai Wong")
    Attendance.objects.create(participant=came, session=som, first_in=timezone.now(), last_scan=timezone.now())
    client.force_login(secretariat_user)

    text = pdf_text(download(client, som, "en", "pdf").content)

    assert "Somchai Wong" in text
    assert "Nguyễn Thị Bình" not in text  # confirmed, but never came through the door
