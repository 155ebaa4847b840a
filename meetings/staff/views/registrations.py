"""A meeting's registrations: every invited country with its delegation, confirm or decline, add a
participant on a country's request, and the exports."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accsm_portal.errors import DomainError

from ...models import MemberState
from ...selectors import invited_member_states
from ...services import registration, schedule
from .. import exports, selectors
from ..forms import ParticipantEditForm, ParticipantForm, StatusForm, add_domain_error
from .base import secretariat_required


@secretariat_required
def registrations(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    rows = selectors.registrations_for_meeting(actor=request.user, meeting=meeting)
    return render(
        request,
        "secretariat/registrations.html",
        {
            "meeting": meeting,
            "rows": rows,
            "editable": schedule.meeting_is_editable(meeting),
            "totals": {
                "taken": sum(r.taken for r in rows),
                "confirmed": sum(r.confirmed for r in rows),
                "awaiting": sum(r.awaiting for r in rows),
                "delegations": sum(1 for r in rows if r.delegation),
            },
        },
    )


@secretariat_required
@require_POST
def participant_status(request, pk: int, participant_pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    participant = selectors.participant_for_write(actor=request.user, meeting=meeting, pk=participant_pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose confirm or decline."))
    else:
        try:
            participant = registration.participant_set_status(
                actor=request.user,
                participant=participant,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            messages.error(request, f"{participant.full_name}: {error.message}")
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": participant.full_name, "status": participant.get_status_display()},
            )
    return redirect(f"{_registrations_url(meeting)}#delegation-{participant.delegation.member_state.code}")


def _registrations_url(meeting) -> str:
    from django.urls import reverse

    return reverse("secretariat:registrations", args=[meeting.pk])


@secretariat_required
def participant_add(request, pk: int):
    """Add a participant for a country that asked the secretariat to: the reason is kept in the audit trail."""
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    states = invited_member_states(meeting)
    initial = {}
    if code := request.GET.get("country"):
        initial["member_state"] = MemberState.objects.filter(code=code).values_list("pk", flat=True).first()
    form = ParticipantForm(request.POST or None, initial=initial, member_states=states)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in registration.PARTICIPANT_FIELDS if name in form.cleaned_data}
        reason = form.cleaned_data["reason"]
        try:
            with transaction.atomic():
                delegation = registration.delegation_for(
                    actor=request.user, meeting=meeting, member_state=form.cleaned_data["member_state"], reason=reason
                )
                participant = registration.participant_register(
                    actor=request.user,
                    delegation=delegation,
                    data=data,
                    waitlist=form.cleaned_data["waitlist"],
                    reason=reason,
                )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was added to the delegation of %(country)s.")
                % {"name": participant.full_name, "country": delegation.member_state.name},
            )
            return redirect(f"{_registrations_url(meeting)}#delegation-{delegation.member_state.code}")
    return render(request, "secretariat/participant_form.html", {"meeting": meeting, "form": form})


@secretariat_required
def participant_edit(request, pk: int, participant_pk: int):
    """Correct a participant's details for a country that asked the secretariat to (reason kept in the audit trail)."""
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    participant = selectors.participant_for_write(actor=request.user, meeting=meeting, pk=participant_pk)
    form = ParticipantEditForm(request.POST if request.method == "POST" else None, instance=participant)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            participant = registration.participant_update(
                actor=request.user,
                participant=selectors.participant_for_write(actor=request.user, meeting=meeting, pk=participant_pk),
                data=data,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s: details saved.") % {"name": participant.full_name})
            return redirect(f"{_registrations_url(meeting)}#delegation-{participant.delegation.member_state.code}")
    return render(
        request,
        "secretariat/participant_edit.html",
        {
            "meeting": meeting,
            "participant": participant,
            "form": form,
            "editable": schedule.meeting_is_editable(meeting),
        },
    )


# --- Exports --------------------------------------------------------------------------------------


def _filename(meeting, suffix: str) -> str:
    return f"{slugify(meeting.title_en or meeting.title)[:60] or 'meeting'}-{suffix}"


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@secretariat_required
def export_csv(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    participants = selectors.participants_for_export(actor=request.user, meeting=meeting).iterator(chunk_size=500)
    response = StreamingHttpResponse(exports.csv_rows(participants, meeting), content_type="text/csv; charset=utf-8")
    return _attachment(response, _filename(meeting, "participants.csv"))


@secretariat_required
def export_xlsx(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    participants = selectors.participants_for_export(actor=request.user, meeting=meeting).iterator(chunk_size=500)
    response = FileResponse(
        exports.xlsx_file(participants, meeting),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return _attachment(response, _filename(meeting, "participants.xlsx"))


@secretariat_required
def export_pdf(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    participants = selectors.participants_for_export(actor=request.user, meeting=meeting)
    response = HttpResponse(exports.participants_pdf(participants, meeting), content_type="application/pdf")
    return _attachment(response, _filename(meeting, "participants.pdf"))


@secretariat_required
def export_badges(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    participants = selectors.participants_for_export(actor=request.user, meeting=meeting)
    response = HttpResponse(exports.badges_pdf(participants, meeting), content_type="application/pdf")
    return _attachment(response, _filename(meeting, "badges.pdf"))
