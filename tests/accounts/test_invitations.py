"""Onboarding focal points: invitation by email, a single-use link valid 7 days, deactivation."""

import datetime as dt
import hashlib
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import FocalPointInvitation, User
from accounts.roles import member_state_of
from common.errors import Forbidden
from meetings.models import FocalPoint
from tests.factories import FocalPointFactory, FocalPointInvitationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lotus-pond-at-dawn-42"


def invite(actor, member_state, email="lan.nguyen@moha.gov.vn", **extra):
    return services.focal_point_invite(actor=actor, member_state=member_state, email=email, **extra)


def link_in(email) -> str:
    return re.search(r"https?://\S+/invitation/\S+/", email.body).group(0)


def accept_form(**extra):
    return {"first_name": "Lan", "last_name": "Nguyễn", "new_password1": PASSWORD, "new_password2": PASSWORD, **extra}


# --- Invitation ---------------------------------------------------------------------------------------------


def test_secretariat_invites_by_email_and_only_a_hash_of_the_token_is_stored(
    secretariat_user, viet_nam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(secretariat_user, viet_nam, language="vi", first_name="Lan")
    [email] = mail.outbox
    token = link_in(email).rstrip("/").rsplit("/", 1)[1]
    assert email.to == ["lan.nguyen@moha.gov.vn"]
    assert "/vi/accounts/invitation/" in link_in(email)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(FocalPointInvitation.objects.values().get())
    assert invitation.expires_at == invitation.created_at + dt.timedelta(days=7)


def test_only_the_secretariat_invites(focal_point_vn, viet_nam):
    with pytest.raises(Forbidden):
        invite(focal_point_vn, viet_nam)


def test_inviting_again_withdraws_the_earlier_link(secretariat_user, viet_nam):
    first = invite(secretariat_user, viet_nam)
    second = invite(secretariat_user, viet_nam, email="LAN.NGUYEN@moha.gov.vn")
    first.refresh_from_db()
    assert (first.state, second.state) == ("revoked", "pending")


def test_a_focal_point_of_another_country_cannot_be_invited_until_deactivated(secretariat_user, viet_nam, thailand):
    FocalPointFactory(member_state=thailand, user__email="lan.nguyen@moha.gov.vn")
    with pytest.raises(services.CannotInvite) as refused:
        invite(secretariat_user, viet_nam)
    assert refused.value.field == "email"
    assert "Thailand" in str(refused.value.message)


def test_a_secretariat_account_cannot_be_invited(secretariat_user, viet_nam):
    with pytest.raises(services.CannotInvite):
        invite(secretariat_user, viet_nam, email=secretariat_user.email)


# --- Accepting ------------------------------------------------------------------------------------------------


def test_accepting_sets_the_password_and_makes_an_active_focal_point(client, viet_nam):
    FocalPointInvitationFactory(token="t0k3n", member_state=viet_nam, email="lan@moha.gov.vn", language="vi")
    response = client.post(reverse("accounts:invitation_accept", args=["t0k3n"]), accept_form())
    assert response.status_code == 302
    assert response.url == reverse("my:meetings")
    user = User.objects.get(email="lan@moha.gov.vn")
    assert user.check_password(PASSWORD)
    assert (member_state_of(user), user.preferred_language, user.last_name) == (viet_nam, "vi", "Nguyễn")
    assert client.get(reverse("my:meetings")).status_code == 200  # signed in


def test_the_link_works_only_once(client, viet_nam):
    FocalPointInvitationFactory(token="t0k3n", member_state=viet_nam)
    url = reverse("accounts:invitation_accept", args=["t0k3n"])
    client.post(url, accept_form())
    client.logout()
    response = client.post(url, accept_form(new_password1="Another-pass-99", new_password2="Another-pass-99"))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_the_link_expires_after_seven_days(client, viet_nam):
    FocalPointInvitationFactory(token="t0k3n", member_state=viet_nam)
    url = reverse("accounts:invitation_accept", args=["t0k3n"])
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, seconds=1)):
        response = client.get(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not FocalPoint.objects.exists()


def test_an_unknown_or_withdrawn_link_is_refused(client, viet_nam):
    FocalPointInvitationFactory(token="t0k3n", member_state=viet_nam, revoked_at=timezone.now())
    for token in ("t0k3n", "guessed"):
        assert client.get(reverse("accounts:invitation_accept", args=[token])).status_code == 410


def test_a_weak_password_is_refused_beside_the_field_and_the_names_are_kept(client, viet_nam):
    FocalPointInvitationFactory(token="t0k3n", member_state=viet_nam)
    response = client.post(
        reverse("accounts:invitation_accept", args=["t0k3n"]),
        accept_form(first_name="Thu", new_password1="12345678", new_password2="12345678"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["new_password1"]
    assert 'value="Thu"' in response.content.decode()
    assert not User.objects.filter(first_name="Thu").exists()


def test_a_former_focal_point_invited_again_keeps_their_account(client, viet_nam, thailand):
    old = FocalPointFactory(member_state=thailand, is_active=False, user__email="lan@moha.gov.vn")
    FocalPointInvitationFactory(token="t0k3n", member_state=viet_nam, email="lan@moha.gov.vn")
    client.post(reverse("accounts:invitation_accept", args=["t0k3n"]), accept_form())
    old.refresh_from_db()
    assert (old.member_state, old.is_active, User.objects.count()) == (viet_nam, True, 1)


# --- The secretariat's focal point page ------------------------------------------------------------------------


def test_secretariat_deactivates_a_focal_point_who_then_sees_nothing(client, secretariat_user, focal_point_vn):
    client.force_login(secretariat_user)
    focal_point = focal_point_vn.focal_point
    response = client.post(reverse("accounts:focal_point_deactivate", args=[focal_point.pk]))
    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.is_active is False
    client.force_login(focal_point_vn)
    assert client.get(reverse("my:meetings")).status_code == 403


def test_focal_points_cannot_open_the_secretariats_page(client, focal_point_vn):
    client.force_login(focal_point_vn)
    assert client.get(reverse("accounts:focal_points")).status_code == 403
    assert (
        client.post(reverse("accounts:focal_point_deactivate", args=[focal_point_vn.focal_point.pk])).status_code == 403
    )


def test_invite_form_shows_the_problem_beside_the_email_and_keeps_the_input(
    client, secretariat_user, viet_nam, thailand
):
    FocalPointFactory(member_state=thailand, user__email="busy@example.org")
    client.force_login(secretariat_user)
    response = client.post(
        reverse("accounts:focal_points"),
        {"member_state": viet_nam.pk, "email": "busy@example.org", "first_name": "Hoa", "language": "en"},
    )
    assert list(response.context["form"].errors) == ["email"]
    assert 'value="Hoa"' in response.content.decode()


def test_focal_point_page_queries_do_not_grow_with_the_number_of_focal_points(
    client, secretariat_user, viet_nam, count_queries
):
    client.force_login(secretariat_user)
    FocalPointFactory(member_state=viet_nam)
    FocalPointInvitationFactory(member_state=viet_nam)
    one = count_queries(reverse("accounts:focal_points"))
    FocalPointFactory.create_batch(5, member_state=viet_nam)
    FocalPointInvitationFactory.create_batch(5, member_state=viet_nam)
    assert count_queries(reverse("accounts:focal_points")) == one
