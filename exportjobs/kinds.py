"""The exports that may run as a job, declared by the app that owns each (in its `ready()`), like the outbox's
kinds of email. This app imports no other app's exports: each kind brings its own `build`.

A kind's `build(actor, params, progress)` checks the actor's rights again (the worker runs long after the
request, and the download checks them a third time through `check`) and returns the `common.exports.Export`
the immediate path serves, with `progress` told as its rows go by."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from common.exports import Export

T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> None: ...

    def iterate(self, rows: Iterable[T], total: int) -> Iterator[T]: ...


@dataclass(frozen=True, kw_only=True)
class JobKind:
    name: str
    label: Any  # lazily translated: "Participants (XLSX)"
    # The file, made for `actor` from `params` (rights checked again; NotFound/Forbidden when gone).
    build: Callable[[Any, dict, Progress], Export]
    # Who may still have it when it is downloaded: raises NotFound/Forbidden, returns the object a read of
    # personal data is recorded on (record_access) or None for a file without personal data.
    check: Callable[[Any, dict], Any]
    # The page the export is offered on (the job page's way back).
    back_url: Callable[[dict], str]
    # From this many rows (participants, badges, papers, initiatives) the export runs as a job, and from
    # `email_from` the person asking is also emailed a link when it is ready. Measured: see README, "Exports".
    background_from: int
    email_from: int
    purpose: str = ""  # common.audit.ACCESS_PURPOSES key recorded at each download ("" for no personal data)
    # Secretariat-only kinds: a colleague in the secretariat may open the job too (they could make the file).
    staff_shared: bool = False


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> None:
    _KINDS[kind.name] = kind


def get(name: str) -> JobKind:
    return _KINDS[name]


def registered() -> dict[str, JobKind]:
    return dict(_KINDS)
