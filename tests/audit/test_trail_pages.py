import datetime as dt

import pytest
import time_machine
from auditlog.models import LogEntry

from common.audit import audit_as
from meetings.models import Participant
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory, SecretariatUserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def vn_and_th_changes(viet_nam, thailand, focal_point_vn, focal_point_th, secretariat_user):
    meeting = MeetingFactory(title="SOM 23")
    with audit_as(focal_point_vn):
        vn = ParticipantFactory(
            full_name="Lê Văn Tám", delegation=DelegationFactory(meeting=meeting, member_state=viet_nam)
        )
    with audit_as(focal_point_th):
        th = ParticipantFactory(
            full_name="Somchai P.", delegation=DelegationFactory(meeting=meeting, member_state=thailand)
        )
    with audit_as(secretariat_user, reason="late nomination"):
        vn.status = Participant.Status.CONFIRMED
        vn.save()
    return vn, th


def test_the_secretariat_sees_every_change_and_filters_by_country(
    client, secretariat_user, vn_and_th_changes, viet_nam
):
    client.force_login(secretariat_user)

    everything = client.get("/en/audit/")
    vietnam = client.get("/en/audit/", {"member_state": viet_nam.pk})

    assert everything.status_code == 200
    assert len(everything.context["rows"]) == LogEntry.objects.count()
    assert [row["entry"].object_repr for row in vietnam.context["rows"]] == [
        "Lê Văn Tám",
        "Lê Văn Tám",
        "Viet Nam — SOM 23",
    ]
    page = vietnam.content.decode()
    assert "Reason: late nomination" in page
    assert "<del>Registered</del> → <ins>Confirmed</ins>" in page


def test_the_secretariat_filters_by_record_type_action_person_and_dates(client, secretariat_user, vn_and_th_changes):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(secretariat_user)
    participant_type = ContentType.objects.get_for_model(Participant)

    updates = client.get("/en/audit/", {"content_type": participant_type.pk, "action": LogEntry.Action.UPDATE})
    by_person = client.get("/en/audit/", {"actor": "fp-th"})
    tomorrow = client.get("/en/audit/", {"date_from": (dt.date.today() + dt.timedelta(days=1)).isoformat()})
    backwards = client.get("/en/audit/", {"date_from": "2026-03-02", "date_to": "2026-03-01"})

    assert [row["entry"].action for row in updates.context["rows"]] == [LogEntry.Action.UPDATE]
    assert {row["entry"].actor.username for row in by_person.context["rows"]} == {"fp-th"}
    assert tomorrow.context["rows"] == []
    assert backwards.context["form"].errors == {"date_to": ["The end date cannot be before the start date."]}


def test_a_focal_point_sees_only_their_own_countrys_trail(client, focal_point_vn, vn_and_th_changes):
    client.force_login(focal_point_vn)

    response = client.get("/en/audit/my-country/")

    assert response.status_code == 200
    assert {row["entry"].object_repr for row in response.context["rows"]} == {"Lê Văn Tám", "Viet Nam — SOM 23"}
    assert "Somchai" not in response.content.decode()
    # Filters a focal point could use to look beyond their country are not offered, and ignored if sent.
    assert "member_state" not in response.context["form"].fields
    assert client.get("/en/audit/my-country/", {"member_state": 999}).context["rows"] == response.context["rows"]


def test_a_focal_point_cannot_open_the_secretariats_trail(client, focal_point_vn):
    client.force_login(focal_point_vn)

    assert client.get("/en/audit/").status_code == 403


def test_someone_who_is_neither_gets_no_trail(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="nobody"))

    assert client.get("/en/audit/my-country/").status_code == 403
    assert client.get("/en/audit/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/en/audit/")["Location"].startswith("/en/accounts/login/")
    assert client.get("/en/audit/my-country/")["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("url", ["/en/audit/", "/en/audit/my-country/"])
def test_the_trail_pages_cost_the_same_queries_for_one_entry_or_many(client, url, viet_nam, django_assert_num_queries):
    from tests.factories import FocalPointFactory

    user = SecretariatUserFactory() if url == "/en/audit/" else FocalPointFactory(member_state=viet_nam).user
    delegation = DelegationFactory(member_state=viet_nam)
    ParticipantFactory(delegation=delegation)
    client.force_login(user)
    client.get(url)  # warm the content type cache

    with django_assert_num_queries(count := queries_for(client, url)):
        client.get(url)
    for _ in range(10):
        ParticipantFactory(delegation=delegation).save()
    with django_assert_num_queries(count):
        client.get(url)


def test_the_trail_cannot_be_changed_or_deleted_in_the_admin(admin_client, secretariat_user):
    meeting = MeetingFactory()
    entry = LogEntry.objects.get(object_repr=meeting.title)

    assert admin_client.get(f"/en/admin/auditlog/logentry/{entry.pk}/change/").status_code == 200
    assert admin_client.post(f"/en/admin/auditlog/logentry/{entry.pk}/change/", {"object_repr": "x"}).status_code == 403
    assert admin_client.post(f"/en/admin/auditlog/logentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/en/admin/auditlog/logentry/add/").status_code == 403
    changelist = admin_client.post(
        "/en/admin/auditlog/logentry/", {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert changelist.status_code == 200
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    entry.refresh_from_db()
    assert entry.object_repr != "x"


def test_the_trail_lists_the_newest_change_first(client, secretariat_user):
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        MeetingFactory(title="Old")
    with time_machine.travel(dt.datetime(2026, 2, 1, tzinfo=dt.UTC)):
        MeetingFactory(title="New")
    client.force_login(secretariat_user)

    rows = client.get("/en/audit/").context["rows"]

    assert [row["entry"].object_repr for row in rows if row["entry"].object_repr in ("New", "Old")] == ["New", "Old"]


def test_the_trail_names_linked_records_and_kinds_of_record_in_the_readers_language(
    client, secretariat_user, viet_nam, thailand
):
    from tests.factories import InitiativeFactory
    from workplan.models import Initiative

    initiative = InitiativeFactory(title="ASEAN Resource Centre", lead=thailand)
    with audit_as(secretariat_user):
        initiative = Initiative.objects.get(pk=initiative.pk)
        initiative.lead = viet_nam
        initiative.save()
    client.force_login(secretariat_user)

    english = client.get("/en/audit/?text=ASEAN+Resource").content.decode()
    assert "Lead country:</span> <del>Thailand</del> → <ins>Viet Nam</ins>" in english
    assert "member state #" not in english
    assert "Initiative #" in english  # the kind of record, as people say it

    vietnamese = client.get("/vi/audit/?text=ASEAN+Resource").content.decode()
    assert "Nước chủ trì:</span> <del>Thái Lan</del> → <ins>Việt Nam</ins>" in vietnamese
    assert "Sáng kiến #" in vietnamese


def test_a_linked_record_deleted_since_reads_as_its_kind_and_number(secretariat_user):
    from audit.display import changes_of

    meeting = MeetingFactory(title="SOM 23")
    with audit_as(secretariat_user):
        delegation = DelegationFactory(meeting=meeting)
    entry = LogEntry.objects.get_for_object(delegation).get()
    assert {(c.label, c.after) for c in changes_of(entry)} >= {("meeting", "SOM 23")}
    LogEntry.objects.filter(pk=entry.pk).update(changes={"meeting": ["None", "999999"]})
    entry.refresh_from_db()
    assert [(c.label, c.after) for c in changes_of(entry) if c.label == "meeting"] == [("meeting", "Meeting #999999")]


def test_the_authenticator_app_is_named_as_people_say_it():
    from django.utils import translation
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from audit.display import model_name
    from workplan.models import InitiativeDecision

    assert model_name(TOTPDevice) == "Authenticator app"
    assert model_name(InitiativeDecision) == "SOM decision"
    with translation.override("vi"):
        assert model_name(TOTPDevice) == "Ứng dụng xác thực"
        assert model_name(InitiativeDecision) == "Quyết định của SOM"
