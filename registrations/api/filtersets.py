"""Filters of the registration endpoints, built on api/filters.py's bounded filters."""

import django_filters

from api.filters import IdFilter, IsoDateTimeFilter
from meetings.models import Delegation, Participant


class DelegationFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id", help_text="Only this meeting's delegations.")
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text="Changed since.")

    class Meta:
        model = Delegation
        fields = []


class ParticipantFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="delegation__meeting_id", help_text="Only this meeting.")
    delegation = IdFilter(field_name="delegation_id", help_text="Only this delegation.")
    status = django_filters.ChoiceFilter(choices=Participant.Status.choices, help_text="Only this status.")
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text="Changed since.")

    class Meta:
        model = Participant
        fields = []
