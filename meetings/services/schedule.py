"""Writes to meetings and their agendas: the secretariat's side of the schedule.

Rules held here:
- only the secretariat writes; a chairmanship that was handed over is read-only history;
- every change raises `Meeting.sequence` by one and writes one `MeetingChange` row with the changed
  fields' old and new values (datetimes as ISO strings): the API's change log and the iCal SEQUENCE
  read them;
- an edit made from a stale copy (its `sequence` no longer the row's) is refused with `Conflict`;
- the meeting row is locked first, then its agenda items, so two writers never interleave;
- a meeting with registrations is never deleted (cancel it); only drafts are deleted at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user, ensure_secretariat
from common.audit import audit_as
from common.errors import Conflict, DomainError, Forbidden, full_clean
from common.locking import lock
from common.rules import can
from webhooks.events import emit

from ..models import AgendaItem, AgendaPresenter, Chairmanship, Meeting, MeetingChange, Participant
from . import timetable

# Fields the secretariat sets on a meeting. Status, sequence and publication follow from the service called.
MEETING_FIELDS = (
    "chairmanship",
    "parent",
    "kind",
    "title_en",
    "title_vi",
    "theme_en",
    "theme_vi",
    "description_en",
    "description_vi",
    "start",
    "end",
    "time_zone",
    "format",
    "venue_en",
    "venue_vi",
    "city_en",
    "city_vi",
    "host_country",
    "online_link",
    "invites_asean",
    "invites_plus_three",
    "invites_observers",
    "invites_secretariat",
    "invites_dialogue_partners",
    "registration_opens",
    "registration_deadline",
    "delegates_allowed",
)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TIME_FIELDS = {"start", "end"}
VENUE_FIELDS = {"venue_en", "venue_vi", "city_en", "city_vi", "format", "host_country", "time_zone"}
AGENDA_FIELDS = (
    "title_en",
    "title_vi",
    "starts_at",
    "duration",
    "session_en",
    "session_vi",
    "room_en",
    "room_vi",
    "outcome_en",
    "outcome_vi",
)


class ReadOnlyHistory(Forbidden):
    code = "read_only"
    default_message = _("This chairmanship was handed over; its meetings are read-only history.")


class InvalidTransition(DomainError):
    code = "invalid_transition"
    default_message = _("This meeting cannot take this step in its current status.")


class HasRegistrations(DomainError):
    code = "has_registrations"
    default_message = _("This meeting has registrations and cannot be deleted; cancel it instead.")


# --- Checks -------------------------------------------------------------------------------------


def ensure_not_history(chairmanship: Chairmanship) -> None:
    if chairmanship.is_history:
        raise ReadOnlyHistory


def meeting_is_editable(meeting: Meeting) -> bool:
    """Templates hide edit buttons with this; the services refuse the write anyway."""
    return can(ensure_not_history)(meeting.chairmanship)


# The steps of a meeting's life: ONE table (TRANSITIONS) says which step each status allows. Each step is
# a service below that asks its `ensure_may_<step>` on the locked row; the meeting's page asks the same
# rule in advance (`can_<step>`, `allowed_transitions`) and offers exactly those buttons.


class Transition:
    def __init__(self, name: str, label, sources: tuple[str, ...], target: str, action: str):
        self.name, self.label, self.sources, self.target, self.action = name, label, sources, target, action

    @property
    def url_name(self) -> str:
        return f"secretariat:meeting_{self.name}"


S, A = Meeting.Status, MeetingChange.Action
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("publish", _("Publish"), (S.DRAFT, S.UNPUBLISHED), S.PUBLISHED, A.PUBLISHED),
        Transition("unpublish", _("Unpublish"), (S.PUBLISHED,), S.UNPUBLISHED, A.UNPUBLISHED),
        Transition("postpone", _("Postpone"), (S.PUBLISHED,), S.POSTPONED, A.POSTPONED),
        Transition("reschedule", _("Reschedule"), (S.POSTPONED,), S.PUBLISHED, A.RESCHEDULED),
        Transition("conclude", _("Mark as held"), (S.PUBLISHED,), S.CONCLUDED, A.CONCLUDED),
        Transition("cancel", _("Cancel meeting"), (S.PUBLISHED, S.POSTPONED), S.CANCELLED, A.CANCELLED),
    )
}
del S, A


def transitions_from(status: str) -> list[Transition]:
    """The steps the table allows from `status`, in the order the page shows them."""
    return [t for t in TRANSITIONS.values() if status in t.sources]


def _ensure_transition(actor, meeting: Meeting, name: str) -> None:
    ensure_secretariat(actor)
    if meeting.status not in TRANSITIONS[name].sources:
        allowed = [str(t.label).lower() for t in transitions_from(meeting.status)]
        raise InvalidTransition(
            _("A meeting that is “%(status)s” cannot take this step (%(step)s). It can: %(allowed)s.")
            % {
                "status": meeting.get_status_display().lower(),
                "step": str(TRANSITIONS[name].label).lower(),
                "allowed": ", ".join(allowed) if allowed else _("nothing more"),
            }
        )


def ensure_may_publish(actor, meeting: Meeting) -> None:
    _ensure_transition(actor, meeting, "publish")


def ensure_may_unpublish(actor, meeting: Meeting) -> None:
    _ensure_transition(actor, meeting, "unpublish")
    if meeting_has_registrations(meeting):
        raise InvalidTransition(
            _("Someone is registered for this meeting: it cannot be unpublished. Postpone or cancel it instead.")
        )


def ensure_may_postpone(actor, meeting: Meeting) -> None:
    _ensure_transition(actor, meeting, "postpone")


def ensure_may_reschedule(actor, meeting: Meeting) -> None:
    _ensure_transition(actor, meeting, "reschedule")


def ensure_may_cancel(actor, meeting: Meeting) -> None:
    _ensure_transition(actor, meeting, "cancel")


def ensure_may_conclude(actor, meeting: Meeting) -> None:
    _ensure_transition(actor, meeting, "conclude")
    if meeting.start > timezone.now():
        raise InvalidTransition(_("A meeting can be concluded only once it has started."))


can_publish = can(ensure_may_publish)
can_unpublish = can(ensure_may_unpublish)
can_postpone = can(ensure_may_postpone)
can_reschedule = can(ensure_may_reschedule)
can_cancel = can(ensure_may_cancel)
can_conclude = can(ensure_may_conclude)

ENSURE = {
    "publish": ensure_may_publish,
    "unpublish": ensure_may_unpublish,
    "postpone": ensure_may_postpone,
    "reschedule": ensure_may_reschedule,
    "cancel": ensure_may_cancel,
    "conclude": ensure_may_conclude,
}


def allowed_transitions(actor, meeting: Meeting) -> list[Transition]:
    """What the meeting's page offers: the table's steps from its status that their rule allows now."""
    return [t for t in transitions_from(meeting.status) if can(ENSURE[t.name])(actor, meeting)]


def _lock(meeting: Meeting, *, sequence: int | None = None) -> Meeting:
    [locked] = lock(meeting)
    if sequence is not None and locked.sequence != int(sequence):
        raise Conflict(
            _("Someone else changed this meeting while you were editing it. Reload the page to see their changes.")
        )
    # The chairmanship row is read after the lock so a hand-over committed meanwhile is seen.
    ensure_not_history(Chairmanship.objects.get(pk=locked.chairmanship_id))
    return locked


def _full_clean(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    full_clean(instance, exclude=list(exclude))


def _check_meeting(meeting: Meeting) -> None:
    if meeting.chairmanship_id:
        ensure_not_history(meeting.chairmanship)
    if meeting.parent_id:
        if meeting.pk and meeting.parent_id == meeting.pk:
            raise DomainError(_("A meeting cannot be part of itself."), field="parent")
        if meeting.parent.kind != Meeting.Kind.CONFERENCE_WEEK:  # type: ignore[union-attr]  # parent_id is set
            raise DomainError(_("A meeting can only be part of a conference week."), field="parent")
    _full_clean(meeting)


# --- The change log -------------------------------------------------------------------------------


def as_json(value):
    """A field's value as the change log stores it: datetimes as ISO strings in UTC, dates as ISO, objects as ids."""
    if isinstance(value, dt.datetime):
        # In UTC whatever zone the form typed it in, so equal instants compare equal.
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _field_value(instance: models.Model, field: str):
    model_field = instance._meta.get_field(field)
    value = getattr(instance, model_field.attname)  # type: ignore[union-attr]  # callers name concrete fields
    # Translation fields are nullable: an empty Vietnamese title is None or "", and both mean "not given".
    if value is None and isinstance(model_field, models.CharField | models.TextField):
        return ""
    return value


def _snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    return {field: as_json(_field_value(instance, field)) for field in fields}


def _record(
    meeting: Meeting, *, actor: Actor, action: str, old: dict, new: dict, reason: str = "", silent: bool = False
) -> MeetingChange:
    """Raise the meeting's revision and log the change; the caller holds the meeting's row lock."""
    meeting.sequence += 1
    with audit_as(actor, **({"reason": reason} if reason else {})):
        meeting.save()
    return MeetingChange.objects.create(
        meeting=meeting,
        action=action,
        old_values=old,
        new_values=new,
        reason=reason,
        changed_by=acting_user(actor),
        silent=silent,
    )


def _edit_action(meeting: Meeting, changed: set[str]) -> str:
    if not meeting.is_public:
        return MeetingChange.Action.CHANGED
    if changed & TIME_FIELDS:
        return MeetingChange.Action.MOVED
    if changed & VENUE_FIELDS:
        return MeetingChange.Action.VENUE_CHANGED
    return MeetingChange.Action.CHANGED


# --- Meetings -------------------------------------------------------------------------------------


def emit_if_announced(name: str, meeting: Meeting) -> None:
    """Webhooks (issue 19) hear of a meeting's changes once it is announced, never of a draft's."""
    if meeting.is_announced:
        emit(name, meeting)


def meeting_create(*, actor: Actor, data: dict) -> Meeting:
    """A new meeting, always a draft: nobody outside the secretariat sees it until it is published."""
    ensure_secretariat(actor)
    meeting = Meeting(status=Meeting.Status.DRAFT, sequence=0)
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    with transaction.atomic():
        _check_meeting(meeting)
        with audit_as(actor):
            meeting.save()
    return meeting


def meeting_update(*, actor: Actor, meeting: Meeting, data: dict, sequence: int, notify: bool = True) -> Meeting:
    """Save the fields in `data` if nobody changed the meeting since the editor loaded it (`sequence`).

    A change people must know of (NOTIFY_FIELDS: dates, venue, format, online link) of an announced meeting
    is told to everyone it concerns (meetings/notices.py), unless `notify` is False (a typo fix)."""
    from ..notices import NOTIFY_FIELDS, notify_change

    ensure_secretariat(actor)
    with transaction.atomic():
        meeting = _lock(meeting, sequence=sequence)
        old = _snapshot(meeting, MEETING_FIELDS)
        for field in MEETING_FIELDS:
            if field in data:
                setattr(meeting, field, data[field])
        _check_meeting(meeting)
        timetable.ensure_sessions_within(meeting)
        new = _snapshot(meeting, MEETING_FIELDS)
        changed = {field for field in MEETING_FIELDS if old[field] != new[field]}
        if not changed:
            return meeting
        concerns_people = meeting.is_announced and bool(changed & NOTIFY_FIELDS)
        change = _record(
            meeting,
            actor=actor,
            action=_edit_action(meeting, changed),
            old={field: old[field] for field in sorted(changed)},
            new={field: new[field] for field in sorted(changed)},
            silent=concerns_people and not notify,
        )
        if concerns_people and notify:
            notify_change(change)
        if changed & REMINDER_FIELDS:
            replan_reminders(meeting)
        emit_if_announced("meeting.changed", meeting)
    return meeting


REMINDER_FIELDS = {"start", "end", "time_zone", "registration_opens", "registration_deadline"}


def replan_reminders(meeting: Meeting) -> None:
    """Bring the meeting's reminders in line with its new dates or status, in the change's transaction: the
    reminders page shows the new plan at once (the planner's periodic run would do it within minutes)."""
    from reminders.services.planner import plan_reminders

    plan_reminders(meeting_ids=[meeting.pk])


def _move_timetable(actor: Actor, meeting: Meeting, *, shift: dt.timedelta) -> None:
    """A meeting postponed or rescheduled takes its timed agenda along (a day later is the same hours a day
    later); what no longer fits the new times (a shorter meeting) is refused by the timetable's own rule."""
    if shift:
        items = list(meeting.agenda_items.filter(starts_at__isnull=False).order_by("pk"))
        with audit_as(actor):
            for item in items:
                item.starts_at += shift  # type: ignore[operator,assignment]  # filtered above: it has a start
                item.save(update_fields=["starts_at", "updated_at"])
    timetable.ensure_sessions_within(meeting)


def _transition(
    *,
    actor: Actor,
    meeting: Meeting,
    name: str,
    sequence: int | None,
    reason: str = "",
    changes: dict | None = None,
    notify: bool = False,
    event: str | None = None,
) -> Meeting:
    """The one way a meeting changes status: lock, ask the table's rule, apply, log with the reason, tell
    the people concerned, re-plan the reminders, tell the webhooks — all in one transaction."""
    from ..notices import notify_change

    transition = TRANSITIONS[name]
    ensure_secretariat(actor)
    with transaction.atomic():
        meeting = _lock(meeting, sequence=sequence)
        ENSURE[name](actor, meeting)
        changes = changes or {}
        fields = ["status", *changes]
        old = _snapshot(meeting, fields)
        previous_start = meeting.start
        meeting.status = transition.target
        for field, value in changes.items():
            setattr(meeting, field, value)
        if name == "publish":
            meeting.published_at = timezone.now()
        _full_clean(meeting)
        if "start" in changes:
            _move_timetable(actor, meeting, shift=meeting.start - previous_start)
        new = _snapshot(meeting, fields)
        changed = [field for field in fields if old[field] != new[field]]
        new_values = {field: new[field] for field in changed}
        if name == "publish":
            new_values["published_at"] = as_json(meeting.published_at)
        change = _record(
            meeting,
            actor=actor,
            action=transition.action,
            old={field: old[field] for field in changed},
            new=new_values,
            reason=reason,
        )
        if notify:
            notify_change(change)
        replan_reminders(meeting)
        if event:
            emit(event, meeting)  # issue 19: webhooks, written in this transaction
    return meeting


def meeting_publish(*, actor: Actor, meeting: Meeting, sequence: int | None = None) -> Meeting:
    """A draft (or an unpublished meeting) goes on the schedule: member states see it and register."""
    return _transition(actor=actor, meeting=meeting, name="publish", sequence=sequence, event="meeting.published")


def meeting_unpublish(*, actor: Actor, meeting: Meeting, reason: str = "", sequence: int | None = None) -> Meeting:
    """Take a published meeting back off the schedule, while nobody is registered (published by mistake, or
    too early). It can be published again."""
    return _transition(
        actor=actor,
        meeting=meeting,
        name="unpublish",
        sequence=sequence,
        reason=(reason or "").strip(),
        event="meeting.changed",
    )


def _check_new_dates(meeting: Meeting, start: dt.datetime, end: dt.datetime) -> None:
    if start is None or end is None:
        raise DomainError(_("Give the new start and end."), field="start")
    if end < start:
        raise DomainError(_("The meeting cannot end before it starts."), field="end")


def _date_changes(
    meeting: Meeting, start: dt.datetime, end: dt.datetime, registration_deadline: dt.datetime | None
) -> dict:
    changes: dict = {"start": start, "end": end}
    if registration_deadline is not None:
        changes["registration_deadline"] = registration_deadline
    return changes


def meeting_postpone(
    *,
    actor: Actor,
    meeting: Meeting,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
    registration_deadline: dt.datetime | None = None,
    sequence: int | None = None,
) -> Meeting:
    """Move a published meeting to later (provisional) dates; it stays "postponed" until it is rescheduled
    (the dates confirmed) or cancelled. The old dates stay in the change log; everyone concerned is told;
    the reminders are re-planned for the new dates."""
    _check_new_dates(meeting, start, end)
    if start <= meeting.start:
        raise DomainError(
            _("A postponed meeting starts later than before; to bring it forward, edit it."), field="start"
        )
    return _transition(
        actor=actor,
        meeting=meeting,
        name="postpone",
        sequence=sequence,
        reason=(reason or "").strip(),
        changes=_date_changes(meeting, start, end, registration_deadline),
        notify=True,
        event="meeting.postponed",
    )


def meeting_reschedule(
    *,
    actor: Actor,
    meeting: Meeting,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
    registration_deadline: dt.datetime | None = None,
    sequence: int | None = None,
) -> Meeting:
    """A postponed meeting's dates are settled: published again on `start`–`end` (the postponed dates, or
    others). Everyone concerned is told; the reminders follow the dates."""
    _check_new_dates(meeting, start, end)
    return _transition(
        actor=actor,
        meeting=meeting,
        name="reschedule",
        sequence=sequence,
        reason=(reason or "").strip(),
        changes=_date_changes(meeting, start, end, registration_deadline),
        notify=True,
        event="meeting.changed",
    )


def meeting_cancel(*, actor: Actor, meeting: Meeting, reason: str, sequence: int | None = None) -> Meeting:
    """Cancel an announced meeting; everyone it concerns is told why (meetings/notices.py) and its reminders
    stop."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the cancellation."), field="reason")
    return _transition(
        actor=actor,
        meeting=meeting,
        name="cancel",
        sequence=sequence,
        reason=reason,
        changes={"cancellation_reason": reason},
        notify=True,
        event="meeting.cancelled",
    )


def meeting_conclude(*, actor: Actor, meeting: Meeting, sequence: int | None = None) -> Meeting:
    """Mark a meeting as held; outcomes can still be recorded on its agenda afterwards."""
    return _transition(actor=actor, meeting=meeting, name="conclude", sequence=sequence)


def meeting_paper_released(*, actor: Actor, meeting: Meeting, document) -> MeetingChange | None:
    """A paper of the meeting was released (documents' service, in its transaction, the meeting's row locked
    by it): logged as a change of the meeting and told to everyone it concerns. Nothing for a meeting not
    announced, nor for history."""
    from ..notices import notify_change

    if (
        not meeting.is_announced
        or Chairmanship.objects.filter(pk=meeting.chairmanship_id, handed_over_at__isnull=False).exists()
    ):
        return None
    paper = {"id": document.pk, **{f"title_{code}": getattr(document, f"title_{code}") or "" for code in LANGUAGES}}
    change = _record(
        meeting, actor=actor, action=MeetingChange.Action.DOCUMENT_RELEASED, old={}, new={"document": paper}
    )
    notify_change(change)
    return change


_ENGLISH_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
_VIETNAMESE_ORDINAL = re.compile(r"(thứ\s+)(\d+)", re.IGNORECASE)


def _english_ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def next_title(title: str, language: str) -> str:
    """The title a copy starts with: the next in the series when the title counts ("52nd SOM" → "53rd SOM",
    "lần thứ 52" → "lần thứ 53"), otherwise the title marked as a copy, never the exact same title."""
    if not title:
        return title
    if language == "vi":
        numbered, count = _VIETNAMESE_ORDINAL.subn(lambda m: f"{m.group(1)}{int(m.group(2)) + 1}", title, count=1)
    else:
        numbered, count = _ENGLISH_ORDINAL.subn(lambda m: _english_ordinal(int(m.group(1)) + 1), title, count=1)
    if count:
        return numbered
    with translation.override(language):
        return f"{title} {_('(copy)')}"


def meeting_duplicate(
    *,
    actor: Actor,
    meeting: Meeting,
    start: dt.datetime,
    chairmanship: Chairmanship | None = None,
    title_en: str = "",
    title_vi: str = "",
) -> Meeting:
    """A draft copy of `meeting` starting at `start`, as the template for the next one.

    Every time (end, registration dates, agenda times) moves by the same interval; the agenda is copied
    without outcomes. Registrations and the change log are not copied. The title is the one given, or the
    next in the series (`next_title`): two meetings are never told apart by their dates alone.
    """
    ensure_secretariat(actor)
    chairmanship = chairmanship or meeting.chairmanship
    ensure_not_history(chairmanship)
    shift = start - meeting.start
    copy = Meeting(status=Meeting.Status.DRAFT, sequence=0, chairmanship=chairmanship)
    for field in MEETING_FIELDS:
        if field != "chairmanship":
            setattr(copy, field, getattr(meeting, field))
    copy.title_en = title_en.strip() or next_title(meeting.title_en, "en")
    copy.title_vi = title_vi.strip() or next_title(meeting.title_vi or "", "vi") or None
    copy.start, copy.end = meeting.start + shift, meeting.end + shift
    for field in ("registration_opens", "registration_deadline"):
        value = getattr(meeting, field)
        setattr(copy, field, value + shift if value else None)
    if copy.parent_id and copy.parent.chairmanship_id != chairmanship.pk:  # type: ignore[union-attr]  # parent_id is set
        copy.parent = None
    with transaction.atomic():
        _check_meeting(copy)
        with audit_as(actor):
            copy.save()
            originals = list(meeting.agenda_items.prefetch_related("presenters").order_by("order", "pk"))
            copies = AgendaItem.objects.bulk_create(
                AgendaItem(
                    meeting=copy,
                    order=item.order,
                    title_en=item.title_en,
                    title_vi=item.title_vi,
                    starts_at=item.starts_at + shift if item.starts_at else None,
                    duration=item.duration,
                    session_en=item.session_en,
                    session_vi=item.session_vi,
                    room_en=item.room_en,
                    room_vi=item.room_vi,
                )
                for item in originals
            )
            AgendaPresenter.objects.bulk_create(
                AgendaPresenter(
                    item=item_copy,
                    order=presenter.order,
                    name=presenter.name,
                    member_state_id=presenter.member_state_id,
                    organisation=presenter.organisation,
                )
                for item, item_copy in zip(originals, copies, strict=True)
                for presenter in item.presenters.all()
            )
    return copy


def meeting_has_registrations(meeting: Meeting) -> bool:
    return Participant.objects.filter(delegation__meeting=meeting).exists()


def meeting_delete(*, actor: Actor, meeting: Meeting) -> None:
    """Delete a draft without registrations. An announced meeting is cancelled instead, so calendars hear of it."""
    ensure_secretariat(actor)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting_has_registrations(meeting):
            raise HasRegistrations
        if meeting.status != Meeting.Status.DRAFT:
            raise InvalidTransition(_("Only a draft can be deleted; cancel an announced meeting instead."))
        with audit_as(actor):
            meeting.delete()


# --- Agenda ---------------------------------------------------------------------------------------


def _presenters_snapshot(item: AgendaItem) -> dict:
    return {"presenters": [presenter.as_json() for presenter in timetable.presenters_of(item)]}


def _agenda_snapshot(item: AgendaItem, fields: Iterable[str] = ("order", *AGENDA_FIELDS)) -> dict:
    return {"id": item.pk, **_snapshot(item, fields)}


def _check_agenda_item(item: AgendaItem) -> None:
    _full_clean(item, exclude=["meeting"])
    timetable.ensure_fits_timetable(item)


def agenda_item_add(*, actor: Actor, meeting: Meeting, data: dict) -> AgendaItem:
    """Add an item at the end of the meeting's agenda."""
    ensure_secretariat(actor)
    with transaction.atomic():
        meeting = _lock(meeting)
        last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
        item = AgendaItem(meeting=meeting, order=last + 1)
        for field in AGENDA_FIELDS:
            if field in data:
                setattr(item, field, data[field])
        _check_agenda_item(item)
        with audit_as(actor):
            item.save()
            timetable.set_presenters(item, data.get("presenters", ()))
        _record(
            meeting,
            actor=actor,
            action=MeetingChange.Action.CHANGED,
            old={},
            new={"agenda_item": {**_agenda_snapshot(item), **_presenters_snapshot(item)}},
        )
        emit_if_announced("agenda.changed", meeting)  # issue 19: webhooks
    return item


def agenda_item_update(*, actor: Actor, item: AgendaItem, data: dict) -> AgendaItem:
    ensure_secretariat(actor)
    with transaction.atomic():
        meeting = _lock(item.meeting)
        [item] = lock(item)
        old = _snapshot(item, AGENDA_FIELDS)
        for field in AGENDA_FIELDS:
            if field in data:
                setattr(item, field, data[field])
        old.update(_presenters_snapshot(item))
        _check_agenda_item(item)
        new = _snapshot(item, AGENDA_FIELDS)
        with audit_as(actor):
            if "presenters" in data:
                timetable.set_presenters(item, data["presenters"])
            new.update(_presenters_snapshot(item))
            changed = [field for field in old if old[field] != new[field]]
            if not changed:
                return item
            item.save()
        _record(
            meeting,
            actor=actor,
            action=MeetingChange.Action.CHANGED,
            old={"agenda_item": {"id": item.pk, **{field: old[field] for field in changed}}},
            new={"agenda_item": {"id": item.pk, **{field: new[field] for field in changed}}},
        )
        emit_if_announced("agenda.changed", meeting)  # issue 19: webhooks
    return item


def agenda_item_reorder(*, actor: Actor, meeting: Meeting, item_ids: list[int]) -> list[AgendaItem]:
    """Put the agenda in the order of `item_ids`, which must name every item of the meeting exactly once."""
    ensure_secretariat(actor)
    with transaction.atomic():
        meeting = _lock(meeting)
        items = {item.pk: item for item in lock(AgendaItem.objects.filter(meeting=meeting))}
        try:
            item_ids = [int(pk) for pk in item_ids]
        except (TypeError, ValueError):
            raise DomainError(_("The new order must list the agenda's items.")) from None
        if sorted(item_ids) != sorted(items):
            raise Conflict(_("The agenda changed in the meantime. Reload the page and try again."))
        old_order = [item.pk for item in sorted(items.values(), key=lambda item: (item.order, item.pk))]
        if old_order == item_ids:
            return [items[pk] for pk in item_ids]
        now = timezone.now()
        for position, pk in enumerate(item_ids, start=1):
            items[pk].order, items[pk].updated_at = position, now
        with audit_as(actor):
            AgendaItem.objects.bulk_update(items.values(), ["order", "updated_at"])
        _record(
            meeting,
            actor=actor,
            action=MeetingChange.Action.CHANGED,
            old={"agenda_order": old_order},
            new={"agenda_order": item_ids},
        )
        emit_if_announced("agenda.changed", meeting)  # issue 19: webhooks
    return [items[pk] for pk in item_ids]


def agenda_item_delete(*, actor: Actor, item: AgendaItem) -> None:
    ensure_secretariat(actor)
    with transaction.atomic():
        meeting = _lock(item.meeting)
        [item] = lock(item)
        old = _agenda_snapshot(item)
        with audit_as(actor):
            item.delete()
        _record(meeting, actor=actor, action=MeetingChange.Action.CHANGED, old={"agenda_item": old}, new={})
        emit_if_announced("agenda.changed", meeting)  # issue 19: webhooks
