"""The timetable's rules: where an agenda item may sit in time and room, and who presents it.

Rules held here (the secretariat's agenda form, the API and every service that writes an agenda item ask
`ensure_fits_timetable`; the meeting's own edit asks `ensure_sessions_within`):
- a timed item lies within its meeting's start and end;
- one room holds one item at a time, across the meetings of one conference week (SOM, SOM+3, forum, HCS
  share the venue's rooms), rooms compared by their English name, case and spacing aside. An item without
  a duration marks a moment and holds no room.

Callers hold the meeting's row lock; `ensure_fits_timetable` also locks the conference week's row, so two
secretaries booking one room in two meetings of the week are served one after the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from common.locking import lock

from ..models import AgendaItem, AgendaPresenter, Meeting, MemberState


def _clock(moment: dt.datetime, meeting: Meeting) -> str:
    """'5 August 2030, 09:00' in the venue's time zone: how the refusals name a moment."""
    local = timezone.localtime(moment, meeting.tz)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'TIME_FORMAT')}"


def room_key(room: str | None) -> str:
    return " ".join((room or "").split()).casefold()


def week_meeting_ids(meeting: Meeting) -> list[int]:
    """The meetings whose rooms `meeting` shares: itself, its conference week and the week's other meetings."""
    week_id = meeting.pk if meeting.kind == Meeting.Kind.CONFERENCE_WEEK else meeting.parent_id
    if week_id is None:
        return [meeting.pk]
    return list(Meeting.objects.filter(Q(pk=week_id) | Q(parent_id=week_id)).values_list("pk", flat=True))


def ensure_fits_timetable(item: AgendaItem) -> None:
    """Refuse an item that falls outside its meeting's times or takes a room another item holds then."""
    meeting = item.meeting
    if item.duration is not None and item.starts_at is None:
        raise DomainError(_("Give the start time of an item that has a duration."), field="starts_at")
    if item.starts_at is None:
        return
    end = item.ends_at or item.starts_at
    if item.starts_at < meeting.start or end > meeting.end:
        raise DomainError(
            _("This item (%(start)s – %(end)s) falls outside the meeting, which runs from %(from)s to %(to)s.")
            % {
                "start": _clock(item.starts_at, meeting),
                "end": _clock(end, meeting),
                "from": _clock(meeting.start, meeting),
                "to": _clock(meeting.end, meeting),
            },
            field="starts_at",
        )
    key = room_key(item.room_en or item.room)
    if not key or item.ends_at is None:
        return
    if meeting.parent_id:
        lock(Meeting.objects.filter(pk=meeting.parent_id))
    candidates = (
        AgendaItem.objects.filter(
            meeting_id__in=week_meeting_ids(meeting),
            duration__isnull=False,
            starts_at__lt=item.ends_at,
            starts_at__gt=item.starts_at - dt.timedelta(minutes=AgendaItem.MAX_DURATION),
        )
        .exclude(pk=item.pk)
        .select_related("meeting")
        .order_by("starts_at", "pk")
    )
    for other in candidates:
        if room_key(other.room_en or other.room) == key and other.ends_at and other.ends_at > item.starts_at:
            raise DomainError(
                _(
                    "%(room)s is taken from %(start)s to %(end)s by “%(title)s” (%(meeting)s). Choose another room or time."
                )
                % {
                    "room": other.room_en or other.room,
                    "start": _clock(other.starts_at, meeting),  # type: ignore[arg-type]  # timed: filtered above
                    "end": _clock(other.ends_at, meeting),
                    "title": other.title,
                    "meeting": other.meeting.title,
                },
                field="room_en",
            )


def ensure_sessions_within(meeting: Meeting) -> None:
    """Refuse new meeting times that would leave timed agenda items outside them (move the items first)."""
    if not meeting.pk:
        return
    outside = [
        item
        for item in meeting.agenda_items.filter(starts_at__isnull=False).order_by("starts_at", "pk")
        if item.starts_at < meeting.start or (item.ends_at or item.starts_at) > meeting.end  # type: ignore[operator]
    ]
    if outside:
        raise DomainError(
            _("These agenda items would fall outside the new times: %(items)s. Move them first.")
            % {"items": "; ".join(f"“{item.title}” ({_clock(item.starts_at, meeting)})" for item in outside)},  # type: ignore[arg-type]
            field="start",
        )


# --- Presenters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Presenter:
    """One presenter as typed: a name and/or a country or an organisation."""

    name: str = ""
    member_state: MemberState | None = None
    organisation: str = ""

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "country": self.member_state.code if self.member_state else "",
            "organisation": self.organisation,
        }


def presenters_of(item: AgendaItem) -> list[Presenter]:
    return [
        Presenter(name=row.name, member_state=row.member_state, organisation=row.organisation)
        for row in item.presenters.all()
    ]


def ensure_presenters(presenters: Iterable[Presenter]) -> list[Presenter]:
    result = []
    for presenter in presenters:
        if presenter.member_state is not None and presenter.organisation:
            raise DomainError(
                _("A presenter speaks for a country or for an organisation, not both."), field="presenters"
            )
        if not (presenter.name or presenter.member_state or presenter.organisation):
            continue
        result.append(presenter)
    if len(result) > 30:
        raise DomainError(_("An item has at most 30 presenters."), field="presenters")
    return result


def set_presenters(item: AgendaItem, presenters: Iterable[Presenter]) -> bool:
    """Replace the item's presenters; True when they changed."""
    new = ensure_presenters(presenters)
    if item.pk and presenters_of(item) == new:
        return False
    AgendaPresenter.objects.filter(item=item).delete()
    AgendaPresenter.objects.bulk_create(
        AgendaPresenter(item=item, order=order, name=p.name, member_state=p.member_state, organisation=p.organisation)
        for order, p in enumerate(new, start=1)
    )
    return True


def parse_presenters(text: str) -> list[Presenter]:
    """The agenda form's presenters, one a line: 'Name, country or organisation', or just one of them.

    A country is recognised by its code or its name in either language (Viet Nam, VN, Việt Nam); anything
    else after the last comma is an organisation. A line with no comma is a name, unless it names a country.
    """
    states = {
        room_key(label): state
        for state in MemberState.objects.all()
        for label in (state.code, state.name_en, state.name_vi)
        if label
    }
    result = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if len(line) > 400:
            raise DomainError(_("A presenter's line is at most 400 characters."), field="presenters")
        name, _comma, affiliation = line.rpartition(",") if "," in line else ("", "", line)
        name, affiliation = name.strip(), affiliation.strip()
        state = states.get(room_key(affiliation))
        if state is not None:
            result.append(Presenter(name=name[:200], member_state=state))
        elif name:
            result.append(Presenter(name=name[:200], organisation=affiliation[:200]))
        else:
            result.append(Presenter(name=affiliation[:200]))
    return result


def presenters_text(presenters: Iterable[Presenter]) -> str:
    """The form's text for presenters (parse_presenters read back)."""
    lines = []
    for p in presenters:
        affiliation = p.member_state.name_en if p.member_state else p.organisation
        lines.append(", ".join(part for part in (p.name, affiliation) if part))
    return "\n".join(lines)
