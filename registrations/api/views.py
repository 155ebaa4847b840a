"""The REST API's registration endpoints: delegations and participants, written through the registration
services under the same rules as the pages; another country's data is a 404."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.roles import is_secretariat
from api.idempotency import idempotent
from api.models import ApiToken
from api.permissions import SignedIn, TokenScopePermission
from api.viewsets import ReadOnlyApiViewSet, api_token, audit_context
from common.errors import NotFound
from meetings.selectors import meetings_visible_to

from ..services import registration
from . import filtersets, selectors, serializers


class RegistrationViewSet(ReadOnlyApiViewSet):
    """Personal data: signed-in users only, each sees their own country's (the secretariat: all)."""

    permission_classes = [SignedIn, TokenScopePermission]
    token_write_scope = ApiToken.Scope.REGISTRATIONS
    cache_control = "private, no-store"  # revalidated by ETag still, but never kept (common/private.py)


@extend_schema_view(
    list=extend_schema(
        summary="Your country's delegations",
        description="A focal point sees their own country's delegations; the secretariat sees all.",
    ),
    retrieve=extend_schema(summary="One delegation", description="Another country's delegation answers 404."),
    create=extend_schema(
        summary="Send a delegation to a meeting",
        description="Creates (or returns) your country's delegation to an announced meeting your country is "
        "invited to. The country is always yours; the secretariat names one with `member_state`. Accepts an "
        "Idempotency-Key header.",
        request=serializers.DelegationCreateSerializer,
        responses={201: serializers.DelegationSerializer},
        examples=[OpenApiExample("Viet Nam to meeting 42", value={"meeting": 42}, request_only=True)],
    ),
)
class DelegationViewSet(mixins.CreateModelMixin, RegistrationViewSet):
    serializer_class = serializers.DelegationSerializer
    filterset_class = filtersets.DelegationFilter

    def get_queryset(self):
        return selectors.delegations_for_api(actor=self.request.user, token=api_token(self.request))

    @idempotent
    def create(self, request, *args, **kwargs):
        data = serializers.DelegationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor, token = request.user, api_token(request)
        meeting = meetings_visible_to(actor).filter(pk=data.validated_data["meeting"]).first()
        if meeting is None:
            raise NotFound
        member_state = None
        if token is not None and token.member_state_id:
            member_state = token.member_state
        elif is_secretariat(actor):
            member_state = data.validated_data.get("member_state")
            if member_state is None:
                raise exceptions.ValidationError({"member_state": [_("Name the country (its code).")]})
        with audit_context(request):
            delegation = registration.delegation_for(
                actor=actor, meeting=meeting, member_state=member_state, reason=data.validated_data.get("reason", "")
            )
        delegation = self.get_queryset().get(pk=delegation.pk)
        return Response(self.get_serializer(delegation).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Your country's participants",
        description="Registered, confirmed, waitlisted, declined and withdrawn participants of your country's "
        "delegations (the secretariat: all). Personal data: do not keep longer than needed.",
    ),
    retrieve=extend_schema(summary="One participant", description="Another country's participant answers 404."),
    create=extend_schema(
        summary="Register a participant",
        description="The same rules as the registration pages: only your own country, only while registration "
        "is open, at most the delegation's places (or `waitlist: true`), one head of delegation. Accepts an "
        "Idempotency-Key header, so a retried request never registers the person twice.",
        request=serializers.ParticipantCreateSerializer,
        responses={201: serializers.ParticipantSerializer},
        examples=[
            OpenApiExample(
                "Head of delegation",
                value={
                    "delegation": 5,
                    "full_name": "Nguyễn Duy Thăng",
                    "honorific": "H.E.",
                    "position": "Deputy Minister",
                    "organisation": "Ministry of Home Affairs",
                    "email": "thang@example.org",
                    "role": "head",
                    "language": "vi",
                },
                request_only=True,
            )
        ],
    ),
    update=extend_schema(
        summary="Replace a participant's details",
        request=serializers.ParticipantWriteSerializer,
        responses={200: serializers.ParticipantSerializer},
    ),
    partial_update=extend_schema(
        summary="Change some of a participant's details",
        request=serializers.ParticipantWriteSerializer,
        responses={200: serializers.ParticipantSerializer},
        examples=[OpenApiExample("New position", value={"position": "Director-General"}, request_only=True)],
    ),
)
class ParticipantViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, RegistrationViewSet):
    serializer_class = serializers.ParticipantSerializer
    filterset_class = filtersets.ParticipantFilter

    def get_queryset(self):
        return selectors.participants_for_api(actor=self.request.user, token=api_token(self.request))

    def _participant(self):
        participant = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if participant is None:
            raise NotFound
        return participant

    @idempotent
    def create(self, request, *args, **kwargs):
        data = serializers.ParticipantCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        delegation_pk, waitlist, reason = fields.pop("delegation"), fields.pop("waitlist"), fields.pop("reason", "")
        delegation = selectors.delegations_for_api(actor=request.user, token=api_token(request))
        delegation = delegation.filter(pk=delegation_pk).first()
        if delegation is None:
            raise NotFound
        with audit_context(request):
            participant = registration.participant_register(
                actor=request.user, delegation=delegation, data=fields, waitlist=waitlist, reason=reason
            )
        return Response(self.get_serializer(participant).data, status=status.HTTP_201_CREATED)

    @idempotent
    def update(self, request, *args, **kwargs):
        participant = self._participant()
        data = serializers.ParticipantWriteSerializer(
            participant, data=request.data, partial=kwargs.pop("partial", False)
        )
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        reason = fields.pop("reason", "")
        with audit_context(request):
            participant = registration.participant_update(
                actor=request.user, participant=participant, data=fields, reason=reason
            )
        return Response(self.get_serializer(participant).data)

    @extend_schema(
        summary="Withdraw a participant",
        description="The participant stays on record with status `cancelled` (withdrawn), freeing the place.",
        request=serializers.WithdrawSerializer,
        responses={200: serializers.ParticipantSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, pk=None):
        participant = self._participant()
        data = serializers.WithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with audit_context(request):
            participant = registration.participant_withdraw(
                actor=request.user, participant=participant, reason=data.validated_data.get("reason", "")
            )
        return Response(self.get_serializer(participant).data)

    @extend_schema(
        summary="Confirm or decline a participant (secretariat)",
        description="Secretariat only: confirm, decline, or accept from the waiting list (`registered`).",
        request=serializers.ParticipantStatusSerializer,
        responses={200: serializers.ParticipantSerializer},
    )
    @action(detail=True, methods=["post"], url_path="status")
    @idempotent
    def set_status(self, request, pk=None):
        participant = self._participant()
        data = serializers.ParticipantStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with audit_context(request):
            participant = registration.participant_set_status(
                actor=request.user,
                participant=participant,
                status=data.validated_data["status"],
                reason=data.validated_data.get("reason", ""),
            )
        return Response(self.get_serializer(participant).data)
