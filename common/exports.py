"""The export kit: every file the portal hands out (CSV, XLSX, PDF, ICS, JSON, documents) leaves through here.

- `download_response(content, filename=…, content_type=…)` is the one place that writes `Content-Disposition`
  (Django's `content_disposition_header`, plus an ASCII fallback before the RFC 6266 `filename*` when the name
  is not plain ASCII) and, for personal data (the default), `Cache-Control: private, no-store`.
- `Export` declares a file: its name, content type and how to render it; `export.response()` serves it.
- `safe_csv_writer`, `csv_lines` and `write_csv` write CSV; `SafeWorkbook` is openpyxl's workbook. Both
  neutralise text that a spreadsheet would run as a formula (OWASP's "CSV injection"): a text value starting
  with = + - @ TAB CR (or their full-width forms) gets a leading apostrophe, and in a workbook every text
  cell is written as a string cell, so openpyxl never stores a formula. Numbers and dates stay numbers and
  dates. Phone numbers such as "+84 24 3824 0000" therefore read "'+84 24 3824 0000" in both: the rule
  cannot tell a phone from a formula, and a spreadsheet that re-reads the cell must not run it.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any
from urllib.parse import quote

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from .search import strip_diacritics

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
ICS = "text/calendar; charset=utf-8"
JSON = "application/json; charset=utf-8"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
BOM = "\ufeff"  # tells Excel the CSV is UTF-8

# bytes or text, an open binary file (streamed from disk), an iterator of chunks (streamed), or None (no body:
# e.g. the web server sends the file, X-Accel-Redirect)
Content = bytes | str | IO[bytes] | Iterable[bytes | str] | None


# --- The response -----------------------------------------------------------------------------------


def file_stem(title: str, *, default: str, max_length: int = 60) -> str:
    """A file name's stem from a title: 'Work Plan 2021–2025' → 'work-plan-2021-2025' (a dash or slash of any
    kind separates words, where slugify alone would join '2021–2025' into '20212025')."""
    spaced = re.sub(r"[\u2010-\u2015\u2212/\\]+", " ", title)
    return slugify(spaced)[:max_length].strip("-") or default


def _ascii_fallback(filename: str) -> str:
    """'Báo cáo hội nghị.docx' → 'Bao cao hoi nghi.docx', for clients that do not read filename*."""
    return re.sub(r"[^\x20-\x7e]", "_", strip_diacritics(filename))


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The header's value: Django's for an ASCII name; otherwise an ASCII fallback, then filename* in UTF-8."""
    if re.fullmatch(r"[\t \x21-\x7e]*", filename):
        return content_disposition_header(as_attachment=not inline, filename=filename)
    fallback = content_disposition_header(as_attachment=not inline, filename=_ascii_fallback(filename))
    return f"{fallback}; filename*=utf-8''{quote(filename)}"


def download_response(
    content: Content,
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    private: bool = True,
) -> HttpResponseBase:
    """A file download. `private` (personal data, the default): no cache, shared or the browser's, keeps it;
    otherwise Cache-Control is left to the caller (a public feed sets its own)."""
    if content is None or isinstance(content, bytes | str):
        response: HttpResponseBase = HttpResponse(content or b"", content_type=content_type)
    elif hasattr(content, "read"):
        response = FileResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


@dataclass(frozen=True, kw_only=True)
class Export:
    """A file the portal hands out: its name, its type and how to make its content (see `Content`)."""

    filename: str
    content_type: str
    render: Callable[[], Content]
    inline: bool = False
    private: bool = True

    def response(self) -> HttpResponseBase:
        return download_response(
            self.render(),
            filename=self.filename,
            content_type=self.content_type,
            inline=self.inline,
            private=self.private,
        )

    def write_to(self, target: IO[bytes]) -> None:
        """The content, whatever its shape (bytes, text, an open file, chunks), into a binary file: what a
        worker keeps of an export (exportjobs)."""
        content = self.render()
        if content is None:
            return
        if isinstance(content, str):
            target.write(content.encode("utf-8"))
        elif isinstance(content, bytes):
            target.write(content)
        elif hasattr(content, "read"):
            with content as handle:
                shutil.copyfileobj(handle, target, 1024 * 1024)
        else:
            for chunk in content:
                target.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


# --- Formulas ---------------------------------------------------------------------------------------


def neutralise(value: str) -> str:
    """Text a spreadsheet would run as a formula, kept as text by a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


# --- CSV --------------------------------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if value is None or isinstance(value, int | float | Decimal):
        return value  # numbers stay numbers (a negative number is not a formula)
    return neutralise(str(value))  # what csv would write, made safe: model instances, lazy text, dates


class SafeCsvWriter:
    """csv.writer whose rows are neutralised (see the module's note)."""

    def __init__(self, file, **fmtparams):
        self._writer = csv.writer(file, **fmtparams)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([_csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_csv_writer(file, **fmtparams) -> SafeCsvWriter:
    return SafeCsvWriter(file, **fmtparams)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]], *, bom: bool = True) -> Iterator[str]:
    """The CSV line by line, for a streaming response: a large file never sits in memory whole."""
    writer = SafeCsvWriter(_Echo())
    prefix = BOM if bom else ""
    for row in rows:
        yield prefix + writer.writerow(row)
        prefix = ""
    if prefix:  # no rows at all: still a UTF-8 file
        yield prefix


def write_csv(rows: Iterable[Iterable[Any]], *, bom: bool = True) -> bytes:
    return "".join(csv_lines(rows, bom=bom)).encode("utf-8")


# --- XLSX -------------------------------------------------------------------------------------------


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, CellRichText):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if isinstance(value, Cell) and isinstance(value.value, str):
        value.value = _xlsx_value(value.value)
    return value


def _as_string_cell(cell: Cell) -> None:
    if isinstance(cell.value, str) and not isinstance(cell.value, CellRichText):
        cell.value = _xlsx_value(cell.value)
        cell.data_type = "s"  # never "f" (formula) or "e" (a name such as "#N/A" read as an error)


def _safe_row(row):
    if isinstance(row, dict):
        return {key: _xlsx_value(value) for key, value in row.items()}
    if isinstance(row, list | tuple | range):
        return [_xlsx_value(value) for value in row]
    return (_xlsx_value(value) for value in row)  # a generator stays lazy


class _SafeWorksheet(Worksheet):
    def append(self, iterable):
        super().append(_safe_row(iterable))

    def cell(self, row, column, value=None):
        return super().cell(row, column, _xlsx_value(value))


class _SafeWriteOnlyWorksheet(WriteOnlyWorksheet):
    def append(self, row):
        super().append(_safe_row(row))

    def _values_to_row(self, values, row_idx):
        for cell in super()._values_to_row(values, row_idx):
            _as_string_cell(cell)
            yield cell


class SafeWorkbook(Workbook):
    """openpyxl's Workbook (also in write-only mode) that never stores a formula. Text written through
    `append` or `cell(…, value=…)` is cleaned as it comes (characters XML cannot hold are dropped, formula
    starts neutralised); text set on a cell directly is made safe when the workbook is saved."""

    def __init__(self, write_only: bool = False, iso_dates: bool = False):
        super().__init__(write_only=write_only, iso_dates=iso_dates)
        if not write_only:
            self._sheets = [_SafeWorksheet(self)]

    def create_sheet(self, title=None, index=None):
        sheet_class = _SafeWriteOnlyWorksheet if self.write_only else _SafeWorksheet
        sheet = sheet_class(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet

    def save(self, filename) -> None:
        if not self.write_only:
            for sheet in self.worksheets:
                for cell in sheet._cells.values():
                    _as_string_cell(cell)
        super().save(filename)


def write_xlsx(sheets: Iterable[tuple[str, Iterable[Sequence[Any]]]]) -> bytes:
    """A plain workbook: one (title, rows) per sheet, in order."""
    workbook = SafeWorkbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "BOM",
    "CSV",
    "FORMULA_PREFIXES",
    "ICS",
    "JSON",
    "PDF",
    "XLSX",
    "ZIP",
    "Content",
    "Export",
    "SafeCsvWriter",
    "SafeWorkbook",
    "content_disposition",
    "csv_lines",
    "download_response",
    "neutralise",
    "safe_csv_writer",
    "write_csv",
    "write_xlsx",
]
