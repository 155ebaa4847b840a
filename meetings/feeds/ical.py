"""iCalendar (RFC 5545) feeds of the schedule, built with the icalendar library.

Every event has a UID that never changes (`accsm-meeting-<id>@<CALENDAR_UID_DOMAIN>`), DTSTART/DTEND in
the venue's time zone with its VTIMEZONE, SEQUENCE = Meeting.sequence (raised by every change the
schedule services make), STATUS:CANCELLED once cancelled, LAST-MODIFIED, the meeting page as URL, and
the venue or "Video conference" as LOCATION. The online link is written only into private feeds.

Caching (explicit, one place): a feed is stored under a key made of its kind, its language and the
freshness signature of its meetings (one aggregate query: count and latest change). Any change to a
meeting, its chairmanship or host country changes the key, so a stale feed is never served; old keys
simply expire (FEED_CACHE_SECONDS).
"""

import datetime as dt
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from api.conditional import Freshness, queryset_freshness
from common.validators import year_bounds
from meetings.api.serializers import page_url
from meetings.models import AgendaItem, Meeting

FEED_CACHE_SECONDS = 24 * 3600
FEED_FRESHNESS_FIELDS = ("updated_at", "chairmanship__updated_at", "host_country__updated_at")
PRODID = "-//ASEAN Conference on Civil Service Matters//ACCSM Portal//EN"
# Time-zone rules are written for the span of the feed's meetings plus this margin, not 1970–2038.

STATUS = {
    Meeting.Status.CANCELLED: "CANCELLED",
    Meeting.Status.POSTPONED: "TENTATIVE",
    Meeting.Status.DRAFT: "TENTATIVE",
    Meeting.Status.UNPUBLISHED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    return f"accsm-meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"


def meeting_location(meeting: Meeting) -> str:
    place = ", ".join(part for part in (meeting.venue, meeting.city) if part)
    if meeting.format == Meeting.Format.VIRTUAL:
        return _("Video conference")
    if meeting.format == Meeting.Format.HYBRID:
        return _("%(place)s and by video conference") % {"place": place} if place else _("Video conference")
    return place


def meeting_event(meeting: Meeting, *, with_online_link: bool = False) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.updated_at)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.local_start)
    event.add("dtend", meeting.local_end)
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    event.add("location", meeting_location(meeting))
    event.add("url", page_url(meeting.pk))
    event.add("categories", [str(meeting.get_kind_display())])
    lines = [meeting.theme, meeting.description]
    if meeting.status == Meeting.Status.CANCELLED:
        lines.insert(0, _("Cancelled: %(reason)s") % {"reason": meeting.cancellation_reason})
    if with_online_link and meeting.online_link:
        event.add("conference", meeting.online_link, parameters={"value": "URI"})
        lines.append(_("Online link: %(link)s") % {"link": meeting.online_link})
    lines.append(page_url(meeting.pk))
    event.add("description", "\n\n".join(line for line in lines if line))
    return event


def session_uid(item: AgendaItem) -> str:
    return f"accsm-agenda-item-{item.pk}@{settings.CALENDAR_UID_DOMAIN}"


def presenters_line(item: AgendaItem) -> str:
    return "; ".join(str(presenter) for presenter in item.presenters.all())


def session_event(item: AgendaItem, meeting: Meeting) -> Event:
    """One timed agenda item of a meeting's own calendar, in the venue's zone, RELATED-TO its meeting; it
    carries the meeting's SEQUENCE, which every agenda change raises."""
    event = Event()
    event.add("uid", session_uid(item))
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", max(item.updated_at, meeting.updated_at))
    event.add("sequence", meeting.sequence)
    event.add("summary", f"{item.title} — {meeting.title}")
    event.add("dtstart", item.starts_at.astimezone(meeting.tz))  # type: ignore[union-attr]  # timed items only
    event.add("dtend", item.ends_at.astimezone(meeting.tz))  # type: ignore[union-attr]  # (as above)
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    event.add("location", ", ".join(part for part in (item.room, meeting_location(meeting)) if part))
    event.add("related-to", meeting_uid(meeting))
    event.add("url", f"{page_url(meeting.pk)}#item-{item.pk}")
    lines = [item.session]
    if presenters := presenters_line(item):
        lines.append(_("Presenters: %(names)s") % {"names": presenters})
    lines.append(page_url(meeting.pk))
    event.add("description", "\n\n".join(line for line in lines if line))
    return event


def build_calendar(
    meetings, *, name: str, with_online_link=lambda meeting: False, with_sessions: bool = False
) -> bytes:
    """The meetings as events; with `with_sessions` (one meeting's own .ics), also one event per timed agenda
    item (the meetings' `agenda_items` prefetched with their presenters)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    meetings = list(meetings)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, with_online_link=with_online_link(meeting)))
        if with_sessions:
            for item in meeting.agenda_items.all():
                if item.ends_at is not None:
                    calendar.add_component(session_event(item, meeting))
    if meetings:
        _add_timezones(
            calendar, first_year=min(m.start for m in meetings).year, last_year=max(m.end for m in meetings).year
        )
    return calendar.to_ical()


@functools.lru_cache(maxsize=512)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE over whole years. Working out the transitions takes tens of milliseconds and the answer
    never changes: a reminder's .ics, sent thousands of times a day, computed it for every message."""
    return Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 12, 31))


def _add_timezones(calendar: Calendar, *, first_year: int, last_year: int) -> None:
    """Calendar.add_missing_timezones, with each VTIMEZONE computed once per process (whole years, a year
    of margin each side, never beyond the years a date may be typed in: a stored 9999 still makes a feed)."""
    earliest, latest = year_bounds()
    first_year = min(max(first_year - 1, earliest), latest)
    last_year = max(min(last_year + 1, latest), first_year)
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        try:
            component = _vtimezone(tzid, first_year, last_year)
        except ValueError:
            continue  # a zone icalendar does not know: written without VTIMEZONE, as before
        calendar.subcomponents.insert(position, component)
        position += 1


def feed_freshness(meetings: QuerySet[Meeting]) -> Freshness:
    return queryset_freshness(meetings, FEED_FRESHNESS_FIELDS)


def feed_cache_key(kind: str, freshness: Freshness) -> str:
    signature = f"{kind}|{translation.get_language()}|{freshness.count}|{freshness.latest}|{settings.SITE_URL}"
    return "ics:" + hashlib.sha256(signature.encode()).hexdigest()


def cached_calendar(kind: str, freshness: Freshness, build) -> bytes:
    """The feed from the cache, or built by `build()` and stored under a key its data determines."""
    key = feed_cache_key(kind, freshness)
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, FEED_CACHE_SECONDS)
    return body
