"""Moments people type stay within years a civil-service calendar can mean (issue 21): a meeting in
9999 or in year 1 is a typo, and one such stored date used to take down every calendar feed.

The bounds are settings (ACCSM_EARLIEST_YEAR, ACCSM_LATEST_YEAR; 1990 and 2100 by default) and the
validator sits on the model fields, so ModelForms, the API's serializers, the imports (full_clean) and
the admin all refuse the same values with the same message.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def year_bounds() -> tuple[int, int]:
    return settings.ACCSM_EARLIEST_YEAR, settings.ACCSM_LATEST_YEAR


@deconstructible
class WithinYears:
    """A date or datetime between 1 January of the earliest year and 31 December of the latest."""

    def __call__(self, value: dt.date | dt.datetime | None) -> None:
        if value is None:
            return
        earliest, latest = year_bounds()
        if not earliest <= value.year <= latest:
            raise ValidationError(
                _("Enter a date between %(earliest)d and %(latest)d."),
                code="year_out_of_range",
                params={"earliest": earliest, "latest": latest},
            )

    def __eq__(self, other):
        return isinstance(other, WithinYears)


within_years = WithinYears()
