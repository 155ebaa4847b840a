"""`{% moment %}`: the one way a template shows a moment (common/moments.py says how).

    {% moment meeting.start meeting.end meeting.time_zone %}         5 August 2030, 09:00 – 17:00 (Asia/…)
    {% moment item.starts_at item.ends_at zone with_date=False %}     09:00 – 10:30 (under a day's heading)
    {% zone_note meeting.time_zone meeting.start %}                   the note when the reader's zone differs

The reader's zone is the context's `viewer_time_zone` (the request's, or an email's recipient's). In a
template that turns autoescaping off (the emails' plain text) the tags write plain text.
"""

from django import template
from django.template.loader import render_to_string

from common import moments

register = template.Library()


@register.simple_tag(takes_context=True)
def moment(context, start, end=None, zone="", *, with_date=True, with_zone=True):
    if not start:
        return ""
    shown = moments.shown(start, end or None, zone, context.get("viewer_time_zone", ""), with_date=with_date)
    return shown.as_html(with_zone=with_zone) if context.autoescape else shown.as_text(with_zone=with_zone)


@register.simple_tag(takes_context=True)
def zone_note(context, zone, at):
    """A visible note when the reader's clock differs from the venue's; nothing otherwise."""
    viewer = context.get("viewer_time_zone", "")
    if not at or not moments.zones_differ(at, zone, viewer):
        return ""
    values = {
        "venue_zone": zone,
        "venue_offset": moments.utc_offset(at, moments.zone_or_none(zone)),  # type: ignore[arg-type]
        "viewer_zone": viewer,
        "viewer_offset": moments.utc_offset(at, moments.zone_or_none(viewer)),  # type: ignore[arg-type]
        "request": context.get("request"),
    }
    return render_to_string("meetings/includes/zone_note.html", values)
