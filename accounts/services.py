"""Focal points' accounts: the secretariat invites, the invited person sets a password, staff deactivate.

Only a hash of an invitation token is stored. The token itself exists in the email (and, until a worker
sends that email, in the task's message on the broker) and nowhere else.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user
from common import moments
from common.audit import audit_as
from common.errors import DomainError, NotFound
from common.locking import lock

from . import emails
from .models import FocalPointInvitation, User
from .roles import SECRETARIAT_PERMISSION, ensure_secretariat


class InvitationNotUsable(DomainError):
    code = "invitation_not_usable"
    status = 410
    default_message = _("This invitation link is not valid. Ask the secretariat to send you a new one.")


class InvitationExpired(InvitationNotUsable):
    code = "invitation_expired"
    default_message = _(
        "This invitation link has expired: links work for 7 days. Ask the secretariat to send you a new one."
    )


class InvitationUsed(InvitationNotUsable):
    code = "invitation_used"
    default_message = _("This invitation link has already been used. Sign in with the password you chose.")


class CannotInvite(DomainError):
    code = "cannot_invite"
    default_message = _("This person cannot be invited as a focal point.")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user_with_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).select_related("focal_point__member_state").first()


def _holds_secretariat_permission(user: User) -> bool:
    """Asked of the database, not of user.has_perm, which answers False for a deactivated account."""
    app_label, codename = SECRETARIAT_PERMISSION.split(".")
    held = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label) | Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    return User.objects.filter(held, pk=user.pk).exists()


def _ensure_can_become_focal_point(email: str, member_state) -> None:
    user = _user_with_email(email)
    if user is None:
        return
    if user.is_superuser or _holds_secretariat_permission(user):
        raise CannotInvite(
            _("This address belongs to a secretariat account; invite a focal point with their own address."),
            field="email",
        )
    focal_point = getattr(user, "focal_point", None)
    if focal_point and focal_point.is_active:
        if focal_point.member_state_id == member_state.pk:
            raise CannotInvite(_("This person is already an active focal point of this country."), field="email")
        raise CannotInvite(
            _("This person is an active focal point of %(country)s; deactivate them there first.")
            % {"country": focal_point.member_state},
            field="email",
        )


def focal_point_invite(
    *, actor: Actor, member_state, email: str, first_name: str = "", last_name: str = "", language: str = "en"
) -> FocalPointInvitation:
    """Invite someone to act for `member_state`. Earlier unanswered invitations to the same address are withdrawn."""
    ensure_secretariat(actor)
    email = User.objects.normalize_email(email.strip()).lower()
    _ensure_can_become_focal_point(email, member_state)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        FocalPointInvitation.objects.filter(
            email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = FocalPointInvitation.objects.create(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            member_state=member_state,
            language=language,
            token_hash=hash_token(token),
            invited_by=acting_user(actor),
            created_at=now,
            expires_at=now + FocalPointInvitation.VALID_FOR,
        )
        emails.enqueue_focal_point_invitation(invitation, token)  # nothing goes if this rolls back
    return invitation


def focal_point_invitation_resend(*, actor: Actor, invitation: FocalPointInvitation) -> FocalPointInvitation:
    """A new link (valid 7 days again); the old one stops working."""
    ensure_secretariat(actor)
    if invitation.accepted_at:
        raise CannotInvite(_("This invitation was already accepted."))
    return focal_point_invite(
        actor=actor,
        member_state=invitation.member_state,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        language=invitation.language,
    )


def focal_point_invitation_revoke(*, actor: Actor, invitation: FocalPointInvitation) -> FocalPointInvitation:
    ensure_secretariat(actor)
    updated = FocalPointInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise CannotInvite(_("This invitation was already accepted."))
    invitation.refresh_from_db()
    return invitation


def _ensure_usable(invitation: FocalPointInvitation | None) -> FocalPointInvitation:
    if invitation is None or invitation.revoked_at:
        raise InvitationNotUsable
    if invitation.accepted_at:
        raise InvitationUsed
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired
    return invitation


def invitation_for_token(token: str) -> FocalPointInvitation:
    """The invitation a link stands for, if it can still be accepted; else InvitationNotUsable (or a subclass)."""
    invitation = (
        FocalPointInvitation.objects.select_related("member_state").filter(token_hash=hash_token(token)).first()
    )
    return _ensure_usable(invitation)


def _unique_username(email: str) -> str:
    base = email[:140]
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


def invitation_accept(*, token: str, password: str, first_name: str, last_name: str) -> User:
    """Set the invited person's password and make them an active focal point of the invited country.

    An existing account with the invitation's address is reused (a focal point who comes back after being
    deactivated keeps their history).
    """
    from meetings.models import FocalPoint

    with transaction.atomic():
        found = lock(FocalPointInvitation.objects.select_related("member_state").filter(token_hash=hash_token(token)))
        invitation = _ensure_usable(found[0] if found else None)
        _ensure_can_become_focal_point(invitation.email, invitation.member_state)
        user = _user_with_email(invitation.email) or User(
            username=_unique_username(invitation.email), email=invitation.email
        )
        user.first_name = first_name.strip() or invitation.first_name
        user.last_name = last_name.strip() or invitation.last_name
        user.preferred_language = invitation.language
        user.is_active = True
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="new_password1") from None
        user.set_password(password)
        with audit_as(user, invitation=invitation.pk):
            user.save()
            FocalPoint.objects.update_or_create(
                user=user, defaults={"member_state": invitation.member_state, "is_active": True}
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def focal_point_set_active(*, actor: Actor, focal_point, active: bool):
    """Deactivate (or reactivate) a focal point: a deactivated one no longer sees or changes anything."""
    ensure_secretariat(actor)
    if focal_point is None:
        raise NotFound
    focal_point.is_active = active
    with audit_as(actor):
        focal_point.save(update_fields=["is_active", "updated_at"])
    return focal_point


def time_zone_set(*, user: User, time_zone: str) -> User:
    """The zone shown beside the venue's on the user's pages and used in their emails ('' = the browser's)."""
    if time_zone and moments.zone_or_none(time_zone) is None:
        raise DomainError(_("“%(value)s” is not a time zone name such as Europe/Paris.") % {"value": time_zone[:64]})
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])
    return user
