"""The REST API's attendance: one row per participant and session attended. A focal point (or a country's
token) sees its own country's; the secretariat all; anyone else nothing."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from api.models import ApiToken
from api.permissions import SignedIn, TokenScopePermission
from api.viewsets import ReadOnlyApiViewSet, api_token

from . import selectors
from .models import Attendance


class AttendanceSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.full_name", read_only=True)
    member_state = serializers.CharField(source="participant.delegation.member_state.code", read_only=True)
    meeting = serializers.IntegerField(source="participant.delegation.meeting_id", read_only=True)

    class Meta:
        model = Attendance
        fields = [
            "id",
            "session",
            "meeting",
            "participant",
            "participant_name",
            "member_state",
            "first_in",
            "last_scan",
            "present",
        ]
        read_only_fields = fields


class AttendanceFilter(django_filters.FilterSet):
    session = django_filters.NumberFilter(field_name="session_id")
    meeting = django_filters.NumberFilter(method="of_meeting", label="Meeting or conference week")

    class Meta:
        model = Attendance
        fields = ["session", "meeting"]

    def of_meeting(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(session_id=value) | Q(session__parent_id=value))


@extend_schema_view(
    list=extend_schema(
        summary="Attendance per session",
        description="Who was checked in at each session. A focal point (or a token of a country) sees its own "
        "country's participants; the secretariat sees everyone's. Filter with `meeting` (a meeting or a "
        "conference week, with its sessions) or `session`.",
    ),
    retrieve=extend_schema(summary="One participant at one session"),
)
class AttendanceViewSet(ReadOnlyApiViewSet):
    cache_control = "private, no-store"  # people's names: revalidated by ETag, never kept (common/private.py)
    permission_classes = [SignedIn, TokenScopePermission]
    token_write_scope = ApiToken.Scope.REGISTRATIONS
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter

    def get_queryset(self):
        return selectors.attendance_for_api(actor=self.request.user, token=api_token(self.request))
