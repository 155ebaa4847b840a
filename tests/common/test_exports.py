"""The export kit (common/exports.py): formulas neutralised in every CSV and workbook the portal writes, one
place that names downloaded files, and fonts registered in one place.

Decision on phone numbers: the OWASP rule neutralises a leading "+", and it cannot tell "+84 24 3824 0000"
from "+cmd|…", so a phone reads "'+84 24 3824 0000" in the CSV and in the workbooks alike (the participants
XLSX already did so); only real numbers and dates stay unquoted."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from common.exports import (
    CSV,
    FORMULA_PREFIXES,
    Export,
    SafeWorkbook,
    csv_lines,
    download_response,
    safe_csv_writer,
    write_csv,
    write_xlsx,
)
from tests.factories import (
    DelegationFactory,
    InitiativeFactory,
    MeetingFactory,
    ParticipantFactory,
    PriorityAreaFactory,
    ProgressUpdateFactory,
    WorkPlanFactory,
)
from tests.helpers import ROOT, source_files

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1 555",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
]


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_every_prefix_of_the_rule_is_tested():
    assert {value[0] for value in DANGEROUS} == set(FORMULA_PREFIXES)


# --- CSV ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", DANGEROUS)
def test_csv_keeps_formula_looking_text_as_text(value):
    assert read_csv(write_csv([["name"], [value, "plain"]])) == [["name"], ["'" + value, "plain"]]


def test_csv_numbers_stay_numbers_and_other_values_are_written_as_text():
    content = write_csv([[-5, 3.5, Decimal("-1.25"), None, "-5", dt.date(2024, 1, 2), True]])

    assert read_csv(content) == [["-5", "3.5", "-1.25", "", "'-5", "2024-01-02", "True"]]


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8():
    assert write_csv([["Nguyễn Văn An"]]) == "\ufeffNguyễn Văn An\r\n".encode()
    assert write_csv([]) == "\ufeff".encode()
    assert list(csv_lines([["a"], ["b"]])) == ["\ufeffa\r\n", "b\r\n"]


def test_the_writer_wraps_any_file():
    buffer = io.StringIO()
    writer = safe_csv_writer(buffer, delimiter=";")
    writer.writerows([["=1", 2]])
    assert buffer.getvalue() == "'=1;2\r\n"


# --- XLSX ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("write_only", [True, False], ids=["write-only", "normal"])
@pytest.mark.parametrize("value", DANGEROUS)
def test_workbook_stores_formula_looking_text_as_a_string_cell(value, write_only):
    workbook = SafeWorkbook(write_only=write_only)
    sheet = workbook.create_sheet("Sheet")
    sheet.append([value, "plain"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    cell, plain = read_xlsx(buffer.getvalue())["Sheet"][1]
    assert cell.data_type == "s"
    assert cell.value.startswith("'")
    assert cell.value.removeprefix("'").replace("\n", "\r") == value  # XML reads a lone CR back as LF
    assert (plain.data_type, plain.value) == ("s", "plain")


def test_text_set_on_a_cell_directly_is_made_safe_when_saved():
    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet["A1"] = "=1+1"
    sheet["A2"].value = "@SUM(A1)"
    sheet.cell(row=3, column=1, value="+1 555")
    sheet["A4"] = "#N/A"  # a name, not an error value
    buffer = io.BytesIO()
    workbook.save(buffer)

    cells = [row[0] for row in read_xlsx(buffer.getvalue()).active.iter_rows()]
    assert [(c.data_type, c.value) for c in cells] == [
        ("s", "'=1+1"),
        ("s", "'@SUM(A1)"),
        ("s", "'+1 555"),
        ("s", "#N/A"),
    ]


def test_workbook_numbers_and_dates_stay_numbers_and_dates():
    content = write_xlsx([("Data", [[-5, 3.5, Decimal("2.5"), dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 9, 30)]])])

    cells = read_xlsx(content)["Data"][1]
    assert [c.data_type for c in cells] == ["n", "n", "n", "d", "d"]
    assert [c.value for c in cells] == [-5, 3.5, 2.5, dt.datetime(2024, 1, 2), dt.datetime(2024, 1, 2, 9, 30)]


def test_characters_a_workbook_cannot_hold_are_dropped_instead_of_failing():
    content = write_xlsx([("Data", [["Nguyễn\x01 Văn\x0b An"]])])

    assert read_xlsx(content)["Data"]["A1"].value == "Nguyễn Văn An"


# --- The response -------------------------------------------------------------------------------------


def test_a_vietnamese_file_name_downloads_with_an_ascii_fallback_and_filename_star():
    response = download_response(b"%PDF-", filename="Thư mời Nguyễn Văn Đạt.pdf", content_type="application/pdf")

    assert response["Content-Disposition"] == (
        'attachment; filename="Thu moi Nguyen Van Dat.pdf"; '
        "filename*=utf-8''Th%C6%B0%20m%E1%BB%9Di%20Nguy%E1%BB%85n%20V%C4%83n%20%C4%90%E1%BA%A1t.pdf"
    )
    assert response["Cache-Control"] == "private, no-store"


def test_an_ascii_name_is_djangos_header_and_public_files_leave_caching_alone():
    response = download_response(b"x", filename='a "b".ics', content_type="text/calendar", inline=True, private=False)

    assert response["Content-Disposition"] == 'inline; filename="a \\"b\\".ics"'
    assert "Cache-Control" not in response


def test_content_decides_the_response_kind():
    export = Export(filename="rows.csv", content_type=CSV, render=lambda: csv_lines([["=1"]]))

    streamed = export.response()
    assert streamed.streaming
    assert b"".join(streamed.streaming_content) == "\ufeff'=1\r\n".encode()
    assert download_response(io.BytesIO(b"file"), filename="f.bin", content_type="x/y").streaming
    assert download_response(None, filename="f.bin", content_type="x/y").content == b""


# --- Every export, end to end ---------------------------------------------------------------------------

NAME = '=HYPERLINK("http://x","y")'
PHONE = "+1 555"


@pytest.fixture
def meeting(db, viet_nam):
    meeting = MeetingFactory(title="SOM 21", start=dt.datetime(2030, 8, 7, 1, 0, tzinfo=dt.UTC))
    ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam),
        honorific="",
        full_name=NAME,
        phone=PHONE,
        position="=cmd|' /C calc'!A0",
        arrival=dt.datetime(2030, 8, 6, 1, 0, tzinfo=dt.UTC),
    )
    return meeting


def test_arrivals_csv_neutralises_names_and_phones(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.get(reverse("registrations:arrivals_csv", args=[meeting.pk]))

    rows = read_csv(response.content)
    assert rows[1][3:6] == ["'" + NAME, "Viet Nam", "'" + PHONE]
    assert response["Content-Disposition"] == f'attachment; filename="arrivals-departures-{meeting.pk}.csv"'
    assert response["Cache-Control"] == "private, no-store"


def test_participants_csv_neutralises_names_and_phones(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.get(reverse("secretariat:export_csv", args=[meeting.pk]))

    [header, row] = read_csv(b"".join(response.streaming_content))
    record = dict(zip(header, row, strict=True))
    assert (record["Full name"], record["Position"], record["Phone"]) == (
        "'" + NAME,
        "'=cmd|' /C calc'!A0",
        "'" + PHONE,
    )
    assert response["Cache-Control"] == "private, no-store"


def test_participants_xlsx_stores_names_and_phones_as_string_cells(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))

    sheet = read_xlsx(b"".join(response.streaming_content)).active
    header = [cell.value for cell in sheet[2]]
    cells = dict(zip(header, sheet[3], strict=True))
    for column, value in (("Full name", NAME), ("Position", "=cmd|' /C calc'!A0"), ("Phone", PHONE)):
        assert (cells[column].data_type, cells[column].value) == ("s", "'" + value)
    assert response["Content-Disposition"] == 'attachment; filename="som-21-participants.xlsx"'
    assert response["Cache-Control"] == "private, no-store"


def test_work_plan_xlsx_downloaded_anonymously_keeps_formula_looking_text_as_text(client, viet_nam):
    work_plan = WorkPlanFactory(title="Work Plan", period_start=dt.date(2026, 1, 1), period_end=dt.date(2030, 12, 31))
    area = PriorityAreaFactory(work_plan=work_plan, number=1, title="Governance")
    initiative = InitiativeFactory(
        priority_area=area,
        title='=HYPERLINK("http://x","Proposal")',
        lead=viet_nam,
        status="ongoing",
        planned_start=dt.date(2026, 3, 1),
        planned_end=dt.date(2027, 3, 1),
    )
    ProgressUpdateFactory(initiative=initiative, date=dt.date(2026, 5, 1), text="=1+1", percent_complete=40)

    response = client.get(f"/en/workplan/{work_plan.pk}/export.xlsx")

    assert response.status_code == 200
    sheet = read_xlsx(response.content).active
    header_row = next(row for row in sheet.iter_rows() if row[0].value == "Priority area")
    cells = dict(zip((c.value for c in header_row), sheet[header_row[0].row + 1], strict=True))
    assert (cells["Initiative"].data_type, cells["Initiative"].value) == ("s", "'" + initiative.title)
    assert (cells["Latest progress"].data_type, cells["Latest progress"].value) == ("s", "'=1+1")
    assert (cells["Progress (%)"].data_type, cells["Progress (%)"].value) == ("n", 40)
    assert cells["Planned start"].is_date
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


# --- One place -----------------------------------------------------------------------------------------


def source_files_matching(pattern: str) -> list[str]:
    return [
        "/".join(path.parts) for path in source_files() if re.search(pattern, (ROOT / path).read_text(encoding="utf-8"))
    ]


def test_content_disposition_is_written_in_one_place():
    assert source_files_matching(r"Content-Disposition|content_disposition_header|as_attachment") == [
        "common/exports.py"
    ]


def test_csv_and_workbooks_are_written_by_the_kit_only():
    assert source_files_matching(r"csv\.(writer|DictWriter)\(|(?<![A-Za-z_])Workbook\(") == ["common/exports.py"]


def test_pdf_fonts_are_registered_in_one_place():
    assert source_files_matching(r"registerFont|TTFont\(") == ["common/pdf.py"]


def test_file_names_keep_the_words_of_a_title_apart():
    from common.exports import file_stem

    assert file_stem("Work Plan 2021–2025", default="x") == "work-plan-2021-2025"
    assert file_stem("SOM/HCS — Phnom Penh", default="x") == "som-hcs-phnom-penh"
    assert file_stem("Hội nghị ACCSM lần thứ 23", default="x") == "hoi-nghi-accsm-lan-thu-23"
    assert file_stem("!!!", default="meeting") == "meeting"
