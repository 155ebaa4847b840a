"""What the benchmark measures over HTTP, with the issue's targets. An endpoint whose code is not on this
branch yet resolves to NotYet, and the report says "not measured yet" instead of a number."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.urls import NoReverseMatch, reverse


class NotYet(Exception):
    """The endpoint (or what it needs) does not exist in this version of the portal."""


@dataclasses.dataclass
class Request:
    path: str
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    expect_status: int = 200


@dataclasses.dataclass
class Context:
    """What endpoints need to build their request: the data set's anchors and signed-in sessions."""

    anchors: dict
    cookies: dict[str, str]  # role -> Cookie header value
    client_factory: Callable  # role -> a django.test.Client signed in as that role (or anonymous for None)
    extras: dict = dataclasses.field(default_factory=dict)

    def headers_for(self, role: str | None) -> dict[str, str]:
        return {"Cookie": self.cookies[role]} if role else {}


@dataclasses.dataclass
class Endpoint:
    key: str
    label: str
    build: Callable[[Context], Request]
    role: str | None = None
    target: dict = dataclasses.field(default_factory=dict)
    connections: int | None = None  # this endpoint's own concurrency (default: the run's --connections)


def url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        raise NotYet(f"no URL named {name!r}") from None


def _floor(ctx: Context) -> Request:
    return Request(url("healthz_floor"))


def _meeting_detail(ctx: Context) -> Request:
    return Request(url("meetings:detail", pk=ctx.anchors["detail_meeting"]))


def _current_ordinal(ctx: Context) -> int:
    from meetings.models import Chairmanship

    return Chairmanship.objects.get(pk=ctx.anchors["current_chairmanship"]).ordinal


def _user(pk: int):
    from accounts.models import User

    return User.objects.get(pk=pk)


def _meetings_list(ctx: Context) -> Request:
    return Request(f"{url('api:meeting-list')}?chairmanship={_current_ordinal(ctx)}&page_size=50")


def _meetings_list_token(ctx: Context) -> Request:
    """The same list for a client with an API token: credentials skip the anonymous fast path, so this is
    the view's own cost (freshness query, throttle, cached page)."""
    request = _meetings_list(ctx)
    from api.services import api_token_create

    secretariat = _user(ctx.anchors["secretariat_user"])
    _token, plain = api_token_create(actor=secretariat, name="Benchmark", owner=secretariat, scope="read")
    return Request(request.path, {"Authorization": f"Bearer {plain}"})


def _meetings_list_token_304(ctx: Context) -> Request:
    """The token client's poll: its ETag is its own (it names the reader), answered 304 before serialising."""
    request = _meetings_list_token(ctx)
    etag = ctx.client_factory(None).get(request.path, headers=request.headers).headers.get("ETag")
    if not etag:
        raise NotYet("the meetings list answers a token without an ETag")
    return Request(request.path, {**request.headers, "If-None-Match": etag}, expect_status=304)


def _meetings_list_304(ctx: Context) -> Request:
    request = _meetings_list(ctx)
    etag = ctx.client_factory(None).get(request.path).headers.get("ETag")
    if not etag:
        raise NotYet("the meetings list answers without an ETag")
    return Request(request.path, {"If-None-Match": etag}, expect_status=304)


def _feed_all(ctx: Context) -> Request:
    return Request(url("calendar:all"))


def _feed_chairmanship(ctx: Context) -> Request:
    return Request(url("calendar:chairmanship", ordinal=_current_ordinal(ctx)))


def _feed_private(ctx: Context) -> Request:
    url("calendar:private", token="x")
    from api.services import calendar_feed_create

    token = calendar_feed_create(actor=_user(ctx.anchors["focal_point_users"]["VN"]))
    return Request(url("calendar:private", token=token))


def _dashboard(ctx: Context) -> Request:
    return Request(url("secretariat:dashboard"))


def _registrations(ctx: Context) -> Request:
    return Request(url("secretariat:registrations", pk=ctx.anchors["big_meeting"]))


def _delegation(ctx: Context) -> Request:
    """Viet Nam's focal point on its delegation page of the 400-participant meeting."""
    return Request(url("my:delegation", meeting_pk=ctx.anchors["big_meeting"]))


def _participants_xlsx(ctx: Context) -> Request:
    return Request(url("secretariat:export_xlsx", pk=ctx.anchors["big_meeting"]))


FLOOR = Endpoint("floor", "floor: bare Django view, fixed JSON", _floor)

ENDPOINTS = [
    Endpoint(
        "meetings_list",
        "meetings list, 50 per page, filtered",
        _meetings_list,
        target={"p95_ms": 50, "floor_ratio": 0.25},
    ),
    Endpoint(
        "meetings_list_token",
        "same list with an API token (no anonymous fast path)",
        _meetings_list_token,
        target={"floor_ratio": 0.15},
    ),
    Endpoint(
        "meetings_list_304",
        "same list, 304 to If-None-Match",
        _meetings_list_304,
        target={"floor_ratio": 0.60},
    ),
    Endpoint(
        "meetings_list_token_304",
        "same list with an API token, 304 to If-None-Match",
        _meetings_list_token_304,
        target={"floor_ratio": 0.60},
    ),
    Endpoint(
        "meeting_detail",
        "meeting detail with agenda and documents",
        _meeting_detail,
        target={"floor_ratio": 0.15},
    ),
    Endpoint(
        "feed_all",
        "iCal feed, all published meetings",
        _feed_all,
        target={"p95_ms": 300},
    ),
    Endpoint(
        "feed_chairmanship",
        "iCal feed, one chairmanship",
        _feed_chairmanship,
        target={"p50_ms": 30, "p95_ms": 50},
    ),
    Endpoint(
        "feed_private",
        "iCal feed, a focal point's private feed",
        _feed_private,
    ),
    Endpoint(
        "dashboard",
        "secretariat dashboard",
        _dashboard,
        role="secretariat",
        target={"p95_ms": 30},
    ),
    Endpoint(
        "registrations",
        "a meeting's registrations page (400 participants)",
        _registrations,
        role="secretariat",
        target={"p95_ms": 30},
    ),
    Endpoint(
        "delegation",
        "a focal point's delegation page, 16 clients at once",
        _delegation,
        role="focal_point",
        target={"p95_ms": 100},
        connections=16,
    ),
    Endpoint(
        "participants_xlsx",
        "participants XLSX export, 400 participants",
        _participants_xlsx,
        role="secretariat",
    ),
]
