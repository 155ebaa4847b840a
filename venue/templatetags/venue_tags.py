"""The live attendance counts on the secretariat's meeting page (meetings' template, venue's data: the
meetings app never imports the venue)."""

from django import template

from venue import selectors

register = template.Library()


@register.inclusion_tag("venue/staff/_attendance_summary.html", takes_context=True)
def attendance_summary(context, meeting):
    return {"meeting": meeting, "summary": selectors.attendance_summary(actor=context["request"].user, meeting=meeting)}
