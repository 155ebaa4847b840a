"""Optimistic concurrency in the API (issue 18): a write made with a stale If-Match is refused with 412."""

import datetime as dt

import pytest
import time_machine
from django.urls import get_resolver

from api.conditional import WritePreconditionMixin
from meetings.models import Participant
from tests.factories import AgendaItemFactory, DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vn_client(token_client, focal_point_vn, viet_nam):
    return token_client(focal_point_vn, "registrations", viet_nam)


@pytest.fixture
def participant(viet_nam):
    return ParticipantFactory(delegation=DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam))


def _read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def test_a_stale_if_match_is_412_and_changes_nothing(vn_client, participant):
    url = f"/api/v1/participants/{participant.pk}/"
    etag = _read(vn_client, url)
    with time_machine.travel(dt.timedelta(seconds=5)):
        assert vn_client.patch(url, {"position": "Minister"}, format="json").status_code == 200  # someone else

        response = vn_client.patch(url, {"position": "Deputy Minister"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    assert Participant.objects.get(pk=participant.pk).position == "Minister"


def test_a_current_if_match_goes_through_and_answers_the_new_etag(vn_client, participant):
    url = f"/api/v1/participants/{participant.pk}/"
    etag = _read(vn_client, url)

    with time_machine.travel(dt.timedelta(seconds=5)):
        response = vn_client.patch(url, {"position": "Minister"}, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 200
        assert response["ETag"] != etag
        assert response["ETag"] == _read(vn_client, url)
        stale = vn_client.patch(url, {"position": "Adviser"}, format="json", HTTP_IF_MATCH=etag)
        chained = vn_client.patch(url, {"position": "Adviser"}, format="json", HTTP_IF_MATCH=response["ETag"])

    assert (stale.status_code, chained.status_code) == (412, 200)


def test_if_match_star_and_no_if_match_behave_as_before(vn_client, participant):
    url = f"/api/v1/participants/{participant.pk}/"
    assert vn_client.patch(url, {"position": "A"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert vn_client.patch(url, {"position": "B"}, format="json").status_code == 200


def test_another_countrys_object_is_404_whatever_the_if_match(vn_client, thailand):
    other = ParticipantFactory(delegation=DelegationFactory(member_state=thailand))
    response = vn_client.patch(f"/api/v1/participants/{other.pk}/", {"position": "X"}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 404


def test_a_stale_delete_is_412(api_client, secretariat_user):
    client = api_client
    client.force_login(secretariat_user)
    item = AgendaItemFactory(meeting=MeetingFactory(status="draft"))
    url = f"/api/v1/agenda-items/{item.pk}/"
    etag = _read(client, url)
    with time_machine.travel(dt.timedelta(seconds=5)):
        item.title = "Renamed meanwhile"
        item.save()
        assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert type(item).objects.filter(pk=item.pk).exists()


def _viewsets(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _viewsets(pattern.url_patterns)
        elif hasattr(pattern.callback, "cls"):
            yield pattern.callback.cls


def test_every_api_viewset_that_writes_is_guarded_by_if_match():
    writers = {
        cls
        for cls in _viewsets(get_resolver().url_patterns)
        if any(hasattr(cls, name) for name in ("update", "partial_update", "destroy"))
        and cls.__module__.split(".")[0] != "rest_framework"
    }
    assert writers
    assert {cls.__name__ for cls in writers if not issubclass(cls, WritePreconditionMixin)} == set()


def test_a_save_between_the_check_and_the_services_lock_is_412_too(vn_client, participant, monkeypatch):
    """The If-Match is read again under the service's first row lock: another writer who saved after the early
    check (a time-of-check/time-of-use window) is not overwritten."""
    from common import locking

    url = f"/api/v1/participants/{participant.pk}/"
    etag = _read(vn_client, url)
    real_lock = locking.lock
    meanwhile = []

    def someone_saves_first(*targets):
        if not meanwhile:  # the other writer's save lands just before ours takes its locks
            meanwhile.append(True)
            Participant.objects.filter(pk=participant.pk).update(
                position="Minister", updated_at=participant.updated_at + dt.timedelta(seconds=5)
            )
        return real_lock(*targets)

    monkeypatch.setattr("registrations.services.registration.lock", someone_saves_first)

    response = vn_client.patch(url, {"position": "Deputy Minister"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    # (the other save ran inside our transaction here, so the refusal rolled it back too; ours never landed)
    assert Participant.objects.get(pk=participant.pk).position != "Deputy Minister"


def test_the_check_under_lock_ends_with_the_request(vn_client, participant, secretariat_user):
    """A refused request leaves nothing armed for the thread's next request or service call."""
    from common.locking import _under_lock

    url = f"/api/v1/participants/{participant.pk}/"
    assert vn_client.patch(url, {"position": "X"}, format="json", HTTP_IF_MATCH='"stale"').status_code == 412
    assert (
        vn_client.patch(url, {"position": "Y"}, format="json", HTTP_IF_MATCH=_read(vn_client, url)).status_code == 200
    )
    assert _under_lock.get() is None
