"""The API's pages in the portal: the guide for newcomers, the secretariat's token management, and
each focal point's private calendar link. A secret (token or link) is shown once, right after it is
created, and never again: it is kept in the session only until that page is shown."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from accounts.roles import is_secretariat
from common.errors import DomainError
from common.forms import add_domain_error

from . import services
from .forms import ApiTokenForm
from .models import ApiToken, CalendarFeedToken

NEW_SECRET_KEY = "api_new_secret"


def _pop_secret(request, kind: str) -> str | None:
    secret = request.session.get(NEW_SECRET_KEY)
    if secret and secret.get("kind") == kind:
        del request.session[NEW_SECRET_KEY]
        return secret["value"]
    return None


def _keep_secret(request, kind: str, value: str) -> None:
    request.session[NEW_SECRET_KEY] = {"kind": kind, "value": value}


def guide(request):
    from meetings.models import Chairmanship
    from meetings.selectors import current_chairmanship, example_meeting

    new_feed_token = _pop_secret(request, "calendar")
    user = request.user
    context = {
        "site_url": settings.SITE_URL,
        "chairmanships": Chairmanship.objects.select_related("chair").order_by("-ordinal"),
        "current": current_chairmanship(),
        # The example addresses name a meeting that exists, so that each of them answers.
        "example_meeting": example_meeting(),
        "can_have_private_feed": user.is_authenticated and services.calendar_feed_allowed(user),
        "private_feed_active": user.is_authenticated and services.calendar_feed_active(user) is not None,
        "new_private_feed_url": (
            settings.SITE_URL + reverse("calendar:private", kwargs={"token": new_feed_token})
            if new_feed_token
            else None
        ),
        "is_secretariat": is_secretariat(user),
    }
    return render(request, "api/guide.html", context)


@login_required
@require_POST
def private_feed(request):
    if not services.calendar_feed_allowed(request.user):
        raise Http404
    if request.POST.get("action") == "revoke":
        services.calendar_feed_revoke(actor=request.user)
        messages.success(request, _("Your private calendar link no longer works."))
    else:
        _keep_secret(request, "calendar", services.calendar_feed_create(actor=request.user))
        messages.success(request, _("Your new private calendar link is below. Any earlier link no longer works."))
    return redirect(reverse("api_portal:guide") + "#private-feed")


@secretariat_required
def tokens(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = services.api_token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                owner=form.cleaned_data["owner"],
                scope=form.cleaned_data["scope"],
                member_state=form.cleaned_data["member_state"],
                expires_at=form.expires_at,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            _keep_secret(request, "token", plain)
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
            return redirect("api_portal:tokens")
    context = {
        "form": form,
        "new_token": _pop_secret(request, "token"),
        "tokens": ApiToken.objects.select_related("owner", "member_state", "created_by", "revoked_by"),
        "feeds": CalendarFeedToken.objects.filter(revoked_at__isnull=True).select_related("user"),
        "site_url": settings.SITE_URL,
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
@secretariat_required
def token_revoke(request, pk: int):
    token = ApiToken.objects.filter(pk=pk).first()
    if token is None:
        raise Http404
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    return redirect("api_portal:tokens")


@login_required
@require_POST
@secretariat_required
def feed_revoke(request, pk: int):
    feed = CalendarFeedToken.objects.filter(pk=pk, revoked_at__isnull=True).select_related("user").first()
    if feed is None:
        raise Http404
    services.calendar_feed_revoke(actor=request.user, user=feed.user)
    messages.success(request, _("The private calendar link of %(user)s no longer works.") % {"user": feed.user})
    return redirect("api_portal:tokens")
