"""Files are judged by their content, not their name; bad files are refused with a clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.files import BadFile, clean_name, inspect_upload
from tests.factories import docx_bytes, pdf_bytes, pptx_bytes, upload_file, xlsx_bytes


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("report.pdf", pdf_bytes(), "application/pdf"),
        ("Báo cáo.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("delegates.XLSX", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("slides.pptx", pptx_bytes(), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_content(name, data, content_type):
    inspected = inspect_upload(SimpleUploadedFile(name, data))

    assert inspected.kind.content_type == content_type
    assert inspected.size == len(data)
    assert len(inspected.checksum) == 64


def test_the_checksum_is_the_sha256_of_the_content():
    import hashlib

    data = pdf_bytes("checksum")

    assert inspect_upload(upload_file("a.pdf", data)).checksum == hashlib.sha256(data).hexdigest()


def test_the_storage_name_is_generated_and_keeps_only_the_extension():
    inspected = inspect_upload(upload_file("Báo cáo quốc gia.pdf"))

    name = inspected.storage_name()

    assert name.endswith(".pdf") and "Báo" not in name and len(name) == 36
    assert inspected.original_name == "Báo cáo quốc gia.pdf"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", docx_bytes(), "is not a PDF document, although its name ends in .pdf"),
        ("report.docx", pdf_bytes(), "is not a Word document (DOCX)"),
        ("report.docx", xlsx_bytes(), "is not a Word document (DOCX)"),
        ("report.xlsx", b"PK\x03\x04 not really a zip", "is not an Excel workbook (XLSX)"),
        (
            "macro.docx",
            pptx_bytes("application/vnd.ms-word.document.macroEnabled.main+xml").replace(b"ppt/", b"wrd/"),
            "is not a Word document (DOCX)",
        ),
        (
            "slides.pptx",
            pptx_bytes("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
            "is not a PowerPoint presentation (PPTX)",
        ),
        ("virus.exe", b"MZ\x90\x00", "“.exe” files are not accepted"),
        ("page.html", b"<html><script>alert(1)</script>", "“.html” files are not accepted"),
        ("report.pdf.exe", pdf_bytes(), "“.exe” files are not accepted"),
        ("README", pdf_bytes(), "has no extension"),
        ("empty.pdf", b"", "The file is empty."),
        ("report<script>.pdf", pdf_bytes(), "characters that are not allowed"),
        ("report\x07.pdf", pdf_bytes(), "characters that are not allowed"),
        ("right\u202eto-left.pdf", pdf_bytes(), "characters that are not allowed"),
        (".hidden.pdf", pdf_bytes(), "start with a dot"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(BadFile) as refused:
        inspect_upload(SimpleUploadedFile(name, data))

    assert message in str(refused.value.message)
    assert refused.value.field == "file"


def test_an_oversized_file_is_refused_with_the_limit(settings):
    settings.ACCSM_DOCUMENT_MAX_UPLOAD_BYTES = 1000

    with pytest.raises(BadFile) as refused:
        inspect_upload(upload_file("big.pdf", b"%PDF-" + b"x" * 1000))

    assert str(refused.value.message) == "The file is 1005\xa0bytes; the limit is 1000\xa0bytes."


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "C:\\Users\\me\\report.pdf", "folder/report.pdf"])
def test_names_with_path_parts_are_refused(name):
    with pytest.raises(BadFile, match="folder names"):
        clean_name(name)


def test_a_clean_name_keeps_vietnamese_letters_and_tidies_spaces():
    assert clean_name("  Báo   cáo  quốc gia.PDF ") == "Báo cáo quốc gia.pdf"


def test_a_very_long_name_is_shortened_keeping_its_extension():
    assert clean_name("a" * 300 + ".docx") == "a" * 195 + ".docx"
