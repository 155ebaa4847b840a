"""Small helpers for the secretariat's templates."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def meeting_when(meeting, *, with_zone: bool = True) -> str:
    """'5 August 2030, 09:00 – 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)' in the venue's time zone."""
    text = _local_range(meeting.local_start, meeting.local_end)
    if with_zone:
        text += f" ({meeting.time_zone}, {meeting.utc_offset})"
    return text


@register.simple_tag
def when_range(start, end, zone: str) -> str:
    """Two moments (datetimes or the change log's ISO strings) as one range in the venue's time zone."""
    import datetime as dt
    import zoneinfo

    try:
        start, end = (
            value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value) for value in (start, end)
        )
    except (TypeError, ValueError):
        return ""
    tz = zoneinfo.ZoneInfo(zone)
    return _local_range(timezone.localtime(start, tz), timezone.localtime(end, tz))


def _local_range(start, end) -> str:
    """The date once when both ends fall on the same day: '5 August 2030, 09:00 – 17:00'."""
    text = f"{formats.date_format(start, 'DATE_FORMAT')}, {formats.time_format(start, 'TIME_FORMAT')}"
    if end.date() == start.date():
        return f"{text} – {formats.time_format(end, 'TIME_FORMAT')}"
    return f"{text} – {formats.date_format(end, 'DATE_FORMAT')}, {formats.time_format(end, 'TIME_FORMAT')}"


@register.simple_tag
def local_datetime(value, zone: str) -> str:
    if not value:
        return ""
    import zoneinfo

    local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'TIME_FORMAT')}"


@register.simple_tag
def moment(value, zone: str = "UTC", *, short: bool = False) -> str:
    """A moment labelled with its zone, as a <time> element: '4 December 2026, 19:50 (UTC)'. For the moments
    that belong to no meeting (a document's history, a token's creation, a last sign-in)."""
    if not value:
        return "—"
    import zoneinfo

    from django.utils.html import format_html

    local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
    date = formats.date_format(local, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
    return format_html(
        '<time datetime="{}">{}, {} ({})</time>',
        local.isoformat(),
        date,
        formats.time_format(local, "TIME_FORMAT"),
        zone,
    )


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


@register.simple_tag
def change_summary(change) -> str:
    """What a change-log entry changed, in a few words: 'Agenda item added: Opening', 'title, venue'."""
    from meetings.models import Meeting

    old, new = change.old_values or {}, change.new_values or {}
    if "agenda_order" in new:
        return _("agenda reordered")
    if "agenda_item" in new and "agenda_item" not in old:
        return _("agenda item added: %(title)s") % {"title": new["agenda_item"].get("title_en") or ""}
    if "agenda_item" in old and "agenda_item" not in new:
        return _("agenda item deleted: %(title)s") % {"title": old["agenda_item"].get("title_en") or ""}
    if "agenda_item" in new:
        return _("agenda item changed")
    labels = []
    for name in new:
        if name in ("status", "published_at", "cancellation_reason"):
            continue
        base = name.rsplit("_", 1)[0] if name.endswith(("_en", "_vi")) else name
        try:
            label = str(Meeting._meta.get_field(base).verbose_name)
        except FieldDoesNotExist:  # a field removed since the change was logged
            label = base
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)
