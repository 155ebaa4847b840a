"""How the portal shows a moment: in the venue's time zone, and also in the reader's when their clock reads
differently (issue 19). Pages, the timetable and emails all go through `moment()` and `moment_range()`
(as template tags in common/templatetags/moments.py), so a time never appears in one zone only by accident.

The reader's zone is, in order: the signed-in user's preference (User.time_zone), else the zone their
browser reported (static/js/time-zone.js writes it to the VIEWER_ZONE_COOKIE cookie), else unknown (only the
venue's time is shown). An email is read in its recipient's zone: their preference if they have one, else
the venue's (outbox.dispatcher puts it in the context as `viewer_time_zone`).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VIEWER_ZONE_COOKIE = "viewer_tz"
# Set when the reader chose a zone on the time-zone page: the browser's guess no longer overwrites it.
VIEWER_ZONE_PINNED_COOKIE = "viewer_tz_pinned"


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_or_none(name: object) -> zoneinfo.ZoneInfo | None:
    """The zone named `name` if it is a real IANA zone (cookies and old rows are not trusted), else None."""
    if not isinstance(name, str) or len(name) > 64 or name not in _known_zones():
        return None
    return zoneinfo.ZoneInfo(name)


def validate_time_zone_name(value: str) -> None:
    if value and zone_or_none(value) is None:
        raise ValidationError(
            gettext_lazy("“%(value)s” is not a time zone name such as Europe/Paris."), params={"value": value}
        )


def viewer_zone_name(request) -> str:
    """The reader's zone name, or '' when not known."""
    user = getattr(request, "user", None)
    preferred = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
    if zone_or_none(preferred):
        return preferred
    cookie = request.COOKIES.get(VIEWER_ZONE_COOKIE, "")
    return cookie if zone_or_none(cookie) else ""


def utc_offset(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """'UTC+07:00' for Phnom Penh, 'UTC+01:00' for Paris in winter (the offset at that moment)."""
    offset = moment.astimezone(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def _date(local: dt.datetime) -> str:
    return formats.date_format(local, "DATE_FORMAT")


def _time(local: dt.datetime) -> str:
    return formats.time_format(local, "TIME_FORMAT")


def _range_text(start: dt.datetime, end: dt.datetime | None, *, with_date: bool, day: dt.date | None) -> str:
    """'5 August 2030, 09:00 – 17:00'. `with_date=False` leaves the date out where it is `day` (a timetable's
    row under its day's heading) and says it where it is another day (the reader's evening before)."""

    def when(local: dt.datetime) -> str:
        if with_date or local.date() != day:
            return f"{_date(local)}, {_time(local)}"
        return _time(local)

    text = when(start)
    if end is None or end == start:
        return text
    if end.date() == start.date():
        return f"{text} – {_time(end)}"
    return f"{text} – {_date(end)}, {_time(end)}"


@dataclass(frozen=True)
class Shown:
    """One moment (or range) as the reader sees it: the venue's clock, and the reader's if it reads otherwise."""

    venue_text: str
    venue_zone: str
    venue_offset: str
    viewer_text: str = ""
    viewer_zone: str = ""
    viewer_offset: str = ""
    iso: str = ""

    @property
    def differs(self) -> bool:
        return bool(self.viewer_text)

    def as_text(self, *, with_zone: bool = True) -> str:
        text = self.venue_text
        if with_zone:
            text += f" ({self.venue_zone}, {self.venue_offset})"
        if self.differs:
            text += " · " + _("your time: %(when)s (%(zone)s, %(offset)s)") % {
                "when": self.viewer_text,
                "zone": self.viewer_zone,
                "offset": self.viewer_offset,
            }
        return text

    def as_html(self, *, with_zone: bool = True) -> SafeString:
        venue = format_html(
            '<time datetime="{}" data-venue-zone="{}">{}</time>', self.iso, self.venue_zone, self.venue_text
        )
        if with_zone:
            venue = format_html(
                '{} <span class="moment-zone">({}, {})</span>', venue, self.venue_zone, self.venue_offset
            )
        if not self.differs:
            return format_html('<span class="moment">{}</span>', venue)
        viewer = format_html(
            '<span class="moment-viewer" data-viewer-zone="{}">{}</span>',
            self.viewer_zone,
            _("your time: %(when)s (%(zone)s, %(offset)s)")
            % {"when": self.viewer_text, "zone": self.viewer_zone, "offset": self.viewer_offset},
        )
        return format_html('<span class="moment">{} {}</span>', venue, viewer)


def shown(
    start: dt.datetime,
    end: dt.datetime | None,
    venue_zone: str,
    viewer_zone: str = "",
    *,
    with_date: bool = True,
) -> Shown:
    """`start` (to `end`) in `venue_zone`, and in `viewer_zone` too when that zone's clock reads otherwise then."""
    venue = zone_or_none(venue_zone) or timezone.get_default_timezone()
    local_start = timezone.localtime(start, venue)
    local_end = timezone.localtime(end, venue) if end else None
    day = local_start.date()
    result = Shown(
        venue_text=_range_text(local_start, local_end, with_date=with_date, day=day),
        venue_zone=str(venue),
        venue_offset=utc_offset(start, venue),
        iso=start.isoformat(),
    )
    viewer = zone_or_none(viewer_zone)
    if viewer is None or utc_offset(start, viewer) == result.venue_offset:
        return result
    viewer_start = timezone.localtime(start, viewer)
    viewer_end = timezone.localtime(end, viewer) if end else None
    return replace(
        result,
        viewer_text=_range_text(viewer_start, viewer_end, with_date=with_date, day=day),
        viewer_zone=str(viewer),
        viewer_offset=utc_offset(start, viewer),
    )


def zones_differ(at: dt.datetime, venue_zone: str, viewer_zone: str) -> bool:
    viewer, venue = zone_or_none(viewer_zone), zone_or_none(venue_zone)
    return bool(viewer and venue and utc_offset(at, viewer) != utc_offset(at, venue))
