"""Row locks, taken one way: `lock(*targets)` (CONTRIBUTING.md, "Row locks", has the order and the rules).

Two transactions that lock the same rows in different orders can each wait for the other (a deadlock).
So every lock goes through `lock()`, which takes them in one order for the whole project: by the model's
rank (the apps register their models' ranks in their `ready()`; a row before the rows that point to it:
chairmanship, meeting, agenda item, delegation, participant, …), then by primary key. A request that
waits longer than `LOCK_TIMEOUT_MS` for a lock (PostgreSQL) gives up with `Busy`, a 409 the user can
retry, instead of holding a worker until it is killed.

Claims are not locks: the reminders dispatcher takes due rows with `SKIP LOCKED` (rows another worker is
taking are passed over, never waited for), so it keeps its own `select_for_update(skip_locked=True)`.
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connections, models, router, transaction
from django.db.transaction import TransactionManagementError

from .errors import Busy

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout (and NOWAIT)

_ranks: dict[type[models.Model], int] = {}

# A check to run again once the rows are locked (an HTTP request's If-Match): see `checked_under_lock`.
_under_lock: contextvars.ContextVar[Callable[[], None] | None] = contextvars.ContextVar(
    "accsm_under_lock", default=None
)


@contextlib.contextmanager
def checked_under_lock(check: Callable[[], None]) -> Iterator[None]:
    """Inside the block, the first `lock()` runs `check()` right after taking its locks (once), so a condition
    read before a service began (the API's If-Match) is read again while no other writer can change it: every
    writer of a row locks it, or its parent, through `lock()` first. `check` raises to refuse."""
    token = _under_lock.set(check)
    try:
        yield
    finally:
        _under_lock.reset(token)


def register_lock_ranks(ranks: Mapping[type[models.Model], int]) -> None:
    """Give models their place in the lock order (lower ranks are locked first). Called in `ready()`."""
    for model, rank in ranks.items():
        _ranks[model._meta.concrete_model] = rank


def lock_rank(model: type[models.Model]) -> int:
    try:
        return _ranks[model._meta.concrete_model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no lock rank: register one in its app's ready() (CONTRIBUTING.md, 'Row locks')"
        ) from None


def ranked_models() -> list[type[models.Model]]:
    """Every model with a rank, in the order they are locked."""
    return sorted(_ranks, key=_ranks.__getitem__)


def is_lock_timeout(error: BaseException) -> bool:
    """Whether a database error is PostgreSQL giving up waiting for a lock."""
    return getattr(error.__cause__ or error, "sqlstate", None) == LOCK_NOT_AVAILABLE  # psycopg 3's error


def is_database_busy(error: BaseException) -> bool:
    """Whether an error means "someone else holds the lock; try again": PostgreSQL's lock timeout, or
    SQLite still locked by another writer once its busy timeout has run out."""
    if not isinstance(error, OperationalError):
        return False
    return is_lock_timeout(error) or "database is locked" in str(error)


def lock(*targets: models.Model | models.QuerySet) -> list[Any]:
    """Lock rows until the end of the transaction and return them as they are now in the database.

    A target is a row (a model instance: it is read again by primary key and must still exist, else its
    model's DoesNotExist, like `.get()`) or a queryset (all its rows, however many; use one to read
    related rows with `select_related`, which are read but not locked). The rows come back in the order of
    the targets, a queryset's rows in primary key order: `meeting, delegation = lock(meeting, delegation)`,
    `[meeting] = lock(meeting)`, `meeting, *items = lock(meeting, meeting.agenda_items.all())`.

    Whatever the order of the arguments, the rows are locked by the models' ranks, then by primary key.
    Give a model's rows in one target (instances of one model are locked in one statement). Several calls
    in one transaction must follow the order too: lock what you will change in one call, at the start.

    Refuses to run outside `transaction.atomic()`. On PostgreSQL, waiting longer than LOCK_TIMEOUT_MS for
    a lock raises `Busy` (the timeout then holds for the rest of the transaction, which the error aborts:
    let it leave the atomic block; never catch it inside and go on querying).
    """
    if not targets:
        return []
    using = _database_of(targets)
    connection = connections[using]
    if not connection.in_atomic_block:
        raise TransactionManagementError("lock() takes row locks for a transaction: call it in transaction.atomic()")

    statements = sorted(_statements(targets, using), key=lambda statement: lock_rank(statement[0]))
    by_pk: dict[tuple[type[models.Model], Any], models.Model] = {}
    by_target: dict[int, list[models.Model]] = {}
    try:
        _set_lock_timeout(connection)
        for model, qs, target_index in statements:
            locked = list(qs.select_for_update(of=("self",)).order_by("pk"))
            if target_index is None:
                by_pk.update(((model, row.pk), row) for row in locked)
            else:
                by_target[target_index] = locked
    except OperationalError as error:
        if not is_lock_timeout(error):
            raise
        transaction.set_rollback(True, using=using)  # the database has aborted the transaction
        raise Busy from error

    check = _under_lock.get()
    if check is not None:
        _under_lock.set(None)  # once per block: the service's later locks are its own business
        check()

    result: list[Any] = []
    for index, target in enumerate(targets):
        if index in by_target:
            result.extend(by_target[index])
            continue
        model = target._meta.concrete_model
        row = by_pk.get((model, target.pk))
        if row is None:
            raise type(target).DoesNotExist(f"{model._meta.label} {target.pk} no longer exists")
        result.append(row)
    return result


def _database_of(targets) -> str:
    databases = {
        target.db
        if isinstance(target, models.QuerySet)
        else (target._state.db or router.db_for_write(type(target), instance=target))
        for target in targets
    }
    if len(databases) != 1:
        raise ValueError(f"lock() takes rows of one database, not {sorted(databases)}")
    return databases.pop()


def _statements(targets, using: str) -> list[tuple[type[models.Model], models.QuerySet, int | None]]:
    """One statement per model: (model, queryset, index of the queryset target or None for instances)."""
    pks: dict[type[models.Model], list] = {}
    statements = []
    for index, target in enumerate(targets):
        if isinstance(target, models.QuerySet):
            statements.append((target.model._meta.concrete_model, target, index))
        elif target.pk is None:
            raise ValueError(f"cannot lock an unsaved {target._meta.label}")
        else:
            pks.setdefault(target._meta.concrete_model, []).append(target.pk)
    for model, model_pks in pks.items():
        statements.append((model, model._default_manager.using(using).filter(pk__in=model_pks), None))
    models_locked = [model for model, _qs, _index in statements]
    for model in models_locked:
        if models_locked.count(model) > 1:
            raise ValueError(f"give the rows of {model._meta.label} to lock() in one target")
    return statements


def _set_lock_timeout(connection) -> None:
    """SET LOCAL lasts to the end of the transaction, but a savepoint rolled back undoes it: set on each call."""
    timeout_ms = settings.LOCK_TIMEOUT_MS
    if connection.vendor == "postgresql" and timeout_ms > 0:
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{timeout_ms}ms'")
