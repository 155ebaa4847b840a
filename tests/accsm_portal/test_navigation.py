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
