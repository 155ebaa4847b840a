"""Who a user is in the portal. Every access decision starts from these two questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.models import AnonymousUser, Group, Permission

from common.errors import Forbidden

if TYPE_CHECKING:
    from accounts.models import User
    from meetings.models import MemberState

# Who a service or selector acts for: the signed-in user (a request's, or an API token's owner), the
# anonymous visitor of a public page, or None for the system (a periodic task, a management command).
Actor: TypeAlias = "User | AnonymousUser | None"

SECRETARIAT_GROUP = "Secretariat"
SECRETARIAT_PERMISSION = "accounts.secretariat"


def acting_user(actor: Actor) -> User | None:
    """The user a row records as the one who acted (created_by, changed_by, …): the signed-in actor, or None
    for the system. Every write service's guard has refused an anonymous visitor before it records anyone."""
    return None if actor is None or isinstance(actor, AnonymousUser) else actor


def is_secretariat(user: Actor) -> bool:
    """Secretariat staff hold the secretariat permission, normally through the Secretariat group."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(SECRETARIAT_PERMISSION))


def ensure_secretariat(actor: Actor) -> None:
    """The service side of the secretariat rule (pages ask `accounts.decorators.secretariat_required`)."""
    if not is_secretariat(actor):
        raise Forbidden


def member_state_of(user) -> MemberState | None:
    """The member state a focal point acts for, or None for anyone who is not an active focal point."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if not hasattr(user, "_accsm_member_state"):
        from meetings.models import FocalPoint

        focal_point = FocalPoint.objects.filter(user=user, is_active=True).select_related("member_state").first()
        user._accsm_member_state = focal_point.member_state if focal_point else None
    return user._accsm_member_state


def secretariat_group() -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permission = Permission.objects.get(codename="secretariat", content_type__app_label="accounts")
    group.permissions.add(permission)
    return group
