"""The .ics attached to a "meeting approaching" reminder: the calendar feeds' event builder, so the
attachment and the calendar feeds describe a meeting with the same UID and SEQUENCE (a calendar that
subscribed to the feed updates its entry instead of showing the meeting twice)."""

from meetings.feeds.ical import build_calendar
from meetings.models import Meeting


def meeting_ics(meeting: Meeting) -> bytes:
    """In the active language; with the online link, which the participants of the meeting may see."""
    return build_calendar([meeting], name=meeting.title, with_online_link=lambda _meeting: True)
