"""The work plan's read endpoints (/api/v1/work-plans/, /priority-areas/, /initiatives/): thin. What a
client sees is what workplan.selectors lets the actor see on the pages: proposals only to their own
country's focal points and the secretariat, plans being drafted not to the public.

Titles and descriptions come out in the request's language (falling back to English)."""

import django_filters
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from api.fields import MAX_PK
from api.filters import CodeFilter, IntegerFilter
from api.viewsets import ReadOnlyApiViewSet
from meetings.api.serializers import MemberStateRefSerializer
from meetings.models import MemberState

from . import selectors
from .models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan

# --- Representations -------------------------------------------------------------------------------


class WorkPlanSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text="In the request's language.")
    previous = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The plan this one follows, if any."
    )
    is_draft = serializers.BooleanField(read_only=True, help_text="Being drafted (shown to focal points only).")

    class Meta:
        model = WorkPlan
        fields = ["id", "title", "period_start", "period_end", "previous", "is_draft", "updated_at"]


class PriorityAreaSerializer(serializers.ModelSerializer):
    work_plan = serializers.PrimaryKeyRelatedField(read_only=True)
    title = serializers.CharField(read_only=True, help_text="In the request's language.")

    class Meta:
        model = PriorityArea
        fields = ["id", "work_plan", "number", "title", "updated_at"]


class PriorityAreaRefSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = PriorityArea
        fields = ["id", "number", "title"]


class MeetingRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class LatestProgressSerializer(serializers.Serializer):
    percent_complete = serializers.IntegerField(read_only=True, min_value=0, max_value=100)
    date = serializers.DateField(read_only=True)
    text = serializers.CharField(read_only=True)


class InitiativeSerializer(serializers.ModelSerializer):
    page_url = serializers.SerializerMethodField(help_text="The initiative's page in the portal.")
    work_plan = serializers.IntegerField(source="priority_area.work_plan_id", read_only=True)
    priority_area = PriorityAreaRefSerializer(read_only=True)
    title = serializers.CharField(read_only=True, help_text="In the request's language.")
    description = serializers.CharField(read_only=True, help_text="In the request's language.")
    lead = MemberStateRefSerializer(read_only=True, help_text="The lead country.")
    co_leads = MemberStateRefSerializer(many=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    approved_at = MeetingRefSerializer(read_only=True, allow_null=True, help_text="The SOM that approved it.")
    carried_over_from = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    latest_progress = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "page_url",
            "work_plan",
            "priority_area",
            "title",
            "description",
            "lead",
            "co_leads",
            "status",
            "status_label",
            "planned_start",
            "planned_end",
            "approved_at",
            "carried_over_from",
            "latest_progress",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, obj) -> str:
        return settings.SITE_URL + reverse("workplan:initiative", kwargs={"pk": obj.pk})

    @extend_schema_field(LatestProgressSerializer(allow_null=True))
    def get_latest_progress(self, obj):
        if obj.latest_percent is None:
            return None
        return {
            "percent_complete": obj.latest_percent,
            "date": obj.latest_progress_date,
            "text": obj.latest_progress_text,
        }


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["id", "date", "percent_complete", "text"]


class DecisionSerializer(serializers.ModelSerializer):
    meeting = MeetingRefSerializer(read_only=True, allow_null=True, help_text="Null when a written procedure decided.")
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    procedure = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The closed written procedure that decided, when no SOM did."
    )

    class Meta:
        model = InitiativeDecision
        fields = ["meeting", "procedure", "outcome", "outcome_label", "note", "created_at"]


class InitiativeDetailSerializer(InitiativeSerializer):
    progress_updates = ProgressUpdateSerializer(many=True, read_only=True, help_text="Newest first.")
    decisions = DecisionSerializer(many=True, read_only=True, help_text="The SOM's decisions on the proposal.")

    class Meta(InitiativeSerializer.Meta):
        fields = [*InitiativeSerializer.Meta.fields, "progress_updates", "decisions"]


# --- Filters ---------------------------------------------------------------------------------------


class PriorityAreaFilter(django_filters.FilterSet):
    work_plan = IntegerFilter(field_name="work_plan_id", min_value=1, max_value=MAX_PK, help_text="Work plan id.")

    class Meta:
        model = PriorityArea
        fields = ["work_plan"]


class InitiativeFilter(django_filters.FilterSet):
    work_plan = IntegerFilter(
        field_name="priority_area__work_plan_id", min_value=1, max_value=MAX_PK, help_text="Work plan id."
    )
    priority_area = IntegerFilter(field_name="priority_area_id", min_value=1, max_value=MAX_PK)
    status = django_filters.ChoiceFilter(choices=Initiative.Status.choices)
    lead = CodeFilter(field_name="lead__code", max_length=8, help_text="Country code of the lead, e.g. VN.")

    class Meta:
        model = Initiative
        fields = ["work_plan", "priority_area", "status", "lead"]


# --- Endpoints -------------------------------------------------------------------------------------

INITIATIVE_EXAMPLE = {
    "id": 7,
    "page_url": "https://accsm.example.org/en/workplan/initiatives/7/",
    "work_plan": 1,
    "priority_area": {"id": 5, "number": 5, "title": "Civil service modernisation"},
    "title": "ASEAN Network of Public Service Training Institutes (PSTI)",
    "description": "Viet Nam convened the network in 2023–2024.",
    "lead": {"code": "VN", "name": "Viet Nam"},
    "co_leads": [{"code": "BN", "name": "Brunei Darussalam"}],
    "status": "ongoing",
    "status_label": "Ongoing",
    "planned_start": "2023-01-01",
    "planned_end": "2025-12-31",
    "approved_at": {"id": 3, "title": "Senior Officials Meeting of ACCSM 21"},
    "carried_over_from": None,
    "latest_progress": {"percent_complete": 80, "date": "2024-08-05", "text": "Convenor role handed to Brunei."},
    "updated_at": "2024-08-05T10:00:00Z",
}


@extend_schema_view(
    list=extend_schema(summary="Work plans", description="The ACCSM work plans, oldest first."),
    retrieve=extend_schema(summary="One work plan"),
)
class WorkPlanViewSet(ReadOnlyApiViewSet):
    serializer_class = WorkPlanSerializer

    def get_queryset(self):
        return selectors.work_plans_visible_to(self.request.user).order_by("period_start", "pk")


@extend_schema_view(
    list=extend_schema(summary="Priority areas of the work plans", description="Filter with `work_plan`."),
    retrieve=extend_schema(summary="One priority area"),
)
class PriorityAreaViewSet(ReadOnlyApiViewSet):
    serializer_class = PriorityAreaSerializer
    filterset_class = PriorityAreaFilter
    freshness_fields = ("updated_at", "work_plan__updated_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        plans = selectors.work_plans_visible_to(self.request.user)
        return PriorityArea.objects.filter(work_plan__in=plans).order_by("work_plan__period_start", "number", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Initiatives of the work plans",
        description="Approved, ongoing, completed and dropped initiatives, with their latest progress; a focal "
        "point also sees their own country's proposals, the secretariat every proposal.",
        examples=[
            OpenApiExample(
                "PSTI network",
                value={"count": 1, "next": None, "previous": None, "results": [INITIATIVE_EXAMPLE]},
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One initiative, with its progress updates and the SOM's decisions",
        description="Another country's proposal answers 404.",
    ),
)
class InitiativeViewSet(ReadOnlyApiViewSet):
    filterset_class = InitiativeFilter
    freshness_fields = ("updated_at", "lead__updated_at", "priority_area__updated_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        qs = selectors.with_latest_progress(selectors.initiatives_visible_to(self.request.user)).prefetch_related(
            Prefetch("co_leads", MemberState.objects.order_by("code"))
        )
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("progress_updates", ProgressUpdate.objects.order_by("-date", "-pk")),
                Prefetch("decisions", InitiativeDecision.objects.select_related("meeting").order_by("created_at")),
            )
        return qs.order_by("priority_area__work_plan__period_start", "priority_area__number", "planned_start", "pk")

    def get_serializer_class(self):
        return InitiativeDetailSerializer if self.action == "retrieve" else InitiativeSerializer
