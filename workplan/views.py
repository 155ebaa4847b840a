"""The work plan's pages: thin views over workplan.selectors and workplan.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import secretariat_required
from accounts.roles import is_secretariat, member_state_of
from common.errors import DomainError, Forbidden, NotFound
from exportjobs.views import offer

from . import charts, exports, selectors, services
from .forms import (
    AdoptPlanForm,
    AgendaForm,
    CarryOverForm,
    DecisionForm,
    InitiativeFilterForm,
    NextPlanForm,
    OralProgressForm,
    ProgressForm,
    ProposalForm,
    add_domain_error,
    with_reason,
)


def _int(value) -> int:
    """A primary key from form input; anything else finds nothing."""
    return int(value) if value and str(value).isdigit() else 0


def _plan_and_initiatives(request, pk: int):
    return plan_and_initiatives(request.user, pk, request.GET)


def plan_and_initiatives(actor, pk: int, query):
    """The plan, its filter form on `query`, the filters, its initiatives and their groups (the pages, the
    exports, and the PDF's export job, exportjobs/, which keeps the query string)."""
    work_plan = selectors.work_plan_for_page(actor=actor, pk=pk)
    filter_form = InitiativeFilterForm(query, work_plan=work_plan)
    filters = filter_form.filters()
    initiatives = list(selectors.initiatives_of_plan(actor=actor, work_plan=work_plan, filters=filters))
    groups = selectors.plan_by_priority_area(work_plan=work_plan, initiatives=initiatives, keep_empty=not filters)
    return work_plan, filter_form, filters, initiatives, groups


def _plan_context(request, work_plan) -> dict:
    return {
        "work_plan": work_plan,
        "can_propose": services.can_propose(request.user, work_plan),
        "next_plan": selectors.next_work_plan(work_plan, actor=request.user),
        "query": request.GET.urlencode(),
    }


def plan_current(request):
    work_plan = selectors.current_work_plan(actor=request.user)
    if work_plan is None:
        return render(request, "workplan/no_plan.html")
    return redirect("workplan:plan", pk=work_plan.pk)


def plan_detail(request, pk: int):
    work_plan, filter_form, filters, initiatives, groups = _plan_and_initiatives(request, pk)
    return render(
        request,
        "workplan/plan_detail.html",
        {
            **_plan_context(request, work_plan),
            "tab": "plan",
            "filter_form": filter_form,
            "filtered": bool(filters),
            "groups": groups,
            "count": len(initiatives),
        },
    )


def plan_timeline(request, pk: int):
    work_plan, filter_form, filters, initiatives, groups = _plan_and_initiatives(request, pk)
    picture = charts.timeline(
        work_plan=work_plan,
        groups=groups,
        today=timezone.localdate(),
        url_for=lambda initiative: reverse("workplan:initiative", args=[initiative.pk]),
    )
    return render(
        request,
        "workplan/plan_timeline.html",
        {
            **_plan_context(request, work_plan),
            "tab": "timeline",
            "filter_form": filter_form,
            "filtered": bool(filters),
            "timeline": picture,
            "count": len(initiatives),
        },
    )


def plan_summary(request, pk: int):
    work_plan, filter_form, filters, initiatives, _groups = _plan_and_initiatives(request, pk)
    return render(
        request,
        "workplan/plan_summary.html",
        {
            **_plan_context(request, work_plan),
            "tab": "summary",
            "filter_form": filter_form,
            "filtered": bool(filters),
            "by_status": charts.summary_by_status(initiatives),
            "by_country": charts.summary_by_country(initiatives),
            "count": len(initiatives),
        },
    )


def plan_export_xlsx(request, pk: int):
    work_plan, _form, _filters, _initiatives, groups = _plan_and_initiatives(request, pk)
    return exports.work_plan_export("xlsx", work_plan=work_plan, groups=groups).response()


def plan_export_pdf(request, pk: int):
    """The plan as PDF; a plan of many initiatives is drawn by a worker for a signed-in person."""
    work_plan, _form, _filters, initiatives, groups = _plan_and_initiatives(request, pk)
    return offer(
        request,
        "work_plan_pdf",
        {"plan": work_plan.pk, "query": request.GET.urlencode()},
        rows=len(initiatives),
        immediate=lambda: exports.work_plan_export("pdf", work_plan=work_plan, groups=groups).response(),
    )


@login_required
def proposal_create(request, pk: int):
    work_plan = selectors.work_plan_for_page(actor=request.user, pk=pk)
    try:
        lead = services.ensure_may_propose(request.user, work_plan)
    except (Forbidden, NotFound):
        raise  # the portal's error page (common/middleware.py)
    except DomainError as error:  # the plan has ended: back to it, saying why
        messages.warning(request, error.message)
        return redirect("workplan:plan", pk=work_plan.pk)
    form = ProposalForm(request.POST or None, work_plan=work_plan, lead=lead)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_propose(actor=request.user, work_plan=work_plan, data=form.proposal_data())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your proposal has been sent to the secretariat."))
            return redirect("workplan:initiative", pk=initiative.pk)
    return render(
        request,
        "workplan/proposal_form.html",
        {"work_plan": work_plan, "form": form, "lead": lead, "initiative": None},
    )


@login_required
def proposal_list(request, pk: int):
    work_plan = selectors.work_plan_for_page(actor=request.user, pk=pk)
    if not (is_secretariat(request.user) or member_state_of(request.user)):
        raise Forbidden
    return render(
        request,
        "workplan/proposal_list.html",
        {
            **_plan_context(request, work_plan),
            "tab": "proposals",
            "proposals": _with_steps(request.user, selectors.proposals_for(actor=request.user, work_plan=work_plan)),
        },
    )


@secretariat_required
def attention(request, pk: int):
    work_plan = selectors.work_plan_for_page(actor=request.user, pk=pk)
    return render(
        request,
        "workplan/attention.html",
        {
            **_plan_context(request, work_plan),
            "tab": "attention",
            "rows": selectors.initiatives_needing_attention(work_plan=work_plan),
            "silent_after_days": selectors.SILENT_AFTER_DAYS,
        },
    )


@secretariat_required
def next_plan_start(request, pk: int):
    previous = selectors.work_plan_for_page(actor=request.user, pk=pk)
    existing = selectors.next_work_plan(previous)
    if existing is not None:
        return redirect("workplan:carry_over", pk=existing.pk)
    initial = {
        "period_start": previous.period_end + timezone.timedelta(days=1),
        "period_end": previous.period_end.replace(year=previous.period_end.year + 5),
    }
    form = NextPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.work_plan_start_next(actor=request.user, previous=previous, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The new plan has been started as a draft with the same priority areas."))
            return redirect("workplan:carry_over", pk=plan.pk)
    return render(request, "workplan/next_plan_form.html", {"previous": previous, "form": form})


@secretariat_required
def plan_adopt(request, pk: int):
    """Record that the ACCSM adopted a plan being drafted: from then on everyone sees it."""
    work_plan = selectors.work_plan_for_page(actor=request.user, pk=pk)
    if not work_plan.is_draft:
        messages.info(request, _("%(plan)s has already been adopted.") % {"plan": work_plan.title})
        return redirect("workplan:plan", pk=work_plan.pk)
    form = AdoptPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_plan_adopt(actor=request.user, work_plan=work_plan, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(plan)s is adopted and now public.") % {"plan": work_plan.title})
            return redirect("workplan:plan", pk=work_plan.pk)
    return render(request, "workplan/plan_adopt.html", {"work_plan": work_plan, "form": form})


@secretariat_required
def carry_over(request, pk: int):
    """The next plan's page for choosing, one by one, the previous plan's unfinished initiatives to carry over."""
    next_plan = selectors.work_plan_for_page(actor=request.user, pk=pk)
    if next_plan.previous_id is None:
        raise NotFound
    errors = {}
    if request.method == "POST":
        initiative = selectors.initiative_for_actor(actor=request.user, pk=_int(request.POST.get("initiative")))
        form = CarryOverForm(request.POST, next_plan=next_plan)
        if not form.is_valid():
            errors[initiative.pk] = _("Choose a priority area of the new plan.")
        else:
            try:
                copy = services.initiative_carry_over(
                    actor=request.user, initiative=initiative, priority_area=form.cleaned_data["priority_area"]
                )
            except DomainError as error:
                errors[initiative.pk] = str(error.message)
            else:
                messages.success(request, _("“%(title)s” has been carried over.") % {"title": copy.title})
                return redirect(reverse("workplan:carry_over", args=[next_plan.pk]) + f"#initiative-{initiative.pk}")
    areas = list(next_plan.priority_areas.order_by("number"))
    area_by_number = {area.number: area for area in areas}
    rows = []
    for initiative in selectors.carry_over_candidates(next_plan=next_plan):
        copies = list(initiative.carried_over_to.all())
        suggested = area_by_number.get(initiative.priority_area.number)
        rows.append(
            {
                "initiative": initiative,
                "copy": copies[0] if copies else None,
                "suggested": suggested.pk if suggested else None,
                "error": errors.get(initiative.pk, ""),
            }
        )
    return render(
        request,
        "workplan/carry_over.html",
        {"work_plan": next_plan, "previous": next_plan.previous, "rows": rows, "areas": areas},
    )


def _with_steps(actor, initiatives) -> list:
    """Each row knows which of the secretariat's steps its services would take (the row's buttons)."""
    rows = list(initiatives)
    for initiative in rows:
        initiative.can_put_on_agenda = services.can_put_on_agenda(actor, initiative)
        initiative.can_decide = services.can_decide(actor, initiative)
    return rows


def initiative_detail(request, pk: int):
    initiative = selectors.initiative_for_page(actor=request.user, pk=pk)
    return render(
        request,
        "workplan/initiative_detail.html",
        {
            "initiative": initiative,
            "work_plan": initiative.priority_area.work_plan,
            "is_secretariat": is_secretariat(request.user),
            "acts_on_initiative": services.can_report_for(request.user, initiative),
            "can_report": services.can_report_progress(request.user, initiative),
            "can_revise": services.can_revise(request.user, initiative),
            "can_edit": services.can_edit_initiative(request.user, initiative),
            "can_put_on_agenda": services.can_put_on_agenda(request.user, initiative),
            "can_decide": services.can_decide(request.user, initiative),
            "documents": selectors.documents_of_initiative(actor=request.user, initiative=initiative),
        },
    )


@login_required
def initiative_edit(request, pk: int):
    """The lead country's focal point revises its proposal; the secretariat edits any initiative for the
    record, with a reason (services.ensure_may_edit_initiative)."""
    initiative = selectors.initiative_for_actor(actor=request.user, pk=pk)
    try:
        services.ensure_may_edit_initiative(request.user, initiative)
    except (Forbidden, NotFound):
        raise NotFound from None
    except DomainError:
        pass  # the lead's proposal no longer open to change: the form shows why once it is sent
    secretariat = is_secretariat(request.user)
    work_plan = initiative.priority_area.work_plan
    form = ProposalForm(
        request.POST or None,
        work_plan=work_plan,
        lead=initiative.lead,
        initial=ProposalForm.initial_from(initiative),
        read_at=initiative,
    )
    if secretariat:
        with_reason(form)
    if request.method == "POST" and form.is_valid():
        try:
            with form.saving():
                services.initiative_revise(
                    actor=request.user,
                    initiative=initiative,
                    data=form.proposal_data(),
                    reason=form.cleaned_data.get("reason", ""),
                )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The initiative has been updated.") if secretariat else _("The proposal has been updated.")
            )
            return redirect("workplan:initiative", pk=initiative.pk)
    return render(
        request,
        "workplan/proposal_form.html",
        {
            "work_plan": work_plan,
            "form": form,
            "lead": initiative.lead,
            "initiative": initiative,
            "for_the_record": secretariat,
        },
        status=422 if form.errors else 200,
    )


@secretariat_required
def initiative_agenda(request, pk: int):
    initiative = selectors.initiative_for_actor(actor=request.user, pk=pk)
    form = AgendaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.initiative_put_on_agenda(
                actor=request.user, initiative=initiative, meeting=form.cleaned_data["meeting"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The proposal is on the agenda of %(meeting)s.") % {"meeting": item.meeting})
            return redirect("workplan:initiative", pk=initiative.pk)
    return render(
        request,
        "workplan/initiative_action.html",
        {
            "initiative": initiative,
            "form": form,
            "heading": _("Put on a SOM's agenda"),
            "submit": _("Put on the agenda"),
        },
    )


@secretariat_required
def initiative_decision(request, pk: int):
    initiative = selectors.initiative_for_actor(actor=request.user, pk=pk)
    initial = {"meeting": initiative.agenda_item.meeting_id} if initiative.agenda_item_id else {}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_decide(
                actor=request.user,
                initiative=initiative,
                meeting=form.cleaned_data["meeting"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The SOM's decision has been recorded."))
            return redirect("workplan:initiative", pk=initiative.pk)
    return render(
        request,
        "workplan/initiative_action.html",
        {
            "initiative": initiative,
            "form": form,
            "heading": _("Record the SOM's decision"),
            "submit": _("Record the decision"),
        },
    )


@login_required
def initiative_progress(request, pk: int):
    """The lead country's focal point reports progress; the secretariat records what the country
    reported orally at a SOM, with a reason."""
    initiative = selectors.initiative_for_actor(actor=request.user, pk=pk)
    services.ensure_may_report_for(request.user, initiative)
    secretariat = is_secretariat(request.user)
    latest = initiative.progress_updates.order_by("-date", "-pk").first()
    initial = {"percent_complete": latest.percent_complete} if latest else {}
    form_class = OralProgressForm if secretariat else ProgressForm
    form = form_class(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_post(
                actor=request.user,
                initiative=initiative,
                text=form.cleaned_data["text"],
                percent_complete=form.cleaned_data["percent_complete"],
                files=form.cleaned_data["files"],
                meeting=form.cleaned_data.get("meeting"),
                reason=form.cleaned_data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The progress reported by %(country)s has been recorded.") % {"country": initiative.lead.name}
                if secretariat
                else _("Your progress update has been posted."),
            )
            return redirect("workplan:initiative", pk=initiative.pk)
    return render(
        request,
        "workplan/initiative_action.html",
        {
            "initiative": initiative,
            "form": form,
            "heading": _("Record progress reported orally") if secretariat else _("Report progress"),
            "submit": _("Record the progress") if secretariat else _("Post the update"),
            "multipart": True,
        },
        status=422 if form.errors else 200,
    )
