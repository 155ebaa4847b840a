"""Text of PDF and DOCX files is extracted after the upload commits (Celery) and searched on PostgreSQL."""

import pytest

from documents import services
from documents.models import Document, DocumentVersion
from documents.selectors import documents_search, library_documents
from tests.factories import docx_bytes, pdf_bytes, pptx_bytes, upload_file


def upload(actor, meeting, name, data, title="Report"):
    return services.document_upload(
        actor=actor,
        file=upload_file(name, data),
        title_en=title,
        kind=Document.Kind.REPORT,
        meeting=meeting,
        status=Document.Status.CIRCULATED,
        visibility=Document.Visibility.PUBLIC,
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", pdf_bytes("Strategic Partnership Framework for ACCSM")),
        ("report.docx", docx_bytes("Strategic Partnership Framework for ACCSM")),
    ],
)
def test_the_text_of_a_pdf_or_docx_is_extracted_once_the_upload_commits(
    secretariat_user, meeting, eager_tasks, django_capture_on_commit_callbacks, name, data
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = upload(secretariat_user, meeting, name, data)

    assert len(callbacks) == 1
    assert DocumentVersion.objects.get(pk=document.current_version_id).text == (
        "Strategic Partnership Framework for ACCSM"
    )


def test_nothing_is_queued_for_a_presentation(secretariat_user, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        upload(secretariat_user, meeting, "slides.pptx", pptx_bytes())

    assert callbacks == []


def test_a_broken_pdf_leaves_the_text_empty_and_the_file_downloadable(secretariat_user, meeting):
    document = upload(secretariat_user, meeting, "broken.pdf", b"%PDF-1.7 then nothing that parses")

    services.version_extract_text(version_id=document.current_version_id)

    version = DocumentVersion.objects.get(pk=document.current_version_id)
    assert (version.text, version.file.read()) == ("", b"%PDF-1.7 then nothing that parses")


def test_extraction_of_a_deleted_version_does_nothing(db):
    services.version_extract_text(version_id=999_999)


def test_a_broker_that_is_down_does_not_fail_a_committed_upload(
    secretariat_user, meeting, django_capture_on_commit_callbacks, monkeypatch
):
    from documents.tasks import extract_document_text

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(extract_document_text, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        document = upload(secretariat_user, meeting, "report.pdf", pdf_bytes())

    assert Document.objects.get(pk=document.pk).current_version is not None


def test_title_search_ignores_diacritics(secretariat_user, meeting):
    wanted = upload(secretariat_user, meeting, "a.pdf", pdf_bytes(), title="Báo cáo Hội nghị quan chức cấp cao")
    upload(secretariat_user, meeting, "b.pdf", pdf_bytes(), title="Concept note")

    found = documents_search(library_documents(actor=None), "bao cao hoi nghi", full_text=False)

    assert list(found) == [wanted]


def test_full_text_search_finds_words_inside_pdf_and_docx_files(
    on_postgres, secretariat_user, meeting, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(secretariat_user, meeting, "a.pdf", pdf_bytes("Resource centres and mental health"), "One")
        upload(secretariat_user, meeting, "b.docx", docx_bytes("Tăng cường sức khỏe tinh thần"), "Two")
        upload(secretariat_user, meeting, "c.pdf", pdf_bytes("Something else entirely"), "Three")

    def search(term):
        return sorted(d.title for d in documents_search(library_documents(actor=None), term, full_text=True))

    assert search("mental health") == ["One"]
    assert search("suc khoe") == ["Two"]  # diacritics ignored inside the files too
    assert search("Three") == ["Three"]  # titles still count
