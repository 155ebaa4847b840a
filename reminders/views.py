"""The secretariat's reminder pages: rules, and per meeting who is reminded when, with what result."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from common.errors import DomainError
from common.forms import add_domain_error
from common.sorting import Sorting

from . import selectors
from .forms import MeetingRuleForm, RuleForm
from .services.management import meeting_setting_update, reminder_send_now, rule_update


@secretariat_required
def index(request):
    upcoming_other, past_other = selectors.other_reminders(actor=request.user)
    sorting = Sorting(
        request,
        {
            "meeting": (_("Meeting"), ("title_en", "pk")),
            "starts": (_("Starts"), selectors.MEETINGS_ORDER),
            "upcoming": (_("Upcoming"), ("scheduled_count", "start", "pk")),
            "sent": (_("Sent"), ("sent_count", "start", "pk")),
            "problems": (_("Failed or missed"), ("problem_count", "start", "pk")),
        },
    )
    return render(
        request,
        "reminders/index.html",
        {
            "rules": selectors.rules_for_page(actor=request.user),
            "meetings": selectors.meetings_with_reminders(
                actor=request.user, order=sorting.order_by(selectors.MEETINGS_ORDER)
            ),
            "sorting": sorting.headers,
            "problems": selectors.reminder_problems(actor=request.user),
            "upcoming_other": upcoming_other,
            "past_other": past_other,
            "dispatcher": selectors.dispatcher_status(),
            "secretariat_time_zone": settings.REMINDERS_TIME_ZONE,
        },
    )


@secretariat_required
def rule_edit(request, kind: str):
    rule = selectors.rule_for_page(actor=request.user, kind=kind)
    form = RuleForm(request.POST or None, rule=rule, time_zone=settings.REMINDERS_TIME_ZONE)
    if request.method == "POST" and form.is_valid():
        try:
            with form.saving():
                rule_update(actor=request.user, rule=rule, **form.edited)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The rule was saved; the reminders follow it."))
            return redirect("reminders:index")
    return render(request, "reminders/rule_form.html", {"rule": rule, "form": form})


@secretariat_required
def meeting_reminders(request, pk: int):
    meeting = selectors.meeting_for_reminders(actor=request.user, pk=pk)
    rule_settings = selectors.meeting_rule_settings(actor=request.user, meeting=meeting)
    posted_kind = request.POST.get("rule") if request.method == "POST" else None
    forms = []
    for rule, setting in rule_settings:
        bound = request.POST if posted_kind == rule.kind else None
        forms.append(MeetingRuleForm(bound, rule=rule, setting=setting))
    for form in forms:
        if form.is_bound and form.is_valid():
            try:
                with form.saving():
                    meeting_setting_update(actor=request.user, meeting=meeting, rule=form.rule, **form.edited)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved: %(rule)s for this meeting.") % {"rule": form.rule})
                return redirect("reminders:meeting", pk=meeting.pk)
    upcoming, past = selectors.reminders_of_meeting(actor=request.user, meeting=meeting)
    return render(
        request,
        "reminders/meeting.html",
        {
            "meeting": meeting,
            "forms": forms,
            "upcoming": upcoming,
            "past": past,
            "without_email": sum(1 for reminder in upcoming if not reminder.recipient_email),
        },
    )


@require_POST
@secretariat_required
def send_now(request, pk: int):
    reminder = selectors.reminder_for_actor(actor=request.user, pk=pk)
    try:
        reminder_send_now(actor=request.user, reminder=reminder)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The reminder to %(name)s is queued and goes out within a minute.") % {"name": reminder.recipient_name},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = None
    if target:
        return redirect(target)
    if reminder.meeting_id:
        return redirect("reminders:meeting", pk=reminder.meeting_id)
    return redirect("reminders:index")
