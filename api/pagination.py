"""Page-number pagination with `next`/`previous` links and a client-chosen page size up to a cap.

A list view that already counted its rows (the freshness check does) hands the count over, so a page
costs one query for its rows and none for the count.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PortalPagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    known_count: int | None = None

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Give a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}]}
            )
        return min(size, self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param, 1)
        if raw in self.last_page_strings:
            return raw
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            raise exceptions.ValidationError({self.page_query_param: [_("Give a page number from 1.")]})
        return number

    def django_paginator_class(self, object_list, per_page, **kwargs):
        from django.core.paginator import Paginator

        paginator = Paginator(object_list, per_page, **kwargs)
        if self.known_count is not None:
            paginator.count = self.known_count  # a cached_property: setting it skips the COUNT query
        return paginator

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1 (or `last`). A page past the end answers 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, default {PAGE_SIZE}; more than {MAX_PAGE_SIZE} gives {MAX_PAGE_SIZE}.",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = "How many items match, on all pages."
        response["properties"]["next"]["description"] = "The next page, or null on the last page."
        response["properties"]["previous"]["description"] = "The previous page, or null on the first page."
        return response
