"""The secretariat's side of the venue: the meeting's "At the venue" page (door staff, badge colours, the
badges), attendance per session live, the attendance list and the no-shows, and its exports."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.audit import record_access
from common.errors import DomainError, NotFound
from common.forms import add_domain_error
from meetings.staff.selectors import meeting_for_write
from meetings.staff.views.base import secretariat_required

from . import exports, selectors, services
from .forms import BadgeColoursForm, CertificateSignatoryForm, DoorStaffForm
from .models import CertificateSignatory, DoorStaff


def _venue_page(request, meeting, *, door_form=None, colours_form=None, signatory_form=None):
    colours = selectors.badge_colours(meeting)
    signatory = CertificateSignatory.objects.filter(meeting=meeting).first()
    return render(
        request,
        "venue/staff/venue.html",
        {
            "meeting": meeting,
            "door_staff": DoorStaff.objects.filter(meeting=meeting).select_related("user", "granted_by"),
            "door_form": door_form or DoorStaffForm(),
            "colours_form": colours_form or BadgeColoursForm(colours=colours),
            "signatory_form": signatory_form or CertificateSignatoryForm(instance=signatory),
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
    export = exports.attendance_export(kind, listing, meeting)  # an unknown kind is a 404 before any record
    record_access(request.user, meeting, purpose=f"attendance_{kind}", people=len(listing.participants))
    return export.response()


# --- Certificates of attendance -------------------------------------------------------------------------


def _participant(meeting, pk: int):
    from meetings.models import Participant

    participant = (
        Participant.objects.filter(pk=pk, delegation__meeting__in=[s.pk for s in selectors.sessions_of(meeting)])
        .select_related("delegation__member_state", "delegation__meeting")
        .first()
    )
    if participant is None:
        raise NotFound
    return participant


@secretariat_required
def certificate_pdf(request, pk: int, participant_pk: int):
    from common.exports import PDF, download_response

    from . import certificates

    meeting = meeting_for_write(actor=request.user, pk=pk)
    participant = _participant(meeting, participant_pk)
    try:
        certificate = services.certificate_issue(actor=request.user, participant=participant)
    except services.NotAttended as error:
        messages.error(request, str(error.message))
        return redirect("secretariat:attendance", meeting.pk)
    record_access(request.user, participant, purpose="certificate", people=1)
    return download_response(
        certificates.certificate_pdf(certificate), filename=certificates.file_name(certificate), content_type=PDF
    )


@secretariat_required
@require_POST
def certificates_email(request, pk: int):
    """Email the certificates: one participant's on request (`participant`), or everyone's who attended."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
    listing = selectors.attendance_list(actor=request.user, meeting=meeting)
    people = list(listing.participants)
    if request.POST.get("participant"):
        people = [
            _participant(meeting, int(request.POST["participant"]) if request.POST["participant"].isdigit() else 0)
        ]
    sent = services.certificates_email(actor=request.user, meeting=meeting, participants=people)
    messages.success(
        request,
        ngettext("%(n)s certificate is on its way.", "%(n)s certificates are on their way.", sent) % {"n": sent},
    )
    return redirect("secretariat:attendance", meeting.pk)


@secretariat_required
@require_POST
def certificate_signatory(request, pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    form = CertificateSignatoryForm(request.POST, instance=CertificateSignatory.objects.filter(meeting=meeting).first())
    if form.is_valid():
        try:
            services.certificate_signatory_save(actor=request.user, meeting=meeting, data=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The signatory of the certificates is saved."))
            return redirect("secretariat:venue", meeting.pk)
    return _venue_page(request, meeting, signatory_form=form)
