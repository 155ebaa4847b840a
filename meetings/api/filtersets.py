"""Filters of the schedule's and registrations' list endpoints (django-filter). They build on the bounded
filters of api.filters, so a malformed value is a 400 naming the parameter."""

import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from api.filters import CodeFilter, IdFilter, IntegerFilter, IsoDateTimeFilter, SearchFilter
from common.search import search_filter
from meetings.models import AgendaItem, Meeting, MeetingChange, MemberState

MEETING_SEARCH_FIELDS = [
    "title_en",
    "title_vi",
    "theme_en",
    "theme_vi",
    "venue_en",
    "venue_vi",
    "city_en",
    "city_vi",
]


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 32767, "example": 21})
class OrdinalFilter(IntegerFilter):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=32767, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2200, "example": 2024})
class YearFilter(IntegerFilter):
    def __init__(self, **kwargs):
        super().__init__(min_value=1900, max_value=2200, **kwargs)


class MeetingFilter(django_filters.FilterSet):
    chairmanship = OrdinalFilter(
        field_name="chairmanship__ordinal",
        help_text="ACCSM number of the chairmanship, e.g. 21.",
    )
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices, help_text="Kind of meeting.")
    status = django_filters.ChoiceFilter(
        choices=Meeting.Status.choices, help_text="Status; by default every announced status, cancelled included."
    )
    format = django_filters.ChoiceFilter(choices=Meeting.Format.choices, help_text="Format of the meeting.")
    host_country = CodeFilter(
        field_name="host_country__code", max_length=8, help_text="Country code of the host, e.g. VN."
    )
    year = YearFilter(field_name="start__year", help_text="Year in which the meeting starts (UTC).")
    start_from = IsoDateTimeFilter(
        field_name="start",
        lookup_expr="gte",
        help_text="Meetings starting at or after this moment (ISO 8601 or a date).",
    )
    start_to = IsoDateTimeFilter(
        field_name="start",
        lookup_expr="lte",
        help_text="Meetings starting at or before this moment (ISO 8601 or a date).",
    )
    updated_since = IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only meetings changed at or after this moment — cancelled and postponed ones included. "
        "Send the X-Page-Generated header of your previous answer.",
    )
    search = SearchFilter(
        method="filter_search",
        max_length=200,
        help_text="Words in the title, theme, venue or city, in either language; diacritics ignored "
        "(“Ha Noi” finds “Hà Nội”).",
    )
    ordering = django_filters.OrderingFilter(
        fields=(("start", "start"), ("updated_at", "updated_at")),
        help_text="Order by start (default) or updated_at; prefix with - for descending. Ties: by id.",
    )

    class Meta:
        model = Meeting
        fields = []

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, value, MEETING_SEARCH_FIELDS)

    @property
    def qs(self):
        queryset = super().qs
        # A stable order whatever the client chose, so pages never overlap or skip.
        ordering = list(queryset.query.order_by) or ["start"]
        return queryset.order_by(*[o for o in ordering if o not in ("pk", "-pk")], "pk")


class MeetingChangeFilter(django_filters.FilterSet):
    updated_since = IsoDateTimeFilter(
        field_name="changed_at",
        lookup_expr="gte",
        help_text="Changes at or after this moment (ISO 8601 or a date): send back the X-Page-Generated "
        "header of your last answer, as for every other list.",
    )
    since = IsoDateTimeFilter(field_name="changed_at", lookup_expr="gte", help_text="The same as `updated_since`.")
    meeting = IdFilter(field_name="meeting_id", help_text="Only this meeting's changes.")
    action = django_filters.ChoiceFilter(choices=MeetingChange.Action.choices, help_text="Only this kind of change.")
    object_type = django_filters.ChoiceFilter(
        choices=MeetingChange.ObjectType.choices, help_text="Only changes of this kind of object."
    )
    tombstones = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_tombstones",
        help_text="`true`: only deletions and unpublishings (what to remove); `false`: everything else.",
    )

    class Meta:
        model = MeetingChange
        fields = []

    def filter_tombstones(self, queryset, name, value):
        tombstone = Q(action__in=MeetingChange.TOMBSTONE_ACTIONS)
        return queryset.filter(tombstone) if value == "true" else queryset.exclude(tombstone)


class MemberStateFilter(django_filters.FilterSet):
    group = django_filters.ChoiceFilter(choices=MemberState.Group.choices, help_text="ASEAN, Plus Three…")

    class Meta:
        model = MemberState
        fields = []


class AgendaItemFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id", help_text="Only this meeting's agenda.")
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text="Changed since.")

    class Meta:
        model = AgendaItem
        fields = []
