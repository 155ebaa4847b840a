"""What the record, the tracker and the written procedure share: who the actor is, and clean errors."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, ensure_secretariat, is_secretariat, member_state_of  # noqa: F401  (the services import it from here)
from common.errors import Forbidden
from common.errors import full_clean as common_full_clean
from meetings.models import MemberState


def own_member_state(actor: Actor) -> MemberState:
    member_state = member_state_of(actor)
    if member_state is None:
        raise Forbidden(_("Only a country's focal point can do this."))
    return member_state


def full_clean(obj, *, exclude: Iterable[str] = ()) -> None:
    common_full_clean(obj, exclude=list(exclude))


def clean_text(value) -> str:
    return (value or "").strip()
