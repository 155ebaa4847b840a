"""Query parameters. Every list's FilterSet builds on the filters below: each value is validated by a form
field, so a malformed one (1.5 for an id, 10**30, a date that is not one) is a 400 naming the parameter,
never a database error. And an unknown parameter is a 400 too (a typo in a filter must not silently
return everything).
"""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

from .fields import MAX_PK, IsoDateTimeField
from .middleware import LANGUAGE_PARAM

# --- Bounded filters --------------------------------------------------------------------------------------


class IntegerFilter(django_filters.NumberFilter):
    """A whole number within bounds: 1.5 or 10**30 is a 400, never a database error."""

    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_PK})
class IdFilter(IntegerFilter):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_PK, **kwargs)


TEXT_WITHOUT_NUL = "^[^\\x00]*$"


@extend_schema_field({"type": "string", "maxLength": 8, "pattern": TEXT_WITHOUT_NUL, "example": "VN"})
class CodeFilter(django_filters.CharFilter):
    """A country code, case-insensitive ('vn' finds VN)."""

    def filter(self, qs, value):
        return super().filter(qs, value.upper() if value else value)


@extend_schema_field({"type": "string", "maxLength": 200, "pattern": TEXT_WITHOUT_NUL, "example": "Ha Noi"})
class SearchFilter(django_filters.CharFilter):
    pass


@extend_schema_field({"type": "string", "format": "date-time", "example": "2024-08-01T00:00:00Z"})
class IsoDateTimeFilter(django_filters.Filter):
    field_class = IsoDateTimeField


# --- Unknown parameters -----------------------------------------------------------------------------------


class UnknownParameters(exceptions.ValidationError):
    error_code = "unknown_parameter"


ALWAYS_ALLOWED = {LANGUAGE_PARAM}


class KnownParametersFilter(BaseFilterBackend):
    """First of DEFAULT_FILTER_BACKENDS. Allowed: the view's filterset fields, the pager's parameters,
    `lang`, and whatever a view lists in `extra_query_params`."""

    @staticmethod
    def _reject_empty_typed_values(request, filterset_class) -> None:
        """`?year=` is a malformed number, not "no filter": only text filters may be empty."""
        filters = filterset_class.base_filters if filterset_class is not None else {}
        empty = sorted(
            name
            for name, value in request.query_params.items()
            if value == ""
            and name in filters
            and not isinstance(filters[name], django_filters.CharFilter | django_filters.OrderingFilter)
        )
        if empty:
            raise exceptions.ValidationError({name: [_("Give a value, or leave the parameter out.")] for name in empty})

    def filter_queryset(self, request, queryset, view):
        allowed = set(ALWAYS_ALLOWED) | set(getattr(view, "extra_query_params", ()))
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        allowed |= set(getattr(view, "filterset_fields", None) or ())
        paginator = getattr(view, "paginator", None)
        if paginator is not None and getattr(view, "action", None) == "list":
            allowed |= {getattr(paginator, "page_query_param", "page"), getattr(paginator, "page_size_query_param", "")}
        self._reject_empty_typed_values(request, filterset_class)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            known = ", ".join(sorted(p for p in allowed if p))
            raise UnknownParameters(
                {name: [_("Unknown parameter. Known parameters: %(known)s.") % {"known": known}] for name in unknown}
            )
        return queryset
