"""A focal point never reaches another country's objects: every route that takes an object id answers 404.

OBJECT_ROUTES is the one list of such routes (pages now; add API routes here too). Each entry builds its
URL from the objects of a Thai delegation; a Vietnamese focal point must get 404, Thailand's own focal
point must not (so the 404 is the isolation, not a broken route). test_every_object_route_is_listed
fails when a new route with an object id is added without an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meetings.models import Meeting, Participant
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory
from tests.registrations.test_registration import minimal_pdf

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str  # the URL name, namespace included
    method: str  # "get" or "post"
    url: Callable[[SimpleNamespace], str]  # from the Thai objects
    data: dict | None = None

    def __str__(self):
        return f"{self.method.upper()} {self.name}"


OBJECT_ROUTES = [
    Route("my:participant_edit", "get", lambda o: reverse("my:participant_edit", args=[o.participant.pk])),
    Route(
        "my:participant_edit",
        "post",
        lambda o: reverse("my:participant_edit", args=[o.participant.pk]),
        {"full_name": "Changed", "role": "delegate", "language": "en"},
    ),
    Route("my:participant_withdraw", "get", lambda o: reverse("my:participant_withdraw", args=[o.participant.pk])),
    Route("my:participant_withdraw", "post", lambda o: reverse("my:participant_withdraw", args=[o.participant.pk])),
    Route(
        "my:participants_copy",
        "get",
        lambda o: reverse("my:participants_copy", args=[o.other_meeting.pk]) + f"?from={o.delegation.pk}",
    ),
    Route(
        "my:participants_copy",
        "post",
        lambda o: reverse("my:participants_copy", args=[o.other_meeting.pk]) + f"?from={o.delegation.pk}",
        {"participants": ["__participant__"]},
    ),
    Route(
        "registrations:nomination_letter",
        "get",
        lambda o: reverse("registrations:nomination_letter", args=[o.delegation.pk]),
    ),
    Route(
        "registrations:delegation_history",
        "get",
        lambda o: reverse("registrations:delegation_history", args=[o.delegation.pk]),
    ),
    Route(
        "registrations:invitation_letter",
        "get",
        lambda o: reverse("registrations:invitation_letter", args=[o.participant.pk, "en"]),
    ),
    Route(
        "registrations:invitation_letter",
        "get",
        lambda o: reverse("registrations:invitation_letter", args=[o.participant.pk, "vi"]),
    ),
]

# Routes of the secretariat only: any focal point gets 403 whatever the object.
SECRETARIAT_ROUTES = [
    Route("registrations:index", "get", lambda o: reverse("registrations:index")),
    Route("registrations:waiting_list", "get", lambda o: reverse("registrations:waiting_list", args=[o.meeting.pk])),
    Route(
        "registrations:waiting_list_decide",
        "post",
        lambda o: reverse("registrations:waiting_list_decide", args=[o.participant.pk, "accept"]),
    ),
    Route("registrations:arrivals", "get", lambda o: reverse("registrations:arrivals", args=[o.meeting.pk])),
    Route("registrations:arrivals_csv", "get", lambda o: reverse("registrations:arrivals_csv", args=[o.meeting.pk])),
    Route(
        "registrations:letter_template",
        "get",
        lambda o: reverse("registrations:letter_template", args=[o.meeting.chairmanship_id]),
    ),
    Route(
        "registrations:letter_template_preview",
        "get",
        lambda o: reverse("registrations:letter_template_preview", args=[o.meeting.chairmanship_id, "en"]),
    ),
    Route("accounts:focal_points", "get", lambda o: reverse("accounts:focal_points")),
    Route(
        "accounts:focal_point_deactivate",
        "post",
        lambda o: reverse("accounts:focal_point_deactivate", args=[o.thai_focal_point.focal_point.pk]),
    ),
    Route(
        "accounts:focal_point_activate",
        "post",
        lambda o: reverse("accounts:focal_point_activate", args=[o.thai_focal_point.focal_point.pk]),
    ),
    Route("accounts:invitation_resend", "post", lambda o: reverse("accounts:invitation_resend", args=[0])),
    Route("accounts:invitation_revoke", "post", lambda o: reverse("accounts:invitation_revoke", args=[0])),
]

# Focal point routes that take a meeting id: a meeting the country is not invited to is a 404.
MEETING_ROUTES = [
    "my:delegation",
    "my:participant_add",
    "my:participants_import",
    "my:participants_copy",
    "my:nomination_letter",
]


@pytest.fixture
def thai_objects(thailand, focal_point_th):
    meeting = MeetingFactory(format=Meeting.Format.IN_PERSON)
    delegation = DelegationFactory(meeting=meeting, member_state=thailand)
    delegation.nomination_letter.save("th.pdf", SimpleUploadedFile("th.pdf", minimal_pdf()))
    participant = ParticipantFactory(delegation=delegation, status=Participant.Status.CONFIRMED)
    return SimpleNamespace(
        meeting=meeting,
        delegation=delegation,
        participant=participant,
        other_meeting=MeetingFactory(),
        thai_focal_point=focal_point_th,
    )


def _request(client, route: Route, objects):
    data = route.data
    if data and data.get("participants") == ["__participant__"]:
        data = {"participants": [objects.participant.pk]}
    return getattr(client, route.method)(route.url(objects), data or {})


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=str)
def test_focal_point_gets_404_for_another_countrys_object(client, focal_point_vn, thai_objects, route):
    client.force_login(focal_point_vn)
    before = Participant.objects.values().get(pk=thai_objects.participant.pk)
    assert _request(client, route, thai_objects).status_code == 404
    assert Participant.objects.values().get(pk=thai_objects.participant.pk) == before
    assert Participant.objects.filter(delegation__meeting=thai_objects.other_meeting).count() == 0


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=str)
def test_the_countrys_own_focal_point_reaches_the_same_route(client, focal_point_th, thai_objects, route):
    client.force_login(focal_point_th)
    assert _request(client, route, thai_objects).status_code in (200, 302)


@pytest.mark.parametrize("route", SECRETARIAT_ROUTES, ids=str)
def test_focal_points_get_403_on_secretariat_routes(client, focal_point_vn, thai_objects, route):
    client.force_login(focal_point_vn)
    assert _request(client, route, thai_objects).status_code == 403


@pytest.mark.parametrize("name", MEETING_ROUTES)
def test_meeting_the_country_is_not_invited_to_is_404(client, focal_point_vn, name):
    plus_three_only = MeetingFactory(invites_asean=False, invites_plus_three=True)
    client.force_login(focal_point_vn)
    assert client.get(reverse(name, args=[plus_three_only.pk])).status_code == 404


def _named_routes(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _named_routes(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}", set(pattern.pattern.converters)


def test_every_object_route_is_listed():
    """A new route of ours that takes an object id must be added to one of the lists above."""
    listed = {route.name for route in OBJECT_ROUTES + SECRETARIAT_ROUTES} | set(MEETING_ROUTES)
    ours = ("my:", "registrations:", "accounts:")
    with_ids = {
        name
        for name, converters in _named_routes(get_resolver())
        if name.startswith(ours) and converters & {"pk", "meeting_pk", "chairmanship_pk"}
    }
    assert with_ids - listed == set()
