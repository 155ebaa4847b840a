"""The schedule's and registrations' endpoints (member states, chairmanships, meetings, agenda items,
changes, delegations, participants): thin. Reads come from meetings.api.selectors (scoped by the actor),
writes go through meetings.services.schedule and .registration — the same rules as the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.roles import is_secretariat
from api.idempotency import idempotent
from api.permissions import SignedIn, TokenScopePermission
from api.viewsets import ReadOnlyApiViewSet, audit_context
from common.errors import NotFound
from meetings.services import schedule

from . import filtersets, selectors, serializers

# --- Schedule -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Member states and other participating countries",
        description="The ten ASEAN member states, the Plus Three, observers, the ASEAN Secretariat and "
        "dialogue partners, by code.",
        examples=[
            OpenApiExample(
                "Viet Nam",
                value={
                    "count": 1,
                    "next": None,
                    "previous": None,
                    "results": [{"code": "VN", "name": "Viet Nam", "group": "asean"}],
                },
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(summary="One country, by code", description="For example /member-states/VN/."),
)
class MemberStateViewSet(ReadOnlyApiViewSet):
    serializer_class = serializers.MemberStateSerializer
    filterset_class = filtersets.MemberStateFilter
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z]{2,8}"

    def get_queryset(self):
        return selectors.member_states()

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    def object_freshness(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().object_freshness()


@extend_schema_view(
    list=extend_schema(
        summary="Chairmanships (ACCSM terms)",
        description="The two-year chairmanships, newest first, with their calendar feeds.",
        examples=[
            OpenApiExample(
                "ACCSM 21",
                value={
                    "count": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "ordinal": 21,
                            "chair": {"code": "VN", "name": "Viet Nam"},
                            "chairing_agency": "Ministry of Home Affairs",
                            "term_start": "2021-01-01",
                            "term_end": "2022-12-31",
                            "theme": "Civil service modernization towards a cohesive and responsive ASEAN Community",
                            "handed_over_at": "2022-12-31T10:00:00Z",
                            "calendar_url": "https://accsm.example.org/calendar/accsm-21.ics",
                        }
                    ],
                },
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(summary="One chairmanship, by ACCSM number", description="For example /chairmanships/21/."),
)
class ChairmanshipViewSet(ReadOnlyApiViewSet):
    serializer_class = serializers.ChairmanshipSerializer
    lookup_field = "ordinal"
    lookup_value_regex = r"[0-9]{1,4}"
    freshness_fields = ("updated_at", "chair__updated_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        return selectors.chairmanships()


MEETING_EXAMPLE = {
    "id": 42,
    "url": "https://accsm.example.org/api/v1/meetings/42/",
    "page_url": "https://accsm.example.org/en/meetings/42/",
    "calendar_url": "https://accsm.example.org/calendar/meetings/42.ics",
    "chairmanship": 21,
    "parent": None,
    "kind": "som",
    "kind_label": "Senior Officials Meeting (SOM)",
    "title": "Senior Officials Meeting of ACCSM 21",
    "theme": "Civil service modernization towards a cohesive and responsive ASEAN Community",
    "start": "2022-08-03T02:00:00Z",
    "end": "2022-08-03T10:00:00Z",
    "time_zone": "Asia/Ho_Chi_Minh",
    "local_start": "2022-08-03T09:00:00+07:00",
    "local_end": "2022-08-03T17:00:00+07:00",
    "format": "in_person",
    "venue": "National Convention Center",
    "city": "Hanoi",
    "host_country": {"code": "VN", "name": "Viet Nam"},
    "status": "published",
    "status_label": "Published",
    "cancellation_reason": "",
    "sequence": 2,
    "registration_opens": None,
    "registration_deadline": "2022-07-20T10:00:00Z",
    "delegates_allowed": 5,
    "invites": {
        "asean": True,
        "plus_three": False,
        "observers": False,
        "secretariat": True,
        "dialogue_partners": False,
    },
    "published_at": "2022-05-02T03:00:00Z",
    "updated_at": "2022-06-01T08:15:00Z",
}


@extend_schema_view(
    list=extend_schema(
        summary="Meetings of the schedule",
        description="Announced meetings (published, postponed, cancelled, concluded), ordered by start then id. "
        "For incremental sync, send the X-Page-Generated header of your last answer as `updated_since`: "
        "you receive every meeting changed since, cancelled ones included (status `cancelled`). "
        "Conditional requests (If-None-Match / If-Modified-Since) are answered 304 when nothing changed.",
        examples=[
            OpenApiExample(
                "A page of meetings",
                value={"count": 1, "next": None, "previous": None, "results": [MEETING_EXAMPLE]},
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One meeting, with its agenda and public documents",
        examples=[
            OpenApiExample(
                "SOM in Hanoi",
                value={
                    **MEETING_EXAMPLE,
                    "description": "",
                    "online_link": None,
                    "agenda_items": [
                        {
                            "id": 7,
                            "order": 1,
                            "title": "Approval of the meeting's report",
                            "starts_at": "2022-08-03T02:00:00Z",
                            "duration": 45,
                            "ends_at": "2022-08-03T02:45:00Z",
                            "session": "Closing session",
                            "room": "Ballroom A",
                            "presenters": [{"name": "", "country": "VN", "organisation": ""}],
                            "outcome": "",
                            "updated_at": "2022-06-01T08:15:00Z",
                        }
                    ],
                    "documents": [
                        {
                            "id": 3,
                            "title": "Concept note",
                            "kind": "concept_note",
                            "language": "en",
                            "status": "circulated",
                            "agenda_item": None,
                            "updated_at": "2022-06-01T08:15:00Z",
                        }
                    ],
                },
                response_only=True,
            )
        ],
    ),
)
class MeetingViewSet(ReadOnlyApiViewSet):
    filterset_class = filtersets.MeetingFilter
    freshness_fields = ("updated_at", "chairmanship__updated_at", "host_country__updated_at")
    page_cache_seconds = 15 * 60  # a page shows only its meetings and their chairmanship and host
    detail_freshness_fields = (
        "updated_at",
        "chairmanship__updated_at",
        "host_country__updated_at",
        "agenda_items__updated_at",
        "documents__updated_at",
    )
    detail_freshness_counts = ("agenda_items", "documents")
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_permissions(self):
        # Writes are the secretariat's (the services check it); anonymous writers are told to sign in.
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            return [SignedIn(), TokenScopePermission()]
        return super().get_permissions()

    def get_queryset(self):
        if self.action == "list":
            return selectors.meetings_for_api(actor=self.request.user)
        return selectors.meeting_detail_queryset(actor=self.request.user)

    def get_serializer_class(self):
        return serializers.MeetingSerializer if self.action == "list" else serializers.MeetingDetailSerializer

    def _meeting(self):
        meeting = selectors.meetings_for_api(actor=self.request.user).filter(pk=self.kwargs["pk"]).first()
        if meeting is None:
            raise NotFound
        return meeting

    def _transition(self, request, serializer_class, service):
        """A change of the meeting's state: the body checked by `serializer_class`, then the schedule service."""
        meeting = self._meeting()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        with audit_context(request):
            meeting = service(actor=request.user, meeting=meeting, **data.validated_data)
        return self._answer(meeting)

    def _answer(self, meeting, status_code=status.HTTP_200_OK):
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(
            serializers.MeetingDetailSerializer(meeting, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(
        summary="Create a meeting (secretariat)",
        description="A new meeting is always a draft, seen only by the secretariat until it is published.",
        request=serializers.MeetingWriteSerializer,
        responses={201: serializers.MeetingDetailSerializer},
        examples=[
            OpenApiExample(
                "SOM in Phnom Penh",
                value={
                    "chairmanship": 23,
                    "kind": "som",
                    "title_en": "Senior Officials Meeting of ACCSM 23",
                    "title_vi": "Hội nghị quan chức cấp cao (SOM) ACCSM 23",
                    "start": "2026-08-05T09:00:00+07:00",
                    "end": "2026-08-05T17:00:00+07:00",
                    "time_zone": "Asia/Phnom_Penh",
                    "format": "in_person",
                    "city_en": "Phnom Penh",
                },
                request_only=True,
            )
        ],
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        data = serializers.MeetingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with audit_context(request):
            meeting = schedule.meeting_create(actor=request.user, data=data.validated_data)
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a meeting (secretariat)",
        description="Send the fields to change and the `sequence` you read. The revision goes up by one and the "
        "change is logged (moves, venue changes) for /changes/ and the calendars.",
        request=serializers.MeetingUpdateSerializer,
        responses={200: serializers.MeetingDetailSerializer},
        examples=[
            OpenApiExample(
                "Move by a day",
                value={"start": "2026-08-06T09:00:00+07:00", "end": "2026-08-06T17:00:00+07:00", "sequence": 3},
                request_only=True,
            )
        ],
    )
    @idempotent
    def partial_update(self, request, *args, **kwargs):
        meeting = self._meeting()
        data = serializers.MeetingUpdateSerializer(meeting, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        sequence = fields.pop("sequence", None)
        if sequence is None:
            raise exceptions.ValidationError({"sequence": [_("Send the meeting's sequence as you read it.")]})
        with audit_context(request):
            meeting = schedule.meeting_update(actor=request.user, meeting=meeting, data=fields, sequence=sequence)
        return self._answer(meeting)

    @extend_schema(
        summary="Delete a draft (secretariat)",
        description="Only a draft without registrations; an announced meeting is cancelled instead.",
        request=None,
        responses={204: None},
    )
    def destroy(self, request, *args, **kwargs):
        meeting = self._meeting()
        with audit_context(request):
            schedule.meeting_delete(actor=request.user, meeting=meeting)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Publish a draft (secretariat)",
        request=serializers.SequenceSerializer,
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def publish(self, request, pk=None):
        return self._transition(request, serializers.SequenceSerializer, schedule.meeting_publish)

    @extend_schema(
        summary="Postpone a meeting (secretariat)",
        description="Moves an announced meeting to later dates; the old dates stay in the change log.",
        request=serializers.MeetingPostponeSerializer,
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def postpone(self, request, pk=None):
        return self._transition(request, serializers.MeetingPostponeSerializer, schedule.meeting_postpone)

    @extend_schema(
        summary="Reschedule a postponed meeting (secretariat)",
        description="The postponed meeting's dates are settled (the postponed ones or others): it is published "
        "again; everyone concerned is told and its reminders follow the dates.",
        request=serializers.MeetingPostponeSerializer,
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def reschedule(self, request, pk=None):
        return self._transition(request, serializers.MeetingPostponeSerializer, schedule.meeting_reschedule)

    @extend_schema(
        summary="Unpublish a meeting (secretariat)",
        description="Takes a published meeting off the schedule while nobody is registered; it can be published again.",
        request=serializers.MeetingUnpublishSerializer,
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def unpublish(self, request, pk=None):
        return self._transition(request, serializers.MeetingUnpublishSerializer, schedule.meeting_unpublish)

    @extend_schema(
        summary="Cancel a meeting (secretariat)",
        description="Calendars show it as cancelled (STATUS:CANCELLED); registered participants are told why.",
        request=serializers.MeetingCancelSerializer,
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def cancel(self, request, pk=None):
        return self._transition(request, serializers.MeetingCancelSerializer, schedule.meeting_cancel)

    @extend_schema(
        summary="Mark a meeting as held (secretariat)",
        request=serializers.SequenceSerializer,
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def conclude(self, request, pk=None):
        return self._transition(request, serializers.SequenceSerializer, schedule.meeting_conclude)

    @extend_schema(
        summary="Reorder the agenda (secretariat)",
        description="Send every agenda item's id once, in the new order.",
        request=serializers.AgendaOrderSerializer,
        responses={200: serializers.MeetingDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="agenda-order")
    @idempotent
    def agenda_order(self, request, pk=None):
        meeting = self._meeting()
        data = serializers.AgendaOrderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with audit_context(request):
            schedule.agenda_item_reorder(actor=request.user, meeting=meeting, item_ids=data.validated_data["items"])
        return self._answer(meeting)


@extend_schema_view(
    list=extend_schema(
        summary="Agenda items",
        description="The agendas of announced meetings (filter by `meeting`), in meeting and agenda order.",
    ),
    retrieve=extend_schema(summary="One agenda item"),
    create=extend_schema(
        summary="Add an agenda item (secretariat)",
        description="Adds the item at the end of the meeting's agenda; the meeting's revision goes up and the "
        "change is logged.",
        request=serializers.AgendaItemCreateSerializer,
        responses={201: serializers.AgendaItemListSerializer},
        examples=[
            OpenApiExample(
                "Report",
                value={
                    "meeting": 42,
                    "title_en": "Approval of the meeting's report",
                    "title_vi": "Thông qua báo cáo cuộc họp",
                },
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary="Change an agenda item (secretariat)",
        description="For example to record the outcome after the meeting.",
        request=serializers.AgendaItemWriteSerializer,
        responses={200: serializers.AgendaItemListSerializer},
    ),
    destroy=extend_schema(summary="Remove an agenda item (secretariat)", responses={204: None}),
)
class AgendaItemViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ReadOnlyApiViewSet):
    serializer_class = serializers.AgendaItemListSerializer
    filterset_class = filtersets.AgendaItemFilter
    freshness_fields = ("updated_at", "meeting__updated_at")
    detail_freshness_fields = freshness_fields
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_permissions(self):
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            return [SignedIn(), TokenScopePermission()]
        return super().get_permissions()

    def get_queryset(self):
        return selectors.agenda_items_for_api(actor=self.request.user)

    def _item(self):
        item = self.get_queryset().select_related("meeting").filter(pk=self.kwargs["pk"]).first()
        if item is None:
            raise NotFound
        return item

    @idempotent
    def create(self, request, *args, **kwargs):
        data = serializers.AgendaItemCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        meeting = selectors.meetings_for_api(actor=request.user).filter(pk=fields.pop("meeting")).first()
        if meeting is None:
            raise NotFound
        with audit_context(request):
            item = schedule.agenda_item_add(actor=request.user, meeting=meeting, data=fields)
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)

    @idempotent
    def update(self, request, *args, **kwargs):
        item = self._item()
        data = serializers.AgendaItemWriteSerializer(item, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        with audit_context(request):
            item = schedule.agenda_item_update(actor=request.user, item=item, data=dict(data.validated_data))
        return Response(self.get_serializer(item).data)

    def destroy(self, request, *args, **kwargs):
        item = self._item()
        with audit_context(request):
            schedule.agenda_item_delete(actor=request.user, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="What changed, and what was removed",
        description="Every publication, move, venue change, postponement and cancellation of an announced "
        "meeting, oldest first, with the changed fields' old and new values; the record's decisions, action "
        "items, written procedures and answers as they are added and changed; and the tombstones of what was "
        "deleted or left your view (`tombstone` true, action `deleted` or `unpublished`: remove your copy of "
        "`object_type` `object_id`; after `unpublished`, read `object_url` again — 404 means it is gone for "
        "you). A meeting's tombstone covers its agenda, papers and record. You read the rows about what you "
        "may see: a country's own action items and answers reach that country and the secretariat only. Poll "
        "with `updated_since` set to the X-Page-Generated header of your last answer (the API page shows a "
        "whole sync loop). Also as an Atom feed of the public rows: /api/v1/changes.atom.",
        examples=[
            OpenApiExample(
                "A meeting moved",
                value={
                    "count": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "id": 12,
                            "object_type": "meeting",
                            "object_id": 42,
                            "object_url": "https://accsm.example.org/api/v1/meetings/42/",
                            "tombstone": False,
                            "meeting": 42,
                            "meeting_title": "Senior Officials Meeting of ACCSM 21",
                            "meeting_url": "https://accsm.example.org/en/meetings/42/",
                            "action": "moved",
                            "action_label": "Moved",
                            "old_values": {"start": "2022-08-02T02:00:00+00:00"},
                            "new_values": {"start": "2022-08-03T02:00:00+00:00"},
                            "reason": "",
                            "changed_at": "2022-06-01T08:15:00Z",
                        }
                    ],
                },
                response_only=True,
            ),
            OpenApiExample(
                "A paper deleted (a tombstone)",
                value={
                    "count": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "id": 13,
                            "object_type": "document",
                            "object_id": 17,
                            "object_url": "https://accsm.example.org/api/v1/documents/17/",
                            "tombstone": True,
                            "meeting": 42,
                            "meeting_title": "Senior Officials Meeting of ACCSM 21",
                            "meeting_url": "https://accsm.example.org/en/meetings/42/",
                            "action": "deleted",
                            "action_label": "Deleted",
                            "old_values": {"title": "Concept note"},
                            "new_values": {},
                            "reason": "",
                            "changed_at": "2022-06-02T03:00:00Z",
                        }
                    ],
                },
                response_only=True,
            ),
        ],
    ),
    retrieve=extend_schema(summary="One change"),
)
class MeetingChangeViewSet(ReadOnlyApiViewSet):
    serializer_class = serializers.MeetingChangeSerializer
    filterset_class = filtersets.MeetingChangeFilter
    freshness_fields = ("changed_at", "meeting__updated_at")
    detail_freshness_fields = freshness_fields

    def get_queryset(self):
        return selectors.changes_visible_to(actor=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "show_private_changes": is_secretariat(self.request.user)}
