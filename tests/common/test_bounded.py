"""Every file the portal reads is bounded before it is read (common/bounded.py, issue 21 item 1).

One crafted file per bound: each is refused with the bound named and its limit in the message, and the
peak of memory allocated while refusing it (tracemalloc) stays far below the file's unpacked size."""

import datetime as dt
import io
import itertools
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from common import bounded
from common.bounded import OutOfBounds, UnreadableFile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Participants" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELATIONSHIPS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
    ' Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
    ' Target="sharedStrings.xml"/></Relationships>'
)
MB = 1024 * 1024


def xlsx(sheet_chunks, *, shared_strings=None, extra_parts=0) -> SimpleUploadedFile:
    """A workbook written part by part (`sheet_chunks`: the sheet XML as an iterable of strings), so a file
    that unpacks to many megabytes is built without holding them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", RELATIONSHIPS)
        for name, chunks in (("xl/worksheets/sheet1.xml", sheet_chunks), ("xl/sharedStrings.xml", shared_strings)):
            if chunks is None:
                continue
            with package.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk.encode())
        for n in range(extra_parts):
            package.writestr(f"xl/media/image{n}.png", b"")
    return SimpleUploadedFile("participants.xlsx", buffer.getvalue())


def sheet(*rows: str, dimension: str = "") -> list[str]:
    head = f'<worksheet xmlns="{MAIN}">' + (f'<dimension ref="{dimension}"/>' if dimension else "")
    return [head, "<sheetData>", *rows, "</sheetData></worksheet>"]


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = f'<row r="1">{inline("A1", "Full name")}{inline("B1", "Email")}</row>'


def refused(read, upload) -> tuple[Exception, int]:
    """The error reading `upload` raised, and the peak of memory allocated meanwhile."""
    tracemalloc.start()
    try:
        list(read(upload, bounded.import_bounds()))
    except (OutOfBounds, UnreadableFile) as error:
        return error, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    raise AssertionError("the file was read")


def test_a_good_workbook_reads_as_openpyxl_reads_it():
    workbook = Workbook()
    rows = [
        ["Full name", "Arrival", "Seats", "Share", "Vegetarian"],
        ["Trần Văn Minh", dt.datetime(2030, 8, 4, 14, 30), 3, 1.5, True],
        [None, None, None, None, None],
        ["Lê Thị Hoa", None, None, None, False],
    ]
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    expected = [
        (number, list(values)) for number, values in enumerate(load_workbook(buffer).active.values, 1) if any(values)
    ]
    expected[2] = (4, ["Lê Thị Hoa", None, None, None, False])

    read = list(bounded.read_xlsx(SimpleUploadedFile("p.xlsx", buffer.getvalue()), bounded.import_bounds()))

    assert read == expected


def test_an_oversized_file_is_refused_by_its_size_alone(settings):
    settings.ACCSM_IMPORT_MAX_BYTES = 1000
    error, _peak = refused(bounded.read_csv, SimpleUploadedFile("p.csv", b"Full name\n" + b"x" * 1000))
    assert (error.bound, str(error.message)) == ("bytes", "The file is 1010\xa0bytes; the limit is 1000\xa0bytes.")


def test_a_package_of_too_many_parts_is_refused_by_its_directory():
    error, peak = refused(bounded.read_xlsx, xlsx(sheet(HEADER), extra_parts=100))
    assert (error.bound, str(error.message)) == ("entries", "The file is a package of 104 parts; the limit is 100.")
    assert peak < 2 * MB


def test_the_issues_zip_bomb_is_refused_without_unpacking_it():
    """About 130 KB that unpacks to 128 MB: the process went from 206 MB to 1.6 GB."""
    padding = ("<!--" + "x" * (MB - 7) + "-->" for _ in range(128))
    upload = xlsx(itertools.chain(sheet(HEADER)[:2], padding, sheet()[2:]))
    assert upload.size < 200_000

    error, peak = refused(bounded.read_xlsx, upload)

    assert error.bound == "unpacked_bytes"
    assert str(error.message) == "The file would unpack to 128.0\xa0MB; the limit is 16.0\xa0MB."
    assert peak < 2 * MB


def test_a_part_compressed_too_well_is_refused():
    upload = xlsx(itertools.chain(sheet(HEADER)[:2], ["<!--" + "x" * (4 * MB) + "-->"], sheet()[2:]))
    error, peak = refused(bounded.read_xlsx, upload)
    assert error.bound == "ratio"
    assert str(error.message).endswith("the limit is 100. Save the file again from its program.")
    assert peak < 2 * MB


def test_four_million_empty_header_cells_are_refused_after_a_row_of_a_spreadsheet(settings):
    """17 KB with four million empty header cells took 18 s and 1.5 GB through openpyxl."""
    settings.ACCSM_FILE_MAX_RATIO = 10_000  # this file passes the directory checks: the sheet's reader bounds it
    cells = ("<c/>" * 1000 for _ in range(3_500))
    upload = xlsx(itertools.chain(sheet()[:2], ['<row r="1">'], cells, ["</row>"], sheet()[2:]))

    error, peak = refused(bounded.read_xlsx, upload)

    assert (error.bound, str(error.message)) == (
        "cells",
        "Row 1 has more than 16384 cells; a spreadsheet has at most 16384 columns.",
    )
    assert peak < 4 * MB


def test_a_declared_dimension_beyond_the_rows_is_refused_before_any_row():
    error, peak = refused(bounded.read_xlsx, xlsx(sheet(HEADER, dimension="A1:XFD1048576")))
    assert (error.bound, str(error.message)) == (
        "dimension",
        "The sheet declares 1048576 rows; the limit is 20000, empty rows included.",
    )
    assert peak < 2 * MB


def test_a_row_past_the_sheets_bound_is_refused():
    error, _peak = refused(bounded.read_xlsx, xlsx(sheet(HEADER, f'<row r="20001">{inline("A20001", "x")}</row>')))
    assert (error.bound, str(error.message)) == (
        "sheet_rows",
        "The sheet goes on past row 20000, empty rows included; delete the rows below the list and retry.",
    )


@pytest.mark.parametrize("read", ["csv", "xlsx"])
def test_a_value_beyond_the_last_column_is_refused_with_its_row(read):
    if read == "csv":
        upload, reader = SimpleUploadedFile("p.csv", ("Full name\nAlice" + "," * 50 + "x\n").encode()), bounded.read_csv
    else:
        upload, reader = xlsx(sheet(HEADER, f'<row r="2">{inline("AY2", "x")}</row>')), bounded.read_xlsx
    error, _peak = refused(reader, upload)
    assert (error.bound, str(error.message)) == (
        "columns",
        "Row 2 has a value beyond column 50; the limit is 50 columns.",
    )


@pytest.mark.parametrize("length", [2001, 200_000])  # 200,000: over csv's own field limit (131,072)
def test_a_csv_value_over_the_cell_bound_is_refused_with_its_row(length):
    upload = SimpleUploadedFile(
        "p.csv", f"Full name,Email\nAlice,a@example.org\n{'x' * length},b@example.org\n".encode()
    )
    error, _peak = refused(bounded.read_csv, upload)
    assert error.bound == "cell_chars"
    assert str(error.message).startswith("Row 3 has a value of ")
    assert str(error.message).endswith("characters; the limit is 2000.")


def test_an_xlsx_value_over_the_cell_bound_is_refused_with_its_row():
    error, _peak = refused(bounded.read_xlsx, xlsx(sheet(HEADER, f'<row r="2">{inline("A2", "x" * 2001)}</row>')))
    assert (error.bound, str(error.message)) == (
        "cell_chars",
        "Row 2 has a value of 2001 characters; the limit is 2000.",
    )


def test_too_many_rows_with_data_are_refused():
    rows = (f'<row r="{n}">{inline(f"A{n}", "x")}</row>' for n in range(2, 1003))
    error, peak = refused(bounded.read_xlsx, xlsx(itertools.chain(sheet(HEADER)[:3], rows, sheet()[2:])))
    assert (error.bound, str(error.message)) == (
        "rows",
        "The file has more than 1000 rows with data; nothing was imported.",
    )
    assert peak < 2 * MB


def test_too_many_shared_strings_are_refused():
    strings = itertools.chain([f'<sst xmlns="{MAIN}">'], ("<si><t>a</t></si>" for _ in range(60_000)), ["</sst>"])
    error, peak = refused(bounded.read_xlsx, xlsx(sheet(HEADER), shared_strings=strings))
    assert (error.bound, str(error.message)) == (
        "strings",
        "The file holds more than 51024 different texts; the limit follows from the rows.",
    )
    assert peak < 4 * MB


def test_reading_longer_than_the_time_bound_is_refused(monkeypatch):
    ticks = itertools.count(0, 11.0)  # each look at the clock: eleven seconds later
    monkeypatch.setattr(bounded.time, "monotonic", lambda: next(ticks))
    upload = SimpleUploadedFile("p.csv", b"Full name\n" + b"\n" * 2000)
    error, _peak = refused(bounded.read_csv, upload)
    assert (error.bound, str(error.message)) == (
        "seconds",
        "Reading the file took longer than 10 seconds; split it into smaller files.",
    )


def test_an_unbalanced_quote_is_refused_with_its_row():
    upload = SimpleUploadedFile(
        "p.csv", b'Full name,Email\nBinh,b@example.org\n"Alice,alice@example.org\nBob,bob@x.org\n'
    )
    error, _peak = refused(bounded.read_csv, upload)
    assert isinstance(error, UnreadableFile)
    assert str(error.message) == (
        'Row 3 has a quote (") that is not closed, or text right after a closing quote; '
        "correct the quotes in that row and try again."
    )


def test_an_xml_entity_is_never_expanded():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{inline("A1", "&b;")}</row></sheetData></worksheet>'
    )
    error, _peak = refused(bounded.read_xlsx, xlsx([bomb]))
    assert isinstance(error, UnreadableFile)


def test_a_document_package_is_judged_by_its_directory(settings):
    settings.ACCSM_DOCUMENT_MAX_UNPACKED_BYTES = 64 * MB
    upload = xlsx(itertools.chain(sheet()[:2], ("<!--" + "x" * (MB - 7) + "-->" for _ in range(65)), sheet()[2:]))
    tracemalloc.start()
    with pytest.raises(OutOfBounds) as error:
        bounded.check_package(upload)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (error.value.bound, str(error.value.message)) == (
        "unpacked_bytes",
        "The file would unpack to 65.0\xa0MB; the limit is 64.0\xa0MB.",
    )
    assert peak < 2 * MB


def test_uploaded_tables_and_packages_are_read_through_the_bounded_module_only():
    from tests.common.test_exports import source_files_matching

    assert source_files_matching(r"csv\.(reader|DictReader)\(|load_workbook\(|iterparse\(") == ["common/bounded.py"]
    # documents/files.py opens a package for its content types only after bounded.check_package.
    assert source_files_matching(r"ZipFile\((?![^)]*\"w\")") == ["common/bounded.py", "documents/files.py"]
