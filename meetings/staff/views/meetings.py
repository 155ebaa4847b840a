"""Meetings: list, create, edit, and the steps of their life (publish, postpone, cancel, conclude,
duplicate, delete)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.errors import Conflict, DomainError, EditedMeanwhile
from common.sorting import Sorting

from ...models import Chairmanship, Meeting
from ...notices import concerned_people, people_without_email
from ...services import schedule
from .. import selectors
from ..forms import (
    AgendaItemForm,
    CancelForm,
    DuplicateForm,
    MeetingForm,
    PostponeForm,
    RescheduleForm,
    UnpublishForm,
    add_domain_error,
)
from .base import secretariat_required

FILTERS = ("q", "chairmanship", "kind", "year", "status", "format")


def _filters(request) -> dict:
    values = {name: request.GET.get(name, "").strip() for name in FILTERS}
    for name in ("chairmanship", "year"):
        if not values[name].isdigit():
            values[name] = ""
    return values


@secretariat_required
def meeting_list(request):
    filters = _filters(request)
    sorting = Sorting(
        request,
        {
            "title": (_("Meeting"), ("title_en", "pk")),
            "when": (_("When (venue time)"), ("start", "pk")),
            "status": (_("Status"), ("status", "start", "pk")),
            "participants": (_("Participants"), ("participant_count", "start", "pk")),
        },
    )
    meetings = selectors.meetings_for_list(
        actor=request.user, filters=filters, order=sorting.order_by(selectors.LIST_ORDER)
    )
    page = Paginator(meetings, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "secretariat/meeting_list.html",
        {
            "page": page,
            "sorting": sorting.headers,
            "filters": filters,
            "query": query.urlencode(),
            "chairmanships": Chairmanship.objects.select_related("chair").order_by("-ordinal"),
            "kinds": Meeting.Kind.choices,
            "statuses": Meeting.Status.choices,
            "formats": Meeting.Format.choices,
            "years": selectors.meeting_years(),
        },
    )


@secretariat_required
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for_staff(actor=request.user, pk=pk)
    return render(
        request,
        "secretariat/meeting_detail.html",
        {
            "meeting": meeting,
            "editable": schedule.meeting_is_editable(meeting),
            # Exactly the steps the table allows from this status, and that their rules let through now.
            "transitions": schedule.allowed_transitions(request.user, meeting),
            "without_email": people_without_email(meeting),
            "changes": meeting.changes.all()[:20],
            "agenda_form": AgendaItemForm(meeting=meeting),
        },
    )


@secretariat_required
def meeting_create(request):
    initial = {}
    chairs = Chairmanship.objects.filter(handed_over_at__isnull=True).select_related("chair").order_by("-ordinal")
    if chairmanship := chairs.first():
        # A new meeting is usually in the chair's country: its capital's time zone comes first.
        initial.update(chairmanship=chairmanship.pk, time_zone=chairmanship.chair.capital_time_zone)
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in schedule.MEETING_FIELDS if name in form.cleaned_data}
        try:
            meeting = schedule.meeting_create(actor=request.user, data=data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was saved as a draft. Add its agenda, then publish it."))
            return redirect("secretariat:meeting", pk=meeting.pk)
    return render(request, "secretariat/meeting_form.html", {"form": form, "meeting": None})


@secretariat_required
def meeting_edit(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    if not schedule.meeting_is_editable(meeting):
        messages.error(request, schedule.ReadOnlyHistory.default_message)
        return redirect("secretariat:meeting", pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in schedule.MEETING_FIELDS if name in form.cleaned_data}
        try:
            with form.saving():
                schedule.meeting_update(
                    actor=request.user,
                    meeting=meeting,
                    data=data,
                    sequence=form.cleaned_data["sequence"] or 0,
                    notify=not form.cleaned_data.get("do_not_notify"),
                )
        except EditedMeanwhile as error:
            add_domain_error(form, error)  # says what is saved now; saving again goes through
        except Conflict as error:
            conflict = True
            add_domain_error(form, error)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("secretariat:meeting", pk=pk)
    return render(
        request,
        "secretariat/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "conflict": conflict,
            # Who a change of dates, venue, format or link would be told to, before it is saved.
            "told": concerned_people(meeting) if meeting.is_announced else None,
        },
    )


def _step(request, pk: int, *, template: str, form_class, run, success: str, form_kwargs=None):
    """A confirmation page with a small form, then one service call; the service's refusal is shown on the form."""
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    kwargs = form_kwargs(meeting) if form_kwargs else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            result = run(meeting, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, success)
            return redirect("secretariat:meeting", pk=getattr(result, "pk", pk))
    return render(request, template, {"form": form, "meeting": meeting, "told": concerned_people(meeting)})


@secretariat_required
def meeting_postpone(request, pk: int):
    return _step(
        request,
        pk,
        template="secretariat/meeting_postpone.html",
        form_class=PostponeForm,
        form_kwargs=lambda meeting: {"meeting": meeting},
        run=lambda meeting, data: schedule.meeting_postpone(
            actor=request.user,
            meeting=meeting,
            start=data["start"],
            end=data["end"],
            registration_deadline=data["registration_deadline"],
            reason=data["reason"],
            sequence=data["sequence"],
        ),
        success=_("The meeting was postponed. Its old dates stay in its history; everyone concerned is being told."),
    )


@secretariat_required
def meeting_reschedule(request, pk: int):
    return _step(
        request,
        pk,
        template="secretariat/meeting_reschedule.html",
        form_class=RescheduleForm,
        form_kwargs=lambda meeting: {"meeting": meeting},
        run=lambda meeting, data: schedule.meeting_reschedule(
            actor=request.user,
            meeting=meeting,
            start=data["start"],
            end=data["end"],
            registration_deadline=data["registration_deadline"],
            reason=data["reason"],
            sequence=data["sequence"],
        ),
        success=_("The meeting is rescheduled and published again. Everyone concerned is being told."),
    )


@secretariat_required
def meeting_unpublish(request, pk: int):
    return _step(
        request,
        pk,
        template="secretariat/meeting_unpublish.html",
        form_class=UnpublishForm,
        form_kwargs=lambda meeting: {"initial": {"sequence": meeting.sequence}},
        run=lambda meeting, data: schedule.meeting_unpublish(
            actor=request.user, meeting=meeting, reason=data["reason"], sequence=data["sequence"]
        ),
        success=_("The meeting is off the schedule. Publish it again when it is ready."),
    )


@secretariat_required
def meeting_cancel(request, pk: int):
    return _step(
        request,
        pk,
        template="secretariat/meeting_cancel.html",
        form_class=CancelForm,
        form_kwargs=lambda meeting: {"initial": {"sequence": meeting.sequence}},
        run=lambda meeting, data: schedule.meeting_cancel(
            actor=request.user, meeting=meeting, reason=data["reason"], sequence=data["sequence"]
        ),
        success=_("The meeting was cancelled. Everyone concerned is being told by email."),
    )


@secretariat_required
def meeting_duplicate(request, pk: int):
    return _step(
        request,
        pk,
        template="secretariat/meeting_duplicate.html",
        form_class=DuplicateForm,
        form_kwargs=lambda meeting: {"meeting": meeting},
        run=lambda meeting, data: schedule.meeting_duplicate(
            actor=request.user,
            meeting=meeting,
            start=data["start"],
            chairmanship=data["chairmanship"],
            title_en=data["title_en"],
            title_vi=data["title_vi"],
        ),
        success=_("This is the new draft, copied with its agenda. Check its details, then publish it."),
    )


def _simple_step(request, pk: int, run, success: str):
    """Publish and conclude: one button, POST only. They check the meeting's status, not its revision: the
    agenda editor raises the revision without reloading the page that holds these buttons."""
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    if request.method == "POST":
        try:
            run(meeting, request.POST.get("sequence"))
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, success)
    return redirect("secretariat:meeting", pk=pk)


def _sequence(value):
    return int(value) if value and str(value).isdigit() else None


@secretariat_required
def meeting_publish(request, pk: int):
    return _simple_step(
        request,
        pk,
        lambda meeting, seq: schedule.meeting_publish(actor=request.user, meeting=meeting, sequence=_sequence(seq)),
        _("The meeting is published: member states can see it and register."),
    )


@secretariat_required
def meeting_conclude(request, pk: int):
    return _simple_step(
        request,
        pk,
        lambda meeting, seq: schedule.meeting_conclude(actor=request.user, meeting=meeting, sequence=_sequence(seq)),
        _("The meeting is marked as held. Record its outcomes on the agenda."),
    )


@secretariat_required
def meeting_delete(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    has_registrations = schedule.meeting_has_registrations(meeting)
    if request.method == "POST":
        try:
            schedule.meeting_delete(actor=request.user, meeting=meeting)
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect("secretariat:meeting", pk=pk)
        messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": meeting.title})
        return redirect("secretariat:meetings")
    return render(
        request, "secretariat/meeting_delete.html", {"meeting": meeting, "has_registrations": has_registrations}
    )
