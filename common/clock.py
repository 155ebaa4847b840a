"""One clock for coordination between workers: the database's.

Leases and claims decide "is this still held?" by comparing moments written by one process with the
moment another one reads. Each worker's own clock can be minutes off (a fast VM clock took the live
dispatcher's lease and 69 of its claims: issue 18), so those moments are written and compared by the
database, in the same statement: `db_now()` and `db_now(plus=…)`/`db_now(minus=…)` are expressions for
`filter()` and `update()`, evaluated by the database server, never by the worker.

What the portal's users mean by a moment (a reminder's due time, a meeting's start) stays timezone.now():
that is domain time, and the tests freeze it.
"""

import datetime as dt

from django.db.models import DateTimeField, DurationField, ExpressionWrapper, Value
from django.db.models.functions import Now


def db_now(*, plus: dt.timedelta | None = None, minus: dt.timedelta | None = None):
    moment = Now()
    if plus:
        moment = moment + Value(plus, output_field=DurationField())
    if minus:
        moment = moment - Value(minus, output_field=DurationField())
    return ExpressionWrapper(moment, output_field=DateTimeField())
