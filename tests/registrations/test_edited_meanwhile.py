"""Lost updates (issue 18): two people editing one participant; the second save over the first is refused
and told what is saved now, keeping what the second person typed."""

import re

import pytest
from django.urls import reverse

from common.errors import EditedMeanwhile
from common.models import version_of
from meetings.models import Participant
from registrations.services import registration as services
from tests.factories import DelegationFactory, FocalPointFactory, MeetingFactory, ParticipantFactory
from tests.helpers import run_concurrently

FIELDS = ("full_name", "honorific", "position", "organisation", "email", "phone", "role", "language",
          "dietary_needs", "accessibility_needs")  # fmt: skip


@pytest.fixture
def binh(viet_nam):
    delegation = DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam)
    return ParticipantFactory(delegation=delegation, full_name="Trần Văn Bình", position="Expert", language="vi")


def form_of(client, url) -> dict:
    page = client.get(url).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page).group(1)
    participant = Participant.objects.get(pk=int(url.rstrip("/").split("/")[-2]))
    return {**{name: getattr(participant, name) for name in FIELDS}, "version": version}


@pytest.mark.django_db
def test_the_second_of_two_focal_point_edits_is_refused_and_keeps_what_was_typed(client, binh, viet_nam):
    FocalPointFactory(member_state=viet_nam, user__username="fp-a")
    client.force_login(FocalPointFactory(member_state=viet_nam).user)
    url = reverse("my:participant_edit", args=[binh.pk])
    first, second = form_of(client, url), form_of(client, url)

    saved = client.post(url, {**first, "position": "Director"})
    refused = client.post(url, {**second, "phone": "+84 24 1234 5678"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else changed this while you were editing it" in page
    assert "Director" in page  # what is saved now
    assert 'value="+84 24 1234 5678"' in page  # what the second person typed is still in the form
    binh.refresh_from_db()
    assert (binh.position, binh.phone) == ("Director", "")

    again = client.post(url, {**second, "phone": "+84 24 1234 5678", "version": version_of(binh)})
    assert again.status_code == 302  # after a look at what changed, saving again goes through


@pytest.mark.django_db
def test_the_secretariat_edit_page_carries_the_version_too(client, binh, secretariat_user):
    client.force_login(secretariat_user)
    meeting = binh.delegation.meeting
    url = reverse("secretariat:participant_edit", args=[meeting.pk, binh.pk])
    page = client.get(url).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page).group(1)
    assert version == version_of(binh)
    services.participant_update(actor=secretariat_user, participant=binh, data={"position": "Adviser"}, reason="x")

    data = {name: getattr(binh, name) for name in FIELDS if name not in ("arrival", "departure")}
    refused = client.post(url, {**data, "reason": "On request", "version": version})

    assert refused.status_code == 200
    assert "Someone else changed this" in refused.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_edits_on_postgresql_save_exactly_one(on_postgres, viet_nam):
    fp = FocalPointFactory(member_state=viet_nam).user
    participant = ParticipantFactory(
        delegation=DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam), position="Expert"
    )
    read_at = version_of(participant)

    def edit(position):
        services.participant_update(actor=fp, participant=participant, data={"position": position}, version=read_at)
        return position

    results = run_concurrently(lambda: edit("Director"), lambda: edit("Minister"))

    saved = [r for r in results if isinstance(r, str)]
    assert len(saved) == 1 and sum(isinstance(r, EditedMeanwhile) for r in results) == 1
    assert Participant.objects.get(pk=participant.pk).position == saved[0]
