"""The secretariat's side of the venue: the meeting's "At the venue" page (door staff, badge colours, the
badges), attendance per session live, the attendance list and the no-shows, and its exports."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError
from common.forms import add_domain_error
from meetings.staff.selectors import meeting_for_write
from meetings.staff.views.base import secretariat_required

from . import exports, selectors, services
from .forms import BadgeColoursForm, DoorStaffForm
from .models import DoorStaff


def _venue_page(request, meeting, *, door_form=None, colours_form=None):
    colours = selectors.badge_colours(meeting)
    return render(
        request,
        "venue/staff/venue.html",
        {
            "meeting": meeting,
            "door_staff": DoorStaff.objects.filter(meeting=meeting).select_related("user", "granted_by"),
            "door_form": door_form or DoorStaffForm(),
            "colours_form": colours_form or BadgeColoursForm(colours=colours),
            "summary": selectors.attendance_summary(actor=request.user, meeting=meeting),
            "check_in_url": request.build_absolute_uri(reverse("venue:check_in", args=[meeting.pk])),
        },
    )


@secretariat_required
def venue(request, pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    return _venue_page(request, meeting)


@secretariat_required
@require_POST
def door_staff_add(request, pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    form = DoorStaffForm(request.POST)
    if form.is_valid():
        try:
            door = services.door_staff_grant(
                actor=request.user, meeting=meeting, username_or_email=form.cleaned_data["user"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(user)s may now check people in.") % {"user": door.user})
            return redirect("secretariat:venue", meeting.pk)
    return _venue_page(request, meeting, door_form=form)


@secretariat_required
@require_POST
def door_staff_remove(request, pk: int, door_pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    services.door_staff_remove(actor=request.user, meeting=meeting, pk=door_pk)
    messages.success(request, _("Door access removed."))
    return redirect("secretariat:venue", meeting.pk)


@secretariat_required
@require_POST
def badge_colours(request, pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    form = BadgeColoursForm(request.POST, colours=selectors.badge_colours(meeting))
    if form.is_valid():
        try:
            services.badge_colours_save(actor=request.user, meeting=meeting, colours=form.colours())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Badge colours saved."))
            return redirect("secretariat:venue", meeting.pk)
    return _venue_page(request, meeting, colours_form=form)


@secretariat_required
def attendance(request, pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    listing = selectors.attendance_list(actor=request.user, meeting=meeting)
    return render(
        request,
        "venue/staff/attendance.html",
        {
            "meeting": meeting,
            "listing": listing,
            "countries": selectors.attendance_by_country(listing),
            "no_shows": listing.no_shows,
        },
    )


@secretariat_required
def attendance_summary(request, pk: int):
    """The live counts, as a fragment the meeting's pages fetch again every half minute."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
    summary = selectors.attendance_summary(actor=request.user, meeting=meeting)
    return render(request, "venue/staff/_attendance_summary.html", {"meeting": meeting, "summary": summary})


@secretariat_required
def attendance_export(request, pk: int, kind: str):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    listing = selectors.attendance_list(actor=request.user, meeting=meeting)
    return exports.attendance_export(kind, listing, meeting).response()
