"""Uploading through the pages: the staff form, a focal point's country report, and every bad file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentVersion
from tests.documents.conftest import stored_files
from tests.factories import AgendaItemFactory, MeetingFactory, UserFactory, docx_bytes, pdf_bytes, upload_file


def form_data(meeting, **extra):
    data = {
        "title_en": "Report of the Senior Officials Meeting",
        "title_vi": "Báo cáo Hội nghị quan chức cấp cao",
        "kind": "report",
        "language": "en",
        "meeting": meeting.pk,
        "visibility": "public",
        "status": "circulated",
    }
    data.update(extra)
    return data


def test_staff_upload_a_document_from_the_form(client, secretariat_user, meeting):
    client.force_login(secretariat_user)
    item = AgendaItemFactory(meeting=meeting)

    response = client.post(
        reverse("documents:upload"), form_data(meeting, agenda_item=item.pk, file=upload_file("report.pdf"))
    )

    document = Document.objects.get()
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert (document.title_vi, document.agenda_item, document.status, document.visibility) == (
        "Báo cáo Hội nghị quan chức cấp cao",
        item,
        "circulated",
        "public",
    )


def test_the_upload_form_is_prefilled_from_the_meeting_page(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.get(reverse("documents:upload"), {"meeting": meeting.pk})

    assert response.context["form"]["meeting"].value() == str(meeting.pk)
    page = response.content.decode()
    assert 'accept=".pdf,.docx,.xlsx,.pptx"' in page
    assert "up to 25.0\xa0MB" in page


BAD_FILES = [
    ("report.pdf", docx_bytes(), "is not a PDF document, although its name ends in .pdf"),
    ("report.docx", pdf_bytes(), "is not a Word document (DOCX)"),
    ("report.xlsx", b"PK\x03\x04 nothing", "is not an Excel workbook (XLSX)"),
    ("script.js", b"alert(1)", "“.js” files are not accepted"),
    ("empty.pdf", b"", "The submitted file is empty."),  # Django's own form check comes first
    ("report<1>.pdf", pdf_bytes(), "characters that are not allowed"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_stored(
    client, secretariat_user, meeting, settings, name, data, message
):
    client.force_login(secretariat_user)

    response = client.post(reverse("documents:upload"), form_data(meeting, file=SimpleUploadedFile(name, data)))

    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert response.context["form"]["title_vi"].value() == "Báo cáo Hội nghị quan chức cấp cao"  # kept
    assert (Document.objects.count(), DocumentVersion.objects.count(), stored_files(settings)) == (0, 0, [])


def test_an_oversized_file_is_refused(client, secretariat_user, meeting, settings):
    settings.ACCSM_DOCUMENT_MAX_UPLOAD_BYTES = 1024
    client.force_login(secretariat_user)

    response = client.post(reverse("documents:upload"), form_data(meeting, file=upload_file("big.pdf")))

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        f"The file is {len(pdf_bytes()) / 1024:.1f}\xa0KB; the limit is 1.0\xa0KB."
    ]
    assert stored_files(settings) == []


def test_path_parts_in_the_uploaded_name_never_reach_the_file_system(client, secretariat_user, meeting, settings):
    """Browsers send only the base name; a crafted request's folders are dropped by Django's parser and
    the file is stored under a generated name anyway."""
    client.force_login(secretariat_user)
    boundary = "BoUnDaRy"
    fields = form_data(meeting)
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
    body = (
        "".join(parts).encode()
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/evil.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + pdf_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )

    client.generic("POST", reverse("documents:upload"), body, content_type=f"multipart/form-data; boundary={boundary}")

    version = DocumentVersion.objects.get()
    assert version.original_name == "evil.pdf"
    assert stored_files(settings) == [version.file.name]
    assert "evil" not in version.file.name and ".." not in version.file.name


def test_a_missing_title_keeps_what_was_typed(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.post(reverse("documents:upload"), form_data(meeting, title_en="", file=upload_file()))

    assert response.status_code == 400
    assert response.context["form"].errors["title_en"] == ["This field is required."]
    assert response.context["form"]["title_vi"].value() == "Báo cáo Hội nghị quan chức cấp cao"


def test_a_focal_point_uploads_their_country_report(client, focal_point_vn, viet_nam, meeting):
    client.force_login(focal_point_vn)

    form = client.get(reverse("documents:upload"), {"meeting": meeting.pk, "kind": "country_report"})
    response = client.post(
        reverse("documents:upload"),
        {
            "title_en": "Country report of Viet Nam",
            "kind": "country_report",
            "language": "en",
            "meeting": meeting.pk,
            "visibility": "public",  # not a field for focal points: ignored
            "member_state": 999,  # ditto
            "file": upload_file(),
        },
    )

    assert "member_state" not in form.context["form"].fields
    report = Document.objects.get()
    assert response["Location"] == reverse("documents:detail", args=[report.pk])
    assert (report.member_state, report.visibility, report.status) == (viet_nam, "member_states", "draft")


def test_a_focal_point_cannot_pick_a_meeting_their_country_is_not_invited_to(client, focal_point_vn):
    plus_three_only = MeetingFactory(invites_asean=False, invites_plus_three=True)
    client.force_login(focal_point_vn)

    response = client.post(
        reverse("documents:upload"),
        {
            "title_en": "Report",
            "kind": "country_report",
            "language": "en",
            "meeting": plus_three_only.pk,
            "file": upload_file(),
        },
    )

    assert response.status_code == 400
    assert "meeting" in response.context["form"].errors
    assert Document.objects.count() == 0


def test_the_upload_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("documents:upload"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_signed_in_user_who_is_no_focal_point_cannot_upload(client, meeting):
    client.force_login(UserFactory())

    assert client.get(reverse("documents:upload")).status_code == 404
    assert client.post(reverse("documents:upload"), form_data(meeting, file=upload_file())).status_code == 404


def test_a_focal_point_uploads_a_new_version_of_their_draft(client, focal_point_vn, focal_point_th, meeting):
    from documents import services

    report = services.country_report_upload(actor=focal_point_vn, meeting=meeting, file=upload_file(), title_en="VN")
    url = reverse("documents:add_version", args=[report.pk])

    client.force_login(focal_point_th)
    other = client.post(url, {"file": upload_file("v2.pdf")})
    client.force_login(focal_point_vn)
    own = client.post(url, {"file": upload_file("v2.pdf")})
    bad = client.post(url, {"file": upload_file("v3.pdf", docx_bytes())})

    assert other.status_code == 404
    assert own.status_code == 302
    assert bad.status_code == 400
    assert "is not a PDF document" in bad.context["version_form"].errors["file"][0]
    assert list(report.versions.values_list("number", flat=True)) == [2, 1]
