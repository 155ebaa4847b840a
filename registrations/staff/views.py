"""A meeting's registrations: every invited country with its delegation, confirm or decline, add a
participant on a country's request, and the exports."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.audit import record_access
from common.errors import DomainError, EditedMeanwhile
from common.forms import add_domain_error
from common.sorting import Sorting
from exportjobs.views import offer
from meetings.models import MemberState, Participant
from meetings.selectors import invited_member_states
from meetings.services import schedule
from meetings.staff.selectors import meeting_for_write
from meetings.staff.views.base import secretariat_required
from venue import selectors as venue_selectors

from .. import exports, jobs
from ..selectors import can_have_invitation_letter
from ..services import registration
from . import selectors
from .forms import BulkStatusForm, ParticipantEditForm, ParticipantForm, RegistrationFilterForm, StatusForm

PAGE_SIZE = 100


@secretariat_required
def registrations(request, pk: int):
    """The meeting's participants, filtered, 100 to a page, under their delegations; the summary counts the
    whole meeting. Rows are cheap to render: labels translated and URLs reversed once for the page, and one
    form of the page (its CSRF token, the page to come back to) shared by every row's buttons."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
    registered = selectors.registrations_for_meeting(actor=request.user, meeting=meeting)
    form = RegistrationFilterForm(request.GET, member_states=registered.member_states)
    filters = form.filters()
    sorting = Sorting(
        request,
        {
            "name": (_("Name"), ("full_name", "pk")),
            "role": (_("Role"), ("-is_head", "role", "pk")),
            "status": (_("Status"), ("status", "-is_head", "pk")),
        },
    )
    participants = selectors.participants_for_registrations(
        actor=request.user, meeting=meeting, order=sorting.order_by(selectors.WITHIN_DELEGATION), **filters
    )
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = registered.rows(page.object_list)
    _prepare_rows(rows, meeting)
    # Countries nobody is registered for are listed once, on the first page, unless a filter rules them out.
    if page.number == 1 and not (filters["status"] or filters["q"]):
        without_participants = registered.without_participants(filters["country"])
    else:
        without_participants = []
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registrations/secretariat/registrations.html",
        {
            "meeting": meeting,
            "editable": schedule.meeting_is_editable(meeting),
            "totals": registered.totals,
            "form": form,
            "filters": filters,
            "filtered": any(filters.values()),
            "query": query.urlencode(),
            "page": page,
            "rows": rows,
            "sorting": sorting.headers,
            "without_participants": without_participants,
        },
    )


def _prepare_rows(rows: list[selectors.DelegationRow], meeting) -> None:
    """Give each participant shown the URLs of its buttons and letters, from URLs reversed once for the page."""
    status_before, status_after = _cut(reverse("secretariat:participant_status", args=[meeting.pk, 0]))
    edit_before, edit_after = _cut(reverse("secretariat:participant_edit", args=[meeting.pk, 0]))
    letter_before, letter_en = _cut(reverse("registrations:invitation_letter", args=[0, "en"]))
    letter_vi = _cut(reverse("registrations:invitation_letter", args=[0, "vi"]))[1]
    for row in rows:
        for participant in row.participants:
            pk = participant.pk
            participant.status_url = f"{status_before}{pk}{status_after}"
            participant.may_confirm = registration.can_change_status(participant, Participant.Status.CONFIRMED)
            participant.may_decline = registration.can_change_status(participant, Participant.Status.DECLINED)
            participant.edit_url = f"{edit_before}{pk}{edit_after}"
            participant.letter_urls = ()
            if can_have_invitation_letter(participant, meeting):
                participant.letter_urls = (f"{letter_before}{pk}{letter_en}", f"{letter_before}{pk}{letter_vi}")


def _cut(url: str) -> tuple[str, str]:
    """A URL reversed with 0 for a participant's id, cut where the id goes."""
    before, after = url.rsplit("/0/", 1)
    return f"{before}/", f"/{after}"


@secretariat_required
@require_POST
def participant_status(request, pk: int, participant_pk: int):
    meeting = meeting_for_write(actor=request.user, pk=pk)
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
    back = _back_to_registrations(request, meeting)
    return redirect(f"{back}#delegation-{participant.delegation.member_state.code}")


@secretariat_required
@require_POST
def participants_bulk_status(request, pk: int):
    """Confirm or decline the participants ticked on the registrations page, one service call each: who
    could not be changed (no place left, withdrawn meanwhile) is said by name, the others are changed."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
    ids = selectors.participants_for_registrations_ids(meeting=meeting)
    form = BulkStatusForm(request.POST, participant_ids=ids)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back_to_registrations(request, meeting))
    done = []
    for participant_pk in form.cleaned_data["participants"]:
        participant = selectors.participant_for_write(actor=request.user, meeting=meeting, pk=participant_pk)
        try:
            registration.participant_set_status(
                actor=request.user,
                participant=participant,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            messages.error(request, f"{participant.full_name}: {error.message}")
        else:
            done.append(participant.full_name)
    if done:
        label = dict(BulkStatusForm.base_fields["status"].choices)[form.cleaned_data["status"]]
        messages.success(request, _("%(action)s: %(names)s.") % {"action": label, "names": ", ".join(done)})
    return redirect(_back_to_registrations(request, meeting))


def _registrations_url(meeting) -> str:
    return reverse("secretariat:registrations", args=[meeting.pk])


def _country_on_registrations(meeting, code: str) -> str:
    """The registrations page filtered to one country, at its delegation (where a participant just added or
    edited shows, whatever page the country would fall on)."""
    return f"{_registrations_url(meeting)}?country={code}#delegation-{code}"


def _back_to_registrations(request, meeting) -> str:
    """The registrations page the form was sent from (its filters and page, from the form's `next`), or the
    first page: `next` must be a URL of this site and of this meeting's registrations page."""
    url = _registrations_url(meeting)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    parts = urlsplit(back)
    if parts.path != url:
        return url
    return f"{url}?{parts.query}" if parts.query else url


@secretariat_required
def participant_add(request, pk: int):
    """Add a participant for a country that asked the secretariat to: the reason is kept in the audit trail."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
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
            return redirect(_country_on_registrations(meeting, delegation.member_state.code))
    return render(request, "registrations/secretariat/participant_form.html", {"meeting": meeting, "form": form})


@secretariat_required
def participant_edit(request, pk: int, participant_pk: int):
    """Correct a participant's details for a country that asked the secretariat to (reason kept in the audit trail)."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
    participant = selectors.participant_for_write(actor=request.user, meeting=meeting, pk=participant_pk)
    form = ParticipantEditForm(request.POST if request.method == "POST" else None, instance=participant)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            participant = registration.participant_update(
                actor=request.user,
                participant=participant,  # the service reads it again under the delegation's lock
                data=data,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except EditedMeanwhile as error:
            form.show_edited_meanwhile(error)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s: details saved.") % {"name": participant.full_name})
            return redirect(_country_on_registrations(meeting, participant.delegation.member_state.code))
    return render(
        request,
        "registrations/secretariat/participant_edit.html",
        {
            "meeting": meeting,
            "participant": participant,
            "form": form,
            "editable": schedule.meeting_is_editable(meeting),
        },
    )


# --- Exports --------------------------------------------------------------------------------------


def _participants_file(request, pk: int, kind: str, purpose: str, *, stream: bool):
    """A meeting's participants as a file, its reading recorded in the audit trail; a large XLSX or PDF is made
    by a worker (exportjobs.views.offer), its reading recorded when it is downloaded."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
    participants = selectors.participants_for_export(actor=request.user, meeting=meeting)
    people = participants.count()

    def immediate():
        record_access(request.user, meeting, purpose=purpose, people=people)
        rows = participants.iterator(chunk_size=500) if stream else participants
        return exports.participants_export(kind, rows, meeting).response()

    if kind == "csv":  # streamed line by line: fast and light at any size
        return immediate()
    return offer(request, f"participants_{kind}", {"meeting": meeting.pk}, rows=people, immediate=immediate)


@secretariat_required
def export_csv(request, pk: int):
    return _participants_file(request, pk, "csv", "participants_csv", stream=True)


@secretariat_required
def export_xlsx(request, pk: int):
    return _participants_file(request, pk, "xlsx", "participants_xlsx", stream=True)


@secretariat_required
def export_pdf(request, pk: int):
    return _participants_file(request, pk, "pdf", "participants_pdf", stream=False)


@secretariat_required
def export_badges(request, pk: int):
    """The confirmed participants' badges (issued now for those without one), A6 or four to an A4 sheet; a
    large meeting's by a worker."""
    meeting = meeting_for_write(actor=request.user, pk=pk)
    layout = request.GET.get("layout") if request.GET.get("layout") in exports.LAYOUTS else "sheet"

    def immediate():
        badges = jobs.issued_badges(request.user, meeting)
        record_access(request.user, meeting, purpose="badges_pdf", people=len(badges))
        colours = venue_selectors.badge_colours(meeting)
        return jobs.badges_export(badges, meeting, layout=layout, colours=colours).response()

    people = selectors.participants_for_export(actor=request.user, meeting=meeting).count()
    return offer(request, "badges", {"meeting": meeting.pk, "layout": layout}, rows=people, immediate=immediate)
