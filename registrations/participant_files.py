"""Participants as files: the import template (CSV, XLSX) and reading an uploaded file into rows.

Reading only parses; every row is then checked by ParticipantRowForm (types, formats) and by the
registration service (the rules), and the whole file is saved or nothing is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from common.errors import DomainError
from common.exports import SafeWorkbook, write_csv
from meetings.models import Participant

from .services.registration import PARTICIPANT_FIELDS, RowProblem, ensure_departure_after_arrival

MAX_ROWS = 1000
MAX_BYTES = 2 * 1024 * 1024
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


class ParticipantFileError(DomainError):
    code = "participant_file"

    def __init__(self, message):
        super().__init__(message, field="file")


def _label(name: str) -> str:
    label = str(Participant._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def column_labels() -> list[str]:
    """The header row in the current language."""
    return [_label(name) for name in PARTICIPANT_FIELDS]


def _normalise(text: str) -> str:
    return " ".join(str(text).replace("*", "").split()).casefold()


def _header_aliases() -> dict[str, str]:
    """A column may be headed by its field name or by its label in any of the portal's languages."""
    aliases = {_normalise(name): name for name in PARTICIPANT_FIELDS}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            aliases.update({_normalise(_label(name)): name for name in PARTICIPANT_FIELDS})
    return aliases


# --- The template ------------------------------------------------------------------------------------


def _instructions() -> list[tuple[str, str]]:
    roles = ", ".join(str(label) for _value, label in Participant.Role.choices)
    languages = ", ".join(f"{code} ({name})" for code, name in settings.LANGUAGES)
    return [
        (_label("full_name"), _("Required. One participant per row.")),
        (_label("email"), _("The confirmation emails go to this address.")),
        (_label("role"), _("One of: %(roles)s. At most one head of delegation.") % {"roles": roles}),
        (
            f"{_label('arrival')}, {_label('departure')}",
            _("Local time at the venue, written as 2024-08-04 14:30."),
        ),
        (_label("language"), _("Language of the emails: %(languages)s.") % {"languages": languages}),
        (_("Rows"), _("At most %(max)d rows. If any row has a problem, nothing is imported.") % {"max": MAX_ROWS}),
    ]


def template_csv() -> bytes:
    return write_csv([column_labels()])


def _add_choice_lists(sheet) -> None:
    """Drop-down lists for the role and the language, in the current language (the reader accepts labels in
    either language, and codes). A spreadsheet that ignores them still shows the labels as typed text."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = {
        "role": [str(label) for _value, label in Participant.Role.choices],
        "language": [str(name) for _code, name in settings.LANGUAGES],
    }
    for name, labels in lists.items():
        letter = get_column_letter(PARTICIPANT_FIELDS.index(name) + 1)
        listed = ",".join(label.replace(",", " ").replace('"', "") for label in labels)
        validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showDropDown=False)
        validation.error = _("Choose a value from the list.")
        validation.errorTitle = _label(name)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)


def template_xlsx() -> bytes:
    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append(column_labels())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 22
    _add_choice_lists(sheet)
    help_sheet = workbook.create_sheet(_("Instructions")[:31])
    for row in _instructions():
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width = 30
    help_sheet.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading a file ----------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(upload):
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParticipantFileError(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and retry.")) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(upload):
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ParticipantFileError(_("This XLSX file cannot be read; save it again from your spreadsheet.")) from None
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    finally:
        workbook.close()


def read_participant_file(upload) -> list[tuple[int, dict[str, str]]]:
    """(row number, {field: text}) for every non-empty row under the header; row 1 is the header."""
    name = (upload.name or "").lower()
    if name.endswith(".csv"):
        rows = _csv_rows(upload)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(upload)
    else:
        raise ParticipantFileError(_("Upload a CSV or XLSX file, such as the template."))
    if upload.size > MAX_BYTES:
        raise ParticipantFileError(_("The file is larger than 2 MB; a delegation's file is much smaller."))
    header = next(rows, None)
    if not header:
        raise ParticipantFileError(_("The file is empty. Start from the template."))
    aliases = _header_aliases()
    columns = [aliases.get(_normalise(title)) for title in header]
    unknown = [
        str(title) for title, column in zip(header, columns, strict=True) if column is None and str(title).strip()
    ]
    if unknown:
        raise ParticipantFileError(
            _("Unknown columns: %(columns)s. Use the template's header row.") % {"columns": ", ".join(unknown)}
        )
    if "full_name" not in columns:
        raise ParticipantFileError(_("The header row has no “%(column)s” column.") % {"column": _label("full_name")})
    data = []
    for number, values in enumerate(rows, start=2):
        if not any(str(value).strip() for value in values):
            if number > 20 * MAX_ROWS:  # a sheet of a million formatted empty rows is not read to its end
                break
            continue
        if len(data) == MAX_ROWS:
            raise ParticipantFileError(
                _("The file has more than %(max)d participant rows; nothing was imported.") % {"max": MAX_ROWS}
            )
        data.append(
            (number, {column: str(value).strip() for column, value in zip(columns, values, strict=False) if column})
        )
    return data


# --- Checking each row -----------------------------------------------------------------------------


def _spellings(choices) -> dict[str, str]:
    """The ways of writing each choice, normalised: its code, or its label in any of the portal's languages."""
    spellings = {}
    for language, _name in reversed(settings.LANGUAGES):
        with translation.override(language):
            spellings.update({_normalise(str(label)): code for code, label in reversed(choices)})
    spellings.update({_normalise(code): code for code, _label in reversed(choices)})
    return spellings


class ParticipantRowForm(forms.ModelForm):
    """One row of a file: the same fields as the participant form, with the spreadsheet's ways of writing them.

    It reads the values only (types, formats, choices); the registration service then validates each
    participant against the model and the rules, so the model's own validation is not repeated here (it
    would ask the database about the departure constraint once per row)."""

    role = forms.CharField(required=False)
    language = forms.CharField(required=False)

    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS

    def __init__(self, *args, default_language: str, spellings: dict[str, dict[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_language = default_language
        self.spellings = spellings or row_spellings()
        for name in ("arrival", "departure"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"]
            self.fields[name].error_messages["invalid"] = _("Write the date and time as 2024-08-04 14:30.")

    def clean_role(self):
        value = self.cleaned_data["role"]
        if not value:
            return Participant.Role.DELEGATE
        role = self.spellings["role"].get(_normalise(value))
        if role is None:
            roles = ", ".join(str(label) for _code, label in Participant.Role.choices)
            raise forms.ValidationError(
                _("Unknown role “%(value)s”; use one of: %(roles)s.") % {"value": value, "roles": roles}
            )
        return role

    def clean_language(self):
        value = self.cleaned_data["language"]
        if not value:
            return self.default_language
        language = self.spellings["language"].get(_normalise(value))
        if language is None:
            raise forms.ValidationError(_("Unknown language “%(value)s”; use en or vi.") % {"value": value})
        return language

    def clean(self):
        cleaned_data = super().clean()
        try:
            ensure_departure_after_arrival(cleaned_data.get("arrival"), cleaned_data.get("departure"))
        except DomainError as error:
            self.add_error(None, error.message)
        return cleaned_data

    def _post_clean(self):
        """No model validation here: the registration service validates every row's participant."""


def row_spellings() -> dict[str, dict[str, str]]:
    return {"role": _spellings(Participant.Role.choices), "language": _spellings(settings.LANGUAGES)}


def check_rows(
    rows: list[tuple[int, dict[str, str]]], *, default_language: str
) -> tuple[list[tuple[int, dict]], list[RowProblem]]:
    """Rows that parse (as service data) and the problems of those that don't. Call in the venue's time zone."""
    good, problems = [], []
    spellings = row_spellings()
    for number, values in rows:
        form = ParticipantRowForm(data=values, default_language=default_language, spellings=spellings)
        if form.is_valid():
            good.append((number, {name: form.cleaned_data[name] for name in PARTICIPANT_FIELDS}))
            continue
        for name, messages in form.errors.items():
            for message in messages:
                problems.append(RowProblem(number, name if name in PARTICIPANT_FIELDS else "", message))
    return good, problems


def problem_column(problem: RowProblem) -> str:
    return _label(problem.field) if problem.field in PARTICIPANT_FIELDS else ""
