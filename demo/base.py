"""What every demo loader shares: the loader's state, moments in a venue's time, and `upsert`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo

from meetings.models import Meeting, MemberState

HANOI = "Asia/Ho_Chi_Minh"
BANGKOK = "Asia/Bangkok"
BRUNEI = "Asia/Brunei"
PHNOM_PENH = "Asia/Phnom_Penh"


@dataclasses.dataclass
class Demo:
    """What one load has written so far, for the loaders that come after."""

    today: dt.date  # the day the demo is loaded, in Phnom Penh: the illustrative future is placed from it
    states: dict[str, MemberState] = dataclasses.field(default_factory=dict)
    meetings: dict[str, Meeting] = dataclasses.field(default_factory=dict)
    logins: list[tuple[str, str, str, bool]] = dataclasses.field(default_factory=list)  # user, password, role, new


def at(tz: str, year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware moment given in a venue's local time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(tz))


def on(today: dt.date, days: int, tz: str, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware moment `days` after `today`, at a local time of the venue."""
    day = today + dt.timedelta(days=days)
    return at(tz, day.year, day.month, day.day, hour, minute)


def upsert(model, lookup: dict, values: dict):
    """Create the row, or update it only where it differs: a second run writes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=[*changed, "updated_at"] if hasattr(obj, "updated_at") else changed)
    return obj, False
