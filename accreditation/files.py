"""The accreditation's columns in the participants' import file: present only as the meeting asks for them
(registrations/participant_files.py adds them to the template and reads them); each row's values are
checked with the same rules as the accreditation page (services.checked_values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.roles import Actor
from common.errors import DomainError
from meetings.models import Meeting, Participant

from . import services
from .models import AccreditationQuestion

DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%d/%m/%Y")


def _fixed(meeting: Meeting) -> list[tuple[str, str]]:
    requirements = services.requirements_for(meeting)
    columns = []
    if requirements.nationality:
        columns.append(("nationality", _("Nationality")))
    if requirements.passport:
        columns += [("passport_number", _("Passport number")), ("passport_expiry", _("Passport expiry date"))]
    if requirements.date_of_birth:
        columns.append(("date_of_birth", _("Date of birth")))
    return columns


def columns(meeting: Meeting | None) -> list[tuple[str, str]]:
    """(key, header) of the accreditation columns the meeting asks for, in the active language."""
    if meeting is None:
        return []
    return _fixed(meeting) + [(q.key, q.text) for q in services.questions_for(meeting)]


def header_aliases(meeting: Meeting | None, normalise) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for key, _header in columns(meeting):
        aliases[normalise(key)] = key
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            aliases.update({normalise(header): key for key, header in columns(meeting)})
    return aliases


def instructions(meeting: Meeting | None) -> list[tuple[str, str]]:
    lines = []
    for key, header in columns(meeting):
        if key in ("passport_expiry", "date_of_birth"):
            lines.append((header, _("A date, written as 2031-12-31.")))
    for question in services.questions_for(meeting) if meeting else []:
        if question.kind == AccreditationQuestion.Kind.YES_NO:
            lines.append((question.text, _("Answer yes or no.")))
        elif question.kind == AccreditationQuestion.Kind.CHOICE:
            lines.append((question.text, ", ".join(question.choice_list())))
    return lines


def _date(value: str, field: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise DomainError(_("Write the date as 2031-12-31."), field=field)


@dataclass(frozen=True)
class RowReader:
    """What a file's rows may hold for one meeting, read once for the whole file."""

    meeting: Meeting
    keys: frozenset[str]
    questions: list[AccreditationQuestion]

    @classmethod
    def of(cls, meeting: Meeting) -> RowReader:
        return cls(meeting, frozenset(key for key, _header in columns(meeting)), services.questions_for(meeting))

    def values(self, values: dict[str, str]) -> dict:
        """A row's accreditation data for services.accreditation_save (checked here already, so that every bad
        row is reported before anything is saved); raises a DomainError naming the column."""
        data: dict = {
            key: values[key] for key in self.keys if key in values and key not in ("passport_expiry", "date_of_birth")
        }
        for key in ("passport_expiry", "date_of_birth"):
            if key in self.keys and key in values:
                data[key] = _date(values[key], key)
        if not any(value not in ("", None) for value in data.values()):
            return {}
        services.checked_values(self.meeting, data, self.questions)
        return data


def save_imported(*, actor: Actor, participants: list[Participant], values: list[dict]) -> None:
    """The accreditation of each imported participant that has values (inside the import's transaction)."""
    for participant, data in zip(participants, values, strict=True):
        if data:
            services.accreditation_save(actor=actor, participant=participant, data=data)
