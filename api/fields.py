"""Input fields that turn every malformed value into a validation error, never a database error."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Primary keys are 64-bit: a larger number would overflow SQLite or PostgreSQL before it could be "not found".
MAX_PK = 2**63 - 1


class IsoDateTimeField(forms.Field):
    """'2024-08-05T09:00:00+07:00', '2024-08-05T02:00:00Z' or a date ('2024-08-05', midnight UTC).
    A time without an offset is read as UTC."""

    default_error_messages = {
        "invalid": _("Enter a date and time in ISO 8601, e.g. 2024-08-05T09:00:00+07:00, or a date (2024-08-05).")
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        try:
            parsed = parse_datetime(text)
            day = parse_date(text) if parsed is None else None
        except ValueError:
            parsed = day = None
        if parsed is None and day is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if parsed is None:
            parsed = dt.datetime.combine(day, dt.time.min)
        if timezone.is_naive(parsed):
            parsed = parsed.replace(tzinfo=dt.UTC)
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError:  # within a day of year 1 or 9999: as early or late as can be
            if parsed.year == 1:
                return dt.datetime.min.replace(tzinfo=dt.UTC)
            return dt.datetime.max.replace(tzinfo=dt.UTC)


class SafePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": _("No such object (id {pk_value}).")}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= number <= MAX_PK:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)
