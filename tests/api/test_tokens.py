"""API tokens: created and revoked by the secretariat in the portal, stored hashed, shown once;
throttling per token and per anonymous address."""

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken, CalendarFeedToken, hash_token
from tests.factories import MeetingFactory, UserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def test_only_the_hash_is_stored(make_token, focal_point_vn):
    plain = make_token(focal_point_vn)
    token = ApiToken.objects.get()
    assert token.key_hash == hash_token(plain) != plain
    assert plain not in str(ApiToken.objects.values().get())
    assert plain.startswith(token.prefix)


def test_last_use_is_recorded_at_most_once_a_minute(token_client, focal_point_vn, django_assert_num_queries):
    client = token_client(focal_point_vn)
    client.get("/api/v1/member-states/")
    used = ApiToken.objects.get().last_used_at
    assert used is not None
    with django_assert_num_queries(2):  # freshness, page: the token comes from the cache, no write
        client.get("/api/v1/member-states/")
    ApiToken.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    cache.clear()  # a bulk update bypasses the signals that forget a cached token
    client.get("/api/v1/member-states/")
    assert ApiToken.objects.get().last_used_at > used


def test_registrations_token_must_match_the_owners_country(secretariat_user, focal_point_vn, thailand):
    from api import services
    from common.errors import DomainError

    with pytest.raises(DomainError) as refused:
        services.api_token_create(
            actor=secretariat_user, name="x", owner=focal_point_vn, scope="registrations", member_state=thailand
        )
    assert refused.value.field == "member_state"


def test_focal_point_cannot_create_tokens(focal_point_vn):
    from api import services
    from common.errors import Forbidden

    with pytest.raises(Forbidden):
        services.api_token_create(actor=focal_point_vn, name="mine", owner=focal_point_vn, scope="read")


# --- The secretariat's pages ---------------------------------------------------------------------------


def test_secretariat_creates_a_token_shown_once_and_revokes_it(client, secretariat_user, focal_point_vn, viet_nam):
    client.force_login(secretariat_user)
    url = reverse("api_portal:tokens")
    response = client.post(
        url,
        {"name": "MOHA sync", "owner": focal_point_vn.pk, "scope": "registrations", "member_state": viet_nam.pk},
        follow=True,
    )
    plain = response.context["new_token"]
    assert plain and plain.encode() in response.content
    assert client.get(url).context["new_token"] is None  # shown once
    token = ApiToken.objects.get()
    assert (token.name, token.owner, token.scope, token.member_state, token.created_by) == (
        "MOHA sync",
        focal_point_vn,
        "registrations",
        viet_nam,
        secretariat_user,
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert api.get("/api/v1/participants/").status_code == 200

    client.post(reverse("api_portal:token_revoke", args=[token.pk]))
    assert api.get("/api/v1/participants/").json()["code"] == "token_revoked"


def test_token_form_shows_field_errors(client, secretariat_user, focal_point_vn):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("api_portal:tokens"), {"name": "MOHA", "owner": focal_point_vn.pk, "scope": "registrations"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "member_state": ["Choose the country whose registrations the token may change."]
    }
    assert b'value="MOHA"' in response.content  # what was typed is kept
    assert not ApiToken.objects.exists()


def test_token_pages_are_403_for_everyone_else(client, focal_point_vn, make_token):
    make_token(focal_point_vn)
    token = ApiToken.objects.get()
    client.force_login(focal_point_vn)
    assert client.get(reverse("api_portal:tokens")).status_code == 403
    assert client.post(reverse("api_portal:token_revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.get().revoked_at is None


def test_token_list_query_count_does_not_grow(client, secretariat_user, make_token, django_assert_max_num_queries):
    client.force_login(secretariat_user)
    make_token(UserFactory())
    client.get(reverse("api_portal:tokens"))
    one = queries_for(client, reverse("api_portal:tokens"))
    for _ in range(5):
        make_token(UserFactory())
    with django_assert_max_num_queries(one):
        client.get(reverse("api_portal:tokens"))


# --- The guide and the private calendar link ------------------------------------------------------


def test_guide_shows_feed_urls_and_curl_examples(client, accsm21):
    response = client.get(reverse("api_portal:guide"))
    content = response.content.decode()
    assert "http://127.0.0.1:8000/calendar/meetings.ics" in content
    assert "http://127.0.0.1:8000/calendar/accsm-21.ics" in content
    assert "curl" in content and "/api/v1/meetings/?chairmanship=21" in content
    assert "Create my private calendar address" not in content


def test_guide_in_vietnamese(client, accsm21):
    response = client.get("/vi/api/")
    assert "<h1>API và nguồn cấp lịch</h1>" in response.content.decode()


def test_focal_point_creates_then_stops_a_private_calendar(client, focal_point_vn):
    MeetingFactory()
    client.force_login(focal_point_vn)
    page = client.post(reverse("api_portal:private_feed"), {"action": "create"}, follow=True)
    url = page.context["new_private_feed_url"]
    assert url.startswith("http://127.0.0.1:8000/calendar/private/")
    path = url.removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    assert client.get(reverse("api_portal:guide")).context["new_private_feed_url"] is None
    client.post(reverse("api_portal:private_feed"), {"action": "revoke"})
    assert client.get(path).status_code == 404


def test_secretariat_revokes_a_focal_points_calendar(client, secretariat_user, focal_point_vn):
    from api import services

    plain = services.calendar_feed_create(actor=focal_point_vn)
    client.force_login(secretariat_user)
    feed = CalendarFeedToken.objects.get()
    client.post(reverse("api_portal:feed_revoke", args=[feed.pk]))
    assert client.get(f"/calendar/private/{plain}.ics").status_code == 404


def test_private_calendar_is_not_for_other_users(client):
    client.force_login(UserFactory())
    assert client.post(reverse("api_portal:private_feed"), {"action": "create"}).status_code == 404
    assert not CalendarFeedToken.objects.exists()


# --- Throttling -------------------------------------------------------------------------------------


@pytest.fixture
def low_rates(settings):
    # The cache may be a Redis shared with other tests and the broker: forget only this test's counters.
    settings.API_THROTTLE_RATES = {"anon": "3/min", "token": "2/min", "user": "2/min"}


def forget_requests(scope, ident):
    cache.delete(f"throttle_{scope}_{ident}")


def test_anonymous_address_is_throttled_with_retry_after(low_rates):
    address = f"198.51.100.{uuid.uuid4().int % 250 + 1}"
    forget_requests("anon", address)
    client = APIClient(REMOTE_ADDR=address)
    assert [client.get("/api/v1/member-states/").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/v1/member-states/")
    assert (response.status_code, response.json()["code"]) == (429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60
    other = "203.0.113.9"
    forget_requests("anon", other)
    assert APIClient(REMOTE_ADDR=other).get("/api/v1/member-states/").status_code == 200
    forget_requests("anon", address)


def test_each_token_has_its_own_budget(low_rates, token_client, focal_point_vn):
    first, second = token_client(focal_point_vn, name="one"), token_client(focal_point_vn, name="two")
    for token in ApiToken.objects.all():
        forget_requests("token", token.pk)
    assert [first.get("/api/v1/member-states/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/v1/member-states/").status_code == 200
    for token in ApiToken.objects.all():
        forget_requests("token", token.pk)
