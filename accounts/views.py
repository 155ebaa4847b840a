from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from common import moments
from common.errors import DomainError
from common.sorting import Sorting
from meetings.models import FocalPoint

from . import selectors, services
from .decorators import secretariat_required
from .forms import FocalPointInviteForm, InvitationAcceptForm, TimeZoneForm
from .models import FocalPointInvitation


@never_cache
def invitation_accept(request, token: str):
    """The link from the invitation email: choose a password, then straight to "My meetings"."""
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationNotUsable as error:
        return render(request, "accounts/invitation_invalid.html", {"message": error.message}, status=error.status)
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                password=form.cleaned_data["new_password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except services.InvitationNotUsable as error:
            return render(request, "accounts/invitation_invalid.html", {"message": error.message}, status=error.status)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome. You are now a focal point of %(country)s.") % {"country": invitation.member_state},
            )
            return redirect("my:meetings")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


@secretariat_required
def focal_points(request):
    form = FocalPointInviteForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.focal_point_invite(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:focal_points")
    sorting = Sorting(
        request,
        {
            "country": (_("Member state"), selectors.FOCAL_POINT_ORDER),
            "name": (_("Name"), ("user__last_name", "user__first_name", "pk")),
            "email": (_("Email"), ("user__email", "pk")),
            "state": (_("State"), ("-is_active", "member_state__name", "pk")),
            "last_sign_in": (_("Last sign-in"), ("user__last_login", "pk")),
        },
    )
    return render(
        request,
        "accounts/focal_points.html",
        {
            "form": form,
            "focal_points": selectors.focal_points_for_secretariat(sorting.order_by(selectors.FOCAL_POINT_ORDER)),
            "sorting": sorting.headers,
            "invitations": selectors.open_invitations(),
        },
    )


def _set_active(request, pk: int, *, active: bool):
    focal_point = get_object_or_404(FocalPoint.objects.select_related("user", "member_state"), pk=pk)
    services.focal_point_set_active(actor=request.user, focal_point=focal_point, active=active)
    if active:
        messages.success(request, _("%(name)s can act for %(country)s again.") % _names(focal_point))
    else:
        messages.success(request, _("%(name)s no longer acts for %(country)s.") % _names(focal_point))
    return redirect("accounts:focal_points")


def _names(focal_point) -> dict:
    return {"name": focal_point.user, "country": focal_point.member_state}


@secretariat_required
@require_POST
def focal_point_deactivate(request, pk: int):
    return _set_active(request, pk, active=False)


@secretariat_required
@require_POST
def focal_point_activate(request, pk: int):
    return _set_active(request, pk, active=True)


def _invitation(pk: int) -> FocalPointInvitation:
    invitation = FocalPointInvitation.objects.select_related("member_state").filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


@secretariat_required
@require_POST
def invitation_resend(request, pk: int):
    try:
        invitation = services.focal_point_invitation_resend(actor=request.user, invitation=_invitation(pk))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new link was sent to %(email)s.") % {"email": invitation.email})
    return redirect("accounts:focal_points")


@secretariat_required
@require_POST
def invitation_revoke(request, pk: int):
    try:
        invitation = services.focal_point_invitation_revoke(actor=request.user, invitation=_invitation(pk))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("accounts:focal_points")


def time_zone(request):
    """Choose the time zone the portal shows beside the venue's (or follow the browser's).

    A signed-in user's choice is kept on their account (and used for their emails); a visitor's in a cookie.
    """
    form = TimeZoneForm(request.POST or None, initial={"time_zone": _chosen_zone(request)})
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        zone = form.cleaned_data["time_zone"]
        if request.user.is_authenticated:
            services.time_zone_set(user=request.user, time_zone=zone)
        response = redirect(next_url or "accounts:time_zone")
        if zone:
            response.set_cookie(
                moments.VIEWER_ZONE_COOKIE, zone, max_age=365 * 86400, samesite="Lax", secure=request.is_secure()
            )
            response.set_cookie(
                moments.VIEWER_ZONE_PINNED_COOKIE, "1", max_age=365 * 86400, samesite="Lax", secure=request.is_secure()
            )
        else:
            response.delete_cookie(moments.VIEWER_ZONE_PINNED_COOKIE)
        messages.success(
            request, _("Your time zone was saved.") if zone else _("Times now follow your browser's time zone.")
        )
        return response
    return render(
        request,
        "accounts/time_zone.html",
        {"form": form, "next": next_url, "browser_zone": request.COOKIES.get(moments.VIEWER_ZONE_COOKIE, "")},
        status=400 if form.errors else 200,
    )


def _chosen_zone(request) -> str:
    if request.user.is_authenticated:
        return request.user.time_zone
    if request.COOKIES.get(moments.VIEWER_ZONE_PINNED_COOKIE):
        return moments.viewer_zone_name(request)
    return ""
