"""The meetings app's demo: member states, chairmanships, meetings and their agendas."""

from __future__ import annotations

from meetings.models import AgendaItem, Chairmanship, Meeting, MemberState
from meetings.services import timetable

from .base import Demo, upsert
from .data.member_states import MEMBER_STATES


def load_member_states(demo: Demo) -> None:
    for code, name_en, name_vi, group in MEMBER_STATES:
        demo.states[code], _ = upsert(
            MemberState, {"code": code}, {"name_en": name_en, "name_vi": name_vi, "group": group}
        )


def chairmanship(
    demo: Demo, ordinal, chair, agency_en, agency_vi, start, end, theme_en="", theme_vi="", handed=None
) -> Chairmanship:
    obj, _ = upsert(
        Chairmanship,
        {"ordinal": ordinal},
        {
            "chair": demo.states[chair],
            "chairing_agency_en": agency_en,
            "chairing_agency_vi": agency_vi,
            "term_start": start,
            "term_end": end,
            "theme_en": theme_en,
            "theme_vi": theme_vi,
            "handed_over_at": handed,
        },
    )
    return obj


def meeting(demo: Demo, key, chairmanship, kind, title, start, end, tz, *, agenda=(), **fields) -> Meeting:
    """`title` and text fields are (English, Vietnamese) pairs; `agenda` a list of items: (title in English,
    in Vietnamese[, presenter[, outcome in English, in Vietnamese]])."""
    values = {"kind": kind, "start": start, "end": end, "time_zone": tz}
    for name in ("theme", "description", "venue", "city"):
        en, vi = fields.pop(name, ("", ""))
        values[f"{name}_en"], values[f"{name}_vi"] = en, vi
    values["title_vi"] = title[1]
    values.update(fields)
    obj, _ = upsert(Meeting, {"chairmanship": chairmanship, "title_en": title[0]}, values)
    for order, item in enumerate(agenda, start=1):
        title_en, title_vi, presenter, outcome_en, outcome_vi = (*item, "", "", "", "")[:5]
        agenda_item, _ = upsert(
            AgendaItem,
            {"meeting": obj, "order": order},
            {"title_en": title_en, "title_vi": title_vi, "outcome_en": outcome_en, "outcome_vi": outcome_vi},
        )
        timetable.set_presenters(agenda_item, timetable.parse_presenters(presenter))
    demo.meetings[key] = obj
    return obj
