"""The audit trail (django-auditlog) records who changed what. Services name the actor explicitly, so a
change from a page, the API or a Celery task is attributed the same way."""

import contextlib

from auditlog.context import auditlog_value, set_extra_data


@contextlib.contextmanager
def audit_as(actor, **extra):
    """Attribute saves inside the block to `actor`, with `extra` (a reason, an API token) kept beside them."""
    previous = auditlog_value.get(None)
    data = {"actor": actor if getattr(actor, "is_authenticated", False) else None}
    if extra:
        data["additional_data"] = extra
    try:
        with set_extra_data(data):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)
