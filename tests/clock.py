"""The database's clock in tests. Leases and claims are written and compared by the database
(common/clock.py), which a test cannot freeze: `database_moves_on(delta)` ages every lease and claim
moment by `delta` instead, as if the database's clock had run on."""

import datetime as dt

from django.db.models import F

from outbox.models import DispatcherLease, OutboxEmail
from reminders.models import Reminder


def database_moves_on(delta: dt.timedelta) -> None:
    DispatcherLease.objects.filter(expires_at__isnull=False).update(expires_at=F("expires_at") - delta)
    OutboxEmail.objects.filter(claimed_at__isnull=False).update(claimed_at=F("claimed_at") - delta)
    Reminder.objects.filter(claimed_at__isnull=False).update(claimed_at=F("claimed_at") - delta)
