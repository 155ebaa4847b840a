"""Focal points' systems register their own country's delegations and participants through the API,
under the same rules as the pages (registrations/services/registration.py); another country's data is a 404."""

import datetime as dt
import itertools

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from meetings.models import Delegation, Participant
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return MeetingFactory(delegates_allowed=2)


@pytest.fixture
def vn_client(token_client, focal_point_vn, viet_nam):
    return token_client(focal_point_vn, "registrations", viet_nam, name="MOHA registrations")


@pytest.fixture
def vn_delegation(meeting, viet_nam):
    return DelegationFactory(meeting=meeting, member_state=viet_nam)


@pytest.fixture
def th_delegation(meeting, thailand):
    return DelegationFactory(meeting=meeting, member_state=thailand)


PEOPLE = itertools.count(1)


def person(delegation, **extra):
    """A new person each time (one person registers once per delegation)."""
    n = next(PEOPLE)
    return {"delegation": delegation.pk, "full_name": f"Nguyễn Văn An {n}", "email": f"an{n}@example.org", **extra}


def test_focal_point_creates_own_countrys_delegation_whatever_the_body_says(vn_client, meeting, viet_nam, thailand):
    response = vn_client.post("/api/v1/delegations/", {"meeting": meeting.pk, "member_state": "TH"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["member_state"] == {"code": "VN", "name": "Viet Nam"}
    assert list(Delegation.objects.values_list("member_state__code", flat=True)) == ["VN"]


def test_delegation_to_a_draft_meeting_is_404(vn_client):
    draft = MeetingFactory(status="draft")
    assert vn_client.post("/api/v1/delegations/", {"meeting": draft.pk}, format="json").status_code == 404


def test_focal_point_registers_a_participant(vn_client, vn_delegation):
    response = vn_client.post("/api/v1/participants/", person(vn_delegation, role="head"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["full_name"].startswith("Nguyễn Văn An"), body["status"], body["member_state"], body["role"]) == (
        True,
        "registered",
        "VN",
        "head",
    )


def test_status_in_the_body_is_ignored(vn_client, vn_delegation):
    response = vn_client.post("/api/v1/participants/", person(vn_delegation, status="confirmed"), format="json")
    assert response.json()["status"] == "registered"


def test_write_to_another_countrys_delegation_is_404(vn_client, th_delegation):
    response = vn_client.post("/api/v1/participants/", person(th_delegation), format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert not Participant.objects.exists()


def test_missing_and_foreign_delegations_answer_alike(vn_client, th_delegation):
    foreign = vn_client.post("/api/v1/participants/", person(th_delegation), format="json")
    missing = vn_client.post("/api/v1/participants/", {**person(th_delegation), "delegation": 987654}, format="json")
    assert (foreign.status_code, foreign.json()) == (missing.status_code, missing.json())


def test_another_countrys_participant_cannot_be_read_changed_or_withdrawn(vn_client, th_delegation):
    other = ParticipantFactory(delegation=th_delegation)
    url = f"/api/v1/participants/{other.pk}/"
    assert vn_client.get(url).status_code == 404
    assert vn_client.patch(url, {"position": "Minister"}, format="json").status_code == 404
    assert vn_client.put(url, {"full_name": "X"}, format="json").status_code == 404
    assert vn_client.post(url + "withdraw/", {}, format="json").status_code == 404
    other.refresh_from_db()
    assert (other.position, other.status) == ("Director", "registered")


def test_lists_show_only_own_country(vn_client, vn_delegation, th_delegation):
    mine = ParticipantFactory(delegation=vn_delegation)
    ParticipantFactory(delegation=th_delegation)
    assert [p["id"] for p in vn_client.get("/api/v1/participants/").json()["results"]] == [mine.pk]
    assert [d["id"] for d in vn_client.get("/api/v1/delegations/").json()["results"]] == [vn_delegation.pk]
    assert vn_client.get(f"/api/v1/delegations/{th_delegation.pk}/").status_code == 404


def test_session_focal_point_is_isolated_too(api_client, focal_point_vn, th_delegation):
    api_client.force_login(focal_point_vn)
    assert api_client.get("/api/v1/participants/").json()["results"] == []
    assert api_client.post("/api/v1/participants/", person(th_delegation), format="json").status_code == 404


def test_allowance_is_enforced_with_waitlist_option(vn_client, vn_delegation):
    for _ in range(2):
        assert vn_client.post("/api/v1/participants/", person(vn_delegation), format="json").status_code == 201
    full = vn_client.post("/api/v1/participants/", person(vn_delegation), format="json")
    assert (full.status_code, full.json()["code"]) == (400, "allowance_exceeded")
    waitlisted = vn_client.post("/api/v1/participants/", person(vn_delegation, waitlist=True), format="json")
    assert waitlisted.json()["status"] == "waitlisted"


def test_second_head_is_a_field_error(vn_client, vn_delegation):
    ParticipantFactory(delegation=vn_delegation, role="head")
    response = vn_client.post("/api/v1/participants/", person(vn_delegation, role="head"), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "second_head"
    assert list(response.json()["fields"]) == ["role"]


def test_registration_closed_after_the_deadline(vn_client, viet_nam):
    closed = MeetingFactory(registration_deadline=timezone.now() - dt.timedelta(days=1))
    delegation = DelegationFactory(meeting=closed, member_state=viet_nam)
    response = vn_client.post("/api/v1/participants/", person(delegation), format="json")
    assert (response.status_code, response.json()["code"]) == (400, "registration_closed")


def test_type_errors_name_the_field(vn_client, vn_delegation):
    response = vn_client.post(
        "/api/v1/participants/", person(vn_delegation, email="not-an-email", role="king"), format="json"
    )
    assert response.status_code == 400
    assert sorted(response.json()["fields"]) == ["email", "role"]
    huge = vn_client.post("/api/v1/participants/", {**person(vn_delegation), "delegation": 10**30}, format="json")
    assert (huge.status_code, list(huge.json()["fields"])) == (400, ["delegation"])


def test_update_and_withdraw(vn_client, vn_delegation):
    participant = ParticipantFactory(delegation=vn_delegation)
    url = f"/api/v1/participants/{participant.pk}/"
    assert vn_client.patch(url, {"position": "Director-General"}, format="json").json()["position"] == (
        "Director-General"
    )
    assert vn_client.post(url + "withdraw/", {}, format="json").json()["status"] == "cancelled"


def test_focal_point_cannot_confirm_participants(vn_client, vn_delegation):
    participant = ParticipantFactory(delegation=vn_delegation)
    response = vn_client.post(f"/api/v1/participants/{participant.pk}/status/", {"status": "confirmed"}, format="json")
    assert response.status_code == 403


def test_secretariat_registers_for_a_country_with_a_reason(api_client, secretariat_user, th_delegation):
    api_client.force_login(secretariat_user)
    without = api_client.post("/api/v1/participants/", person(th_delegation), format="json")
    assert (without.status_code, without.json()["code"]) == (400, "reason_required")
    with_reason = api_client.post(
        "/api/v1/participants/", person(th_delegation, reason="Note Verbale of 3 May"), format="json"
    )
    assert with_reason.status_code == 201
    participant = with_reason.json()["id"]
    confirmed = api_client.post(f"/api/v1/participants/{participant}/status/", {"status": "confirmed"}, format="json")
    assert confirmed.json()["status"] == "confirmed"


def test_read_only_token_of_a_focal_point_cannot_register(token_client, focal_point_vn, vn_delegation):
    client = token_client(focal_point_vn, "read")
    response = client.post("/api/v1/participants/", person(vn_delegation), format="json")
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_registrations_token_cannot_change_the_schedule(vn_client, meeting):
    response = vn_client.post(f"/api/v1/meetings/{meeting.pk}/cancel/", {"reason": "x"}, format="json")
    assert response.status_code == 403


def test_token_writes_are_audited_with_the_token(vn_client, vn_delegation, focal_point_vn):
    response = vn_client.post("/api/v1/participants/", person(vn_delegation), format="json")
    entry = LogEntry.objects.get_for_object(Participant.objects.get(pk=response.json()["id"])).get()
    assert entry.actor == focal_point_vn
    assert entry.additional_data["api_token"].endswith(":MOHA registrations")


def test_the_same_person_cannot_be_registered_twice(vn_client, vn_delegation):
    data = person(vn_delegation)
    assert vn_client.post("/api/v1/participants/", data, format="json").status_code == 201
    again = vn_client.post("/api/v1/participants/", data, format="json")
    assert (again.status_code, again.json()["code"], list(again.json()["fields"])) == (
        400,
        "already_registered",
        ["email"],
    )


# --- Idempotency ----------------------------------------------------------------------------------


def test_retried_post_with_the_same_key_registers_once(vn_client, vn_delegation):
    data = person(vn_delegation)
    first = vn_client.post("/api/v1/participants/", data, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    retry = vn_client.post("/api/v1/participants/", data, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert Participant.objects.count() == 1


def test_same_key_with_another_body_is_refused(vn_client, vn_delegation):
    vn_client.post("/api/v1/participants/", person(vn_delegation), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    other = vn_client.post(
        "/api/v1/participants/",
        person(vn_delegation, full_name="Someone else"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-2",
    )
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
    assert Participant.objects.count() == 1


def test_failed_request_frees_its_key(vn_client, vn_delegation):
    data = person(vn_delegation, email="x")
    bad = vn_client.post("/api/v1/participants/", data, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    assert bad.status_code == 400
    good = vn_client.post("/api/v1/participants/", data, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    assert good.status_code == 400  # the same body is still wrong, and is checked again, not replayed
    assert "Idempotent-Replayed" not in good


def test_keys_are_per_client(vn_client, token_client, focal_point_vn, viet_nam, vn_delegation):
    other_client = token_client(focal_point_vn, "registrations", viet_nam, name="Second system")
    vn_client.post("/api/v1/participants/", person(vn_delegation), format="json", HTTP_IDEMPOTENCY_KEY="shared")
    other = other_client.post(
        "/api/v1/participants/", person(vn_delegation), format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )
    assert "Idempotent-Replayed" not in other
    assert Participant.objects.count() == 2


# --- Query counts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/participants/", "/api/v1/delegations/"])
def test_registration_lists_query_count_does_not_grow(vn_client, viet_nam, url, django_assert_num_queries):
    def build():
        delegation = DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam)
        ParticipantFactory.create_batch(2, delegation=delegation)

    build()
    vn_client.get(url)
    one = queries_for(vn_client, url)
    for _ in range(4):
        build()
    with django_assert_num_queries(one):
        assert vn_client.get(url).json()["count"] in (5, 10)


def test_a_request_still_in_flight_is_answered_409(vn_client, vn_delegation):
    from api.models import ApiToken, IdempotencyKey

    token = ApiToken.objects.get(name="MOHA registrations")
    IdempotencyKey.objects.create(owner=f"token:{token.pk}", key="busy", fingerprint="whatever")
    response = vn_client.post(
        "/api/v1/participants/", person(vn_delegation), format="json", HTTP_IDEMPOTENCY_KEY="busy"
    )
    assert (response.status_code, response.json()["code"]) == (409, "idempotency_key_in_flight")
    assert not Participant.objects.exists()


def test_keys_are_forgotten_after_a_day(vn_client, vn_delegation):
    from api.idempotency import purge_expired_keys
    from api.models import IdempotencyKey

    data = person(vn_delegation)
    vn_client.post("/api/v1/participants/", data, format="json", HTTP_IDEMPOTENCY_KEY="old")
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert purge_expired_keys() == 1
    assert not IdempotencyKey.objects.exists()
