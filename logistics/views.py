"""Logistics pages. A delegate's travel (`logistics:travel`) is the focal point's of the delegate's country and
the secretariat's; the meeting's logistics (hotels, liaison officers, the transfer sheet, the rooming list)
are the secretariat's, under the "secretariat" namespace (staff_urls.py)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import registration_staff_required, secretariat_required
from accounts.roles import is_secretariat
from common.audit import record_access
from common.errors import DomainError, NotFound
from common.forms import show_refusal
from meetings.models import Delegation
from meetings.selectors import participant_for_actor
from meetings.staff.selectors import meeting_for_write

from . import exports, selectors, services
from .forms import HotelForm, LiaisonOfficerForm, TravelForm

# --- A delegate's travel ---------------------------------------------------------------------------------


@registration_staff_required
@never_cache
def travel(request, pk: int):
    participant = participant_for_actor(actor=request.user, pk=pk)
    meeting = participant.delegation.meeting
    editable = services.can_change_travel(request.user, participant)
    with timezone.override(meeting.tz):
        form = TravelForm(
            request.POST if request.method == "POST" else None,
            instance=services.travel_of(participant),
            participant=participant,
            meeting=meeting,
        )
        if request.method == "POST" and editable and form.is_valid():
            try:
                services.travel_save(actor=request.user, participant=participant, data=form.service_data())
            except DomainError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("The travel of %(name)s is saved.") % {"name": participant.full_name})
                if is_secretariat(request.user):
                    return redirect("secretariat:logistics", meeting.pk)
                return redirect("my:delegation", meeting_pk=meeting.pk)
        officer = getattr(participant.delegation, "liaison_officer", None)
        return render(
            request,
            "logistics/travel.html",
            {
                "participant": participant,
                "meeting": meeting,
                "form": form,
                "editable": editable,
                "liaison_officer": officer,
                "as_secretariat": is_secretariat(request.user),
            },
            status=422 if form.errors else 200,
        )


# --- The secretariat's logistics of a meeting ----------------------------------------------------------


def _logistics_page(request, meeting, *, hotel_form=None, officer_forms=None, status=200):
    delegations = list(selectors.delegations_with_officers(meeting=meeting))
    officer_forms = officer_forms or {}
    for delegation in delegations:
        delegation.officer_form = officer_forms.get(delegation.pk) or LiaisonOfficerForm(
            instance=getattr(delegation, "liaison_officer", None), prefix=f"d{delegation.pk}"
        )
    return render(
        request,
        "logistics/staff/logistics.html",
        {
            "meeting": meeting,
            "hotels": services.hotels_for(meeting).filter(meeting=meeting),
            "hotel_form": hotel_form or HotelForm(),
            "delegations": delegations,
        },
        status=status,
    )


@secretariat_required
@never_cache
def logistics(request, pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    return _logistics_page(request, meeting)


@secretariat_required
@require_POST
def hotel_add(request, pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    form = HotelForm(request.POST)
    if form.is_valid():
        try:
            hotel = services.hotel_add(actor=request.user, meeting=meeting, data=form.cleaned_data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("%(hotel)s is on the meeting's list of hotels.") % {"hotel": hotel.name})
            return redirect("secretariat:logistics", meeting.pk)
    return _logistics_page(request, meeting, hotel_form=form, status=422)


@secretariat_required
@require_POST
def hotel_delete(request, pk: int, hotel_pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    try:
        services.hotel_delete(actor=request.user, meeting=meeting, pk=hotel_pk)
    except NotFound:
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The hotel is removed from the list."))
    return redirect("secretariat:logistics", meeting.pk)


@secretariat_required
@require_POST
def liaison_officer(request, pk: int, delegation_pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    delegation = get_object_or_404(Delegation.objects.select_related("member_state"), pk=delegation_pk, meeting=meeting)
    form = LiaisonOfficerForm(request.POST, prefix=f"d{delegation.pk}")
    if form.is_valid():
        try:
            services.liaison_officer_save(actor=request.user, delegation=delegation, data=form.cleaned_data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, _("The liaison officer of %(country)s is saved.") % {"country": delegation.member_state}
            )
            return redirect("secretariat:logistics", meeting.pk)
    return _logistics_page(request, meeting, officer_forms={delegation.pk: form}, status=422)


@secretariat_required
def logistics_export(request, pk: int, sheet: str, kind: str):
    meeting = meeting_for_write(actor=request.user, pk=pk)
    with timezone.override(meeting.tz):
        export, people = exports.logistics_export(sheet, kind, meeting)  # unknown: a 404 before any record
        record_access(request.user, meeting, purpose=f"{sheet}_{kind}", people=people)
        return export.response()
