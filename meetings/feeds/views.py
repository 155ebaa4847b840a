"""/calendar/…ics: the schedule for calendar apps. Public feeds show announced meetings only; the
private feed (a secret token in the URL, revocable) shows a focal point the meetings their country is
invited to, with the online link. A conditional request is answered 304 from the freshness query."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.roles import is_secretariat, member_state_of
from api import fastpath, services
from api.fields import MAX_PK
from common.exports import ICS, download_response
from meetings.models import Chairmanship, Meeting
from meetings.selectors import agenda_items_with_presenters

from . import ical
from .ical import cached_calendar, feed_freshness


def _feed_meetings():
    return Meeting.objects.published().select_related("chairmanship__chair", "host_country").order_by("start", "pk")


def _respond(
    request,
    *,
    kind: str,
    meetings,
    name: str,
    filename: str,
    with_online_link=lambda m: False,
    private=False,
    with_sessions=False,
):
    if not private:
        fastpath.mark(request)  # a public feed is the same for every anonymous reader: see fastpath
    freshness = feed_freshness(meetings)
    etag = '"' + ical.feed_cache_key(kind, freshness).removeprefix("ics:")[:32] + '"'
    not_modified = get_conditional_response(request, etag=etag, last_modified=freshness.last_modified)
    if not_modified is None:
        body = cached_calendar(
            kind,
            freshness,
            lambda: ical.build_calendar(
                meetings, name=name, with_online_link=with_online_link, with_sessions=with_sessions
            ),
        )
        response = download_response(body, filename=filename, content_type=ICS, inline=True, private=False)
    else:
        response = not_modified
    response["ETag"] = etag
    if freshness.last_modified is not None:
        response["Last-Modified"] = http_date(freshness.last_modified)
    response["Cache-Control"] = "private, no-cache" if private else "public, max-age=300"
    if private:
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "no-referrer"
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_safe
def all_meetings(request):
    return _respond(
        request, kind="all", meetings=_feed_meetings(), name=_("ACCSM meetings"), filename="accsm-meetings.ics"
    )


@require_safe
def chairmanship_meetings(request, ordinal: int):
    if ordinal > MAX_PK:
        raise Http404
    chairmanship = get_object_or_404(Chairmanship.objects.select_related("chair"), ordinal=ordinal)
    return _respond(
        request,
        kind=f"chairmanship:{chairmanship.pk}:{chairmanship.updated_at.isoformat()}",
        meetings=_feed_meetings().filter(chairmanship=chairmanship),
        name=_("ACCSM %(number)s meetings") % {"number": chairmanship.ordinal},
        filename=f"accsm-{chairmanship.ordinal}.ics",
    )


@require_safe
def one_meeting(request, pk: int):
    if pk > MAX_PK:
        raise Http404
    meetings = _feed_meetings().filter(pk=pk)
    if not meetings.exists():
        raise Http404
    return _respond(
        request,
        kind=f"meeting-with-sessions:{pk}",  # its timed agenda items too
        meetings=meetings.prefetch_related(Prefetch("agenda_items", agenda_items_with_presenters())),
        name=_("ACCSM meeting"),
        filename=f"accsm-meeting-{pk}.ics",
        with_sessions=True,
    )


@require_safe
def private_feed(request, token: str):
    user = services.calendar_feed_user(token)
    if user is None:
        raise Http404
    if is_secretariat(user):
        meetings, scope = _feed_meetings(), "secretariat"
        with_link = lambda meeting: True  # noqa: E731
    else:
        member_state = member_state_of(user)
        if member_state is None:
            raise Http404
        meetings, scope = _feed_meetings().invited(member_state), f"state:{member_state.pk}"
        with_link = lambda meeting: meeting.invites(member_state)  # noqa: E731
    return _respond(
        request,
        kind=f"private:{user.pk}:{scope}",
        meetings=meetings,
        name=_("ACCSM meetings (private)"),
        filename="accsm-private.ics",
        with_online_link=with_link,
        private=True,
    )
