"""Small helpers for the secretariat's templates."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from .moments import moment

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_when(context, meeting, *, with_zone: bool = True) -> str:
    """'5 August 2030, 09:00 – 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)' in the venue's time zone, and the
    reader's time beside it when their zone differs (moments.moment)."""
    return moment(context, meeting.start, meeting.end, meeting.time_zone, with_zone=with_zone)


@register.simple_tag(takes_context=True)
def when_range(context, start, end, zone: str) -> str:
    """Two moments (datetimes or the change log's ISO strings) as one range, as `moment` shows it."""
    import datetime as dt

    try:
        start, end = (
            value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value) for value in (start, end)
        )
    except (TypeError, ValueError):
        return ""
    return moment(context, start, end, zone)


@register.simple_tag(takes_context=True)
def local_datetime(context, value, zone: str) -> str:
    """One moment in the venue's time zone (its name shown by the page), as `moment` shows it."""
    if not value:
        return ""
    return moment(context, value, None, zone, with_zone=False)


@register.filter
def days_label(days: int) -> str:
    if days <= 0:
        return _("today") if days == 0 else _("under way")
    if days == 1:
        return _("tomorrow")
    return _("in %(days)s days") % {"days": days}


@register.simple_tag(takes_context=True)
def iso_local(context, value, zone: str) -> str:
    """A datetime from the change log (an ISO string) in the venue's time zone."""
    import datetime as dt

    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return ""
    return local_datetime(context, parsed, zone)


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
