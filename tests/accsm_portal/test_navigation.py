"""The navigation's data: every entry is a page that exists, and every role sees its groups."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accsm_portal.navigation import NAV, menu_for

pytestmark = pytest.mark.django_db


def test_every_entry_of_the_navigation_names_a_page_that_exists():
    for group in NAV:
        for entry in group.entries:
            assert reverse(entry.url_name).startswith("/en/"), entry.url_name


@pytest.mark.parametrize(
    ("who", "groups"),
    [
        ("focal_point_vn", {"schedule", "documents", "workplan"}),
        ("secretariat_user", {"schedule", "registrations", "documents", "workplan", "reminders", "audit"}),
    ],
)
def test_each_role_sees_its_groups_and_the_current_page_is_marked(request, who, groups):
    user = request.getfixturevalue(who)
    http_request = RequestFactory().get(reverse("documents:library"))
    http_request.user = user

    menu = menu_for(http_request)

    assert groups <= {group["key"] for group in menu}
    current = [(group["key"], link["url"]) for group in menu for link in group["links"] if link["current"]]
    assert current == [("documents", reverse("documents:library"))]


def _links(user) -> dict[str, str]:
    http_request = RequestFactory().get(reverse("home"))
    http_request.user = user
    return {link["label"]: link["url"] for group in menu_for(http_request) for link in group["links"]}


def test_door_staff_of_a_current_meeting_get_a_link_to_its_check_in_page():
    import datetime as dt

    from django.utils import timezone

    from tests.factories import MeetingFactory, UserFactory
    from venue.models import DoorStaff

    door_keeper = UserFactory(username="door")
    soon = MeetingFactory(start=timezone.now() + dt.timedelta(days=2), end=timezone.now() + dt.timedelta(days=3))
    over = MeetingFactory(start=timezone.now() - dt.timedelta(days=9), end=timezone.now() - dt.timedelta(days=8))
    DoorStaff.objects.create(user=door_keeper, meeting=over)
    assert "Check-in" not in _links(door_keeper)  # only a meeting that is over: no link

    DoorStaff.objects.create(user=door_keeper, meeting=soon)
    del door_keeper._door_meetings  # what a new request would see
    assert _links(door_keeper)["Check-in"] == reverse("venue:check_in", args=[soon.pk])

    later = MeetingFactory(start=timezone.now() + dt.timedelta(days=20), end=timezone.now() + dt.timedelta(days=21))
    DoorStaff.objects.create(user=door_keeper, meeting=later)
    del door_keeper._door_meetings
    assert _links(door_keeper)["Check-in"] == reverse("venue:door")  # two doors: the list of them


def test_nobody_without_a_door_role_sees_the_check_in_link(focal_point_vn, secretariat_user):
    from django.contrib.auth.models import AnonymousUser

    for user in (focal_point_vn, secretariat_user, AnonymousUser()):
        assert "Check-in" not in _links(user)
