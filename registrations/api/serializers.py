"""The REST API's representations of delegations and participants (/api/v1/delegations/, /participants/)."""

from rest_framework import serializers

from api.fields import MAX_PK
from meetings.api.serializers import MemberStateRefSerializer
from meetings.models import Delegation, MemberState, Participant

from ..services.registration import PARTICIPANT_FIELDS


class DelegationSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Identifier of the delegation.")
    meeting = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The meeting.")
    member_state = MemberStateRefSerializer(read_only=True, help_text="The country (the focal point's own).")
    allowance = serializers.IntegerField(read_only=True, help_text="Places: the meeting's allowance plus extra places.")
    places_taken = serializers.IntegerField(read_only=True, help_text="Participants registered or confirmed.")
    extra_places = serializers.IntegerField(read_only=True, help_text="Places granted above the allowance.")
    updated_at = serializers.DateTimeField(read_only=True, help_text="Last change.")

    class Meta:
        model = Delegation
        fields = ["id", "meeting", "member_state", "allowance", "places_taken", "extra_places", "updated_at"]


class DelegationCreateSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(
        min_value=1, max_value=MAX_PK, help_text="Id of the meeting your country sends a delegation to."
    )
    member_state = serializers.SlugRelatedField(
        slug_field="code",
        queryset=MemberState.objects.all(),
        required=False,
        help_text="Secretariat only: the country (code). A focal point's delegation is always their own country's.",
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="Secretariat only: why it acts for the country."
    )


class ParticipantSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Identifier of the participant.")
    delegation = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The delegation.")
    meeting = serializers.IntegerField(source="delegation.meeting_id", read_only=True, help_text="The meeting.")
    member_state = serializers.CharField(
        source="delegation.member_state.code", read_only=True, help_text="Country code of the delegation."
    )
    email = serializers.CharField(read_only=True, help_text="Email address for confirmations; may be empty.")
    status = serializers.ChoiceField(
        choices=Participant.Status.choices,
        read_only=True,
        help_text="registered, confirmed, declined, cancelled (withdrawn) or waitlisted; set by the services.",
    )
    updated_at = serializers.DateTimeField(read_only=True, help_text="Last change.")

    class Meta:
        model = Participant
        fields = ["id", "delegation", "meeting", "member_state", *PARTICIPANT_FIELDS, "status", "updated_at"]
        read_only_fields = fields
        extra_kwargs = {
            "full_name": {"help_text": "Full name as in the passport."},
            "honorific": {"help_text": "H.E., Mr., Ms., Dr."},
            "position": {"help_text": "Position or title."},
            "organisation": {"help_text": "Ministry or agency."},
            "email": {"help_text": "Email address for confirmations."},
            "phone": {"help_text": "Phone number."},
            "role": {"help_text": "Head of delegation, alternate, delegate, adviser, observer or speaker."},
            "arrival": {"help_text": "Arrival (for logistics); within a week of the meeting."},
            "departure": {"help_text": "Departure; not before arrival."},
            "dietary_needs": {"help_text": "Dietary needs."},
            "accessibility_needs": {"help_text": "Accessibility needs."},
            "language": {"help_text": "Language of the emails this participant receives (en or vi)."},
        }


class ParticipantWriteSerializer(serializers.ModelSerializer):
    """The fields a focal point sets; types are checked here, the registration rules by the service."""

    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        write_only=True,
        help_text="Secretariat only: why it changes a country's registration.",
    )

    class Meta:
        model = Participant
        fields = [*PARTICIPANT_FIELDS, "reason"]
        validators = []  # the rules (one head, allowance…) are the service's
        extra_kwargs = ParticipantSerializer.Meta.extra_kwargs


class ParticipantCreateSerializer(ParticipantWriteSerializer):
    delegation = serializers.IntegerField(
        min_value=1, max_value=MAX_PK, help_text="Id of your country's delegation (see POST /delegations/)."
    )
    waitlist = serializers.BooleanField(
        required=False,
        default=False,
        write_only=True,
        help_text="When the delegation is full: put the participant on the waiting list instead of refusing.",
    )

    class Meta(ParticipantWriteSerializer.Meta):
        fields = ["delegation", *ParticipantWriteSerializer.Meta.fields, "waitlist"]


class ParticipantStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[Participant.Status.CONFIRMED, Participant.Status.DECLINED, Participant.Status.REGISTERED],
        help_text="Secretariat: confirm, decline, or accept from the waiting list (registered).",
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, help_text="Why.")


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Secretariat only: why it withdraws the participant.",
    )
