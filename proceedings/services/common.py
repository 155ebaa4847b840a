"""What the record, the tracker and the written procedure share: who the actor is, and clean errors."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import DomainError, Forbidden
from meetings.models import MemberState


def ensure_secretariat(actor: Actor) -> None:
    if not is_secretariat(actor):
        raise Forbidden


def own_member_state(actor: Actor) -> MemberState:
    member_state = member_state_of(actor)
    if member_state is None:
        raise Forbidden(_("Only a country's focal point can do this."))
    return member_state


def full_clean(obj, *, exclude: Iterable[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field_name == "__all__" else field_name) from None


def clean_text(value) -> str:
    return (value or "").strip()
