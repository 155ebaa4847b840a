"""After the commit, once: a callback that many writes of one transaction ask for (wake the dispatcher,
expire a cache) is queued on the first ask and not again."""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections, transaction


def on_commit_once(callback: Callable[[], object], *, using: str | None = None) -> None:
    """`transaction.on_commit(callback, robust=True)` unless this transaction already holds it (outside a
    transaction it runs at once, as on_commit does). Robust: a failing callback is logged and never stops
    the callbacks after it."""
    using = using or DEFAULT_DB_ALIAS
    # django-stubs still types run_on_commit as pairs; Django 5 keeps (savepoints, callback, robust).
    queued = connections[using].run_on_commit
    if any(queued_callback is callback for _savepoints, queued_callback, _robust in queued):  # type: ignore[misc]
        return
    transaction.on_commit(callback, using=using, robust=True)
