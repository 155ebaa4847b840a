"""The webhooks' payloads in the OpenAPI description (SPECTACULAR_SETTINGS["WEBHOOKS"]): one entry per event,
each the envelope {id, event, created, data} with its `data`. Headers and the signature: docs/webhooks.md."""

from drf_spectacular.utils import OpenApiResponse, OpenApiWebhook, extend_schema
from rest_framework import serializers

from .events import EVENTS, TEST_EVENT

SIGNED = (
    "POSTed as JSON to the subscription's HTTPS endpoint, with the headers X-ACCSM-Event, X-ACCSM-Event-Id, "
    "X-ACCSM-Timestamp (Unix seconds) and X-ACCSM-Signature: `v1=` + hex HMAC-SHA256 of "
    "`<timestamp>.<body>` with the subscription's secret. Refuse a timestamp more than 5 minutes old. "
    "Answer 2xx within 5 seconds; anything else is retried after 1, 5, 15, 60 and 240 minutes."
)


class WebhookMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    time_zone = serializers.CharField()
    format = serializers.CharField()
    venue = serializers.CharField()
    city = serializers.CharField()
    sequence = serializers.IntegerField()


class WebhookDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    visibility = serializers.CharField()
    meeting = serializers.IntegerField(allow_null=True)


class WebhookParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meeting = serializers.IntegerField()
    delegation = serializers.IntegerField()
    country = serializers.CharField(help_text="The delegation's country code.")
    status = serializers.CharField()
    role = serializers.CharField()


class MeetingDataSerializer(serializers.Serializer):
    meeting = WebhookMeetingSerializer()


class DocumentDataSerializer(serializers.Serializer):
    document = WebhookDocumentSerializer()


class ParticipantDataSerializer(serializers.Serializer):
    participant = WebhookParticipantSerializer()


class PingDataSerializer(serializers.Serializer):
    subscription = serializers.IntegerField()
    message = serializers.CharField()


def _envelope(data_serializer, name: str):
    class Envelope(serializers.Serializer):
        id = serializers.UUIDField(help_text="The event's id: the same on every retry.")
        event = serializers.ChoiceField(choices=[name])
        created = serializers.DateTimeField()
        data = data_serializer()

    Envelope.__name__ = f"Webhook{data_serializer.__name__.removesuffix('DataSerializer')}Event"
    return Envelope


MEETING_EVENT = _envelope(MeetingDataSerializer, "meeting")
DOCUMENT_EVENT = _envelope(DocumentDataSerializer, "document")
PARTICIPANT_EVENT = _envelope(ParticipantDataSerializer, "registration")
PING_EVENT = _envelope(PingDataSerializer, TEST_EVENT)


def _webhook(name: str, request) -> OpenApiWebhook:
    return OpenApiWebhook(
        name=name,
        decorator=extend_schema(
            summary=str(EVENTS[name].label) if name in EVENTS else "Test event",
            description=SIGNED,
            request=request,
            responses={200: OpenApiResponse(description="Received.")},
        ),
    )


def _request_for(name: str):
    if name.startswith(("meeting.", "agenda.")):
        return MEETING_EVENT
    if name.startswith("document."):
        return DOCUMENT_EVENT
    return PARTICIPANT_EVENT


# SPECTACULAR_SETTINGS["WEBHOOKS"] names each by import path: webhooks.openapi.meeting_published, …
for _name in EVENTS:
    globals()[_name.replace(".", "_")] = _webhook(_name, _request_for(_name))
ping = _webhook(TEST_EVENT, PING_EVENT)
