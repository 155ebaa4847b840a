"""The API of accreditation and letters on request: a country's token reads its own delegates only, the
secretariat everyone's; letters are requested for one's own delegates under the page's rule; passport data
never leaves through the API."""

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from accreditation.models import Accreditation, LetterRequest
from meetings.models import Participant
from tests.accreditation.conftest import PASSPORT, valid_expiry
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return MeetingFactory()


@pytest.fixture
def vn_person(meeting, viet_nam):
    person = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam),
        full_name="Nguyễn Văn An",
        status=Participant.Status.CONFIRMED,
    )
    Accreditation.objects.create(
        participant=person,
        passport_number=PASSPORT,
        passport_expiry=valid_expiry(meeting),
        nationality="Vietnamese",
        status=Accreditation.Status.RETURNED,
        return_reason="The photo is missing.",
    )
    return person


@pytest.fixture
def th_person(meeting, thailand):
    return ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=thailand))


@pytest.fixture
def vn_client(token_client, focal_point_vn, viet_nam):
    return token_client(focal_point_vn, "registrations", viet_nam, name="MOHA registrations")


@pytest.fixture
def staff_client(secretariat_user):
    client = APIClient()
    client.force_authenticate(secretariat_user)
    return client


def test_a_countrys_token_reads_its_own_delegates_accreditation_without_passport_data(vn_client, vn_person, th_person):
    response = vn_client.get("/api/v1/accreditations/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    [row] = response.json()["results"]
    assert {key: row[key] for key in ("participant", "member_state", "status", "return_reason", "has_photo")} == {
        "participant": vn_person.pk,
        "member_state": "VN",
        "status": "returned",
        "return_reason": "The photo is missing.",
        "has_photo": False,
    }
    assert PASSPORT not in response.content.decode() and "Vietnamese" not in response.content.decode()
    assert vn_client.get(f"/api/v1/accreditations/{th_person.pk}/").status_code == 404
    assert vn_client.get(f"/api/v1/accreditations/{vn_person.pk}/").json()["status"] == "returned"


def test_the_secretariat_reads_everyones_and_filters_by_status(staff_client, vn_person, th_person):
    rows = staff_client.get("/api/v1/accreditations/").json()["results"]
    assert {(row["participant"], row["status"]) for row in rows} == {
        (vn_person.pk, "returned"),
        (th_person.pk, "not_started"),
    }
    assert [
        r["participant"] for r in staff_client.get("/api/v1/accreditations/?status=not_started").json()["results"]
    ] == [th_person.pk]
    assert PASSPORT not in staff_client.get(f"/api/v1/accreditations/{vn_person.pk}/").content.decode()


def test_anonymous_clients_get_401_and_an_unchanged_list_answers_304(api_client, vn_client, vn_person):
    assert api_client.get("/api/v1/accreditations/").status_code == 401
    assert api_client.get("/api/v1/letter-requests/").status_code == 401
    first = vn_client.get("/api/v1/accreditations/")
    assert vn_client.get("/api/v1/accreditations/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Accreditation.objects.get(participant=vn_person).save()  # a change answers anew
    assert vn_client.get("/api/v1/accreditations/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_focal_point_requests_a_letter_for_its_own_delegate_and_follows_its_state(vn_client, vn_person, th_person):
    response = vn_client.post(
        "/api/v1/letter-requests/", {"participant": vn_person.pk, "purpose": "visa", "language": "vi"}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert {key: body[key] for key in ("participant", "purpose", "language", "state", "reference")} == {
        "participant": vn_person.pk,
        "purpose": "visa",
        "language": "vi",
        "state": "requested",
        "reference": None,
    }
    request = LetterRequest.objects.get()
    assert LogEntry.objects.get_for_object(request).get().additional_data["api_token"].endswith("MOHA registrations")
    again = vn_client.post("/api/v1/letter-requests/", {"participant": vn_person.pk, "purpose": "visa"}, format="json")
    assert again.status_code == 400  # one open request per purpose
    assert "already requested" in again.json()["message"]
    LetterRequest.objects.filter(pk=request.pk).update(
        state="declined", decline_reason="No visa is needed for ASEAN nationals."
    )
    [listed] = vn_client.get("/api/v1/letter-requests/").json()["results"]
    assert (listed["state"], listed["decline_reason"]) == ("declined", "No visa is needed for ASEAN nationals.")
    assert PASSPORT not in vn_client.get(f"/api/v1/letter-requests/{request.pk}/").content.decode()


def test_no_letter_for_another_countrys_delegate_nor_by_a_read_only_token(
    vn_client, token_client, focal_point_vn, viet_nam, vn_person, th_person
):
    foreign = vn_client.post(
        "/api/v1/letter-requests/", {"participant": th_person.pk, "purpose": "visa"}, format="json"
    )
    assert foreign.status_code == 404
    theirs = LetterRequest.objects.create(participant=th_person, purpose="travel")
    assert vn_client.get(f"/api/v1/letter-requests/{theirs.pk}/").status_code == 404
    assert vn_client.get("/api/v1/letter-requests/").json()["results"] == []
    reader = token_client(focal_point_vn, "read", viet_nam, name="MOHA reader")
    refused = reader.post("/api/v1/letter-requests/", {"participant": vn_person.pk, "purpose": "visa"}, format="json")
    assert refused.status_code == 403
    assert LetterRequest.objects.filter(participant=vn_person).count() == 0


@pytest.mark.parametrize("url", ["/api/v1/accreditations/", "/api/v1/letter-requests/"])
def test_the_lists_query_count_does_not_grow(vn_client, viet_nam, url, django_assert_num_queries):
    def build():
        delegation = DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam)
        for person in ParticipantFactory.create_batch(2, delegation=delegation):
            Accreditation.objects.create(participant=person)
            LetterRequest.objects.create(participant=person, purpose="travel")

    build()
    vn_client.get(url)
    one = queries_for(vn_client, url)
    for _ in range(4):
        build()
    with django_assert_num_queries(one):
        assert vn_client.get(url).json()["count"] == 10
