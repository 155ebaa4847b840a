"""Registration pages under /<lang>/registrations/.

Shared by the secretariat and a country's focal points (the Note Verbale, the delegation's history,
letters of invitation): objects come through the selectors scoped to the actor, so another country's
object is a 404. The rest (waiting list, arrivals and departures, the letter template) is the
secretariat's.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import registration_staff_required, secretariat_required
from common import storage as file_storage
from common.audit import record_access
from common.errors import DomainError
from common.exports import CSV, PDF, download_response, write_csv
from common.forms import add_domain_error
from meetings.models import Chairmanship, Delegation, InvitationLetterTemplate, Meeting, MemberState, Participant
from meetings.selectors import current_chairmanship, delegation_for_actor, participant_for_actor

from . import history, letters, selectors
from .forms import InvitationLetterTemplateForm
from .services import letters as letter_services
from .services import registration as services

# --- Shared by the secretariat and the country's focal points --------------------------------------------


@registration_staff_required
def nomination_letter_download(request, pk: int):
    delegation = delegation_for_actor(actor=request.user, pk=pk)
    if not delegation.nomination_letter:
        raise Http404
    filename = f"note-verbale-{delegation.member_state.code.lower()}-{delegation.meeting_id}.pdf"
    response = file_storage.file_response(delegation.nomination_letter.name, filename=filename, content_type=PDF)
    record_access(request.user, delegation, purpose="nomination_letter", member_state=delegation.member_state_id)
    return response


@registration_staff_required
@never_cache
def delegation_history(request, pk: int):
    delegation = delegation_for_actor(actor=request.user, pk=pk)
    return render(
        request,
        "registrations/delegation_history.html",
        {
            "delegation": delegation,
            "meeting": delegation.meeting,
            "history": history.delegation_history(actor=request.user, delegation=delegation),
        },
    )


@registration_staff_required
def invitation_letter(request, pk: int, language: str):
    participant = participant_for_actor(actor=request.user, pk=pk)
    if not selectors.can_have_invitation_letter(participant):
        raise Http404
    pdf = letters.render_invitation_letter(participant, language=language)
    record_access(
        request.user,
        participant,
        purpose="invitation_letter",
        people=1,
        member_state=participant.delegation.member_state_id,
    )
    return download_response(pdf, filename=f"letter-of-invitation-{participant.pk}-{language}.pdf", content_type=PDF)


# --- Secretariat ----------------------------------------------------------------------------------------------


@secretariat_required
def index(request):
    """Where the secretariat finds the waiting lists, arrivals and departures and the letter template."""
    return render(
        request,
        "registrations/index.html",
        {
            "meetings": selectors.meetings_with_registration_counts(),
            "chairmanship": current_chairmanship(),
        },
    )


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("chairmanship__chair"), pk=pk)


@secretariat_required
@never_cache
def waiting_list(request, meeting_pk: int):
    meeting = _meeting(meeting_pk)
    return render(
        request,
        "registrations/waiting_list.html",
        {"meeting": meeting, "waiting": selectors.waiting_list(meeting=meeting)},
    )


@secretariat_required
@require_POST
def waiting_list_decide(request, pk: int, decision: str):
    """Accept someone from the waiting list (the delegation gets an extra place) or decline them."""
    if decision not in ("accept", "decline"):
        raise Http404
    participant = participant_for_actor(actor=request.user, pk=pk)
    if participant.status != Participant.Status.WAITLISTED:
        messages.error(request, _("%(name)s is no longer on the waiting list.") % {"name": participant.full_name})
        return redirect("registrations:waiting_list", meeting_pk=participant.delegation.meeting_id)
    status = Participant.Status.REGISTERED if decision == "accept" else Participant.Status.DECLINED
    try:
        services.participant_set_status(actor=request.user, participant=participant, status=status)
    except DomainError as error:
        messages.error(request, f"{participant.full_name}: {error.message}")
    else:
        if decision == "accept":
            messages.success(
                request,
                _("%(name)s is accepted; %(country)s has one more place.")
                % {"name": participant.full_name, "country": participant.delegation.member_state},
            )
        else:
            messages.success(request, _("%(name)s is declined.") % {"name": participant.full_name})
    return redirect("registrations:waiting_list", meeting_pk=participant.delegation.meeting_id)


# --- Secretariat: arrivals and departures -------------------------------------------------------------------


@secretariat_required
@never_cache
def arrivals(request, meeting_pk: int):
    meeting = _meeting(meeting_pk)
    with timezone.override(meeting.tz):
        return render(
            request,
            "registrations/arrivals.html",
            {"meeting": meeting, "days": selectors.arrivals_and_departures(meeting=meeting)},
        )


@secretariat_required
def arrivals_csv(request, meeting_pk: int):
    meeting = _meeting(meeting_pk)
    people = set()
    rows = [
        [
            _("Date"), _("Time"), _("Movement"), _("Name"), _("Country"), _("Phone"), _("Meetings"), _("Time zone"),
            _("Flight"), _("Airport"), _("Transfer"), _("Hotel"), _("Liaison officer"),
        ]
    ]  # fmt: skip
    for day in selectors.arrivals_and_departures(meeting=meeting):
        for label, movements in ((_("Arrival"), day.arrivals), (_("Departure"), day.departures)):
            for movement in movements:
                person = movement.participant
                people.add(person.pk)
                rows.append(
                    [
                        movement.when.date().isoformat(),
                        movement.when.strftime("%H:%M"),
                        label,
                        person.name_with_honorific,
                        person.delegation.member_state,
                        person.phone,
                        "; ".join(movement.meetings),
                        meeting.time_zone,
                        movement.flight,
                        movement.airport,
                        _("yes") if movement.transfer else "",
                        movement.hotel,
                        getattr(getattr(person.delegation, "liaison_officer", None), "name", ""),
                    ]
                )
    record_access(request.user, meeting, purpose="arrivals_csv", people=len(people))
    return download_response(write_csv(rows), filename=f"arrivals-departures-{meeting.pk}.csv", content_type=CSV)


# --- Secretariat: the letter of invitation template -------------------------------------------------------


@secretariat_required
def letter_template_edit(request, chairmanship_pk: int):
    chairmanship = get_object_or_404(Chairmanship.objects.select_related("chair"), pk=chairmanship_pk)
    instance = InvitationLetterTemplate.objects.filter(chairmanship=chairmanship).first()
    form = InvitationLetterTemplateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            with form.saving():
                letter_services.invitation_letter_template_save(
                    actor=request.user, chairmanship=chairmanship, data=form.edited
                )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The letter of invitation template is saved."))
            return redirect("registrations:letter_template", chairmanship_pk=chairmanship.pk)
    return render(
        request,
        "registrations/letter_template.html",
        {
            "chairmanship": chairmanship,
            "form": form,
            "saved": instance is not None,
            "placeholders": InvitationLetterTemplate.PLACEHOLDERS,
            "chairmanships": Chairmanship.objects.select_related("chair").order_by("-ordinal"),
        },
    )


@secretariat_required
def letter_template_preview(request, chairmanship_pk: int, language: str):
    """The saved template filled with an example participant, to check the layout before anyone needs it."""
    chairmanship = get_object_or_404(Chairmanship, pk=chairmanship_pk)
    meeting = chairmanship.meetings.order_by("-start").first()
    if meeting is None:
        raise Http404
    example = Participant(
        pk=0,
        full_name="Nguyễn Văn An",
        honorific=_("Mr."),
        position=_("Director-General"),
        organisation=_("Ministry of Home Affairs"),
        role=Participant.Role.HEAD,
        status=Participant.Status.CONFIRMED,
        delegation=Delegation(meeting=meeting, member_state=MemberState(code="VN", name=_("Viet Nam"))),
    )
    return download_response(
        letters.render_invitation_letter(example, language=language),
        filename=f"letter-of-invitation-example-{language}.pdf",
        content_type=PDF,
        inline=True,
        private=False,  # an example participant, no one's data
    )
