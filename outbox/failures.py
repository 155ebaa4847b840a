"""The one list of emails that did not go: the outbox's own failed or stuck rows, and what other senders
register (the reminders' failed and missed reminders), each row with the action that sends it again.

    register_source(lambda actor: [Failure(...), ...])   # one query per source, whatever the row count
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Failure:
    kind: str  # what email, in the reader's language
    to_name: str
    to_email: str
    state: str  # the state's label
    error: str
    attempts: int
    when: dt.datetime
    retry_url: str  # a POST; "" when it cannot be sent again
    retry_fields: dict = field(default_factory=dict)  # hidden fields of the retry form
    key: str = ""


SOURCES: list[Callable[[object], list[Failure]]] = []


def register_source(source: Callable[[object], list[Failure]]) -> None:
    if source not in SOURCES:
        SOURCES.append(source)
