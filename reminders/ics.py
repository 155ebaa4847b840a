"""The .ics attached to a "meeting approaching" reminder (icalendar), in the active language.

The UID is stable per meeting and SEQUENCE follows the meeting's revision, so a calendar that already
holds the meeting updates the entry instead of adding a second one.
"""

from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from meetings.models import Meeting

from .rules.base import portal_url


def meeting_uid(meeting: Meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "accsm.localhost"
    return f"meeting-{meeting.pk}@{host}"


def meeting_event(meeting: Meeting) -> icalendar.Event:
    page = portal_url("meetings:detail", meeting.pk)
    place = ", ".join(part for part in (meeting.venue, meeting.city) if part)
    online = meeting.online_link if meeting.format != Meeting.Format.IN_PERSON else ""
    description = "\n".join(
        part
        for part in (
            meeting.theme,
            _("Online: %(link)s") % {"link": online} if online else "",
            _("Details and agenda: %(link)s") % {"link": page},
        )
        if part
    )
    return icalendar.Event.new(
        uid=meeting_uid(meeting),
        start=meeting.local_start,
        end=meeting.local_end,
        stamp=meeting.updated_at,
        sequence=meeting.sequence,
        summary=meeting.title,
        location=place or online or None,
        description=description,
        url=page,
        status="CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED",
    )


def meeting_ics(meeting: Meeting) -> bytes:
    calendar = icalendar.Calendar.new(prodid="-//ACCSM Portal//Reminders//EN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(meeting_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()
