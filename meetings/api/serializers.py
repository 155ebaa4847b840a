"""Representations of the API. Thin: no rule lives here; writes validate types, then call a service.

Translated fields (title, theme, venue…) come out in the request's language (see api.middleware):
django-modeltranslation returns the Vietnamese text when the language is vi and falls back to English.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import MAX_PK, SafePrimaryKeyRelatedField
from documents.models import Document
from meetings.models import AgendaItem, AgendaPresenter, Chairmanship, Meeting, MeetingChange, MemberState
from meetings.services import schedule
from meetings.services.timetable import Presenter

from . import selectors

# Change-log values never shown outside the secretariat: the online link is for invited delegations only.
PRIVATE_CHANGE_FIELDS = {"online_link"}


def page_url(meeting_pk: int) -> str:
    """The meeting's page in the portal, in the request's language."""
    return settings.SITE_URL + reverse("meetings:detail", kwargs={"pk": meeting_pk})


class MemberStateSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="ISO 3166 alpha-2 code (ASEC for the ASEAN Secretariat).")
    name = serializers.CharField(read_only=True, help_text="Name in the language of the request.")
    group = serializers.ChoiceField(
        choices=MemberState.Group.choices, read_only=True, help_text="ASEAN member, Plus Three, observer…"
    )

    class Meta:
        model = MemberState
        fields = ["code", "name", "group"]


class MemberStateRefSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="ISO 3166 alpha-2 code (ASEC for the ASEAN Secretariat).")
    name = serializers.CharField(read_only=True, help_text="Name in the language of the request.")

    class Meta:
        model = MemberState
        fields = ["code", "name"]


class ChairmanshipSerializer(serializers.ModelSerializer):
    ordinal = serializers.IntegerField(read_only=True, help_text="The ACCSM number: 21 for ACCSM 21.")
    chair = MemberStateRefSerializer(read_only=True, help_text="The chairing member state.")
    chairing_agency = serializers.CharField(read_only=True, help_text="The chair's civil service agency.")
    term_start = serializers.DateField(read_only=True, help_text="First day of the two-year term.")
    term_end = serializers.DateField(read_only=True, help_text="Last day of the term.")
    theme = serializers.CharField(read_only=True, help_text="The chairmanship's theme, in the request's language.")
    handed_over_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the chair handed over; its meetings are then read-only history.",
    )
    calendar_url = serializers.SerializerMethodField(help_text="iCalendar feed of this chairmanship's meetings.")

    class Meta:
        model = Chairmanship
        fields = [
            "ordinal",
            "chair",
            "chairing_agency",
            "term_start",
            "term_end",
            "theme",
            "handed_over_at",
            "calendar_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar_url(self, obj) -> str:
        return settings.SITE_URL + reverse("calendar:chairmanship", kwargs={"ordinal": obj.ordinal})


class AgendaPresenterSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="The person, if named.")
    country = serializers.SlugRelatedField(
        source="member_state",
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="Country code they speak for.",
    )
    organisation = serializers.CharField(read_only=True, help_text="Organisation they speak for, if not a country.")

    class Meta:
        model = AgendaPresenter
        fields = ["name", "country", "organisation"]


class AgendaItemSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Identifier of the agenda item.")
    order = serializers.IntegerField(read_only=True, help_text="Position on the agenda, from 1.")
    title = serializers.CharField(read_only=True, help_text="The item, in the request's language.")
    starts_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Planned start, if timed.")
    duration = serializers.IntegerField(read_only=True, allow_null=True, help_text="Minutes, if timed.")
    ends_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Planned end (start + duration).")
    session = serializers.CharField(read_only=True, help_text="The session it belongs to, in the request's language.")
    room = serializers.CharField(read_only=True, help_text="Where it takes place, in the request's language.")
    presenters = AgendaPresenterSerializer(many=True, read_only=True, help_text="Who presents it, in order.")
    outcome = serializers.CharField(read_only=True, help_text="Outcome or decision, once recorded.")
    updated_at = serializers.DateTimeField(read_only=True, help_text="Last change.")

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "order",
            "title",
            "starts_at",
            "duration",
            "ends_at",
            "session",
            "room",
            "presenters",
            "outcome",
            "updated_at",
        ]


class AgendaItemListSerializer(AgendaItemSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The meeting whose agenda it is on.")

    class Meta(AgendaItemSerializer.Meta):
        fields = ["id", "meeting", *AgendaItemSerializer.Meta.fields[1:]]


class PublicDocumentSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Identifier of the document.")
    title = serializers.CharField(read_only=True, help_text="Title, in the request's language.")
    kind = serializers.ChoiceField(choices=Document.Kind.choices, read_only=True, help_text="Agenda, report…")
    language = serializers.ChoiceField(
        choices=Document.Language.choices, read_only=True, help_text="Language of the paper itself."
    )
    status = serializers.ChoiceField(
        choices=Document.Status.choices, read_only=True, help_text="Circulated or adopted."
    )
    agenda_item = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The agenda item it belongs to, if any.")
    updated_at = serializers.DateTimeField(read_only=True, help_text="Last change.")

    class Meta:
        model = Document
        fields = ["id", "title", "kind", "language", "status", "agenda_item", "updated_at"]


class InvitesSerializer(serializers.Serializer):
    asean = serializers.BooleanField(source="invites_asean", help_text="ASEAN member states are invited.")
    plus_three = serializers.BooleanField(source="invites_plus_three", help_text="China, Japan, Korea are invited.")
    observers = serializers.BooleanField(source="invites_observers", help_text="Observers are invited.")
    secretariat = serializers.BooleanField(source="invites_secretariat", help_text="The ASEAN Secretariat is invited.")
    dialogue_partners = serializers.BooleanField(
        source="invites_dialogue_partners", help_text="Dialogue partners are invited."
    )


class MeetingSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Identifier of the meeting; stable.")
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail", help_text="This meeting in the API.")
    page_url = serializers.SerializerMethodField(help_text="The meeting's page in the portal.")
    calendar_url = serializers.SerializerMethodField(help_text="iCalendar file of this meeting.")
    chairmanship = serializers.IntegerField(
        source="chairmanship.ordinal", read_only=True, help_text="ACCSM number of the chairmanship."
    )
    parent = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The conference week this meeting is part of, if any."
    )
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices, read_only=True, help_text="Kind of meeting.")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text="Kind, for people.")
    title = serializers.CharField(read_only=True, help_text="Title, in the request's language.")
    theme = serializers.CharField(read_only=True, help_text="Theme, in the request's language; may be empty.")
    start = serializers.DateTimeField(read_only=True, help_text="Start, in UTC.")
    end = serializers.DateTimeField(read_only=True, help_text="End, in UTC.")
    time_zone = serializers.CharField(read_only=True, help_text="The venue's IANA time zone, e.g. Asia/Ho_Chi_Minh.")
    local_start = serializers.SerializerMethodField(help_text="Start in the venue's time zone, with its offset.")
    local_end = serializers.SerializerMethodField(help_text="End in the venue's time zone, with its offset.")
    format = serializers.ChoiceField(
        choices=Meeting.Format.choices, read_only=True, help_text="In person, video conference or hybrid."
    )
    venue = serializers.CharField(read_only=True, help_text="Venue, in the request's language; empty if online.")
    city = serializers.CharField(read_only=True, help_text="City, in the request's language.")
    host_country = MemberStateRefSerializer(read_only=True, allow_null=True, help_text="Host country, if any.")
    status = serializers.ChoiceField(
        choices=Meeting.Status.choices,
        read_only=True,
        help_text="published, postponed, cancelled or concluded (draft only for the secretariat).",
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True, help_text="Status, for people.")
    cancellation_reason = serializers.CharField(read_only=True, help_text="Why it was cancelled; empty otherwise.")
    sequence = serializers.IntegerField(
        read_only=True, help_text="Revision, raised on every change (the iCalendar SEQUENCE)."
    )
    registration_opens = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When registration opens, if set."
    )
    registration_deadline = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Registration deadline, if set."
    )
    delegates_allowed = serializers.IntegerField(
        read_only=True, help_text="Places per delegation, including the head of delegation."
    )
    invites = InvitesSerializer(source="*", read_only=True, help_text="Which groups of countries are invited.")
    published_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="When it was announced.")
    updated_at = serializers.DateTimeField(read_only=True, help_text="Last change; what `updated_since` compares with.")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "page_url",
            "calendar_url",
            "chairmanship",
            "parent",
            "kind",
            "kind_label",
            "title",
            "theme",
            "start",
            "end",
            "time_zone",
            "local_start",
            "local_end",
            "format",
            "venue",
            "city",
            "host_country",
            "status",
            "status_label",
            "cancellation_reason",
            "sequence",
            "registration_opens",
            "registration_deadline",
            "delegates_allowed",
            "invites",
            "published_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, obj) -> str:
        return page_url(obj.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar_url(self, obj) -> str:
        return settings.SITE_URL + reverse("calendar:meeting", kwargs={"pk": obj.pk})

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_local_start(self, obj) -> str:
        return obj.local_start.isoformat()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_local_end(self, obj) -> str:
        return obj.local_end.isoformat()


class MeetingDetailSerializer(MeetingSerializer):
    description = serializers.CharField(read_only=True, help_text="Description, in the request's language.")
    online_link = serializers.SerializerMethodField(
        help_text="Video-conference link: only for the secretariat and focal points of invited countries, else null."
    )
    agenda_items = AgendaItemSerializer(many=True, read_only=True, help_text="The agenda, in order.")
    documents = PublicDocumentSerializer(
        many=True, read_only=True, source="public_documents", help_text="Public papers, circulated or adopted."
    )

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "description", "online_link", "agenda_items", "documents"]

    @extend_schema_field(serializers.URLField(allow_null=True))  # null for everyone else: said so in the schema
    def get_online_link(self, obj) -> str | None:
        request = self.context.get("request")
        if obj.online_link and request and selectors.can_see_online_link(request.user, obj):
            return obj.online_link
        return None


# The API address a change's object is read at (router names in accsm_portal/api_urls.py); an answer is read in its procedure.
OBJECT_ROUTES = {
    MeetingChange.ObjectType.MEETING: "api:meeting-detail",
    MeetingChange.ObjectType.AGENDA_ITEM: "api:agenda-item-detail",
    MeetingChange.ObjectType.DOCUMENT: "api:document-detail",
    MeetingChange.ObjectType.DECISION: "api:decision-detail",
    MeetingChange.ObjectType.ACTION_ITEM: "api:action-item-detail",
    MeetingChange.ObjectType.WRITTEN_PROCEDURE: "api:procedure-detail",
}


class MeetingChangeSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Identifier of the change; increases over time.")
    object_type = serializers.ChoiceField(
        choices=MeetingChange.ObjectType.choices, read_only=True, help_text="What kind of object changed."
    )
    object_id = serializers.IntegerField(
        source="target_id", read_only=True, help_text="Its id (for a meeting, the meeting's), even once deleted."
    )
    object_url = serializers.SerializerMethodField(
        help_text="Where the API shows it now (null for an answer: read its procedure). After a tombstone, "
        "reading it answers 404 if it is gone for you."
    )
    tombstone = serializers.BooleanField(
        source="is_tombstone",
        read_only=True,
        help_text="True when the object was deleted or left your view (action `deleted` or `unpublished`): "
        "remove your copy (after an `unpublished`, read `object_url` again: 404 means it is gone for you).",
    )
    meeting = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The meeting it belongs to (null once the meeting is deleted)."
    )
    meeting_title = serializers.CharField(
        source="meeting.title", read_only=True, allow_null=True, help_text="Its title now."
    )
    meeting_url = serializers.SerializerMethodField(help_text="The meeting's page in the portal.")
    action = serializers.ChoiceField(choices=MeetingChange.Action.choices, read_only=True, help_text="What happened.")
    action_label = serializers.CharField(source="get_action_display", read_only=True, help_text="For people.")
    old_values = serializers.SerializerMethodField(help_text="Changed fields before the change (ISO dates).")
    new_values = serializers.SerializerMethodField(help_text="The same fields after the change.")
    reason = serializers.CharField(read_only=True, help_text="Why, when the secretariat gave a reason.")
    changed_at = serializers.DateTimeField(read_only=True, help_text="When; what `updated_since` compares with.")

    class Meta:
        model = MeetingChange
        fields = [
            "id",
            "object_type",
            "object_id",
            "object_url",
            "tombstone",
            "meeting",
            "meeting_title",
            "meeting_url",
            "action",
            "action_label",
            "old_values",
            "new_values",
            "reason",
            "changed_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_object_url(self, obj) -> str | None:
        route = OBJECT_ROUTES.get(obj.object_type)
        if route is None or obj.target_id is None:
            return None
        return settings.SITE_URL + reverse(route, kwargs={"pk": obj.target_id})

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_meeting_url(self, obj) -> str | None:
        return page_url(obj.meeting_id) if obj.meeting_id is not None else None

    def _public(self, values: dict) -> dict:
        if self.context.get("show_private_changes"):
            return values
        return {key: value for key, value in (values or {}).items() if key not in PRIVATE_CHANGE_FIELDS}

    @extend_schema_field(
        {"type": "object", "additionalProperties": True, "example": {"start": "2024-08-05T01:00:00+00:00"}}
    )
    def get_old_values(self, obj) -> dict:
        return self._public(obj.old_values)

    @extend_schema_field(
        {"type": "object", "additionalProperties": True, "example": {"start": "2024-08-06T01:00:00+00:00"}}
    )
    def get_new_values(self, obj) -> dict:
        return self._public(obj.new_values)


# --- Schedule writes (secretariat) ----------------------------------------------------------------


@extend_schema_field({"type": "string", "maxLength": 8, "example": "VN"})
class CountryCodeField(serializers.Field):
    """A member state by its code ('VN', case-insensitive); unknown codes are a field error."""

    default_error_messages = {"invalid": gettext_lazy("Give a country code such as VN.")}

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.strip().isalnum() or len(data.strip()) > 8:
            self.fail("invalid")
        code = data.strip().upper()
        member_state = MemberState.objects.filter(code=code).first()
        if member_state is None:
            raise serializers.ValidationError(_("No country has the code “%(code)s”.") % {"code": code})
        return member_state

    def to_representation(self, value):
        return value.code


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 32767, "example": 23})
class ChairmanshipOrdinalField(serializers.Field):
    """A chairmanship by its ACCSM number (23)."""

    default_error_messages = {
        "invalid": gettext_lazy("Give the ACCSM number, e.g. 23."),
        "does_not_exist": gettext_lazy("There is no ACCSM %(number)s."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        try:
            ordinal = int(data)
        except ValueError:
            self.fail("invalid")
        chairmanship = Chairmanship.objects.filter(ordinal=ordinal).first() if 1 <= ordinal <= 32767 else None
        if chairmanship is None:
            raise serializers.ValidationError(self.error_messages["does_not_exist"] % {"number": ordinal})
        return chairmanship

    def to_representation(self, value):
        return value.ordinal


class MeetingWriteSerializer(serializers.ModelSerializer):
    """What the secretariat sets on a meeting, both languages side by side; the rules are the schedule
    services' (meetings/services/schedule.py), which also raise `sequence` and log the change."""

    chairmanship = ChairmanshipOrdinalField(help_text="ACCSM number of the chairmanship, e.g. 23.")
    parent = SafePrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, allow_null=True, help_text="Id of the conference week."
    )
    host_country = CountryCodeField(required=False, allow_null=True, help_text="Country code of the host.")

    class Meta:
        model = Meeting
        fields = list(schedule.MEETING_FIELDS)
        validators = []
        extra_kwargs = {
            "title_en": {"required": True, "allow_blank": False, "help_text": "Title in English."},
            "title_vi": {"help_text": "Title in Vietnamese (optional: English is shown instead)."},
            "theme_en": {"help_text": "Theme in English."},
            "theme_vi": {"help_text": "Theme in Vietnamese."},
            "description_en": {"help_text": "Description in English."},
            "description_vi": {"help_text": "Description in Vietnamese."},
            "start": {"help_text": "Start (ISO 8601 with offset, e.g. 2026-08-05T09:00:00+07:00)."},
            "end": {"help_text": "End, not before the start."},
            "time_zone": {"help_text": "The venue's IANA time zone, e.g. Asia/Phnom_Penh."},
            "venue_en": {"help_text": "Venue in English."},
            "venue_vi": {"help_text": "Venue in Vietnamese."},
            "city_en": {"help_text": "City in English."},
            "city_vi": {"help_text": "City in Vietnamese."},
            "online_link": {"help_text": "Video-conference link, shown only to invited delegations."},
            "registration_opens": {"help_text": "When registration opens (optional)."},
            "registration_deadline": {"help_text": "Registration deadline, before the start (optional)."},
            "delegates_allowed": {"help_text": "Places per delegation, including the head of delegation."},
            "kind": {"help_text": "Kind of meeting."},
            "format": {"help_text": "In person, video conference or hybrid."},
            "invites_asean": {"help_text": "Invite the ASEAN member states."},
            "invites_plus_three": {"help_text": "Invite the Plus Three (China, Japan, Republic of Korea)."},
            "invites_observers": {"help_text": "Invite observers (e.g. Timor-Leste)."},
            "invites_secretariat": {"help_text": "Invite the ASEAN Secretariat."},
            "invites_dialogue_partners": {"help_text": "Invite dialogue partners and guests."},
        }


class MeetingUpdateSerializer(MeetingWriteSerializer):
    sequence = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        write_only=True,
        help_text="The meeting's `sequence` as you read it: if someone changed it since, the answer is 409.",
    )

    class Meta(MeetingWriteSerializer.Meta):
        fields = [*MeetingWriteSerializer.Meta.fields, "sequence"]


class SequenceSerializer(serializers.Serializer):
    sequence = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text="Optional stale-copy check: the meeting's `sequence` as you read it (409 if it changed).",
    )


class MeetingCancelSerializer(SequenceSerializer):
    reason = serializers.CharField(max_length=2000, help_text="Why it is cancelled; participants are told.")


class MeetingUnpublishSerializer(SequenceSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text="Why.")


class MeetingPostponeSerializer(SequenceSerializer):
    start = serializers.DateTimeField(help_text="New start, later than the old one.")
    end = serializers.DateTimeField(help_text="New end.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text="Why.")
    registration_deadline = serializers.DateTimeField(
        required=False, allow_null=True, help_text="New registration deadline, if it moves too."
    )


class PresenterInputSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="The person, if named.")
    country = serializers.SlugRelatedField(
        source="member_state",
        slug_field="code",
        queryset=MemberState.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code of the country they speak for (VN, KH, ASEC…).",
    )
    organisation = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Organisation they speak for, if not a country."
    )


class AgendaItemWriteSerializer(serializers.ModelSerializer):
    """An agenda item in both languages; the schedule services place it, check it against the timetable
    (within the meeting's times, its room free), raise the meeting's revision and log it."""

    presenters = PresenterInputSerializer(
        many=True, required=False, max_length=30, help_text="Who presents it, in order; replaces the list."
    )

    class Meta:
        model = AgendaItem
        fields = [*schedule.AGENDA_FIELDS, "presenters"]
        validators = []
        extra_kwargs = {
            "title_en": {"help_text": "The item in English."},
            "title_vi": {"help_text": "The item in Vietnamese (optional)."},
            "starts_at": {"help_text": "Planned start (optional); within the meeting's times."},
            "duration": {"help_text": "Minutes (optional; needs a start)."},
            "session_en": {"help_text": "The session, in English."},
            "session_vi": {"help_text": "The session, in Vietnamese."},
            "room_en": {"help_text": "The room, in English: two items cannot hold one room at once."},
            "room_vi": {"help_text": "The room, in Vietnamese."},
            "outcome_en": {"help_text": "Outcome or decision, in English."},
            "outcome_vi": {"help_text": "Outcome or decision, in Vietnamese."},
        }

    def validate_presenters(self, value):
        return [
            Presenter(
                name=row.get("name", "").strip(),
                member_state=row.get("member_state"),
                organisation=row.get("organisation", "").strip(),
            )
            for row in value
        ]


class AgendaItemCreateSerializer(AgendaItemWriteSerializer):
    meeting = serializers.IntegerField(min_value=1, max_value=MAX_PK, help_text="Id of the meeting.")

    class Meta(AgendaItemWriteSerializer.Meta):
        fields = ["meeting", *AgendaItemWriteSerializer.Meta.fields]
        extra_kwargs = {
            **AgendaItemWriteSerializer.Meta.extra_kwargs,
            "title_en": {"required": True, "allow_blank": False, "help_text": "The item in English."},
        }


class AgendaOrderSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_PK),
        max_length=500,
        help_text="Every agenda item's id, once each, in the new order (409 if the agenda changed meanwhile).",
    )
