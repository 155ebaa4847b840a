import pytest

from documents.models import Document
from tests.factories import docx_bytes, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_focal_point_uploads_a_country_report_from_the_meeting_page(
    page, sign_in, focal_point_vn, meeting, eager_tasks, tmp_path
):
    wrong = tmp_path / "Báo cáo quốc gia.pdf"
    wrong.write_bytes(docx_bytes())  # a Word file saved with a .pdf name
    right = tmp_path / "Báo cáo quốc gia Việt Nam.pdf"
    right.write_bytes(pdf_bytes("Viet Nam country report"))
    sign_in(focal_point_vn)
    page.goto(f"/en/meetings/{meeting.pk}/")

    page.get_by_role("link", name="Upload your country report").click()
    page.get_by_label("Title (English)").fill("Country report of Viet Nam")
    page.get_by_label("Title (Vietnamese)").fill("Báo cáo quốc gia của Việt Nam")
    page.locator("#id_file").set_input_files(str(wrong))
    page.get_by_role("button", name="Upload", exact=True).click()

    assert "is not a PDF document, although its name ends in .pdf" in page.locator(".field-error").inner_text()
    assert page.get_by_label("Title (Vietnamese)").input_value() == "Báo cáo quốc gia của Việt Nam"
    page.locator("#id_file").set_input_files(str(right))
    page.get_by_role("button", name="Upload", exact=True).click()

    assert page.locator("h1").inner_text() == "Country report of Viet Nam"
    assert "Báo cáo quốc gia Việt Nam.pdf" in page.locator("table.data").inner_text()
    page.goto(f"/en/meetings/{meeting.pk}/")
    assert "Country report of Viet Nam" in page.locator(".meeting-documents").inner_text()
    report = Document.objects.get()
    assert (report.member_state.code, report.status) == ("VN", "draft")
