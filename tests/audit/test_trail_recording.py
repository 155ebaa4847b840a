"""Every create, change and delete is recorded with who, when, and the fields before and after — whichever
way it came: a page, the admin, the REST API (a token), or a task."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import path
from rest_framework.authentication import BaseAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from common.audit import audit_as
from meetings.models import Meeting, Participant
from registrations.services.registration import participant_register, participants_import
from tests.factories import (
    ChairmanshipFactory,
    DelegationFactory,
    DocumentFactory,
    InitiativeFactory,
    MeetingFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return list(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)).order_by(
            "pk"
        )
    )


class FakeToken:
    """What a token authentication class leaves in request.auth."""

    pk = 42
    label = "42:Schedule sync"


class FakeTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        if request.headers.get("Authorization") == "Token good":
            return (UserFactory._meta.model.objects.get(username="schedule-client"), FakeToken())
        return None


class RenameMeeting(APIView):
    authentication_classes = [FakeTokenAuthentication]

    def post(self, request, pk):
        meeting = Meeting.objects.get(pk=pk)
        meeting.title = request.data["title"]
        meeting.save()
        return Response({"ok": True})


urlpatterns = [path("api/test/meetings/<int:pk>/", RenameMeeting.as_view())]


def test_a_change_through_a_service_records_who_when_before_and_after(focal_point_vn, viet_nam):
    delegation = DelegationFactory(member_state=viet_nam)

    participant = participant_register(
        actor=focal_point_vn, delegation=delegation, data={"full_name": "Lê Văn Tám", "email": "tam@moha.gov.vn"}
    )

    (entry,) = entries_for(participant)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == focal_point_vn
    assert entry.changes_dict["full_name"] == ["None", "Lê Văn Tám"]
    assert entry.additional_data == {"member_state": viet_nam.pk}
    assert entry.timestamp is not None


def test_a_change_in_the_admin_is_recorded_with_the_staff_member(admin_client, admin_user):
    meeting = MeetingFactory(title="SOM 1")
    response = admin_client.get(f"/en/admin/meetings/meeting/{meeting.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["title_en"] = "SOM 1 (moved)"
    data["start_0"], data["start_1"] = meeting.start.strftime("%Y-%m-%d"), meeting.start.strftime("%H:%M:%S")
    data["end_0"], data["end_1"] = meeting.end.strftime("%Y-%m-%d"), meeting.end.strftime("%H:%M:%S")
    data["registration_deadline_0"] = meeting.registration_deadline.strftime("%Y-%m-%d")
    data["registration_deadline_1"] = meeting.registration_deadline.strftime("%H:%M:%S")
    for prefix in ("agenda_items", "children"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data = {key: value for key, value in data.items() if value is not False}

    response = admin_client.post(f"/en/admin/meetings/meeting/{meeting.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = entries_for(meeting)[-1]
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == admin_user
    assert entry.changes_dict["title_en"] == ["SOM 1", "SOM 1 (moved)"]


def test_a_registration_through_the_rest_api_records_the_token(focal_point_vn, viet_nam, secretariat_user):
    from rest_framework.test import APIClient

    from api import services

    token, plain = services.api_token_create(
        actor=secretariat_user, name="MOHA sync", owner=focal_point_vn, scope="registrations", member_state=viet_nam
    )
    participant = ParticipantFactory(delegation=DelegationFactory(member_state=viet_nam), position="Director")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")

    response = client.patch(f"/api/v1/participants/{participant.pk}/", {"position": "Director-General"}, format="json")

    assert response.status_code == 200, response.json()
    entry = entries_for(participant)[-1]
    assert entry.actor == focal_point_vn
    assert entry.changes_dict["position"] == ["Director", "Director-General"]
    assert entry.additional_data == {"member_state": viet_nam.pk, "api_token": token.label}


def test_any_write_during_an_api_request_is_attributed_to_the_tokens_user(settings):
    """Even a write that names no actor: the middleware resolves the user after the API authenticated it."""
    settings.ROOT_URLCONF = __name__
    client_user = UserFactory(username="schedule-client")
    meeting = MeetingFactory(title="SOM 1")

    response = Client().post(
        f"/api/test/meetings/{meeting.pk}/",
        {"title": "SOM 1 bis"},
        content_type="application/json",
        headers={"Authorization": "Token good"},
    )

    assert response.status_code == 200
    entry = entries_for(meeting)[-1]
    assert entry.actor == client_user
    assert entry.additional_data == {"api_token": "42:Schedule sync"}
    assert entry.changes_dict["title"] == ["SOM 1", "SOM 1 bis"]


def test_a_change_by_a_task_is_recorded_as_that_task():
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)

    with audit_as(None, task="conclude_past_meetings"):
        meeting.status = Meeting.Status.CONCLUDED
        meeting.save()

    entry = entries_for(meeting)[-1]
    assert entry.actor is None
    assert entry.additional_data == {"task": "conclude_past_meetings"}
    assert entry.changes_dict["status"] == ["published", "concluded"]


def test_a_deletion_keeps_the_values_it_deleted(secretariat_user, viet_nam):
    participant = ParticipantFactory(full_name="Lê Văn Tám", delegation=DelegationFactory(member_state=viet_nam))
    pk = participant.pk

    with audit_as(secretariat_user, reason="duplicate"):
        participant.delete()

    entry = LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).get()
    assert entry.actor == secretariat_user
    assert entry.changes_dict["full_name"] == ["Lê Văn Tám", "None"]
    assert entry.additional_data == {"member_state": viet_nam.pk, "reason": "duplicate"}


@pytest.mark.parametrize(
    "factory",
    [ChairmanshipFactory, MeetingFactory, DelegationFactory, ParticipantFactory, DocumentFactory, InitiativeFactory],
)
def test_every_domain_record_is_audited(factory):
    obj = factory()

    assert [entry.action for entry in entries_for(obj)] == [LogEntry.Action.CREATE]


def test_the_country_is_never_taken_from_another_record():
    """The scope recorded for a participant cannot stick to the next, unrelated entry."""
    delegation = DelegationFactory()
    participant = ParticipantFactory(delegation=delegation)
    participant.save()  # no change: auditlog writes no entry, the remembered scope must not leak
    meeting = MeetingFactory()

    assert entries_for(meeting)[0].additional_data is None
    assert Participant.objects.count() == 1


@pytest.mark.parametrize("model", sorted(__import__("auditlog.registry").registry.auditlog.get_models(), key=str))
def test_audited_models_record_their_own_fields_not_reverse_relations(model):
    from auditlog.registry import auditlog

    from audit.apps import reverse_relation_names

    excluded = auditlog.get_model_fields(model)["exclude_fields"]
    assert set(reverse_relation_names(model)) <= set(excluded), "register audited models before the audit app"
    assert {"created_at", "updated_at"} <= set(excluded)


def test_a_created_meeting_records_its_fields_only():
    meeting = MeetingFactory(title="SOM 1")

    (entry,) = entries_for(meeting)
    assert {"title", "start", "status"} <= set(entry.changes_dict)
    assert not {"delegations", "agenda_items", "children", "created_at", "updated_at"} & set(entry.changes_dict)


def recorded(participant) -> dict:
    """Its one audit entry, all but what differs between two participants (ids, time, its delegation)."""
    (entry,) = entries_for(participant)
    fields = {
        field.attname: getattr(entry, field.attname)
        for field in LogEntry._meta.concrete_fields
        if field.attname not in ("id", "object_pk", "object_id", "timestamp")
    }
    fields["changes"] = {name: change for name, change in entry.changes.items() if name not in ("id", "delegation")}
    return fields


@pytest.mark.parametrize("acting", ["focal point", "secretariat for the country"])
def test_an_imported_participant_is_recorded_as_one_registered_alone(
    acting, focal_point_vn, secretariat_user, viet_nam
):
    """A file's participants are inserted together, with their entries: each entry is the one a single
    registration writes (who, the fields, the country, the reason)."""
    actor, reason = (focal_point_vn, "") if acting == "focal point" else (secretariat_user, "Asked by the ministry")
    data = {
        "full_name": "Lê Văn Tám",
        "email": "tam@moha.gov.vn",
        "role": "head",
        "phone": "+84 24 1234",
        "language": "vi",
    }

    alone = participant_register(
        actor=actor, delegation=DelegationFactory(member_state=viet_nam), data=data, reason=reason
    )
    (imported,) = participants_import(
        actor=actor, delegation=DelegationFactory(member_state=viet_nam), rows=[(2, data)], reason=reason
    )

    assert recorded(imported) == recorded(alone)
    (entry,) = entries_for(imported)
    assert (entry.action, entry.actor, entry.object_pk, entry.object_repr) == (
        LogEntry.Action.CREATE,
        actor,
        str(imported.pk),
        "Lê Văn Tám",
    )
    assert entry.changes_dict["full_name"] == ["None", "Lê Văn Tám"]
    expected = {"member_state": viet_nam.pk}
    if reason:
        expected |= {"reason": reason, "on_behalf_of": "VN"}
    assert entry.additional_data == expected
