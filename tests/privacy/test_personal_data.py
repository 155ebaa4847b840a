import datetime as dt
import json

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from common.audit import audit_as
from meetings.models import Participant
from privacy import services
from privacy.tasks import anonymise_old_participants
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def tam(viet_nam, focal_point_vn):
    """Lê Văn Tám went to two meetings for Viet Nam."""
    records = []
    for title in ("SOM 22", "SOM 23"):
        delegation = DelegationFactory(meeting=MeetingFactory(title=title), member_state=viet_nam)
        with audit_as(focal_point_vn):
            records.append(
                ParticipantFactory(
                    delegation=delegation,
                    full_name="Lê Văn Tám",
                    email="tam@moha.gov.vn",
                    phone="+84 24 3824 0000",
                    dietary_needs="Vegetarian",
                    accessibility_needs="Wheelchair access",
                )
            )
    return records


def export(client, participant):
    response = client.post(f"/en/personal-data/participants/{participant.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="personal-data-participant-{participant.pk}.json"'
    return json.loads(response.content)


def test_a_focal_point_exports_everything_held_about_a_person(client, focal_point_vn, tam):
    client.force_login(focal_point_vn)

    data = export(client, tam[0])

    assert [
        (p["meeting"]["title"], p["full_name"], p["email"], p["dietary_needs"]) for p in data["participations"]
    ] == [
        ("SOM 22", "Lê Văn Tám", "tam@moha.gov.vn", "Vegetarian"),
        ("SOM 23", "Lê Văn Tám", "tam@moha.gov.vn", "Vegetarian"),
    ]
    trail = data["participations"][0]["audit_trail"]
    assert trail[0]["action"] == "create"
    assert trail[0]["changed_by"] == "fp-vn"
    assert data["exported_by"] == "fp-vn"


def test_an_export_is_recorded_in_the_audit_trail(client, secretariat_user, tam):
    client.force_login(secretariat_user)

    export(client, tam[0])

    accesses = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert sorted(entry.object_id for entry in accesses) == sorted(record.pk for record in tam)
    assert {entry.actor for entry in accesses} == {secretariat_user}


def test_a_focal_point_cannot_export_or_erase_another_countrys_participant(client, focal_point_th, tam):
    client.force_login(focal_point_th)

    assert client.get(f"/en/personal-data/participants/{tam[0].pk}/").status_code == 404
    assert client.post(f"/en/personal-data/participants/{tam[0].pk}/export/").status_code == 404
    assert client.post(f"/en/personal-data/participants/{tam[0].pk}/erase/", {"confirm": "on"}).status_code == 404
    assert Participant.objects.get(pk=tam[0].pk).full_name == "Lê Văn Tám"


def test_a_person_with_the_same_email_in_another_country_is_not_in_a_focal_points_export(
    client, focal_point_vn, tam, thailand
):
    ParticipantFactory(delegation=DelegationFactory(member_state=thailand), full_name="Tam", email="TAM@moha.gov.vn")
    client.force_login(focal_point_vn)

    assert len(export(client, tam[0])["participations"]) == 2


def test_erasing_a_person_keeps_anonymised_records_and_scrubs_the_trail(client, focal_point_vn, tam):
    client.force_login(focal_point_vn)

    response = client.post(f"/en/personal-data/participants/{tam[1].pk}/erase/", {"confirm": "on", "reason": "asked"})

    assert response.status_code == 302
    for record in Participant.objects.filter(pk__in=[p.pk for p in tam]):
        assert record.full_name == "Anonymised participant"
        assert (record.email, record.phone, record.dietary_needs, record.accessibility_needs) == ("", "", "", "")
        assert record.anonymised_at is not None
        assert record.role == Participant.Role.DELEGATE  # counts still add up
    entries = LogEntry.objects.filter(object_id__in=[p.pk for p in tam], content_type__model="participant")
    dumped = json.dumps(
        [(e.changes, e.object_repr, e.changes_text, e.serialized_data) for e in entries], ensure_ascii=False
    )
    assert "Tám" not in dumped
    assert "tam@moha" not in dumped
    assert "Vegetarian" not in dumped
    assert "3824" not in dumped
    erasure = entries.filter(action=LogEntry.Action.UPDATE).first()
    assert erasure.actor == focal_point_vn
    assert erasure.additional_data["purpose"] == "erasure"
    assert erasure.changes_dict["full_name"] == ["[erased]", "Anonymised participant"]


def test_erasing_twice_says_it_is_already_done(client, secretariat_user, tam):
    client.force_login(secretariat_user)
    client.post(f"/en/personal-data/participants/{tam[0].pk}/erase/", {"confirm": "on"})

    response = client.post(f"/en/personal-data/participants/{tam[0].pk}/erase/", {"confirm": "on"})

    assert response.status_code == 400
    assert "This person&#x27;s data has already been erased." in response.content.decode()


def test_erasing_needs_the_confirmation_box(client, secretariat_user, tam):
    client.force_login(secretariat_user)

    response = client.post(f"/en/personal-data/participants/{tam[0].pk}/erase/", {"reason": "asked"})

    assert response.status_code == 400
    assert response.context["erase_form"].errors == {"confirm": ["This field is required."]}
    assert response.context["erase_form"]["reason"].value() == "asked"
    assert Participant.objects.get(pk=tam[0].pk).anonymised_at is None


def test_the_retention_task_does_nothing_by_default(settings, tam):
    assert settings.ACCSM_ANONYMISE_AFTER_MONTHS == 0
    MeetingFactory._meta.model.objects.update(
        start=timezone.now() - dt.timedelta(days=900),
        end=timezone.now() - dt.timedelta(days=899),
        registration_deadline=None,
    )

    anonymise_old_participants.apply()

    assert not Participant.objects.filter(anonymised_at__isnull=False).exists()


def test_the_retention_task_anonymises_participants_of_meetings_long_past(settings, tam):
    settings.ACCSM_ANONYMISE_AFTER_MONTHS = 24
    old_meeting = tam[0].delegation.meeting
    old_meeting.__class__.objects.filter(pk=old_meeting.pk).update(
        start=timezone.now() - dt.timedelta(days=800),
        end=timezone.now() - dt.timedelta(days=799),
        registration_deadline=None,
    )

    anonymise_old_participants.apply()

    old, recent = (Participant.objects.get(pk=record.pk) for record in tam)
    assert old.full_name == "Anonymised participant"
    assert recent.full_name == "Lê Văn Tám"
    entry = LogEntry.objects.filter(object_id=old.pk, content_type__model="participant").latest("pk")
    assert entry.actor is None
    assert entry.additional_data["task"] == "anonymise_old_participants"


def test_the_retention_task_is_scheduled(settings):
    assert settings.CELERY_BEAT_SCHEDULE["anonymise-old-participants"]["task"] == (
        "privacy.tasks.anonymise_old_participants"
    )


def test_the_search_page_finds_people_without_diacritics_within_the_country(client, focal_point_vn, tam, thailand):
    ParticipantFactory(delegation=DelegationFactory(member_state=thailand), full_name="Le Van Tam (TH)")
    client.force_login(focal_point_vn)

    response = client.get("/en/personal-data/", {"q": "le van tam"})

    assert [p.pk for p in response.context["page"]] == [tam[0].pk, tam[1].pk]


def test_people_who_are_neither_staff_nor_focal_points_cannot_use_it(client, django_user_model, tam):
    client.force_login(django_user_model.objects.create(username="nobody"))

    assert client.get("/en/personal-data/").status_code == 403
    assert client.get(f"/en/personal-data/participants/{tam[0].pk}/").status_code == 403


def test_the_search_page_costs_the_same_queries_for_one_person_or_many(
    client, focal_point_vn, viet_nam, django_assert_num_queries
):
    delegation = DelegationFactory(member_state=viet_nam)
    ParticipantFactory(delegation=delegation)
    client.force_login(focal_point_vn)
    client.get("/en/personal-data/")
    one = queries_for(client, "/en/personal-data/")
    ParticipantFactory.create_batch(10, delegation=delegation)
    with django_assert_num_queries(one):
        client.get("/en/personal-data/")


def test_services_refuse_people_without_a_role(django_user_model, tam):
    from common.errors import Forbidden

    with pytest.raises(Forbidden):
        services.person_export(actor=django_user_model.objects.create(username="nobody"), participant=tam[0])


def test_reminders_sent_to_the_person_are_exported_and_their_address_erased(client, focal_point_vn, tam):
    from reminders.models import Reminder
    from tests.factories import ReminderFactory

    ReminderFactory(participant=tam[0], email="tam@moha.gov.vn", last_error="550 tam@moha.gov.vn unknown")
    client.force_login(focal_point_vn)

    exported = export(client, tam[0])["other_records"]["reminders"]
    client.post(f"/en/personal-data/participants/{tam[0].pk}/erase/", {"confirm": "on"})

    assert [row["sent_to"] for row in exported] == ["tam@moha.gov.vn"]
    assert list(Reminder.objects.values_list("email", "last_error")) == [("", "")]
