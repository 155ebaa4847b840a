"""Other apps that keep personal data about participants (e-mail outboxes, uploaded letters…) register
here, so that an export includes it and an erasure removes it:

    from privacy.registry import PersonalDataSource, register
    register(PersonalDataSource("reminders", export=export_reminders, erase=erase_reminders))

`export(participants)` returns JSON-ready rows; `erase(participants)` removes or blanks them. Both receive
the participant records of one person, already checked against the actor's rights. `identifiers(participants)`
(optional) names values the source holds that identify the person outside the participant record (a
passport number): erasure also looks for them in the stores that keep copies (privacy.traces).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable[[list], list[dict]]
    erase: Callable[[list], None]
    identifiers: Callable[[list], list[str]] | None = None


SOURCES: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> None:
    SOURCES[source.name] = source
