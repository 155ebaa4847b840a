"""The pages of the record, the action-item tracker and the written procedure: thin views over
proceedings.selectors and proceedings.services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import registration_staff_required, secretariat_required
from accounts.roles import is_secretariat
from common.errors import DomainError, NotFound
from common.forms import show_refusal
from common.rules import refusal
from meetings.models import MemberState

from . import selectors
from .comments_table import comments_export
from .forms import (
    ActionItemForm,
    AnswerForm,
    DecisionForm,
    ProcedureForm,
    ProgressForm,
    ReportCirculateForm,
    ReportCommentForm,
    SummaryForm,
)
from .models import ActionItem
from .report import report_export
from .services import matters_arising as arising
from .services import procedures, record, reports, tracker


def _record_url(meeting_pk: int, anchor: str = "") -> str:
    url = reverse("proceedings:record", args=[meeting_pk])
    return f"{url}#{anchor}" if anchor else url


# --- The record (secretariat) ----------------------------------------------------------------------


@secretariat_required
def record_index(request):
    return render(
        request,
        "proceedings/record_index.html",
        {
            "meetings": selectors.meetings_for_record(actor=request.user),
            "ahead": selectors.meetings_ahead(actor=request.user),
        },
    )


@secretariat_required
def matters_arising(request, pk: int):
    """The open action items of the previous meeting of the same kind, and the button that puts them on this
    meeting's draft agenda as one item, each linked back."""
    meeting = selectors.meeting_for_agenda(actor=request.user, pk=pk)
    if request.method == "POST":
        try:
            item = arising.matters_arising_add(actor=request.user, meeting=meeting)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("“%(title)s” was added to the agenda.") % {"title": item.title})
        return redirect("proceedings:matters_arising", pk=meeting.pk)
    previous = arising.previous_meeting(meeting)
    return render(
        request,
        "proceedings/matters_arising.html",
        {
            "meeting": meeting,
            "previous": previous,
            "open_items": list(arising.open_action_items_of(previous)) if previous else [],
            "carried": meeting.matters_arising.select_related("action_item__owner_member_state", "agenda_item"),
            "can_add": arising.can_add_matters_arising(request.user, meeting),
            "refusal": refusal(arising.ensure_can_add_matters_arising, request.user, meeting),
        },
    )


def _record_page(request, meeting, *, forms=None, status=200):
    """The record beside the agenda. `forms` keeps a refused form (with its errors) in its place."""
    forms = forms or {}
    member_states = list(MemberState.objects.order_by("name"))
    items = []
    for item in meeting.agenda_items.all():
        record_row = getattr(item, "record", None)
        items.append(
            {
                "item": item,
                "summary_form": forms.get(("summary", item.pk))
                or SummaryForm(
                    initial={
                        "summary_en": record_row.summary_en if record_row else "",
                        "summary_vi": record_row.summary_vi if record_row else "",
                    },
                    prefix=f"s{item.pk}",
                ),
                "decision_form": forms.get(("decision", item.pk)) or DecisionForm(prefix=f"d{item.pk}"),
                "action_form": forms.get(("action", item.pk))
                or ActionItemForm(prefix=f"a{item.pk}", member_states=member_states),
            }
        )
    not_recordable = refusal(record.ensure_can_record, request.user, meeting)
    return render(
        request,
        "proceedings/record.html",
        {
            "meeting": meeting,
            "items": items,
            "can_record": not not_recordable,
            "not_recordable": not_recordable,
            **_report_context(request, meeting, forms.get("circulate")),
        },
        status=status,
    )


def _report_context(request, meeting, circulate_form=None) -> dict:
    """The report's panel on the record page: its documents, the latest circulation, the next steps."""
    return {
        "report_documents": sorted(reports.report_documents(meeting).values(), key=lambda d: d.language),
        "circulation": selectors.latest_circulation(actor=request.user, meeting=meeting),
        "circulate_form": circulate_form or ReportCirculateForm(),
        "can_circulate_report": reports.can_circulate_report(request.user, meeting),
        "can_adopt_report": reports.can_adopt_report(request.user, meeting),
        "report_adopted": reports.is_adopted(meeting),
    }


@secretariat_required
def record_page(request, pk: int):
    return _record_page(request, selectors.meeting_record(actor=request.user, pk=pk))


@secretariat_required
def report_download(request, pk: int):
    """The draft report from the record, in the language and format asked (?language=vi&format=docx)."""
    language = request.GET.get("language", "en")
    file_format = request.GET.get("format", "pdf")
    if language not in dict(settings.LANGUAGES) or file_format not in ("pdf", "docx"):
        raise NotFound
    meeting = selectors.meeting_record(actor=request.user, pk=pk)
    return report_export(meeting, language=language, file_format=file_format).response()


@secretariat_required
@require_POST
def summary_save(request, pk: int):
    item = selectors.agenda_item_for_record(actor=request.user, pk=pk)
    form = SummaryForm(request.POST, prefix=f"s{item.pk}")
    return _record_form_post(
        request,
        item,
        "summary",
        form,
        lambda: record.item_summary_save(actor=request.user, agenda_item=item, **form.cleaned_data),
        _("The summary was saved."),
    )


def _record_form_post(request, item, kind: str, form, save, saved_message):
    """One of the record page's forms for `item`, sent: saved and back to the item, or the page again
    with this form's errors (and every other form as it was)."""
    if form.is_valid():
        try:
            save()
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, saved_message)
            return redirect(_record_url(item.meeting_id, f"item-{item.pk}"))
    meeting = selectors.meeting_record(actor=request.user, pk=item.meeting_id)
    return _record_page(request, meeting, forms={(kind, item.pk): form}, status=422)


@secretariat_required
@require_POST
def decision_add(request, pk: int):
    item = selectors.agenda_item_for_record(actor=request.user, pk=pk)
    form = DecisionForm(request.POST, prefix=f"d{item.pk}")
    return _record_form_post(
        request,
        item,
        "decision",
        form,
        lambda: record.decision_add(actor=request.user, agenda_item=item, data=form.decision_data()),
        _("The decision was recorded."),
    )


@secretariat_required
def decision_edit(request, pk: int):
    decision = selectors.decision_for_write(actor=request.user, pk=pk)
    initial = {"text_en": decision.text_en, "text_vi": decision.text_vi}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record.decision_update(actor=request.user, decision=decision, data=form.decision_data())
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The decision was saved."))
            return redirect(_record_url(decision.agenda_item.meeting_id, f"item-{decision.agenda_item_id}"))
    return render(
        request,
        "proceedings/decision_form.html",
        {"decision": decision, "form": form, "meeting": decision.agenda_item.meeting},
        status=422 if form.errors else 200,
    )


@secretariat_required
@require_POST
def decision_delete(request, pk: int):
    decision = selectors.decision_for_write(actor=request.user, pk=pk)
    try:
        record.decision_delete(actor=request.user, decision=decision)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The decision was deleted."))
    return redirect(_record_url(decision.agenda_item.meeting_id, f"item-{decision.agenda_item_id}"))


@secretariat_required
@require_POST
def action_add(request, pk: int):
    item = selectors.agenda_item_for_record(actor=request.user, pk=pk)
    form = ActionItemForm(request.POST, prefix=f"a{item.pk}")
    return _record_form_post(
        request,
        item,
        "action",
        form,
        lambda: record.action_item_add(actor=request.user, agenda_item=item, data=form.action_item_data()),
        _("The action item was recorded."),
    )


# --- Action items: the tracker ---------------------------------------------------------------------


@registration_staff_required
@never_cache
def tracker_page(request):
    filters = selectors.TrackerFilters.from_query(request.GET)
    return render(
        request,
        "proceedings/tracker.html",
        {
            "items": selectors.action_items_for_tracker(actor=request.user, filters=filters),
            "filters": filters,
            "filtered": bool(filters),
            "statuses": ActionItem.Status.choices,
            "owner_kinds": [c for c in ActionItem.Owner.choices if c[0] != ActionItem.Owner.MEMBER_STATE],
            "owner_states": selectors.tracker_owners(actor=request.user),
            "meetings": selectors.tracker_meetings(actor=request.user),
            "secretariat": is_secretariat(request.user),
            "today": timezone.localdate(),
        },
    )


@registration_staff_required
@never_cache
def action_detail(request, pk: int):
    action_item = selectors.action_item_for_actor(actor=request.user, pk=pk)
    can_report = tracker.can_report(request.user, action_item)
    form = ProgressForm(request.POST or None, actor=request.user, initial={"status": action_item.status})
    if request.method == "POST" and form.is_valid():
        try:
            tracker.progress_report(actor=request.user, action_item=action_item, **form.cleaned_data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your progress report was saved."))
            return redirect("proceedings:action", pk=action_item.pk)
    return render(
        request,
        "proceedings/action_detail.html",
        {
            "action_item": action_item,
            "meeting": action_item.agenda_item.meeting,
            "form": form,
            "can_report": can_report,
            "secretariat": is_secretariat(request.user),
        },
        status=422 if form.errors else 200,
    )


@secretariat_required
def action_edit(request, pk: int):
    action_item = selectors.action_item_for_actor(actor=request.user, pk=pk)
    form = ActionItemForm(request.POST or None, initial=ActionItemForm.initial_for(action_item), with_status=True)
    if request.method == "POST" and form.is_valid():
        try:
            record.action_item_update(actor=request.user, action_item=action_item, data=form.action_item_data())
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The action item was saved."))
            return redirect("proceedings:action", pk=action_item.pk)
    return render(
        request,
        "proceedings/action_form.html",
        {"action_item": action_item, "form": form, "meeting": action_item.agenda_item.meeting},
        status=422 if form.errors else 200,
    )


@secretariat_required
@require_POST
def action_delete(request, pk: int):
    action_item = selectors.action_item_for_actor(actor=request.user, pk=pk)
    try:
        record.action_item_delete(actor=request.user, action_item=action_item)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("proceedings:action", pk=action_item.pk)
    messages.success(request, _("The action item was deleted."))
    return redirect(_record_url(action_item.agenda_item.meeting_id, f"item-{action_item.agenda_item_id}"))


# --- Written procedures ----------------------------------------------------------------------------


@registration_staff_required
@never_cache
def procedure_list(request):
    return render(
        request,
        "proceedings/procedure_list.html",
        {
            "procedures": selectors.procedures_for_list(actor=request.user),
            "secretariat": is_secretariat(request.user),
            "now": timezone.now(),
        },
    )


@secretariat_required
def procedure_new(request):
    initial = {"report_of": request.GET["report_of"]} if request.GET.get("report_of", "").isdigit() else {}
    form = ProcedureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            procedure = procedures.procedure_circulate(actor=request.user, data=form.procedure_data())
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The written procedure was circulated."))
            return redirect("proceedings:procedure", pk=procedure.pk)
    return render(request, "proceedings/procedure_form.html", {"form": form}, status=422 if form.errors else 200)


@registration_staff_required
@never_cache
def procedure_detail(request, pk: int):
    if is_secretariat(request.user):
        procedure, rows = selectors.procedure_matrix(actor=request.user, pk=pk)
        template = (
            "proceedings/_matrix.html"
            if request.GET.get("fragment") == "matrix"
            else "proceedings/procedure_matrix.html"
        )
        return render(
            request,
            template,
            {
                "procedure": procedure,
                "rows": rows,
                "answered": sum(1 for row in rows if row.current),
                "can_close": procedures.can_close(request.user, procedure),
                "now": timezone.now(),
            },
        )
    return _procedure_answer_page(request, pk)


def _procedure_answer_page(request, pk: int):
    procedure, country = selectors.procedure_for_focal_point(actor=request.user, pk=pk)
    answers = list(country.answers.all())
    current = next((answer for answer in answers if answer.is_current), None)
    initial = {"kind": current.kind, "text": current.text} if current else {}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            procedures.procedure_answer(actor=request.user, procedure=procedure, **form.cleaned_data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your country's answer was recorded."))
            return redirect("proceedings:procedure", pk=procedure.pk)
    return render(
        request,
        "proceedings/procedure_answer.html",
        {
            "procedure": procedure,
            "country": country,
            "answers": answers,
            "current": current,
            "form": form,
            "can_answer": procedures.can_answer(request.user, procedure),
            "refusal": refusal(procedures.ensure_can_answer, request.user, procedure),
        },
        status=422 if form.errors else 200,
    )


@secretariat_required
@require_POST
def procedure_close(request, pk: int):
    procedure, _rows = selectors.procedure_matrix(actor=request.user, pk=pk)
    try:
        procedure = procedures.procedure_close(actor=request.user, procedure=procedure)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The procedure is closed: %(outcome)s.") % {"outcome": procedure.get_outcome_display()}
        )
    return redirect("proceedings:procedure", pk=procedure.pk)


@secretariat_required
def procedure_comments(request, pk: int):
    """The compiled comments table, PDF or XLSX (?format=xlsx), in the page's language."""
    file_format = request.GET.get("format", "pdf")
    if file_format not in ("pdf", "xlsx"):
        raise NotFound
    procedure, rows = selectors.procedure_matrix(actor=request.user, pk=pk)
    return comments_export(procedure, rows, file_format=file_format, language=request.LANGUAGE_CODE).response()


# --- The report: circulated for comments, adopted --------------------------------------------------


@secretariat_required
@require_POST
def report_circulate(request, pk: int):
    meeting = selectors.meeting_record(actor=request.user, pk=pk)
    form = ReportCirculateForm(request.POST)
    if form.is_valid():
        try:
            reports.report_circulate(actor=request.user, meeting=meeting, deadline=form.cleaned_data["deadline"])
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The draft report was circulated to the focal points for comments."))
            return redirect(_record_url(meeting.pk, "report"))
    return _record_page(request, meeting, forms={"circulate": form}, status=422)


@secretariat_required
@require_POST
def report_adopt(request, pk: int):
    """Adoption at the meeting; ad referendum goes through a written procedure about the report."""
    meeting = selectors.meeting_record(actor=request.user, pk=pk)
    try:
        reports.report_adopt(actor=request.user, meeting=meeting)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The report was adopted; it is the meeting's report document."))
    return redirect(_record_url(meeting.pk, "report"))


@secretariat_required
def report_comments(request, pk: int):
    meeting = selectors.meeting_for_agenda(actor=request.user, pk=pk)
    return render(
        request,
        "proceedings/report_comments.html",
        {"meeting": meeting, "circulations": selectors.circulations_with_comments(actor=request.user, meeting=meeting)},
    )


@registration_staff_required
@never_cache
def report_list(request):
    """Draft reports circulated for comments: to a focal point, those of meetings their country attends."""
    return render(
        request,
        "proceedings/report_list.html",
        {
            "circulations": selectors.circulations_for(actor=request.user),
            "now": timezone.now(),
            "user_is_secretariat": is_secretariat(request.user),
        },
    )


@registration_staff_required
@never_cache
def report_comment_page(request, pk: int):
    """A focal point reads the circulated draft and their own country's comments, and comments."""
    circulation, comments = selectors.circulation_for_focal_point(actor=request.user, pk=pk)
    form = ReportCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reports.report_comment(actor=request.user, circulation=circulation, text=form.cleaned_data["text"])
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your country's comment was sent to the secretariat."))
            return redirect("proceedings:report_comment", pk=circulation.pk)
    return render(
        request,
        "proceedings/report_comment.html",
        {
            "circulation": circulation,
            "meeting": circulation.meeting,
            "comments": comments,
            "documents": sorted(reports.report_documents(circulation.meeting).values(), key=lambda d: d.language),
            "form": form,
            "can_comment": reports.can_comment(request.user, circulation),
            "refusal": refusal(reports.ensure_can_comment, request.user, circulation),
        },
        status=422 if form.errors else 200,
    )
