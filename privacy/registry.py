"""Other apps that keep personal data about participants (e-mail outboxes, uploaded letters…) register
here, so that an export includes it and an erasure removes it:

    from privacy.registry import PersonalDataSource, register
    register(PersonalDataSource("reminders", export=export_reminders, erase=erase_reminders))

`export(participants)` returns JSON-ready rows; `erase(participants)` removes or blanks them. Both receive
the participant records of one person, already checked against the actor's rights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable[[list], list[dict]]
    erase: Callable[[list], None]


SOURCES: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> None:
    SOURCES[source.name] = source
