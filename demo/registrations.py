"""The registrations' demo: delegations and their participants."""

from __future__ import annotations

from meetings.models import Delegation, Participant

from .base import Demo, upsert


def delegation(demo: Demo, meeting_key, code, people, *, status, language="en", **extra) -> Delegation:
    """`people`: (full name, honorific, position, role, organisation) each, all with the same status."""
    obj, _ = upsert(Delegation, {"meeting": demo.meetings[meeting_key], "member_state": demo.states[code]}, {})
    for full_name, honorific, position, role, organisation in people:
        upsert(
            Participant,
            {"delegation": obj, "full_name": full_name},
            {
                "honorific": honorific,
                "position": position,
                "role": role,
                "organisation": organisation,
                "status": status,
                "language": language,
                **extra,
            },
        )
    return obj
