"""Measurements taken inside this process, without HTTP: the reminder dispatcher and the participants import."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable


@dataclasses.dataclass
class InProcess:
    key: str
    label: str
    run: Callable[[dict], dict]  # anchors -> {"seconds": float, "detail": str}; raises NotYet
    target: dict


def _reminders(anchors: dict) -> dict:
    from .endpoints import NotYet

    raise NotYet("the reminder dispatcher is not on main yet")


def _import(anchors: dict) -> dict:
    from .endpoints import NotYet

    raise NotYet("the participants import is not on main yet")


MEASUREMENTS = [
    InProcess(
        "reminders", "reminder dispatcher: 10,000 due reminders to the email backend", _reminders, {"seconds": 60}
    ),
    InProcess("import", "participants import: 1,000-row file", _import, {"seconds": 5}),
]
