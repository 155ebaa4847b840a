"""The focal points' pages under /<lang>/my/: their country's meetings and delegations.

The country is always the signed-in focal point's own (accounts.roles.member_state_of); objects are
fetched through the selectors scoped to it, so another country's delegation or participant is a 404.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.decorators import focal_point_required
from accounts.roles import member_state_of
from accreditation import files as accreditation_files
from accreditation import services as accreditation
from common.errors import DomainError, EditedMeanwhile, NotFound
from common.exports import CSV, XLSX, download_response
from common.forms import show_refusal
from meetings.models import Participant
from meetings.selectors import delegation_for_actor, participant_for_actor

from . import history, participant_files, selectors
from .forms import (
    CopyParticipantsForm,
    NominationLetterForm,
    ParticipantAddForm,
    ParticipantFileForm,
    ParticipantForm,
)
from .services import registration as services


def focal_point_page(view):
    """Signed-in active focal points only, never cached (NotFound answers 404: common.middleware)."""
    return focal_point_required(never_cache(view))


def _delegation_url(meeting):
    return redirect("my:delegation", meeting_pk=meeting.pk)


@focal_point_page
def meetings(request):
    return render(
        request,
        "registrations/my/meetings.html",
        {
            "upcoming": selectors.meetings_for_focal_point(actor=request.user),
            "past": selectors.meetings_for_focal_point(actor=request.user, past=True, limit=10),
        },
    )


@focal_point_page
def delegation(request, meeting_pk: int):
    meeting = selectors.meeting_for_focal_point(actor=request.user, pk=meeting_pk)
    delegation = selectors.delegation_of(actor=request.user, meeting=meeting)
    return render(
        request,
        "registrations/my/delegation.html",
        {
            "meeting": meeting,
            "delegation": delegation,
            "participants": _with_letters(
                delegation.participants.select_related("accreditation", "travel__hotel"), meeting
            )
            if delegation
            else [],
            "accreditation_asked": accreditation.accreditation_asked(meeting),
            "places_used": (delegation.registered_count + delegation.confirmed_count) if delegation else 0,
            "allowance": delegation.allowance if delegation else meeting.delegates_allowed,
            "is_open": services.registration_is_open(meeting),
            "history": history.delegation_history(actor=request.user, delegation=delegation) if delegation else [],
        },
    )


def _with_letters(participants, meeting) -> list[Participant]:
    """Each participant marked with whether a letter of invitation is offered (the one rule, in selectors) and
    with its accreditation and what it still lacks."""
    participants = accreditation.mark_completeness(list(participants), meeting)
    for participant in participants:
        participant.has_invitation_letter = selectors.can_have_invitation_letter(participant, meeting)
    return participants


@focal_point_page
def participant_add(request, meeting_pk: int):
    meeting = selectors.meeting_for_focal_point(actor=request.user, pk=meeting_pk)
    with timezone.override(meeting.tz):
        form = ParticipantAddForm(request.POST or None, meeting=meeting, initial={"language": request.LANGUAGE_CODE})
        if request.method == "POST" and form.is_valid():
            try:
                delegation = services.delegation_for(actor=request.user, meeting=meeting)
                participant = services.participant_register(
                    actor=request.user,
                    delegation=delegation,
                    data=form.service_data(),
                    waitlist=form.cleaned_data["waitlist"],
                )
            except DomainError as error:
                show_refusal(form, error)
            else:
                if participant.status == Participant.Status.WAITLISTED:
                    messages.warning(request, _("%(name)s is on the waiting list.") % {"name": participant.full_name})
                else:
                    messages.success(request, _("%(name)s is registered.") % {"name": participant.full_name})
                return _delegation_url(meeting)
        return render(request, "registrations/my/participant_form.html", {"form": form, "meeting": meeting})


@focal_point_page
def participant_edit(request, pk: int):
    participant = participant_for_actor(actor=request.user, pk=pk)
    meeting = participant.delegation.meeting
    with timezone.override(meeting.tz):
        form = ParticipantForm(request.POST or None, meeting=meeting, instance=participant)
        if request.method == "POST" and form.is_valid():
            try:
                participant = services.participant_update(
                    actor=request.user,
                    participant=participant,
                    data=form.service_data(),
                    version=form.cleaned_data["version"],
                )
            except EditedMeanwhile as error:
                form.show_edited_meanwhile(error)
            except DomainError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("The changes to %(name)s are saved.") % {"name": participant.full_name})
                return _delegation_url(meeting)
        return render(
            request,
            "registrations/my/participant_form.html",
            {"form": form, "meeting": meeting, "participant": participant},
        )


@focal_point_page
def participant_withdraw(request, pk: int):
    participant = participant_for_actor(actor=request.user, pk=pk)
    meeting = participant.delegation.meeting
    error = None
    if request.method == "POST":
        try:
            services.participant_withdraw(actor=request.user, participant=participant)
        except NotFound:
            raise
        except DomainError as domain_error:
            error = domain_error.message
        else:
            messages.success(request, _("%(name)s is withdrawn.") % {"name": participant.full_name})
            return _delegation_url(meeting)
    return render(
        request,
        "registrations/my/participant_withdraw.html",
        {"participant": participant, "meeting": meeting, "error": error},
    )


@focal_point_page
def participants_import(request, meeting_pk: int):
    meeting = selectors.meeting_for_focal_point(actor=request.user, pk=meeting_pk)
    form = ParticipantFileForm(request.POST or None, request.FILES or None)
    rejection, report = "", []
    if request.method == "POST" and form.is_valid():
        try:
            with timezone.override(meeting.tz):
                rows = participant_files.read_participant_file(form.cleaned_data["file"], meeting)
                good, problems = participant_files.check_rows(
                    rows, default_language=request.LANGUAGE_CODE, meeting=meeting
                )
                good, accreditations = participant_files.split_accreditation(good)
                delegation = services.delegation_for(actor=request.user, meeting=meeting)
                with transaction.atomic():  # the participants and their accreditation data, or nothing
                    registered = services.participants_import(
                        actor=request.user, delegation=delegation, rows=good, problems=problems
                    )
                    accreditation_files.save_imported(
                        actor=request.user, participants=registered, values=accreditations
                    )
        except services.ImportRejected as rejected:
            rejection = str(rejected.message)
            report = [(p.row, participant_files.problem_column(p, meeting), p.message) for p in rejected.problems]
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("%(count)d participants imported.") % {"count": len(registered)})
            return _delegation_url(meeting)
    return render(
        request,
        "registrations/my/participants_import.html",
        {
            "form": form,
            "meeting": meeting,
            "rejection": rejection,
            "report": report,
            "max_rows": participant_files.max_rows(),
        },
        status=422 if report else 200,
    )


@focal_point_page
def import_template(request, file_format: str):
    """The import template; ?meeting=<pk> adds the accreditation columns that meeting asks for."""
    if file_format not in ("csv", "xlsx"):
        raise Http404
    meeting_pk = request.GET.get("meeting", "")
    meeting = None
    if meeting_pk:
        if not meeting_pk.isdigit() or len(meeting_pk) > 12:
            raise Http404
        meeting = selectors.meeting_for_focal_point(actor=request.user, pk=int(meeting_pk))
    if file_format == "csv":
        content, content_type = participant_files.template_csv(meeting), CSV
    else:
        content, content_type = participant_files.template_xlsx(meeting), XLSX
    return download_response(
        content, filename=f"accsm-participants.{file_format}", content_type=content_type, private=False
    )


@focal_point_page
def participants_copy(request, meeting_pk: int):
    """Start from the delegation of an earlier meeting: pick the meeting, then the people."""
    meeting = selectors.meeting_for_focal_point(actor=request.user, pk=meeting_pk)
    source_pk = request.GET.get("from")
    if not source_pk:
        return render(
            request,
            "registrations/my/participants_copy.html",
            {"meeting": meeting, "sources": selectors.earlier_delegations(actor=request.user, meeting=meeting)},
        )
    if not source_pk.isdigit():
        raise Http404
    source = delegation_for_actor(actor=request.user, pk=int(source_pk))
    if source.member_state != member_state_of(request.user) or source.meeting_id == meeting.pk:
        raise Http404
    people = list(selectors.copyable_participants(source))
    form = CopyParticipantsForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            delegation = services.delegation_for(actor=request.user, meeting=meeting)
            copied = services.participants_copy(
                actor=request.user,
                delegation=delegation,
                source=source,
                participant_ids=form.cleaned_data["participants"],
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("%(count)d participants registered.") % {"count": len(copied)})
            return _delegation_url(meeting)
    return render(
        request,
        "registrations/my/participants_copy.html",
        {"meeting": meeting, "source": source, "form": form},
    )


@focal_point_page
def nomination_letter_upload(request, meeting_pk: int):
    meeting = selectors.meeting_for_focal_point(actor=request.user, pk=meeting_pk)
    form = NominationLetterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            delegation = services.delegation_for(actor=request.user, meeting=meeting)
            services.delegation_attach_nomination_letter(
                actor=request.user, delegation=delegation, upload=form.cleaned_data["nomination_letter"]
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The Note Verbale is attached."))
            return _delegation_url(meeting)
    return render(request, "registrations/my/nomination_letter.html", {"form": form, "meeting": meeting})
