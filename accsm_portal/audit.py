"""The one audit trail (django-auditlog): who changed what, when, and the fields before and after.

Pages and the admin are attributed by `AuditMiddleware`; the REST API too, because the middleware reads
the user lazily, after the API has authenticated its token. Services and Celery tasks name the actor
explicitly with `audit_as(actor, **extra)`; `extra` (a reason, the country acted for, a task's name) is
kept in the entry's `additional_data`, beside what `audit.receivers` adds (the country a delegation or
participant belongs to, the API token used).
"""

from __future__ import annotations

import contextlib
import contextvars

from auditlog.context import auditlog_value, set_extra_data
from auditlog.middleware import AuditlogMiddleware
from django.utils.functional import SimpleLazyObject

audit_extra = contextvars.ContextVar("accsm_audit_extra", default=None)


@contextlib.contextmanager
def audit_as(actor, **extra):
    """Attribute saves inside the block to `actor` (None: the system, e.g. a periodic task), with `extra`."""
    previous = auditlog_value.get(None)
    data = {"actor": actor if getattr(actor, "is_authenticated", False) else None}
    extra_token = audit_extra.set({**(audit_extra.get() or {}), **extra})
    try:
        with set_extra_data(context_data=data):
            yield
    finally:
        audit_extra.reset(extra_token)
        if previous is not None:
            auditlog_value.set(previous)


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, with the actor resolved when an entry is written (so a REST API token's user
    counts) and the address taken as our trusted proxies report it."""

    @staticmethod
    def _get_actor(request):
        def resolve():
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else None

        return SimpleLazyObject(resolve)

    @staticmethod
    def _get_remote_addr(request):
        from ops.client_ip import client_ip

        return client_ip(request)
