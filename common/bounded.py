"""Reading files people upload, within bounds checked before the content is unpacked or parsed.

One module for every file the portal reads (the participants import, document uploads): a file over a bound
is refused at once with `OutOfBounds`, whose message names the bound. The bounds are settings (`Bounds`).

- A zip package (XLSX, DOCX, PPTX) is judged by its directory first: the number of parts, the unpacked size
  and the compression ratio of each large part — a "zip bomb" is refused without inflating a byte. Python's
  zipfile never inflates a part past the size its directory declares, so the directory is a real bound.
- A CSV is read strictly: an unbalanced quote is refused with its row, not merged into a garbled row.
- An XLSX sheet is read by this module itself, one XML element at a time, instead of by openpyxl: openpyxl
  builds whole rows (four million empty header cells took 18 s and 1.5 GB) and loads every shared string.
  Here a row keeps only the cells that hold something, within the column bound; the declared dimension,
  the rows, the cells of a row, the shared strings, each value's length and the time are all bounded.
  The XML is parsed by defusedxml with DTDs forbidden (an XLSX part never has one): no entity expansion.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from common.errors import DomainError

# A spreadsheet program writes at most 16,384 columns (XFD): a row of more cells is not from a spreadsheet.
XLSX_COLUMNS = 16_384
RATIO_FLOOR = 1024 * 1024  # small parts may compress as well as they like: they cannot exhaust anything
CHECK_EVERY = 1024  # elements or rows between two looks at the clock

Value = str | int | float | bool | dt.datetime | None
# What a damaged package raises while a part is read: a broken deflate stream, an unknown compression method,
# encryption (RuntimeError), a bad XML or a reference to a part or a string that is not there.
UNREADABLE_PACKAGE = (
    KeyError,
    ValueError,
    IndexError,
    ParseError,
    zipfile.BadZipFile,
    EOFError,
    OSError,
    zlib.error,
    NotImplementedError,
    RuntimeError,
)


@dataclass(frozen=True)
class Bounds:
    max_bytes: int
    max_entries: int
    max_unpacked_bytes: int
    max_ratio: int
    max_rows: int = 0  # rows holding something (tables only)
    max_sheet_rows: int = 0  # rows at all, empty ones included
    max_columns: int = 0
    max_cell_chars: int = 0
    seconds: float = 0

    @property
    def max_strings(self) -> int:
        return self.max_rows * self.max_columns + 1024


def import_bounds() -> Bounds:
    """The participants import's bounds (settings ACCSM_IMPORT_*)."""
    return Bounds(
        max_bytes=settings.ACCSM_IMPORT_MAX_BYTES,
        max_entries=settings.ACCSM_IMPORT_MAX_ENTRIES,
        max_unpacked_bytes=settings.ACCSM_IMPORT_MAX_UNPACKED_BYTES,
        max_ratio=settings.ACCSM_FILE_MAX_RATIO,
        max_rows=settings.ACCSM_IMPORT_MAX_ROWS,
        max_sheet_rows=settings.ACCSM_IMPORT_MAX_SHEET_ROWS,
        max_columns=settings.ACCSM_IMPORT_MAX_COLUMNS,
        max_cell_chars=settings.ACCSM_IMPORT_MAX_CELL_CHARS,
        seconds=settings.ACCSM_IMPORT_SECONDS,
    )


def document_bounds() -> Bounds:
    """A document upload's bounds (ACCSM_DOCUMENT_*): the package only, its text is extracted later."""
    return Bounds(
        max_bytes=settings.ACCSM_DOCUMENT_MAX_UPLOAD_BYTES,
        max_entries=settings.ACCSM_DOCUMENT_MAX_ENTRIES,
        max_unpacked_bytes=settings.ACCSM_DOCUMENT_MAX_UNPACKED_BYTES,
        max_ratio=settings.ACCSM_FILE_MAX_RATIO,
    )


class OutOfBounds(DomainError):
    """A file over one of the bounds; `bound` names it ("bytes", "entries", "rows", …) and `limit` is its value."""

    code = "file_out_of_bounds"

    def __init__(self, message, *, bound: str, limit: int | float, field: str = "file"):
        super().__init__(message, field=field)
        self.bound = bound
        self.limit = limit


class UnreadableFile(DomainError):
    code = "file_unreadable"

    def __init__(self, message, *, field: str = "file"):
        super().__init__(message, field=field)


class _Clock:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.until = time.monotonic() + seconds if seconds else None

    def check(self) -> None:
        if self.until is not None and time.monotonic() > self.until:
            raise OutOfBounds(
                _("Reading the file took longer than %(limit)d seconds; split it into smaller files.")
                % {"limit": self.seconds},
                bound="seconds",
                limit=self.seconds,
            )


# --- Size and zip packages ---------------------------------------------------------------------------------


def check_size(upload, bounds: Bounds) -> None:
    size = upload.size
    if size > bounds.max_bytes:
        raise OutOfBounds(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(bounds.max_bytes)},
            bound="bytes",
            limit=bounds.max_bytes,
        )


def check_zip_directory(package: zipfile.ZipFile, bounds: Bounds) -> None:
    """Refuse a package by its directory alone: too many parts, too large unpacked, a part compressed too well."""
    infos = package.infolist()
    if len(infos) > bounds.max_entries:
        raise OutOfBounds(
            _("The file is a package of %(count)d parts; the limit is %(limit)d.")
            % {"count": len(infos), "limit": bounds.max_entries},
            bound="entries",
            limit=bounds.max_entries,
        )
    total = sum(info.file_size for info in infos)
    if total > bounds.max_unpacked_bytes:
        raise OutOfBounds(
            _("The file would unpack to %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(total), "limit": filesizeformat(bounds.max_unpacked_bytes)},
            bound="unpacked_bytes",
            limit=bounds.max_unpacked_bytes,
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > bounds.max_ratio * max(info.compress_size, 1):
            raise OutOfBounds(
                _(
                    "A part of the file unpacks to %(ratio)d times its packed size; the limit is %(limit)d. "
                    "Save the file again from its program."
                )
                % {"ratio": info.file_size // max(info.compress_size, 1), "limit": bounds.max_ratio},
                bound="ratio",
                limit=bounds.max_ratio,
            )


def open_package(upload, bounds: Bounds, *, unreadable: str) -> zipfile.ZipFile:
    """The upload as a zip package whose directory is within the bounds; `unreadable`: the message if not a zip."""
    check_size(upload, bounds)
    upload.seek(0)
    try:
        package = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableFile(unreadable) from None
    try:
        check_zip_directory(package, bounds)
    except OutOfBounds:
        package.close()
        raise
    return package


def check_package(upload, bounds: Bounds | None = None) -> None:
    """A document upload (DOCX, XLSX, PPTX): its size and zip directory within the bounds, else OutOfBounds.
    A file that is not a zip at all passes here; the content check then says what it is not."""
    bounds = bounds or document_bounds()
    check_size(upload, bounds)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            check_zip_directory(package, bounds)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        pass
    finally:
        upload.seek(0)


# --- Tables ------------------------------------------------------------------------------------------------


def _too_many_rows(bounds: Bounds) -> OutOfBounds:
    return OutOfBounds(
        _("The file has more than %(limit)d rows with data; nothing was imported.") % {"limit": bounds.max_rows},
        bound="rows",
        limit=bounds.max_rows,
    )


def _too_long_sheet(bounds: Bounds) -> OutOfBounds:
    return OutOfBounds(
        _("The sheet goes on past row %(limit)d, empty rows included; delete the rows below the list and retry.")
        % {"limit": bounds.max_sheet_rows},
        bound="sheet_rows",
        limit=bounds.max_sheet_rows,
    )


def _too_many_columns(row: int, bounds: Bounds) -> OutOfBounds:
    return OutOfBounds(
        _("Row %(row)d has a value beyond column %(limit)d; the limit is %(limit)d columns.")
        % {"row": row, "limit": bounds.max_columns},
        bound="columns",
        limit=bounds.max_columns,
    )


def _too_long_value(row: int, length: int, bounds: Bounds) -> OutOfBounds:
    return OutOfBounds(
        _("Row %(row)d has a value of %(length)d characters; the limit is %(limit)d.")
        % {"row": row, "length": length, "limit": bounds.max_cell_chars},
        bound="cell_chars",
        limit=bounds.max_cell_chars,
    )


class _Rows:
    """Counts what a table reader yields against the bounds: (row number, values) with values up to the last
    one holding something, each within the column and length bounds."""

    def __init__(self, bounds: Bounds):
        self.bounds = bounds
        self.with_data = 0

    def check(self, number: int, cells: dict[int, Value]) -> list[Value] | None:
        bounds = self.bounds
        if number > bounds.max_sheet_rows:
            raise _too_long_sheet(bounds)
        if not cells:
            return None
        self.with_data += 1
        if self.with_data > bounds.max_rows + 1:  # + the header row
            raise _too_many_rows(bounds)
        last = max(cells)
        if last > bounds.max_columns:
            raise _too_many_columns(number, bounds)
        for value in cells.values():
            if isinstance(value, str) and len(value) > bounds.max_cell_chars:
                raise _too_long_value(number, len(value), bounds)
        return [cells.get(column) for column in range(1, last + 1)]


def read_csv(upload, bounds: Bounds) -> Iterator[tuple[int, list[Value]]]:
    """(row number, values) of each row holding something; row 1 is the first record. UTF-8 (a BOM allowed),
    the delimiter sniffed among , ; and tab, quotes strict."""
    check_size(upload, bounds)
    upload.seek(0)
    raw = upload.read(bounds.max_bytes + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and retry.")) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # The field limit stays csv's default (131,072, above any cell bound): a longer field is a csv.Error here.
    reader = csv.reader(io.StringIO(text), dialect, strict=True)
    rows = _Rows(bounds)
    clock = _Clock(bounds.seconds)
    number = 0
    while True:
        number += 1
        if number % CHECK_EVERY == 0:
            clock.check()
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field limit" in str(error):
                raise _too_long_value(number, csv.field_size_limit(), bounds) from None
            raise UnreadableFile(
                _(
                    'Row %(row)d has a quote (") that is not closed, or text right after a closing quote; '
                    "correct the quotes in that row and try again."
                )
                % {"row": number}
            ) from None
        values = rows.check(number, {i: v for i, v in enumerate(record, start=1) if v.strip()})
        if values is not None:
            yield number, [value if value is not None else "" for value in values]


# --- XLSX ----------------------------------------------------------------------------------------------------

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CELL_REFERENCE = re.compile(r"([A-Z]{1,3})(\d{1,7})$")
DIMENSION = re.compile(r"(?:[A-Z]{1,3}\d{1,7}:)?([A-Z]{1,3})(\d{1,7})$")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _xlsx_unreadable() -> UnreadableFile:
    return UnreadableFile(_("This XLSX file cannot be read; save it again from your spreadsheet."))


def _parts(package: zipfile.ZipFile) -> tuple[str, str | None, str | None, bool]:
    """The first sheet's part, the shared strings' and the styles' parts, and whether dates count from 1904."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"), forbid_dtd=True)
    properties = workbook.find(f"{MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904") in ("1", "true")
    first = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    if first is None:
        raise _xlsx_unreadable()
    relationships = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets: dict[str, str] = {}
    by_type: dict[str, str] = {}
    for relationship in relationships.iter(PACKAGE_RELATIONSHIP):
        target = relationship.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[relationship.get("Id", "")] = target
        by_type[relationship.get("Type", "").rpartition("/")[2]] = target
    sheet = targets.get(first.get(RELATIONSHIP_ID, ""))
    if sheet is None:
        raise _xlsx_unreadable()
    return sheet, by_type.get("sharedStrings"), by_type.get("styles"), date1904


def _date_styles(package: zipfile.ZipFile, part: str | None) -> set[int]:
    """The indexes of the cell styles that show a number as a date or time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    if part is None or part not in package.namelist():
        return set()
    styles = ElementTree.fromstring(package.read(part), forbid_dtd=True)
    formats = dict(BUILTIN_FORMATS)
    for number_format in styles.iter(f"{MAIN}numFmt"):
        formats[int(number_format.get("numFmtId", "0"))] = number_format.get("formatCode", "")
    cell_styles = styles.find(f"{MAIN}cellXfs")
    if cell_styles is None:
        return set()
    return {
        index
        for index, style in enumerate(cell_styles.iter(f"{MAIN}xf"))
        if is_date_format(formats.get(int(style.get("numFmtId", "0")), ""))
    }


def _text(element) -> str:
    """The text of a shared or inline string: its <t>, or its runs' <t>, never its phonetic guide (<rPh>)."""
    parts = []
    for child in element:
        if child.tag == f"{MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{MAIN}r":
            parts.extend(t.text or "" for t in child.iter(f"{MAIN}t"))
    return "".join(parts)


def _shared_strings(package: zipfile.ZipFile, part: str | None, bounds: Bounds, clock: _Clock) -> list[str]:
    if part is None or part not in package.namelist():
        return []
    strings: list[str] = []
    root = None
    with package.open(part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end"), forbid_dtd=True):
            if root is None:
                root = element
            if event == "end" and element.tag == f"{MAIN}si":
                strings.append(_text(element))
                root.clear()
                if len(strings) > bounds.max_strings:
                    raise OutOfBounds(
                        _("The file holds more than %(limit)d different texts; the limit follows from the rows.")
                        % {"limit": bounds.max_strings},
                        bound="strings",
                        limit=bounds.max_strings,
                    )
                if len(strings) % CHECK_EVERY == 0:
                    clock.check()
    return strings


def _excel_date(number: float, date1904: bool) -> dt.datetime | float:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    try:
        value = from_excel(number, epoch=CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
    except (ValueError, OverflowError):
        return number
    return value if isinstance(value, dt.datetime) else number


def _number(text: str) -> int | float:
    if re.fullmatch(r"-?\d{1,15}", text):
        return int(text)
    return float(text)


def read_xlsx(upload, bounds: Bounds) -> Iterator[tuple[int, list[Value]]]:
    """(row number, values) of each row of the first sheet holding something; row 1 is the sheet's row 1.
    Values are str, int, float, bool or datetime (a number in a date style), None for an empty cell."""
    package = open_package(upload, bounds, unreadable=_xlsx_unreadable().message)
    clock = _Clock(bounds.seconds)
    try:
        try:
            sheet, strings_part, styles_part, date1904 = _parts(package)
            strings = _shared_strings(package, strings_part, bounds, clock)
            date_styles = _date_styles(package, styles_part)
            yield from _sheet_rows(package, sheet, strings, date_styles, date1904, bounds, clock)
        except UNREADABLE_PACKAGE:
            raise _xlsx_unreadable() from None
    finally:
        package.close()


def _sheet_rows(package, sheet, strings, date_styles, date1904, bounds, clock):
    rows = _Rows(bounds)
    container = row = None  # kept empty as they are read: the parser would otherwise keep every element
    number = 0
    cells: dict[int, Value] = {}
    cell_count = column = 0
    events = 0
    with package.open(sheet) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end"), forbid_dtd=True):
            events += 1
            if events % CHECK_EVERY == 0:
                clock.check()
            tag = element.tag
            if event == "start":
                if tag == f"{MAIN}sheetData":
                    container = element
                elif tag == f"{MAIN}row":
                    row = element
                    number = int(element.get("r") or number + 1)
                    if number > bounds.max_sheet_rows:
                        raise _too_long_sheet(bounds)
                    cells, cell_count, column = {}, 0, 0
                elif tag == f"{MAIN}dimension":
                    _check_dimension(element.get("ref", ""), bounds)
                continue
            if tag == f"{MAIN}c":
                cell_count += 1
                if cell_count > XLSX_COLUMNS:
                    raise OutOfBounds(
                        _("Row %(row)d has more than %(limit)d cells; a spreadsheet has at most %(limit)d columns.")
                        % {"row": number, "limit": XLSX_COLUMNS},
                        bound="cells",
                        limit=XLSX_COLUMNS,
                    )
                reference = CELL_REFERENCE.match(element.get("r") or "")
                column = _column_index(reference.group(1)) if reference else column + 1
                value = _cell_value(element, strings, date_styles, date1904)
                if value is not None and value != "":
                    if column > bounds.max_columns:
                        raise _too_many_columns(number, bounds)
                    if isinstance(value, str) and len(value) > bounds.max_cell_chars:
                        raise _too_long_value(number, len(value), bounds)
                    cells[column] = value
                if row is None:
                    raise _xlsx_unreadable()
                row.clear()
            elif tag == f"{MAIN}row" and container is not None:
                values = rows.check(number, cells)
                container.clear()
                row = None
                if values is not None:
                    yield number, values


def _check_dimension(reference: str, bounds: Bounds) -> None:
    match = DIMENSION.match(reference.upper())
    if match is None:
        return  # a missing or odd dimension tells nothing; the rows are bounded one by one anyway
    if int(match.group(2)) > bounds.max_sheet_rows:
        raise OutOfBounds(
            _("The sheet declares %(rows)d rows; the limit is %(limit)d, empty rows included.")
            % {"rows": int(match.group(2)), "limit": bounds.max_sheet_rows},
            bound="dimension",
            limit=bounds.max_sheet_rows,
        )
    if _column_index(match.group(1)) > XLSX_COLUMNS:
        raise _xlsx_unreadable()


def _cell_value(element, strings: list[str], date_styles: set[int], date1904: bool) -> Value:
    kind = element.get("t", "n")
    if kind == "inlineStr":
        inline = element.find(f"{MAIN}is")
        return _text(inline) if inline is not None else None
    raw = element.find(f"{MAIN}v")
    if raw is None or raw.text is None:
        return None
    text = raw.text
    if kind == "s":
        return strings[int(text)]
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        return dt.datetime.fromisoformat(text)
    number = _number(text)
    if int(element.get("s", "0")) in date_styles:
        return _excel_date(number, date1904)
    return number
