"""Writes of the API app: API tokens (secretariat only) and private calendar-feed links.

A plain token exists only in the return value of the create function: it is shown once and only its
hash is kept. Revoking is immediate (the next request with it is refused) and recorded.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user, ensure_secretariat, is_secretariat, member_state_of
from common.audit import audit_as
from common.errors import DomainError, NotFound
from common.locking import lock

from .models import ApiToken, CalendarFeedToken, hash_token, new_plain_token


def api_token_create(
    *, actor: Actor, name: str, owner, scope: str, member_state=None, expires_at=None
) -> tuple[ApiToken, str]:
    """A new token for `owner`; returns it with the plain token, which is never retrievable again."""
    ensure_secretariat(actor)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name that says which system uses it."), field="name")
    if not owner.is_active:
        raise DomainError(_("The owner must be an active user."), field="owner")
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(_("The expiry must be in the future."), field="expires_at")
    if scope == ApiToken.Scope.READ:
        member_state = None
    elif scope == ApiToken.Scope.REGISTRATIONS:
        if member_state is None:
            raise DomainError(_("Choose the country whose registrations the token may change."), field="member_state")
        if not is_secretariat(owner) and member_state_of(owner) != member_state:
            raise DomainError(
                _("The owner is not a focal point of this country; choose their own country."), field="member_state"
            )
    else:
        raise DomainError(_("Choose read only or a country's registrations."), field="scope")
    plain = new_plain_token("accsm")
    token = ApiToken(
        name=name,
        owner=owner,
        scope=scope,
        member_state=member_state,
        prefix=plain[:12],
        key_hash=hash_token(plain),
        created_by=acting_user(actor),
        expires_at=expires_at,
    )
    with transaction.atomic(), audit_as(actor):
        token.save()
    return token, plain


def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    ensure_secretariat(actor)
    with transaction.atomic():
        [token] = lock(token)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.revoked_by = acting_user(actor)
            with audit_as(actor):
                token.save(update_fields=["revoked_at", "revoked_by"])
    return token


# --- Private calendar feeds ----------------------------------------------------------------------


def calendar_feed_allowed(user) -> bool:
    return is_secretariat(user) or member_state_of(user) is not None


def calendar_feed_create(*, actor: Actor) -> str:
    """A new private feed link for the actor (a focal point or the secretariat); the old link stops working."""
    if not calendar_feed_allowed(actor):
        raise NotFound
    plain = new_plain_token("cal")
    user = acting_user(actor)
    assert user is not None  # calendar_feed_allowed() let only a signed-in focal point or the secretariat through
    with transaction.atomic(), audit_as(actor):
        for old in lock(CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True)):
            old.revoked_at = timezone.now()
            old.save(update_fields=["revoked_at"])
        CalendarFeedToken.objects.create(user=user, key_hash=hash_token(plain))
    return plain


def calendar_feed_revoke(*, actor: Actor, user=None) -> int:
    """Revoke the private feed of `user` (default: the actor's own; another user's: secretariat only)."""
    user = user or actor
    if user != actor:
        ensure_secretariat(actor)
    with transaction.atomic(), audit_as(actor):
        tokens = lock(CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True))
        for token in tokens:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return len(tokens)


def calendar_feed_user(plain: str):
    """The active user behind a private feed link, or None (unknown, revoked, or no longer entitled)."""
    token = (
        CalendarFeedToken.objects.select_related("user")
        .filter(key_hash=hash_token(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token and calendar_feed_allowed(token.user) else None


def calendar_feed_active(user) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()
