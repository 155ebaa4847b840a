"""The secretariat's reminder pages: rules, and per meeting who is reminded when, with what result."""

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_secretariat
from common.errors import DomainError, NotFound

from . import selectors
from .forms import MeetingRuleForm, RuleForm
from .services.management import meeting_setting_update, reminder_send_now, rule_update


def secretariat_only(view):
    """Anonymous: to the sign-in page. Signed in but not secretariat: the page does not exist."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return wrapper


@secretariat_only
def index(request):
    upcoming_other, past_other = selectors.other_reminders(actor=request.user)
    return render(
        request,
        "reminders/index.html",
        {
            "rules": selectors.rules_for_page(actor=request.user),
            "meetings": selectors.meetings_with_reminders(actor=request.user),
            "problems": selectors.reminder_problems(actor=request.user),
            "upcoming_other": upcoming_other,
            "past_other": past_other,
            "dispatcher": selectors.dispatcher_status(),
            "secretariat_time_zone": settings.REMINDERS_TIME_ZONE,
        },
    )


@secretariat_only
def rule_edit(request, kind: str):
    rule = selectors.rule_for_page(actor=request.user, kind=kind)
    form = RuleForm(request.POST or None, rule=rule, time_zone=settings.REMINDERS_TIME_ZONE)
    if request.method == "POST" and form.is_valid():
        try:
            rule_update(actor=request.user, rule=rule, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The rule was saved; the reminders follow it."))
            return redirect("reminders:index")
    return render(request, "reminders/rule_form.html", {"rule": rule, "form": form})


@secretariat_only
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
                meeting_setting_update(actor=request.user, meeting=meeting, rule=form.rule, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
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
@secretariat_only
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
