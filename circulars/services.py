"""Sending a message to people. The rules:

- only the secretariat writes and sends; the subject and the text are given in English and in Vietnamese;
- a message to focal points names at least one country; a message to a meeting's people names an announced
  meeting; it must reach at least one person;
- each recipient's row is written with the message, in one transaction, and each one with an address gets one
  email through the outbox, in their own language; a person without an address is kept in the record
  (listed on the message's page), never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user, ensure_secretariat
from common.audit import audit_as
from common.errors import DomainError, full_clean
from common.rules import can
from meetings.models import Meeting, MemberState
from outbox.kinds import Recipient
from outbox.services import enqueue_many

from .emails import KIND
from .models import Circular, CircularRecipient
from .selectors import addressees, meetings_for_messages, member_states_for_messages


@dataclass(frozen=True)
class CircularData:
    subject_en: str
    subject_vi: str
    body_en: str
    body_vi: str
    group: str
    meeting: Meeting | None = None
    member_states: tuple[MemberState, ...] = field(default_factory=tuple)


def ensure_can_send(actor: Actor) -> None:
    ensure_secretariat(actor)


can_send = can(ensure_can_send)


def check_circular(data: CircularData) -> None:
    """The message's own rules (the form shows each beside its field)."""
    for name, message in (
        ("subject_en", _("Give the subject in English.")),
        ("subject_vi", _("Give the subject in Vietnamese.")),
        ("body_en", _("Write the message in English.")),
        ("body_vi", _("Write the message in Vietnamese.")),
    ):
        if not getattr(data, name).strip():
            raise DomainError(message, field=name)
    if data.group not in Circular.Group.values:
        raise DomainError(_("Choose who the message is for."), field="group")
    if data.group == Circular.Group.FOCAL_POINTS:
        if not data.member_states:
            raise DomainError(_("Choose at least one country."), field="member_states")
        allowed = set(member_states_for_messages().values_list("pk", flat=True))
        if any(state.pk not in allowed for state in data.member_states):
            raise DomainError(_("Choose countries from the list."), field="member_states")
    elif data.meeting is None or not meetings_for_messages().filter(pk=data.meeting.pk).exists():
        raise DomainError(_("Choose an announced meeting."), field="meeting")


def circular_preview(*, actor: Actor, data: CircularData):
    """Who the message would reach now; the same list the sending writes."""
    ensure_can_send(actor)
    check_circular(data)
    return addressees(group=data.group, meeting=_meeting_of(data), member_states=_states_of(data))


def _meeting_of(data: CircularData) -> Meeting | None:
    return data.meeting if data.group in Circular.MEETING_GROUPS else None


def _states_of(data: CircularData) -> tuple[MemberState, ...]:
    return data.member_states if data.group == Circular.Group.FOCAL_POINTS else ()


def circular_send(*, actor: Actor, data: CircularData) -> Circular:
    people = circular_preview(actor=actor, data=data)
    if not people:
        raise DomainError(_("Nobody would receive this message: choose other people."), field="group")
    circular = Circular(
        subject_en=data.subject_en.strip(),
        subject_vi=data.subject_vi.strip(),
        body_en=data.body_en.strip(),
        body_vi=data.body_vi.strip(),
        group=data.group,
        meeting=_meeting_of(data),
        sent_by=acting_user(actor),
    )
    full_clean(circular)
    with transaction.atomic(), audit_as(actor):
        circular.save()
        circular.member_states.set(_states_of(data))
        rows = CircularRecipient.objects.bulk_create(
            [
                CircularRecipient(
                    circular=circular,
                    name=person.name[:300],
                    email=person.email,
                    language=person.language,
                    member_state=person.member_state,
                    user_id=person.user_id,
                    participant_id=person.participant_id,
                )
                for person in people
            ]
        )
        reachable = [row for row in rows if row.email]
        emails = enqueue_many(
            KIND.name,
            [
                (Recipient(row.email, row.name, row.language), {"circular": circular.pk, "recipient": row.pk})
                for row in reachable
            ],
        )
        for row, email in zip(reachable, emails, strict=True):
            row.outbox_email = email
        CircularRecipient.objects.bulk_update(reachable, ["outbox_email"])
    return circular
