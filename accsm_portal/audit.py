"""The audit trail (django-auditlog) records who changed what. Services name the actor explicitly, so a
change from a page, the API or a Celery task is attributed the same way."""

import contextlib
from contextvars import ContextVar

from auditlog.context import auditlog_value, set_extra_data

# Extras of the enclosing audit_as blocks: a service's own audit_as inside the API's keeps the API token.
_extras: ContextVar[tuple] = ContextVar("accsm_audit_extras", default=())


@contextlib.contextmanager
def audit_as(actor, **extra):
    """Attribute saves inside the block to `actor`, with `extra` (a reason, an API token) kept beside them."""
    previous = auditlog_value.get(None)
    extras_token = _extras.set((*_extras.get(), *extra.items()))
    data = {"actor": actor if getattr(actor, "is_authenticated", False) else None}
    if _extras.get():
        data["additional_data"] = dict(_extras.get())
    try:
        with set_extra_data(data):
            yield
    finally:
        _extras.reset(extras_token)
        if previous is not None:
            auditlog_value.set(previous)
