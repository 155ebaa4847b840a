"""The webhooks' pages: the list with a form to subscribe, and a subscription's page with its deliveries.
The secretariat and focal points (their own country's registration events) use the same pages."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import registration_staff_required
from common.errors import DomainError
from common.forms import add_domain_error

from . import selectors, services
from .forms import SubscriptionForm
from .signing import EVENT_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

SECRET_KEY = "webhooks_new_secret"


@registration_staff_required
def subscriptions(request):
    form = SubscriptionForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = services.subscription_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            request.session[SECRET_KEY] = {"pk": subscription.pk, "secret": secret}
            return redirect("webhooks:detail", pk=subscription.pk)
    listed = selectors.subscriptions_visible_to(actor=request.user)
    return render(request, "webhooks/subscriptions.html", {"subscriptions": listed, "form": form})


@registration_staff_required
def detail(request, pk: int):
    subscription = selectors.subscription_for_actor(actor=request.user, pk=pk)
    initial = {"url": subscription.url, "events": subscription.events, "member_state": subscription.member_state}
    form = SubscriptionForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_update(actor=request.user, subscription=subscription, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The webhook is saved."))
            return redirect("webhooks:detail", pk=subscription.pk)
    shown = request.session.get(SECRET_KEY)
    secret = shown["secret"] if shown and shown.get("pk") == subscription.pk else ""
    if secret:
        del request.session[SECRET_KEY]  # shown once
    context = {
        "subscription": subscription,
        "form": form,
        "secret": secret,
        "deliveries": selectors.recent_deliveries(subscription),
        "headers": (EVENT_HEADER, EVENT_ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER),
    }
    return render(request, "webhooks/detail.html", context)


def _act(request, pk: int, action, done: str):
    subscription = selectors.subscription_for_actor(actor=request.user, pk=pk)
    try:
        action(actor=request.user, subscription=subscription)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return subscription


@require_POST
@registration_staff_required
def send_test(request, pk: int):
    _act(request, pk, services.send_test_event, _("A test event is on its way; its delivery appears below."))
    return redirect("webhooks:detail", pk=pk)


@require_POST
@registration_staff_required
def switch(request, pk: int):
    active = request.POST.get("active") == "1"

    def action(*, actor, subscription):
        services.subscription_set_active(actor=actor, subscription=subscription, active=active)

    _act(request, pk, action, _("The webhook is switched on.") if active else _("The webhook is switched off."))
    return redirect("webhooks:detail", pk=pk)


@require_POST
@registration_staff_required
def delete(request, pk: int):
    _act(request, pk, services.subscription_delete, _("The webhook is deleted."))
    return redirect("webhooks:subscriptions")
