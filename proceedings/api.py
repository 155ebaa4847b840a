"""The record's read endpoints (/api/v1/decisions/, /action-items/, /procedures/): thin. What a client sees is
what proceedings.selectors lets its user see, narrowed to the token's country when the token has one:

- decisions: the secretariat, and focal points for announced meetings their country is invited to;
- action items: the secretariat, and a focal point their own country's;
- written procedures: the secretariat with every country's current answer; a focal point the procedures
  their country is asked to answer, with their own country's answer only.

Anonymous clients get 401. Wordings come out in the request's language (falling back to English), and in
both languages beside it. What was deleted or left a reader's view is in /api/v1/changes/ as a tombstone."""

import django_filters
from django.db.models import Q
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from api.filters import CodeFilter, IdFilter, IsoDateTimeFilter
from api.permissions import SignedIn, TokenScopePermission
from api.viewsets import ReadOnlyApiViewSet, api_token
from meetings.api.serializers import MemberStateRefSerializer

from . import selectors
from .models import ActionItem, Answer, Decision, WrittenProcedure

UPDATED_SINCE_HELP = "Changed at or after this moment: send back X-Page-Generated. Deletions: see /changes/."

# --- Representations -------------------------------------------------------------------------------


class RecordMeetingRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True, help_text="In the request's language.")


class AgendaItemRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    order = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True, help_text="In the request's language.")


class RecordDecisionSerializer(serializers.ModelSerializer):
    meeting = RecordMeetingRefSerializer(source="agenda_item.meeting", read_only=True)
    agenda_item = AgendaItemRefSerializer(read_only=True)
    text = serializers.CharField(read_only=True, help_text="The wording in the request's language.")
    text_en = serializers.CharField(read_only=True, help_text="The wording in English.")
    text_vi = serializers.CharField(read_only=True, allow_null=True, help_text="The wording in Vietnamese.")

    class Meta:
        model = Decision
        fields = ["id", "meeting", "agenda_item", "order", "text", "text_en", "text_vi", "updated_at"]


class ActionItemSerializer(serializers.ModelSerializer):
    meeting = RecordMeetingRefSerializer(source="agenda_item.meeting", read_only=True)
    agenda_item = AgendaItemRefSerializer(read_only=True)
    description = serializers.CharField(read_only=True, help_text="What is to be done, in the request's language.")
    description_en = serializers.CharField(read_only=True)
    description_vi = serializers.CharField(read_only=True, allow_null=True)
    owner_member_state = MemberStateRefSerializer(
        read_only=True, allow_null=True, help_text="The country that owns it, when a member state does."
    )
    owner_label = serializers.CharField(read_only=True, help_text="Who must do it, for people.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "meeting",
            "agenda_item",
            "description",
            "description_en",
            "description_vi",
            "owner_kind",
            "owner_member_state",
            "owner_network",
            "owner_label",
            "due_date",
            "status",
            "status_label",
            "updated_at",
        ]


class AnswerSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    answered_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Answer
        fields = ["kind", "kind_label", "text", "answered_at"]


class ProcedureCountrySerializer(serializers.Serializer):
    member_state = MemberStateRefSerializer(read_only=True)
    answer = serializers.SerializerMethodField(help_text="The country's current answer; null while it is silent.")

    @extend_schema_field(AnswerSerializer(allow_null=True))
    def get_answer(self, obj):
        current = obj.current_answers
        return AnswerSerializer(current[0]).data if current else None


class ProcedureSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text="In the request's language.")
    title_en = serializers.CharField(read_only=True)
    title_vi = serializers.CharField(read_only=True, allow_null=True)
    body = serializers.CharField(read_only=True, help_text="The text circulated, in the request's language.")
    body_en = serializers.CharField(read_only=True)
    body_vi = serializers.CharField(read_only=True, allow_null=True)
    # A plain string, "" when the text is in `body`: a blank URLField would be documented as two overlapping
    # schemas (a URI, or the empty string), which standard validators refuse.
    document_url = serializers.CharField(read_only=True, help_text="A link to the text circulated, or empty.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    countries = ProcedureCountrySerializer(
        source="visible_countries",
        many=True,
        read_only=True,
        help_text="The countries asked, each with its current answer: all of them for the secretariat, your "
        "own country only for a focal point.",
    )

    class Meta:
        model = WrittenProcedure
        fields = [
            "id",
            "title",
            "title_en",
            "title_vi",
            "body",
            "body_en",
            "body_vi",
            "document_url",
            "deadline",
            "time_zone",
            "silence_is_agreement",
            "status",
            "status_label",
            "outcome",
            "outcome_label",
            "closed_at",
            "countries",
            "updated_at",
        ]


# --- Filters ---------------------------------------------------------------------------------------


class DecisionFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="agenda_item__meeting_id", help_text="Only this meeting's decisions.")
    agenda_item = IdFilter(field_name="agenda_item_id", help_text="Only this agenda item's.")
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = Decision
        fields = []


class ActionItemFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="agenda_item__meeting_id", help_text="Only the items of this meeting.")
    status = django_filters.ChoiceFilter(choices=ActionItem.Status.choices)
    owner_kind = django_filters.ChoiceFilter(choices=ActionItem.Owner.choices, help_text="Who owns it.")
    owner = CodeFilter(field_name="owner_member_state__code", max_length=8, help_text="The owner country's code.")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", help_text="Due on or before.")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", help_text="Due on or after.")
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE_HELP)

    class Meta:
        model = ActionItem
        fields = []


class ProcedureFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=WrittenProcedure.Status.choices)
    updated_since = IsoDateTimeFilter(
        method="filter_updated_since",
        help_text="The procedure or an answer you may read changed at or after this moment.",
    )

    class Meta:
        model = WrittenProcedure
        fields = []

    def filter_updated_since(self, queryset, name, value):
        return queryset.filter(Q(updated_at__gte=value) | Q(answers_changed_at__gte=value))


# --- Endpoints -------------------------------------------------------------------------------------


class RecordViewSet(ReadOnlyApiViewSet):
    """Signed-in readers only; a token narrowed to a country reads that country's rows."""

    permission_classes = [SignedIn, TokenScopePermission]


@extend_schema_view(
    list=extend_schema(
        summary="Decisions of meetings",
        description="The decisions recorded under each agenda item, in meeting and agenda order. A focal point "
        "sees those of announced meetings their country is invited to; the secretariat all.",
        examples=[
            OpenApiExample(
                "A SOM's decision",
                value={
                    "id": 3,
                    "meeting": {"id": 42, "title": "Senior Officials Meeting of ACCSM 21"},
                    "agenda_item": {"id": 7, "order": 4, "title": "New project proposals"},
                    "order": 1,
                    "text": "The Meeting approved the project proposal on digital skills.",
                    "text_en": "The Meeting approved the project proposal on digital skills.",
                    "text_vi": "Hội nghị thông qua đề xuất dự án về kỹ năng số.",
                    "updated_at": "2022-08-03T09:30:00Z",
                },
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(summary="One decision", description="One you may not read answers 404."),
)
class DecisionViewSet(RecordViewSet):
    serializer_class = RecordDecisionSerializer
    filterset_class = DecisionFilter
    freshness_fields = ("updated_at", "agenda_item__meeting__updated_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        return selectors.decisions_for_api(actor=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Action items",
        description="Who must do what by when, soonest due first. A focal point sees the items their country "
        "owns; the secretariat all.",
    ),
    retrieve=extend_schema(summary="One action item", description="Another country's item answers 404."),
)
class ActionItemViewSet(RecordViewSet):
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    freshness_fields = ("updated_at", "agenda_item__meeting__updated_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        return selectors.action_items_for_api(actor=self.request.user, token=api_token(self.request))


@extend_schema_view(
    list=extend_schema(
        summary="Written procedures",
        description="Texts circulated for agreement between meetings, latest deadline first, each with the "
        "countries asked and their current answers: every country's for the secretariat, only your own "
        "country's for a focal point (another country's answer never leaves the portal).",
    ),
    retrieve=extend_schema(summary="One written procedure", description="One your country is not asked: 404."),
)
class ProcedureViewSet(RecordViewSet):
    serializer_class = ProcedureSerializer
    filterset_class = ProcedureFilter
    freshness_fields = ("updated_at", "answers_changed_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        return selectors.procedures_for_api(actor=self.request.user, token=api_token(self.request))
