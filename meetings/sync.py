"""What a syncing client must hear of besides the lists' `updated_since`: the tombstones of objects deleted or
gone out of its view, and the record's changes (decisions, action items, written procedures), as rows of
the change log (`MeetingChange`, /api/v1/changes/ and its Atom feed).

Like the audit trail, the log is written from the models' signals, for the models an app *tracks* in its
`ready()` (`track(Model, …)`): a row is then written whatever deleted or changed the object — a service,
the admin, or the cascade of a parent's deletion — so that no path can be forgotten. Each tracked model
says which meeting an object belongs to and who may read about it (its `Audience`, computed from the row
as the app's own visibility rule would judge it). A save that narrows the audience (a document made
secretariat-only, an action item handed to another country) writes an `unpublished` tombstone for those
who could read it before.

Children deleted with their meeting write no tombstone of their own: the meeting's tombstone covers its
agenda, papers and record (the API page, "Keeping a copy in sync").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from .models import Meeting, MeetingChange

Audience = MeetingChange.Audience
Action = MeetingChange.Action

# How wide an audience is: a save that moves an object to a narrower one writes a tombstone.
WIDTH = {
    Audience.PUBLIC: 5,
    Audience.MEETING: 5,
    Audience.MEMBER_STATES: 4,
    Audience.INVITED: 3,
    Audience.COUNTRIES: 2,
    Audience.SECRETARIAT: 1,
}


@dataclass(frozen=True)
class Readers:
    """Who may read about an object: an audience and, for COUNTRIES, which countries."""

    audience: str
    countries: frozenset[int] = frozenset()

    def lost_to(self, new: Readers) -> Readers | None:
        """The readers of `self` who no longer read the object under `new` (None: nobody lost it)."""
        if self.audience == Audience.COUNTRIES and new.audience == Audience.COUNTRIES:
            lost = self.countries - new.countries
            return Readers(Audience.COUNTRIES, frozenset(lost)) if lost else None
        if WIDTH[new.audience] < WIDTH[self.audience]:
            return self
        return None


SECRETARIAT_ONLY = Readers(Audience.SECRETARIAT)


@dataclass(frozen=True)
class Tracked:
    object_type: str
    meeting_id: Callable[[models.Model], int | None]
    readers: Callable[[models.Model], Readers]
    describe: Callable[[models.Model], dict] = lambda obj: {}
    saves: str = "none"  # "none", "created" (additions), "changes" (changes, not additions) or "all"
    # The object the row names, when it is not the tracked row itself (a procedure's country: the procedure).
    object_id: Callable[[models.Model], int] | None = None
    # Fields whose change may narrow the readers (None: any save may); `related` is read with the old row.
    narrowing_fields: frozenset[str] | None = frozenset()
    related: tuple[str, ...] = field(default=())


_tracked: dict[type[models.Model], Tracked] = {}


def track(model: type[models.Model], **options) -> None:
    """Log `model`'s deletions (and, with `saves`, its additions and changes) in the change log."""
    _tracked[model] = Tracked(**options)
    uid = f"sync:{model._meta.label}"
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    if _tracked[model].saves != "none" or _tracked[model].narrowing_fields != frozenset():
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)


def _object_id(tracked: Tracked, instance: models.Model) -> int:
    return tracked.object_id(instance) if tracked.object_id is not None else instance.pk


def record(
    *,
    object_type: str,
    object_id: int | None,
    action: str,
    meeting_id: int | None,
    readers: Readers,
    old: dict | None = None,
    new: dict | None = None,
) -> MeetingChange:
    change = MeetingChange.objects.create(
        object_type=object_type,
        object_id=object_id,
        meeting_id=meeting_id,
        action=action,
        audience=readers.audience,
        old_values=old or {},
        new_values=new or {},
        # Who did it is in the audit trail; the signal cannot tell (auditlog's actor outlives its block).
    )
    if readers.audience == Audience.COUNTRIES and readers.countries:
        change.member_states.set(sorted(readers.countries))
    return change


def _deleted_with_its_meeting(instance, origin) -> bool:
    """Deleted in the cascade of its meeting's deletion (the meeting's own tombstone says it all)."""
    if isinstance(instance, Meeting):
        return False
    if isinstance(origin, Meeting):
        return True
    return isinstance(origin, models.QuerySet) and origin.model is Meeting


def _deleted(sender, instance, origin=None, **kwargs):
    tracked = _tracked[sender]
    if _deleted_with_its_meeting(instance, origin):
        return
    meeting_id = None if isinstance(instance, Meeting) else tracked.meeting_id(instance)
    record(
        object_type=tracked.object_type,
        object_id=_object_id(tracked, instance),
        action=Action.DELETED,
        meeting_id=meeting_id,
        readers=tracked.readers(instance),
        old=tracked.describe(instance),
    )


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    tracked = _tracked[sender]
    instance._sync_old_readers = None
    if raw or instance.pk is None or tracked.narrowing_fields == frozenset():
        return
    fields = tracked.narrowing_fields
    if update_fields is not None and fields is not None and not fields & set(update_fields):
        return
    old = sender._default_manager.select_related(*tracked.related).filter(pk=instance.pk).first()
    if old is not None:
        instance._sync_old_readers = tracked.readers(old)


def _saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    tracked = _tracked[sender]
    old_readers = getattr(instance, "_sync_old_readers", None)
    instance._sync_old_readers = None
    logged = tracked.saves == "all" or tracked.saves == ("created" if created else "changes")
    if old_readers is None and not logged:
        return
    readers = tracked.readers(instance)
    lost = old_readers.lost_to(readers) if old_readers is not None else None
    meeting_id = tracked.meeting_id(instance)
    if lost is not None:
        record(
            object_type=tracked.object_type,
            object_id=_object_id(tracked, instance),
            action=Action.UNPUBLISHED,
            meeting_id=meeting_id,
            readers=lost,
            old=tracked.describe(instance),
        )
    if logged:
        record(
            object_type=tracked.object_type,
            object_id=_object_id(tracked, instance),
            action=Action.CREATED if created else Action.CHANGED,
            meeting_id=meeting_id,
            readers=readers,
            new=tracked.describe(instance),
        )


# --- The schedule's own objects ------------------------------------------------------------------------


def _meeting_readers(meeting: Meeting) -> Readers:
    return Readers(Audience.SECRETARIAT if meeting.status == Meeting.Status.DRAFT else Audience.PUBLIC)


def track_schedule() -> None:
    """Meetings (only drafts are ever deleted: a tombstone for the secretariat's clients) and agenda items
    (read as their meeting is). Their changes are in the lists' `updated_since` and the schedule's rows."""
    from .models import AgendaItem

    track(
        Meeting,
        object_type=MeetingChange.ObjectType.MEETING,
        meeting_id=lambda meeting: meeting.pk,
        readers=_meeting_readers,
        describe=lambda meeting: {"title": meeting.title},
    )
    track(
        AgendaItem,
        object_type=MeetingChange.ObjectType.AGENDA_ITEM,
        meeting_id=lambda item: item.meeting_id,
        readers=lambda item: Readers(Audience.MEETING),
        describe=lambda item: {"title": item.title},
    )
