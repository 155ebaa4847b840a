"""Query parameters: an unknown one is a 400 (a typo in a filter must not silently return everything)."""

import django_filters
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

from .middleware import LANGUAGE_PARAM


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
