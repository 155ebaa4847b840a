"""Small helpers for the secretariat's templates."""

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def meeting_when(meeting, *, with_zone: bool = True) -> str:
    """'5 August 2030, 09:00 – 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)' in the venue's time zone."""
    start, end = meeting.local_start, meeting.local_end
    text = f"{formats.date_format(start, 'DATE_FORMAT')}, {formats.time_format(start, 'TIME_FORMAT')}"
    if end.date() == start.date():
        text += f" – {formats.time_format(end, 'TIME_FORMAT')}"
    else:
        text += f" – {formats.date_format(end, 'DATE_FORMAT')}, {formats.time_format(end, 'TIME_FORMAT')}"
    if with_zone:
        text += f" ({meeting.time_zone}, {meeting.utc_offset})"
    return text


@register.simple_tag
def local_datetime(value, zone: str) -> str:
    if not value:
        return ""
    import zoneinfo

    local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'TIME_FORMAT')}"


@register.filter
def days_label(days: int) -> str:
    if days <= 0:
        return _("today") if days == 0 else _("under way")
    if days == 1:
        return _("tomorrow")
    return _("in %(days)s days") % {"days": days}


@register.simple_tag
def iso_local(value, zone: str) -> str:
    """A datetime from the change log (an ISO string) in the venue's time zone."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return ""
    return local_datetime(moment, zone)
