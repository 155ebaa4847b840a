"""The REST API of accreditation and letters on request (/api/v1/accreditations/, /api/v1/letter-requests/).

A focal point (or a token of a country) reads its own country's delegates only, the secretariat everyone's;
another country's participant or request is a 404. What the API never gives: passport data (number, expiry,
date of birth), nationality, the answers and the photo. Passport data leaves the portal only on the
secretariat's explicit choice (accreditation.services), so the status is what a client reads, and
`has_photo` says whether the badge photo is in.
"""

from __future__ import annotations

import django_filters
from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from accounts.roles import Actor
from api.fields import MAX_PK
from api.filters import IdFilter, IsoDateTimeFilter
from api.idempotency import idempotent
from api.models import ApiToken
from api.permissions import SignedIn, TokenScopePermission
from api.viewsets import ReadOnlyApiViewSet, api_token, audit_context
from common.errors import NotFound
from meetings.models import Participant
from meetings.selectors import participants_visible_to

from . import services
from .models import Accreditation, LetterRequest

NOT_STARTED = "not_started"


def participants_for_api(*, actor: Actor, token=None):
    """The participants whose accreditation the actor may read: own country (the token's country, when it
    has one), or all for the secretariat."""
    qs = participants_visible_to(actor)
    if isinstance(token, ApiToken) and token.member_state_id:
        qs = qs.filter(delegation__member_state_id=token.member_state_id)
    return qs


# --- Accreditation status ------------------------------------------------------------------------------------


class AccreditationSerializer(serializers.Serializer):
    participant = serializers.IntegerField(source="pk", read_only=True, help_text="Identifier of the participant.")
    meeting = serializers.IntegerField(source="delegation.meeting_id", read_only=True, help_text="The meeting.")
    member_state = serializers.CharField(
        source="delegation.member_state.code", read_only=True, help_text="Country code of the delegation."
    )
    full_name = serializers.CharField(read_only=True, help_text="The participant's name.")
    status = serializers.SerializerMethodField(
        help_text="not_started (nothing filled in), pending (awaiting the secretariat), accredited, or returned "
        "(to the focal point, with `return_reason`)."
    )
    return_reason = serializers.SerializerMethodField(help_text="Why the secretariat returned it; else empty.")
    decided_at = serializers.SerializerMethodField(help_text="When the secretariat decided; null before.")
    has_photo = serializers.SerializerMethodField(help_text="Whether the badge photo is in.")
    updated_at = serializers.SerializerMethodField(help_text="Last change of the participant or the accreditation.")

    @extend_schema_field(serializers.ChoiceField(choices=[NOT_STARTED, *Accreditation.Status.values]))
    def get_status(self, participant) -> str:
        record = services.accreditation_of(participant)
        return record.status if record.pk else NOT_STARTED

    def get_return_reason(self, participant) -> str:
        return services.accreditation_of(participant).return_reason

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_decided_at(self, participant):
        decided = services.accreditation_of(participant).decided_at
        return serializers.DateTimeField().to_representation(decided) if decided else None

    def get_has_photo(self, participant) -> bool:
        return bool(services.accreditation_of(participant).photo)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_updated_at(self, participant):
        record = services.accreditation_of(participant)
        latest = max(participant.updated_at, record.updated_at) if record.pk else participant.updated_at
        return serializers.DateTimeField().to_representation(latest)


class AccreditationFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="delegation__meeting_id", help_text="Only this meeting's participants.")
    status = django_filters.ChoiceFilter(
        method="with_status",
        choices=[(NOT_STARTED, NOT_STARTED), *Accreditation.Status.choices],
        help_text="Only this status.",
    )

    class Meta:
        model = Participant
        fields = []

    def with_status(self, queryset, name, value):
        if value == NOT_STARTED:
            return queryset.filter(accreditation__isnull=True)
        return queryset.filter(accreditation__status=value)


@extend_schema_view(
    list=extend_schema(
        summary="Accreditation of your country's delegates",
        description="The accreditation status of each participant: a focal point (or a token of a country) sees "
        "its own country's, the secretariat everyone's. No passport data, nationality or answers: those stay in "
        "the portal.",
    ),
    retrieve=extend_schema(
        summary="One participant's accreditation", description="By participant id; another country's is a 404."
    ),
)
class AccreditationViewSet(ReadOnlyApiViewSet):
    cache_control = "private, no-store"  # people's names: revalidated by ETag, never kept (common/private.py)
    permission_classes = [SignedIn, TokenScopePermission]
    serializer_class = AccreditationSerializer
    filterset_class = AccreditationFilter
    freshness_fields = ("updated_at", "accreditation__updated_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        return (
            participants_for_api(actor=self.request.user, token=api_token(self.request))
            .select_related("accreditation")
            .order_by("delegation__meeting_id", "delegation__member_state__code", "pk")
        )


# --- Letters on request ----------------------------------------------------------------------------------------


class LetterRequestSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Identifier of the request.")
    participant = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The delegate the letter is for.")
    meeting = serializers.IntegerField(source="participant.delegation.meeting_id", read_only=True)
    member_state = serializers.CharField(source="participant.delegation.member_state.code", read_only=True)
    purpose = serializers.ChoiceField(
        choices=LetterRequest.Purpose.choices, read_only=True, help_text="visa or travel."
    )
    language = serializers.ChoiceField(choices=settings.LANGUAGES, read_only=True, help_text="The letter's language.")
    state = serializers.ChoiceField(
        choices=LetterRequest.State.choices,
        read_only=True,
        help_text="requested, issued (with `reference` and `issued_on`) or declined (with `decline_reason`).",
    )
    reference = serializers.CharField(read_only=True, allow_null=True, help_text="The issued letter's reference.")
    issued_on = serializers.DateField(read_only=True, allow_null=True, help_text="The date of the issued letter.")
    decline_reason = serializers.CharField(read_only=True, help_text="Why the secretariat declined; else empty.")
    created_at = serializers.DateTimeField(read_only=True, help_text="When it was requested.")
    updated_at = serializers.DateTimeField(read_only=True, help_text="Last change.")

    class Meta:
        model = LetterRequest
        fields = [
            "id",
            "participant",
            "meeting",
            "member_state",
            "purpose",
            "language",
            "state",
            "reference",
            "issued_on",
            "decline_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class LetterRequestCreateSerializer(serializers.Serializer):
    participant = serializers.IntegerField(
        min_value=1, max_value=MAX_PK, help_text="Id of one of your country's participants."
    )
    purpose = serializers.ChoiceField(choices=LetterRequest.Purpose.choices, help_text="visa or travel.")
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, default="en", help_text="The letter's language (en or vi)."
    )


class LetterRequestFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="participant__delegation__meeting_id", help_text="Only this meeting's requests.")
    participant = IdFilter(field_name="participant_id", help_text="Only this participant's requests.")
    state = django_filters.ChoiceFilter(choices=LetterRequest.State.choices, help_text="Only this state.")
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text="Changed since.")

    class Meta:
        model = LetterRequest
        fields = []


@extend_schema_view(
    list=extend_schema(
        summary="Letters requested for your country's delegates",
        description="Visa and travel-approval letters requested, with their state: a focal point (or a token of "
        "a country) sees its own country's, the secretariat everyone's.",
    ),
    retrieve=extend_schema(summary="One letter request", description="Another country's request answers 404."),
    create=extend_schema(
        summary="Request a letter for a delegate",
        description="The same rule as the letters page: only for your own country's participants, not withdrawn, "
        "one open request per purpose. The secretariat issues or declines it in the portal. Accepts an "
        "Idempotency-Key header.",
        request=LetterRequestCreateSerializer,
        responses={201: LetterRequestSerializer},
        examples=[OpenApiExample("A visa letter", value={"participant": 7, "purpose": "visa"}, request_only=True)],
    ),
)
class LetterRequestViewSet(mixins.CreateModelMixin, ReadOnlyApiViewSet):
    cache_control = "private, no-store"
    permission_classes = [SignedIn, TokenScopePermission]
    token_write_scope = ApiToken.Scope.REGISTRATIONS
    serializer_class = LetterRequestSerializer
    filterset_class = LetterRequestFilter

    def get_queryset(self):
        participants = participants_for_api(actor=self.request.user, token=api_token(self.request))
        return (
            LetterRequest.objects.filter(participant__in=participants.values("pk"))
            .select_related("participant__delegation__member_state")
            .order_by("-created_at", "-pk")
        )

    @idempotent
    def create(self, request, *args, **kwargs):
        data = LetterRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = (
            participants_for_api(actor=request.user, token=api_token(request))
            .filter(pk=data.validated_data["participant"])
            .first()
        )
        if participant is None:
            raise NotFound
        with audit_context(request):
            [created] = services.letter_requests_create(
                actor=request.user,
                meeting=participant.delegation.meeting,
                participant_ids=[participant.pk],
                purpose=data.validated_data["purpose"],
                language=data.validated_data["language"],
            )
        created = self.get_queryset().get(pk=created.pk)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)
