"""Participants as files: the import template (CSV, XLSX) and reading an uploaded file into rows.

Reading only parses; every row is then checked by ParticipantRowForm (types, formats) and by the
registration service (the rules), and the whole file is saved or nothing is.
"""

from __future__ import annotations

import datetime as dt
import io

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from accreditation import files as accreditation_files
from common import bounded
from common.errors import DomainError
from common.exports import SafeWorkbook, write_csv
from meetings.models import Participant

from .services.registration import PARTICIPANT_FIELDS, RowProblem, ensure_departure_after_arrival

DATETIME_FORMAT = "%Y-%m-%d %H:%M"


class ParticipantFileError(DomainError):
    code = "participant_file"

    def __init__(self, message):
        super().__init__(message, field="file")


def max_rows() -> int:
    return settings.ACCSM_IMPORT_MAX_ROWS


def _label(name: str) -> str:
    label = str(Participant._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def column_labels(meeting=None) -> list[str]:
    """The header row in the current language, with the accreditation columns the meeting asks for."""
    return [_label(name) for name in PARTICIPANT_FIELDS] + [
        header for _key, header in accreditation_files.columns(meeting)
    ]


def _normalise(text: str) -> str:
    return " ".join(str(text).replace("*", "").split()).casefold()


def _header_aliases(meeting=None) -> dict[str, str]:
    """A column may be headed by its field name or by its label in any of the portal's languages."""
    aliases = accreditation_files.header_aliases(meeting, _normalise)
    aliases.update({_normalise(name): name for name in PARTICIPANT_FIELDS})
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            aliases.update({_normalise(_label(name)): name for name in PARTICIPANT_FIELDS})
    return aliases


# --- The template ------------------------------------------------------------------------------------


def _instructions(meeting=None) -> list[tuple[str, str]]:
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
        *accreditation_files.instructions(meeting),
        (_("Rows"), _("At most %(max)d rows. If any row has a problem, nothing is imported.") % {"max": max_rows()}),
    ]


def template_csv(meeting=None) -> bytes:
    return write_csv([column_labels(meeting)])


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
        validation.add(f"{letter}2:{letter}{max_rows() + 1}")
        sheet.add_data_validation(validation)


def template_xlsx(meeting=None) -> bytes:
    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append(column_labels(meeting))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 22
    _add_choice_lists(sheet)
    help_sheet = workbook.create_sheet(_("Instructions")[:31])
    for row in _instructions(meeting):
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


def read_participant_file(upload, meeting=None) -> list[tuple[int, dict[str, str]]]:
    """(row number, {field: text}) for every non-empty row under the header; row 1 is the header.
    The file is read by common.bounded within the import's bounds (ACCSM_IMPORT_* settings). With a
    meeting, the accreditation columns it asks for are read too (accreditation.files)."""
    name = (upload.name or "").lower()
    if name.endswith(".csv"):
        reader = bounded.read_csv
    elif name.endswith(".xlsx"):
        reader = bounded.read_xlsx
    else:
        raise ParticipantFileError(_("Upload a CSV or XLSX file, such as the template."))
    try:
        return _read_rows(reader(upload, bounded.import_bounds()), meeting)
    except (bounded.OutOfBounds, bounded.UnreadableFile) as error:
        raise ParticipantFileError(error.message) from None


def _read_rows(rows, meeting=None) -> list[tuple[int, dict[str, str]]]:
    first = next(rows, None)
    if first is None:
        raise ParticipantFileError(_("The file is empty. Start from the template."))
    header = [_cell_text(value) for value in first[1]]
    aliases = _header_aliases(meeting)
    columns = [aliases.get(_normalise(title)) for title in header]
    unknown = [title for title, column in zip(header, columns, strict=True) if column is None and title]
    if unknown:
        raise ParticipantFileError(
            _("Unknown columns: %(columns)s. Use the template's header row.") % {"columns": ", ".join(unknown)}
        )
    if "full_name" not in columns:
        raise ParticipantFileError(_("The header row has no “%(column)s” column.") % {"column": _label("full_name")})
    data = []
    for number, values in rows:
        texts = [_cell_text(value) for value in values]
        if any(texts):
            data.append((number, {column: text for column, text in zip(columns, texts, strict=False) if column}))
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
    rows: list[tuple[int, dict[str, str]]], *, default_language: str, meeting=None
) -> tuple[list[tuple[int, dict]], list[RowProblem]]:
    """Rows that parse (as service data) and the problems of those that don't. Call in the venue's time zone.
    With a meeting, a good row's data holds its accreditation values under ACCREDITATION_KEY."""
    good, problems = [], []
    spellings = row_spellings()
    reader = accreditation_files.RowReader.of(meeting) if meeting is not None else None
    for number, values in rows:
        form = ParticipantRowForm(data=values, default_language=default_language, spellings=spellings)
        accreditation = {}
        if reader is not None:
            try:
                accreditation = reader.values(values)
            except DomainError as error:
                problems.append(RowProblem(number, error.field or "", str(error.message)))
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in PARTICIPANT_FIELDS}
            good.append((number, {**data, ACCREDITATION_KEY: accreditation} if meeting is not None else data))
            continue
        for name, messages in form.errors.items():
            for message in messages:
                problems.append(RowProblem(number, name if name in PARTICIPANT_FIELDS else "", message))
    return good, problems


ACCREDITATION_KEY = "_accreditation"


def split_accreditation(rows: list[tuple[int, dict]]) -> tuple[list[tuple[int, dict]], list[dict]]:
    """The rows for the registration service, and each row's accreditation values (in the same order)."""
    plain = [(number, {k: v for k, v in data.items() if k != ACCREDITATION_KEY}) for number, data in rows]
    return plain, [data.get(ACCREDITATION_KEY, {}) for _number, data in rows]


def problem_column(problem: RowProblem, meeting=None) -> str:
    if problem.field in PARTICIPANT_FIELDS:
        return _label(problem.field)
    return dict(accreditation_files.columns(meeting)).get(problem.field, "")
